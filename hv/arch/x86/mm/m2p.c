/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The machine-to-phys table (contract in asm/m2p.h). One 8-byte entry per
 * machine frame, in hypervisor heap pages that are mapped read-only, user-
 * accessible and non-executable at RO_M2P_VIRT_START in L4 slot 256, which
 * every guest L4 shares. Guests can read it and nothing else there.
 */
#include <asm/m2p.h>
#include <asm/page.h>
#include <xenolith/console.h>
#include <xenolith/frame_table.h>
#include <xenolith/mm.h>
#include <xenolith/panic.h>
#include <xenolith/string.h>

#define M2P_ENTRIES_PER_PAGE (PAGE_SIZE / sizeof(uint64_t))
#define PAGE_GUEST_RO (_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX)

static uint64_t **m2p_pages;          /* Hypervisor view of each table page. */
static uint64_t m2p_nr_pages;

void m2p_init(void)
{
    uint64_t i;

    m2p_nr_pages = (max_page + M2P_ENTRIES_PER_PAGE - 1) /
                   M2P_ENTRIES_PER_PAGE;
    if ( m2p_nr_pages * PAGE_SIZE > RO_M2P_VIRT_END - RO_M2P_VIRT_START )
        panic("the M2P table does not fit its guest-visible window");
    m2p_pages = xzalloc(m2p_nr_pages * sizeof(*m2p_pages));
    if ( !m2p_pages )
        panic("out of memory for the M2P table");
    for ( i = 0; i < m2p_nr_pages; i++ )
    {
        uint64_t *page = alloc_xenheap_page();

        if ( !page ||
             map_pages_to_hypervisor(RO_M2P_VIRT_START + i * PAGE_SIZE,
                                     maddr_to_mfn(virt_to_maddr(page)), 1,
                                     PAGE_GUEST_RO) )
            panic("out of memory for the M2P table");
        memset(page, 0xff, PAGE_SIZE);           /* All M2P_INVALID. */
        m2p_pages[i] = page;
    }
    printk("M2P: %lu entries in %lu pages at %#lx\n", max_page, m2p_nr_pages,
           (uint64_t)RO_M2P_VIRT_START);
}

void m2p_set(mfn_t mfn, uint64_t pfn)
{
    uint64_t m = mfn_x(mfn);

    if ( m < max_page )
        m2p_pages[m / M2P_ENTRIES_PER_PAGE][m % M2P_ENTRIES_PER_PAGE] = pfn;
}
