/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The start-of-day layout (contract in pv_layout.h). The page-table count
 * and the end of the region depend on each other; as libxc's
 * count_pgtables, grow the guess until the tables it needs fit in it.
 */
#include <errno.h>
#include <string.h>

#include "pv_layout.h"

#define PV_ALIGN_END   (4ULL << 20)     /* the region ends 4 MiB aligned */
#define PV_SLACK       (512ULL << 10)   /* with this much to spare */

static uint64_t pages_for(uint64_t bytes)
{
    return (bytes + PV_PAGE_BYTES - 1) >> PV_PAGE_SHIFT;
}

/* Tables of one level covering [base, end): distinct slots one level up. */
static unsigned int tables_covering(uint64_t base, uint64_t end,
                                    unsigned int shift)
{
    return (unsigned int)(((end - 1) >> shift) - (base >> shift) + 1);
}

/* Count the tables for [virt_base, end) into l; returns their total. */
static int count_tables(struct pv_layout *l, uint64_t end)
{
    l->nr_l3 = tables_covering(l->virt_base, end, 39);
    l->nr_l2 = tables_covering(l->virt_base, end, 30);
    l->nr_l1 = tables_covering(l->virt_base, end, 21);
    return 1 + l->nr_l3 + l->nr_l2 + l->nr_l1;
}

/* The end of the region if the tables take nr_pt frames; 0 on overflow. */
static uint64_t region_end(const struct pv_layout *l, unsigned int nr_pt)
{
    uint64_t used = (l->pt_pfn + nr_pt + 1) << PV_PAGE_SHIFT;  /* + stack */
    uint64_t end = l->virt_base + used + PV_SLACK + PV_ALIGN_END - 1;

    if ( end < l->virt_base )
        return 0;
    return end & ~(PV_ALIGN_END - 1);
}

static int place_tables(struct pv_layout *l, const char **why)
{
    unsigned int nr_pt = 1, need;
    uint64_t end;

    for ( ;; )
    {
        end = region_end(l, nr_pt);
        if ( !end )
        {
            *why = "the initial mapping runs past the end of the address "
                   "space";
            return -EINVAL;
        }
        need = count_tables(l, end);
        if ( need <= nr_pt )
            break;
        nr_pt = need;
    }
    l->nr_pt = nr_pt;
    l->stack_pfn = l->pt_pfn + nr_pt;
    l->virt_end = end;
    l->bootstrap_pages = (end - l->virt_base) >> PV_PAGE_SHIFT;
    return 0;
}

int pv_layout_compute(struct pv_layout *l, uint64_t virt_base,
                      uint64_t virt_kstart, uint64_t virt_kend,
                      uint64_t ramdisk_bytes, uint64_t nr_pages,
                      const char **why)
{
    uint64_t next;
    int rc;

    memset(l, 0, sizeof(*l));
    if ( virt_base & (PV_PAGE_BYTES - 1) || virt_kstart < virt_base ||
         virt_kend <= virt_kstart )
    {
        *why = "the kernel's VIRT_BASE is unaligned or above its image";
        return -EINVAL;
    }
    l->virt_base = virt_base;
    l->nr_pages = nr_pages;
    l->kernel_pfn = (virt_kstart - virt_base) >> PV_PAGE_SHIFT;
    next = pages_for(virt_kend - virt_base);
    l->kernel_pages = next - l->kernel_pfn;
    l->ramdisk_pfn = next;
    l->ramdisk_pages = pages_for(ramdisk_bytes);
    next += l->ramdisk_pages;
    l->p2m_pfn = next;
    l->p2m_pages = pages_for(nr_pages * sizeof(xen_pfn_t));
    next += l->p2m_pages;
    l->start_info_pfn = next++;
    l->store_pfn = next++;
    l->console_pfn = next++;
    l->pt_pfn = next;

    rc = place_tables(l, why);
    if ( rc )
        return rc;
    if ( l->bootstrap_pages > nr_pages )
    {
        *why = "memory is too small for the kernel and its start-of-day "
               "region";
        return -ENOMEM;
    }
    return 0;
}
