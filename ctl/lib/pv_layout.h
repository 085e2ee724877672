/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The start-of-day layout of a 64-bit PV domain built from dom0, and its
 * initial page tables. Pure: host-tested (tests/unit/test_xl_build.c).
 *
 * xen.h's "start of day" contract: one virtually contiguous region from
 * the kernel's VIRT_BASE, mapped 1:1 onto the first pseudo-physical
 * frames, holding in order the kernel image, the initial ramdisk, the
 * phys-to-machine list, start_info, (for a domU) the xenstore and console
 * ring pages, the bootstrap page tables (mapped read-only) and a stack
 * page; the region ends on a 4 MiB boundary with at least 512 KiB to
 * spare. Xen 4.17's libxc lays it out the same way
 * (tools/libs/guest/xg_dom_x86.c: alloc_magic_pages_pv, count_pgtables).
 */
#ifndef CTL_LIB_PV_LAYOUT_H
#define CTL_LIB_PV_LAYOUT_H

#include <stdint.h>

#include <xen/xen.h>

#define PV_PAGE_SHIFT  12
#define PV_PAGE_BYTES  (1ULL << PV_PAGE_SHIFT)
#define PV_PT_ENTRIES  512

/* Each element is a run of pseudo-physical frames from pfn 0 up. */
struct pv_layout {
    uint64_t virt_base;
    uint64_t nr_pages;          /* the domain's memory, in frames */

    uint64_t kernel_pfn, kernel_pages;
    uint64_t ramdisk_pfn, ramdisk_pages;    /* 0 pages: none */
    uint64_t p2m_pfn, p2m_pages;
    uint64_t start_info_pfn;
    uint64_t store_pfn;
    uint64_t console_pfn;
    uint64_t pt_pfn;            /* the L4, then the L3s, L2s and L1s */
    unsigned int nr_l3, nr_l2, nr_l1;
    unsigned int nr_pt;         /* 1 + nr_l3 + nr_l2 + nr_l1 */
    uint64_t stack_pfn;

    uint64_t virt_end;          /* end of the initial mapping */
    uint64_t bootstrap_pages;   /* frames mapped: (virt_end - virt_base) / 4K */
};

/*
 * Lay out a domain of nr_pages frames whose kernel occupies
 * [virt_kstart, virt_kend) from virt_base (from its ELF notes), with a
 * ramdisk of ramdisk_bytes (0: none).
 * Returns 0; -EINVAL (virt_base unaligned, kernel below virt_base or
 * empty, the region leaving the address space) or -ENOMEM (nr_pages too
 * small for the region), with a static reason in *why.
 */
int pv_layout_compute(struct pv_layout *l, uint64_t virt_base,
                      uint64_t virt_kstart, uint64_t virt_kend,
                      uint64_t ramdisk_bytes, uint64_t nr_pages,
                      const char **why);

/* The virtual address of pseudo-physical frame pfn in the region. */
static inline uint64_t pv_layout_virt(const struct pv_layout *l, uint64_t pfn)
{
    return l->virt_base + (pfn << PV_PAGE_SHIFT);
}

/*
 * Fill the l->nr_pt tables (tables[i] is frame l->pt_pfn + i) so that
 * every page of [virt_base, virt_end) maps pfn (va - virt_base) / 4K to
 * p2m[pfn] (machine frames, l->bootstrap_pages of them at least), user
 * and writable except the tables themselves (read-only, as Xen requires
 * of a page-table frame). Entries outside the region are zero.
 */
void pv_pagetable_build(const struct pv_layout *l, const xen_pfn_t *p2m,
                        uint64_t (*tables)[PV_PT_ENTRIES]);

#endif /* CTL_LIB_PV_LAYOUT_H */
