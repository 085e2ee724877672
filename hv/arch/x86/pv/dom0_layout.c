/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Start-of-day layout arithmetic for a PV dom0 (contract in
 * asm/dom0_layout.h; order from xen/include/public/xen.h and Xen 4.17's
 * xen/arch/x86/pv/dom0_build.c). Every sum is checked: the inputs come
 * from a kernel image.
 */
#include <asm/dom0_layout.h>
#include <xenolith/errno.h>
#include <xen/xen.h>

#define PT_LEVEL_SHIFT(level) (12 + 9 * (level))   /* L1 = 21 ... */
#define FOUR_MIB  (4ULL << 20)
#define MIN_PAD   (512ULL << 10)
#define ADDR_LIMIT 0xfffffffffffff000ULL

/* a + b rounded up to a page, or false on overflow. */
static bool add_page_up(uint64_t a, uint64_t b, uint64_t *out)
{
    uint64_t sum = a + b;

    if ( sum < a || sum > ADDR_LIMIT )
        return false;
    *out = ROUNDUP(sum, (uint64_t)PAGE_SIZE);
    return true;
}

/* Table frames needed to map [start, end): one L4 plus L3s, L2s, L1s. */
static uint64_t tables_needed(uint64_t start, uint64_t end)
{
    uint64_t n = 1;
    unsigned int level;

    for ( level = 1; level <= 3; level++ )
    {
        unsigned int shift = PT_LEVEL_SHIFT(level);

        n += ((end - 1) >> shift) - (start >> shift) + 1;
    }
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

int dom0_layout_compute(uint64_t virt_base, uint64_t kern_start,
                        uint64_t kern_end, uint64_t initrd_len,
                        struct dom0_layout *l)
{
    if ( kern_start < virt_base || kern_end < kern_start ||
         (virt_base & (PAGE_SIZE - 1)) ||
         l->nr_pages > (ADDR_LIMIT / sizeof(xen_pfn_t)) )
        return -EINVAL;
    l->v_start = virt_base;
    l->kern_start = kern_start;
    l->kern_end = kern_end;
    l->initrd_len = initrd_len;
    if ( !add_page_up(kern_end, 0, &l->initrd_start) ||
         !add_page_up(l->initrd_start, initrd_len, &l->p2m_start) ||
         !add_page_up(l->p2m_start, l->nr_pages * sizeof(xen_pfn_t),
                      &l->start_info) ||
         !add_page_up(l->start_info, sizeof(struct start_info), &l->pt_start) ||
         !place_tables(l) )
        return -EINVAL;
    if ( (l->v_end - l->v_start) >> PAGE_SHIFT > l->nr_pages )
        return -ENOMEM;
    return 0;
}
