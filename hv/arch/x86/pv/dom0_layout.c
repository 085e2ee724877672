/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Start-of-day layout arithmetic for a PV dom0 (contract in
 * asm/dom0_layout.h; order from xen/include/public/xen.h and Xen 4.17's
 * xen/arch/x86/pv/dom0_build.c, dom0_construct_pv() and
 * setup_pv_physmap()). Every sum is checked: the inputs come from a
 * kernel image.
 */
#include <asm/dom0_layout.h>
#include <xenolith/errno.h>
#include <xen/xen.h>

#define PT_LEVEL_SHIFT(level) (12 + 9 * (level))   /* L1 = 21 ... */
#define FOUR_MIB  (4ULL << 20)
#define MIN_PAD   (512ULL << 10)
#define ADDR_LIMIT 0xfffffffffffff000ULL
#define LOWER_HALF_END 0x0000800000000000ULL

/* a + b rounded up to a page, or false on overflow. */
static bool add_page_up(uint64_t a, uint64_t b, uint64_t *out)
{
    uint64_t sum = a + b;

    if ( sum < a || sum > ADDR_LIMIT )
        return false;
    *out = ROUNDUP(sum, (uint64_t)PAGE_SIZE);
    return true;
}

static uint64_t pages_of(uint64_t bytes)
{
    return (bytes >> PAGE_SHIFT) + !!(bytes & (PAGE_SIZE - 1));
}

/* Naturally aligned 2^shift regions that [start, end) touches; end > start. */
static uint64_t regions(uint64_t start, uint64_t end, unsigned int shift)
{
    return ((end - 1) >> shift) - (start >> shift) + 1;
}

/* Regions touched by both [a, a_end) and [b, b_end). */
static uint64_t shared_regions(uint64_t a, uint64_t a_end, uint64_t b,
                               uint64_t b_end, unsigned int shift)
{
    uint64_t lo = MAX(a >> shift, b >> shift);
    uint64_t hi = MIN((a_end - 1) >> shift, (b_end - 1) >> shift);

    return hi >= lo ? hi - lo + 1 : 0;
}

/* Table frames needed to map [start, end): one L4 plus L3s, L2s, L1s. */
static uint64_t tables_needed(uint64_t start, uint64_t end)
{
    uint64_t n = 1;
    unsigned int level;

    for ( level = 1; level <= 3; level++ )
        n += regions(start, end, PT_LEVEL_SHIFT(level));
    return n;
}

/* Page tables, stack, padding: the tables map themselves, so iterate. */
static bool place_tables(struct dom0_layout *l)
{
    uint64_t frames = 0, v_end;

    for ( ; ; )
    {
        if ( !add_page_up(l->pt_start, frames * PAGE_SIZE + PAGE_SIZE,
                          &l->stack_end) ||
             l->stack_end > ADDR_LIMIT - 2 * FOUR_MIB )
            return false;
        v_end = ROUNDUP(l->stack_end, FOUR_MIB);
        if ( v_end - l->stack_end < MIN_PAD )
            v_end += FOUR_MIB;
        if ( tables_needed(l->v_start, v_end) <= frames )
            break;
        frames = tables_needed(l->v_start, v_end);
    }
    l->nr_pt_frames = frames;
    l->v_end = v_end;
    return true;
}

/* Xen's get_order_from_bytes(): the smallest 2^order pages holding bytes. */
static uint64_t alloc_pages_for(uint64_t bytes)
{
    uint64_t pages = 1;

    while ( pages < pages_of(bytes) )
        pages <<= 1;
    return pages;
}

/* Virtual layout of the initial mapping, in xen.h's order. */
static bool place_mapping(const struct dom0_layout_input *in,
                          struct dom0_layout *l)
{
    uint64_t p2m_in_map = l->p2m_separate ? 0 : in->nr_pages * 8;
    uint64_t after_kernel, info_size = sizeof(struct start_info) +
                                       sizeof(struct dom0_vga_console_info);

    if ( !add_page_up(in->kern_end, 0, &after_kernel) )
        return false;
    l->initrd_start = in->unmapped_initrd ? 0 : after_kernel;
    if ( in->unmapped_initrd )
        l->p2m_start = after_kernel;
    else if ( !add_page_up(after_kernel, in->initrd_len, &l->p2m_start) )
        return false;
    return add_page_up(l->p2m_start, p2m_in_map, &l->start_info) &&
           add_page_up(l->start_info, info_size, &l->pt_start) &&
           place_tables(l);
}

/*
 * The p2m list at INIT_P2M: where it may go, and the frames its mapping
 * takes (Xen's setup_pv_physmap() with 4 KiB pages: a table at each level
 * wherever the initial mapping has none yet, and one frame per page).
 */
static int place_separate_p2m(const struct dom0_layout_input *in,
                              struct dom0_layout *l)
{
    uint64_t start = in->p2m_base, bytes = in->nr_pages * 8, end, frames;
    unsigned int level;

    if ( !add_page_up(start, bytes, &end) || (start & (PAGE_SIZE - 1)) ||
         (start < LOWER_HALF_END && end > LOWER_HALF_END) ||
         (start >= LOWER_HALF_END && start < __HYPERVISOR_VIRT_END) )
        return -EINVAL;
    /* Xen 4.17 refuses a list touching the mapping, even at its end. */
    if ( l->v_start <= start + bytes && start <= l->v_end )
        return -EINVAL;
    frames = pages_of(bytes);
    for ( level = 1; level <= 3; level++ )
    {
        unsigned int shift = PT_LEVEL_SHIFT(level);

        frames += regions(start, end, shift) -
                  shared_regions(start, end, l->v_start, l->v_end, shift);
    }
    l->p2m_start = start;
    l->nr_p2m_frames = frames;
    return 0;
}

int dom0_layout_compute(const struct dom0_layout_input *in,
                        struct dom0_layout *l)
{
    uint64_t mapped_initrd, init_alloc;
    int rc;

    if ( in->kern_start < in->virt_base || in->kern_end < in->kern_start ||
         (in->virt_base & (PAGE_SIZE - 1)) ||
         in->nr_pages > (ADDR_LIMIT / sizeof(xen_pfn_t)) ||
         in->initrd_len > ADDR_LIMIT )
        return -EINVAL;
    *l = (struct dom0_layout){
        .v_start = in->virt_base, .kern_start = in->kern_start,
        .kern_end = in->kern_end, .initrd_len = in->initrd_len,
        .nr_pages = in->nr_pages,
        .p2m_separate = in->p2m_base != DOM0_P2M_IN_MAP,
    };
    if ( !place_mapping(in, l) )
        return -EINVAL;
    if ( l->p2m_separate && (rc = place_separate_p2m(in, l)) )
        return rc;

    /* Xen 4.17: the initial allocation covers the mapping but its initrd. */
    mapped_initrd = l->initrd_start ? ROUNDUP(in->initrd_len, PAGE_SIZE) : 0;
    init_alloc = alloc_pages_for(l->v_end - l->v_start - mapped_initrd);
    l->initrd_pfn = l->initrd_start
                    ? (l->initrd_start - l->v_start) >> PAGE_SHIFT
                    : init_alloc;
    l->first_p2m_pfn = init_alloc + pages_of(in->initrd_len);
    if ( l->first_p2m_pfn > in->nr_pages ||
         l->nr_p2m_frames > in->nr_pages - l->first_p2m_pfn )
        return -ENOMEM;
    return 0;
}
