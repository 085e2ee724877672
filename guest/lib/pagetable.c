/* SPDX-License-Identifier: GPL-2.0-only */
/* Walking the bootstrap page tables (guest/include/guest/pagetable.h). */
#include <guest/arch/page.h>
#include <guest/mm.h>
#include <guest/pagetable.h>
#include <guest/setup.h>

#define PTE_PSE      0x080
#define PTE_ADDR     0x000ffffffffff000ULL

const uint64_t *guest_pt_table_va(xen_pfn_t mfn)
{
    const xen_pfn_t *mfn_list = (const xen_pfn_t *)guest_start_info->mfn_list;
    unsigned long first = guest_pfn_of((const void *)guest_start_info->pt_base);
    unsigned long i;

    for ( i = 0; i < guest_start_info->nr_pt_frames; i++ )
        if ( mfn_list[first + i] == mfn )
            return (const uint64_t *)(GUEST_VIRT_BASE +
                                      ((first + i) << PAGE_SHIFT));
    return NULL;
}

xen_pfn_t guest_pt_mfn(const void *va, unsigned int level)
{
    unsigned long addr = (unsigned long)va;
    xen_pfn_t mfn = guest_mfn_of((const void *)guest_start_info->pt_base);
    unsigned int l;

    for ( l = 4; l > level; l-- )
    {
        const uint64_t *table = guest_pt_table_va(mfn);
        uint64_t e;

        if ( !table )
            return 0;
        e = table[(addr >> (PAGE_SHIFT + 9 * (l - 1))) & 511];
        if ( !(e & PTE_PRESENT) || (e & PTE_PSE) )
            return 0;
        mfn = (e & PTE_ADDR) >> PAGE_SHIFT;
    }
    return mfn;
}
