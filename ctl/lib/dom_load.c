/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The start-of-day region's contents (contract in dom_load.h). The ELF
 * loader hands out guest virtual addresses; each is bounded here against
 * the region before it is touched, since the image is untrusted.
 */
#include <errno.h>
#include <string.h>

#include "dom_load.h"

struct region {
    uint8_t *base;
    const struct pv_layout *l;
};

/* The bytes at virt..virt+len in the region, or NULL if outside it. */
static uint8_t *region_at(const struct region *r, uint64_t virt, size_t len)
{
    uint64_t size = r->l->virt_end - r->l->virt_base;
    uint64_t off = virt - r->l->virt_base;

    if ( virt < r->l->virt_base || off > size || len > size - off )
        return NULL;
    return r->base + off;
}

static int load_write(void *ctx, uint64_t virt, const void *src, size_t len)
{
    uint8_t *dst = region_at(ctx, virt, len);

    if ( !dst )
        return -EINVAL;
    memcpy(dst, src, len);
    return 0;
}

static int load_zero(void *ctx, uint64_t virt, size_t len)
{
    uint8_t *dst = region_at(ctx, virt, len);

    if ( !dst )
        return -EINVAL;
    memset(dst, 0, len);
    return 0;
}

static void *page(const struct region *r, uint64_t pfn)
{
    return r->base + (pfn << PV_PAGE_SHIFT);
}

int dom_load_region(void *region, const struct pv_layout *l,
                    const void *image, size_t image_size,
                    const struct elf_xen_info *info, const void *ramdisk,
                    const xen_pfn_t *p2m, const struct pv_start_devices *dev)
{
    struct region r = { region, l };
    int rc = elf_xen_load(image, image_size, info, load_write, load_zero, &r);

    if ( rc )
        return rc;
    if ( dev->ramdisk_bytes )
        memcpy(page(&r, l->ramdisk_pfn), ramdisk, dev->ramdisk_bytes);
    memcpy(page(&r, l->p2m_pfn), p2m, l->nr_pages * sizeof(*p2m));
    pv_start_info_fill(page(&r, l->start_info_pfn), l, p2m, dev);
    pv_pagetable_build(l, p2m, page(&r, l->pt_pfn));
    return 0;
}
