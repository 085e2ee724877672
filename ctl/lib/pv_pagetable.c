/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The initial page tables of a PV domain (contract in pv_layout.h). The
 * tables sit in frame order L4, L3s, L2s, L1s; a table of level n is
 * found from the slot index one level up relative to virt_base, so
 * tables cover [virt_base, virt_end) without gaps. Flags as libxc's for
 * x86_64 (xg_dom_x86.c): user on every level, since a 64-bit PV kernel
 * runs in ring 3; a page-table frame is never mapped writable.
 */
#include <string.h>

#include "pv_layout.h"

#define PTE_PRESENT  0x001ULL
#define PTE_RW       0x002ULL
#define PTE_USER     0x004ULL
#define PTE_ACCESSED 0x020ULL
#define PTE_DIRTY    0x040ULL

#define PTE_TABLE    (PTE_PRESENT | PTE_RW | PTE_USER | PTE_ACCESSED | PTE_DIRTY)
#define PTE_PAGE     (PTE_PRESENT | PTE_RW | PTE_USER | PTE_ACCESSED)

static unsigned int slot(uint64_t va, unsigned int shift)
{
    return (unsigned int)((va >> shift) & (PV_PT_ENTRIES - 1));
}

/* Index, among the tables of one level, of the table holding va. */
static unsigned int table_of(const struct pv_layout *l, uint64_t va,
                             unsigned int shift)
{
    return (unsigned int)((va >> shift) - (l->virt_base >> shift));
}

static uint64_t table_entry(const struct pv_layout *l, const xen_pfn_t *p2m,
                            unsigned int index)
{
    return ((uint64_t)p2m[l->pt_pfn + index] << PV_PAGE_SHIFT) | PTE_TABLE;
}

void pv_pagetable_build(const struct pv_layout *l, const xen_pfn_t *p2m,
                        uint64_t (*tables)[PV_PT_ENTRIES])
{
    unsigned int first_l3 = 1, first_l2 = first_l3 + l->nr_l3;
    unsigned int first_l1 = first_l2 + l->nr_l2;
    uint64_t pfn, va, pte;

    memset(tables, 0, (size_t)l->nr_pt * sizeof(*tables));
    for ( pfn = 0; pfn < l->bootstrap_pages; pfn++ )
    {
        va = pv_layout_virt(l, pfn);
        /* The upper levels: written again for each page, harmlessly. */
        tables[0][slot(va, 39)] =
            table_entry(l, p2m, first_l3 + table_of(l, va, 39));
        tables[first_l3 + table_of(l, va, 39)][slot(va, 30)] =
            table_entry(l, p2m, first_l2 + table_of(l, va, 30));
        tables[first_l2 + table_of(l, va, 30)][slot(va, 21)] =
            table_entry(l, p2m, first_l1 + table_of(l, va, 21));

        pte = ((uint64_t)p2m[pfn] << PV_PAGE_SHIFT) | PTE_PAGE;
        if ( pfn >= l->pt_pfn && pfn < l->pt_pfn + l->nr_pt )
            pte &= ~PTE_RW;
        tables[first_l1 + table_of(l, va, 21)][slot(va, 12)] = pte;
    }
}
