/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests of hv/common/memory/reservation.c and the frame ownership
 * under it (domain_page.c, page_ref.c) on real frames (fake_frames.h) for
 * a fake calling guest whose extent lists live in its fake memory.
 *
 * Checked: extents are counted, owned, listed, zeroed and written back;
 * max_pages stops allocation at the extent that would pass it; order
 * limits by privilege; decrease stops at the first frame that is not the
 * domain's; a frame still referenced (mapped) is given back but freed only
 * when its last reference goes, and is never handed out again before;
 * a frame whose MFN cannot be written back is freed again; address bits
 * and NUMA flags; start extents; lists that end in unmapped memory; and
 * after every test every frame is back in the allocator.
 */
#include <stdlib.h>
#include <string.h>

#include "fake_frames.h"
#include "fake_guest.h"
#include "harness.h"

#include <xenolith/errno.h>
#include <xenolith/memory_op.h>
#include <xenolith/mm.h>
#include <xenolith/page_ref.h>

#define LIST fake_guest_page(0)

static struct memop_args args(unsigned int nr, unsigned int order)
{
    return (struct memop_args){ .d = &fake_domain, .extent_list = LIST,
                                .nr_extents = nr, .extent_order = order,
                                .mfn_limit = ~0ULL };
}

static void reset(bool privileged)
{
    fake_frames_setup();
    fake_guest_reset(0, privileged);
    fake_domain.max_pages = ~0ULL;
    fake_guest_map(LIST, 2 * PAGE_SIZE, true);
}

static xen_pfn_t *list(void)
{
    return fake_guest_ptr(LIST);
}

/* Give back frames [0, nr) of the list, which must all be ours. */
static void give_back(unsigned int nr, unsigned int order)
{
    struct memop_args a = args(nr, order);

    memop_decrease_reservation(&a);
    CHECK_EQ(a.nr_done, nr);
}

static bool is_ours(xen_pfn_t mfn)
{
    const struct page_info *pg = mfn_to_page(_mfn(mfn));

    return pg->owner == &fake_domain &&
           pg->count_info == (PGC_STATE_INUSE | PGC_ALLOCATED | 1);
}

TEST(increase_owns_counts_zeroes_and_returns)
{
    struct memop_args a = args(3, 0);
    unsigned int i;

    reset(true);
    for ( i = 0; i < 64; i++ )
        fake_frames_dirty(FAKE_FRAMES_FIRST_FREE + i, 0xa5);
    memop_increase_reservation(&a);
    CHECK_EQ(a.nr_done, 3);
    CHECK_EQ(fake_domain.tot_pages, 3);
    for ( i = 0; i < 3; i++ )
    {
        const unsigned char *p = maddr_to_virt(list()[i] << PAGE_SHIFT);

        CHECK(is_ours(list()[i]));
        CHECK(p[0] == 0 && p[PAGE_SIZE - 1] == 0);
    }
    give_back(3, 0);
    CHECK_EQ(fake_domain.tot_pages, 0);
    CHECK(fake_domain.page_list == NULL);
    fake_frames_check_no_leak();
}

TEST(increase_stops_at_max_pages)
{
    struct memop_args a = args(4, 1);

    reset(true);
    fake_domain.max_pages = 5;
    memop_increase_reservation(&a);
    CHECK_EQ(a.nr_done, 2);            /* A third extent of 2 would be 6. */
    CHECK_EQ(fake_domain.tot_pages, 4);
    CHECK_EQ(list()[0] & 1, 0);
    give_back(2, 1);
    fake_frames_check_no_leak();
}

TEST(order_limits_follow_privilege)
{
    struct memop_args a;

    reset(false);
    CHECK_EQ(memop_max_order(&fake_domain), 9);
    a = args(1, 10);
    memop_increase_reservation(&a);
    CHECK_EQ(a.nr_done, 0);
    a = args(1, 9);
    memop_increase_reservation(&a);
    CHECK_EQ(a.nr_done, 1);
    CHECK_EQ(list()[0] & 511, 0);
    give_back(1, 9);
    reset(true);
    CHECK_EQ(memop_max_order(&fake_domain), 18);
    list()[0] = FAKE_FRAMES_FIRST_FREE;
    a = args(1, 19);
    memop_decrease_reservation(&a);
    CHECK_EQ(a.nr_done, 0);
    fake_frames_check_no_leak();
}

TEST(decrease_stops_at_a_frame_not_ours)
{
    struct memop_args a = args(3, 0);
    xen_pfn_t keep;

    reset(true);
    memop_increase_reservation(&a);
    keep = list()[2];
    list()[1] = 3;                     /* Reserved: nobody's. */
    a = args(3, 0);
    memop_decrease_reservation(&a);
    CHECK_EQ(a.nr_done, 1);
    CHECK_EQ(fake_domain.tot_pages, 2);
    list()[0] = 1ULL << 40;            /* Beyond RAM. */
    a = args(1, 0);
    memop_decrease_reservation(&a);
    CHECK_EQ(a.nr_done, 0);
    list()[0] = keep;
    a = args(1, 0);
    memop_decrease_reservation(&a);
    CHECK_EQ(a.nr_done, 1);
    CHECK_EQ(fake_domain.tot_pages, 1);
    /* The frame whose list entry became 3 is still ours: give it back. */
    while ( fake_domain.page_list )
    {
        list()[0] = mfn_x(page_to_mfn(fake_domain.page_list));
        give_back(1, 0);
    }
    fake_frames_check_no_leak();
}

TEST(referenced_frame_is_freed_at_its_last_reference)
{
    struct memop_args a = args(1, 0);
    struct page_info *pg;

    reset(true);
    memop_increase_reservation(&a);
    pg = mfn_to_page(_mfn(list()[0]));
    CHECK(get_page(pg, &fake_domain));          /* As a mapping would. */
    a = args(1, 0);
    memop_decrease_reservation(&a);
    CHECK_EQ(a.nr_done, 1);
    CHECK_EQ(fake_domain.tot_pages, 1);         /* Still ours, counted. */
    CHECK(pg->owner == &fake_domain);
    a = args(1, 0);
    memop_decrease_reservation(&a);             /* Xen: done again. */
    CHECK_EQ(a.nr_done, 1);
    CHECK(!domain_free_page(pg));               /* Nothing left to drop. */
    put_page(pg);                               /* The unmap. */
    CHECK_EQ(fake_domain.tot_pages, 0);
    CHECK(pg->owner == NULL);
    CHECK(!get_page(pg, &fake_domain));
    fake_frames_check_no_leak();
}

TEST(frame_on_its_way_out_is_never_taken_again)
{
    struct page_info *pg;

    reset(true);
    pg = domain_alloc_page(&fake_domain);
    CHECK(pg != NULL);
    /* The allocation reference gone, a zero count: no resurrection. */
    __atomic_fetch_and(&pg->count_info, ~PGC_ALLOCATED, __ATOMIC_RELAXED);
    pg->count_info--;
    CHECK(!get_page(pg, &fake_domain));
    domain_page_release(pg);
    CHECK_EQ(fake_domain.tot_pages, 0);
    fake_frames_check_no_leak();
}

TEST(releasing_a_typed_frame_is_a_bug)
{
    struct page_info *pg;

    reset(true);
    pg = domain_alloc_page(&fake_domain);
    CHECK_EQ(get_page_type(pg, PGT_WRITABLE_PAGE), 0);
    pg->count_info = PGC_STATE_INUSE;
    EXPECT_PANIC(domain_page_release(pg));
    put_page_type(pg);
    domain_page_release(pg);
    fake_frames_check_no_leak();
}

TEST(unwritable_list_frees_the_new_extent)
{
    struct memop_args a = args(2, 0);

    reset(true);
    fake_guest_map(LIST, PAGE_SIZE, false);
    memop_increase_reservation(&a);
    CHECK_EQ(a.nr_done, 0);
    CHECK_EQ(fake_domain.tot_pages, 0);
    a = args(1, 0);
    a.extent_list = 0;                          /* NULL: nothing to write. */
    memop_increase_reservation(&a);
    CHECK_EQ(a.nr_done, 1);
    while ( fake_domain.page_list )
        domain_free_page(fake_domain.page_list);
    fake_frames_check_no_leak();
}

TEST(populate_reads_gpfn_and_writes_mfn)
{
    struct memop_args a = args(2, 0);
    uint64_t mfn0;

    reset(true);
    list()[0] = 100;
    list()[1] = 101;
    memop_populate_physmap(&a);
    CHECK_EQ(a.nr_done, 2);
    CHECK(is_ours(list()[0]) && is_ours(list()[1]));
    /* The M2P says which pseudo-physical frame each new frame is. */
    mfn0 = list()[0];
    CHECK_EQ(fake_m2p[mfn0], 100);
    CHECK_EQ(fake_m2p[list()[1]], 101);
    give_back(2, 0);
    CHECK_EQ(fake_m2p[mfn0], (long long)~0ULL);
    a = args(1, 0);
    a.populate_on_demand = true;
    memop_populate_physmap(&a);
    CHECK_EQ(a.nr_done, 0);
    fake_frames_check_no_leak();
}

TEST(list_ending_in_unmapped_memory_stops_there)
{
    struct memop_args a = args(3, 0);

    reset(true);
    a.extent_list = LIST + PAGE_SIZE - 2 * sizeof(xen_pfn_t);
    fake_guest_map(LIST + PAGE_SIZE, PAGE_SIZE, false);
    memop_increase_reservation(&a);
    CHECK_EQ(a.nr_done, 2);
    CHECK_EQ(fake_domain.tot_pages, 2);
    a.nr_done = 0;
    a.nr_extents = 2;
    memop_decrease_reservation(&a);
    CHECK_EQ(a.nr_done, 2);
    a = args(1, 0);
    a.extent_list = FAKE_ADDR_XEN;
    memop_decrease_reservation(&a);
    CHECK_EQ(a.nr_done, 0);
    fake_frames_check_no_leak();
}

TEST(start_extent_is_honoured)
{
    struct memop_args a = args(3, 0);

    reset(true);
    memop_increase_reservation(&a);
    a = args(3, 0);
    a.nr_done = 2;
    memop_decrease_reservation(&a);
    CHECK_EQ(a.nr_done, 3);
    CHECK_EQ(fake_domain.tot_pages, 2);
    give_back(2, 0);
    fake_frames_check_no_leak();
}

static int decode(unsigned int flags, struct memop_args *a)
{
    struct xen_memory_reservation r = { .nr_extents = 1, .mem_flags = flags };

    *a = args(1, 0);
    return memop_decode_reservation(&r, a);
}

TEST(flags_decode_as_xen)
{
    struct memop_args a;

    reset(false);
    CHECK_EQ(decode(XENMEMF_address_bits(12), &a), -EINVAL);
    CHECK_EQ(decode(XENMEMF_address_bits(20), &a), 0);
    CHECK_EQ(a.mfn_limit, 1ULL << 8);
    CHECK_EQ(decode(XENMEMF_address_bits(63), &a), 0);
    CHECK_EQ(a.mfn_limit, ~0ULL);
    CHECK_EQ(decode(XENMEMF_exact_node(0), &a), -EINVAL);  /* Unprivileged. */
    CHECK_EQ(decode(XENMEMF_node(3), &a), 0);
    CHECK(!a.no_memory);
    reset(true);
    CHECK_EQ(decode(XENMEMF_node(64), &a), -EINVAL);
    CHECK_EQ(decode(XENMEMF_exact_node(1), &a), 0);
    CHECK(a.no_memory);
    CHECK_EQ(decode(XENMEMF_exact_node(0), &a), 0);
    CHECK(!a.no_memory);
    CHECK_EQ(decode(XENMEMF_vnode | XENMEMF_exact_node(9), &a), 0);
    CHECK(!a.no_memory);
}

TEST(address_limit_refuses_high_frames)
{
    struct memop_args a = args(1, 0);

    reset(true);
    a.mfn_limit = FAKE_FRAMES_FIRST_FREE;   /* Nothing free below it. */
    memop_increase_reservation(&a);
    CHECK_EQ(a.nr_done, 0);
    a = args(1, 0);
    a.no_memory = true;
    memop_increase_reservation(&a);
    CHECK_EQ(a.nr_done, 0);
    fake_frames_check_no_leak();
}
