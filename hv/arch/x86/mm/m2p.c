/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The machine-to-phys table (contract in asm/m2p.h). One 8-byte entry per
 * machine frame, in 2 MiB extents of hypervisor memory (naturally aligned
 * order-9 blocks, as Xen 4.17 builds its table, xen/arch/x86/x86_64/mm.c
 * paging_init()), mapped read-only, user-accessible and non-executable at
 * RO_M2P_VIRT_START in L4 slot 256, which every guest L4 shares. Guests
 * can read it and nothing else there; XENMEM_machphys_mfn_list names the
 * extents' frames.
 */
#include <asm/m2p.h>
#include <asm/page.h>
#include <xenolith/console.h>
#include <xenolith/frame_table.h>
#include <xenolith/mm.h>
#include <xenolith/panic.h>
#include <xenolith/string.h>

#define M2P_EXTENT_ORDER   9                        /* 2 MiB */
#define M2P_EXTENT_FRAMES  (1UL << M2P_EXTENT_ORDER)
#define M2P_EXTENT_ENTRIES (M2P_EXTENT_FRAMES * PAGE_SIZE / sizeof(uint64_t))
#define PAGE_GUEST_RO (_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX)

/* Set once at boot, read-only afterwards. */
static struct page_info **m2p_extents;
static unsigned int m2p_nr;

static void m2p_map_extent(unsigned int i)
{
    struct page_info *pg = buddy_alloc(M2P_EXTENT_ORDER);
    uint64_t j;

    if ( !pg ||
         map_pages_to_hypervisor(RO_M2P_VIRT_START +
                                     (uint64_t)i * M2P_EXTENT_FRAMES *
                                         PAGE_SIZE,
                                 page_to_mfn(pg), M2P_EXTENT_FRAMES,
                                 PAGE_GUEST_RO) )
        panic("out of memory for the M2P table");
    /* The hypervisor's own memory, counted as such (frame_table_account). */
    for ( j = 0; j < M2P_EXTENT_FRAMES; j++ )
        pg[j].count_info |= PGC_XEN_HEAP;
    memset(maddr_to_virt(mfn_to_maddr(page_to_mfn(pg))), 0xff,
           M2P_EXTENT_FRAMES * PAGE_SIZE);      /* All M2P_INVALID. */
    m2p_extents[i] = pg;
}

void m2p_init(void)
{
    uint64_t nr = (max_page + M2P_EXTENT_ENTRIES - 1) / M2P_EXTENT_ENTRIES;
    unsigned int i;

    if ( nr * M2P_EXTENT_FRAMES * PAGE_SIZE >
         RO_M2P_VIRT_END - RO_M2P_VIRT_START )
        panic("the M2P table does not fit its guest-visible window");
    m2p_nr = (unsigned int)nr;
    m2p_extents = xzalloc(m2p_nr * sizeof(*m2p_extents));
    if ( !m2p_extents )
        panic("out of memory for the M2P table");
    for ( i = 0; i < m2p_nr; i++ )
        m2p_map_extent(i);
    printk("M2P: %lu entries in %u extents of 2 MiB at %#lx\n", max_page,
           m2p_nr, (uint64_t)RO_M2P_VIRT_START);
}

void m2p_set(mfn_t mfn, uint64_t pfn)
{
    uint64_t m = mfn_x(mfn), *extent;

    if ( m >= max_page )
        return;
    extent = maddr_to_virt(mfn_to_maddr(
        page_to_mfn(m2p_extents[m / M2P_EXTENT_ENTRIES])));
    extent[m % M2P_EXTENT_ENTRIES] = pfn;
}

unsigned int m2p_nr_extents(void)
{
    return m2p_nr;
}

mfn_t m2p_extent_mfn(unsigned int i)
{
    return i < m2p_nr ? page_to_mfn(m2p_extents[i]) : INVALID_MFN;
}
