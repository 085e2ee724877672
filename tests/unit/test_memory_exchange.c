/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests of XENMEM_exchange (hv/common/memory/exchange.c) through
 * do_memory_op(), for a fake calling guest on real frames: Xen 4.17's
 * memory_exchange() answers and progress (nr_exchanged), the frames that
 * may not be traded (steal_page()), what changes hands and the M2P, and
 * that nothing leaks. tests/guest/memory_exchange checks the same on the
 * reference Xen.
 */
#include <string.h>

#include "fake_frames.h"
#include "fake_guest.h"
#include "harness.h"

#include <xenolith/errno.h>
#include <xenolith/host_memmap.h>
#include <xenolith/hypercall.h>
#include <xenolith/memory_op.h>
#include <xenolith/mm.h>
#include <xenolith/page_ref.h>

#define ARG     fake_guest_page(0)
#define IN      fake_guest_page(1)
#define OUT     fake_guest_page(2)
#define RO_PAGE fake_guest_page(4)

static struct memmap host;

const struct memmap *host_memory_map(void)
{
    return &host;
}

static struct xen_memory_exchange *exch(void)
{
    return fake_guest_ptr(ARG);
}

static xen_pfn_t *in_list(void)
{
    return fake_guest_ptr(IN);
}

static xen_pfn_t *out_list(void)
{
    return fake_guest_ptr(OUT);
}

static void reset(bool privileged)
{
    fake_frames_setup();
    fake_guest_reset(0, privileged);
    fake_guest_map(ARG, 3 * PAGE_SIZE, true);
    fake_guest_map(RO_PAGE, PAGE_SIZE, false);
    fake_domain.max_pages = 1000;
}

/* nr frames of ours into the input list. */
static void own_frames(unsigned int nr)
{
    unsigned int i;

    for ( i = 0; i < nr; i++ )
        in_list()[i] = mfn_x(page_to_mfn(domain_alloc_page(&fake_domain)));
}

/* Set up an exchange of nr_in extents of in_order for out_order ones. */
static void request(unsigned long nr_in, unsigned int in_order,
                    unsigned long nr_out, unsigned int out_order)
{
    struct xen_memory_exchange *x = exch();

    memset(x, 0, sizeof(*x));
    x->in.extent_start.p = (xen_pfn_t *)IN;
    x->in.nr_extents = nr_in;
    x->in.extent_order = in_order;
    x->in.domid = DOMID_SELF;
    x->out.extent_start.p = (xen_pfn_t *)OUT;
    x->out.nr_extents = nr_out;
    x->out.extent_order = out_order;
    x->out.domid = DOMID_SELF;
}

static long exchange(void)
{
    return do_memory_op(XENMEM_exchange, ARG, 0, 0, 0);
}

static bool is_ours(xen_pfn_t mfn)
{
    const struct page_info *pg = mfn_to_page(_mfn(mfn));

    return pg->owner == &fake_domain &&
           pg->count_info == (PGC_STATE_INUSE | PGC_ALLOCATED | 1);
}

/* Give every frame of the domain back; the allocator must have them all. */
static void give_all_back(void)
{
    while ( fake_domain.page_list )
        domain_free_page(fake_domain.page_list);
    CHECK_EQ(fake_domain.tot_pages, 0);
    fake_frames_check_no_leak();
}

TEST(four_frames_for_one_order_2_extent)
{
    xen_pfn_t old[4], mfn;
    unsigned int i;

    reset(true);
    own_frames(4);
    memcpy(old, in_list(), sizeof(old));
    request(4, 0, 1, 2);
    out_list()[0] = 200;                        /* Its pseudo-physical frame. */
    CHECK_EQ(exchange(), 0);
    CHECK_EQ(exch()->nr_exchanged, 4);
    mfn = out_list()[0];
    CHECK(mfn % 4 == 0);
    CHECK_EQ(fake_domain.tot_pages, 4);
    for ( i = 0; i < 4; i++ )
    {
        CHECK(is_ours(mfn + i));
        CHECK_EQ(fake_m2p[mfn + i], 200 + i);
        CHECK_EQ(fake_m2p[old[i]], (long long)~0ULL);
        CHECK(mfn_to_page(_mfn(old[i]))->owner != &fake_domain);
    }
    give_all_back();
}

TEST(one_extent_for_frames_and_progress)
{
    xen_pfn_t first;

    reset(true);
    first = mfn_x(page_to_mfn(domain_alloc_pages(&fake_domain, 1)));
    in_list()[0] = first;
    request(1, 1, 2, 0);
    out_list()[0] = 7;
    out_list()[1] = 9;
    CHECK_EQ(exchange(), 0);
    CHECK_EQ(exch()->nr_exchanged, 1);
    CHECK_EQ(fake_m2p[out_list()[0]], 7);
    CHECK_EQ(fake_m2p[out_list()[1]], 9);
    CHECK(is_ours(out_list()[0]) && is_ours(out_list()[1]));
    /* Nothing left to do: 0, and nr_exchanged is not written. */
    exch()->nr_exchanged = 1;
    CHECK_EQ(exchange(), 0);
    give_all_back();
}

TEST(referenced_frames_are_refused)
{
    struct page_info *pg;
    xen_pfn_t kept;

    reset(true);
    own_frames(3);
    request(3, 0, 3, 0);
    /* Frame 1 is mapped somewhere: one more general reference. */
    pg = mfn_to_page(_mfn(in_list()[1]));
    CHECK(get_page(pg, &fake_domain));
    kept = in_list()[0];
    CHECK_EQ(exchange(), -EINVAL);
    CHECK_EQ(exch()->nr_exchanged, 1);          /* Chunk 0 went through. */
    CHECK(!is_ours(kept));
    CHECK(is_ours(in_list()[2]));
    put_page(pg);
    CHECK(is_ours(in_list()[1]));
    /* Writable-typed (a writable mapping holds both references). */
    exch()->nr_exchanged = 1;
    CHECK(get_page(pg, &fake_domain));
    CHECK_EQ(get_page_type(pg, PGT_WRITABLE_PAGE), 0);
    CHECK_EQ(exchange(), -EINVAL);
    CHECK_EQ(exch()->nr_exchanged, 1);
    put_page_type(pg);
    put_page(pg);
    CHECK(is_ours(in_list()[1]));
    give_all_back();
}

TEST(frames_not_ours_are_refused)
{
    struct page_info *other;

    reset(true);
    own_frames(1);
    other = buddy_alloc(0);                     /* The hypervisor's. */
    in_list()[1] = mfn_x(page_to_mfn(other));
    in_list()[2] = 0;                           /* Reserved. */
    in_list()[3] = ~0UL >> 12;                  /* No such frame. */
    request(2, 0, 1, 1);                        /* One chunk of two. */
    CHECK_EQ(exchange(), -EINVAL);
    CHECK_EQ(exch()->nr_exchanged, 0);
    CHECK(is_ours(in_list()[0]));               /* Given back. */
    in_list()[1] = in_list()[0];                /* The same frame twice. */
    CHECK_EQ(exchange(), -EINVAL);
    CHECK(is_ours(in_list()[0]));
    request(1, 0, 1, 0);
    in_list()[0] = 0;
    CHECK_EQ(exchange(), -EINVAL);
    in_list()[0] = ~0UL >> 12;
    CHECK_EQ(exchange(), -EINVAL);
    buddy_free(other, 0);
    give_all_back();
}

TEST(argument_checks_in_xens_order)
{
    reset(false);
    own_frames(2);
    request(2, 0, 1, 10);                       /* DomU: order 9 at most. */
    CHECK_EQ(exchange(), -EPERM);
    request(2, 0, 1, 1);
    exch()->nr_exchanged = 3;
    CHECK_EQ(exchange(), -EINVAL);
    CHECK_EQ(exch()->nr_exchanged, 3);          /* Written back as read. */
    request(2, 0, 2, 1);                        /* 2 frames for 4. */
    CHECK_EQ(exchange(), -EINVAL);
    request(2, 0, 1, 1);
    exch()->out.domid = 0;
    CHECK_EQ(exchange(), -EINVAL);
    request(~0UL, 0, ~0UL >> 1, 1);             /* 2^64 - 1 frames. */
    CHECK_EQ(exchange(), -EINVAL);
    request(2, 0, 1, 1);
    exch()->in.extent_start.p = (xen_pfn_t *)FAKE_ADDR_XEN;
    CHECK_EQ(exchange(), -EFAULT);
    request(2, 0, 1, 1);
    exch()->out.extent_start.p = (xen_pfn_t *)FAKE_ADDR_NONCANONICAL;
    CHECK_EQ(exchange(), -EFAULT);
    request(2, 0, 1, 1);
    exch()->out.mem_flags = XENMEMF_exact_node_request | XENMEMF_node(1);
    CHECK_EQ(exchange(), -EINVAL);              /* Exact: privileged only. */
    request(2, 0, 1, 1);
    exch()->in.domid = exch()->out.domid = 5;
    CHECK_EQ(exchange(), -ESRCH);
    request(0, 0, 0, 0);                        /* Nothing to do. */
    exch()->in.extent_start.p = (xen_pfn_t *)FAKE_ADDR_XEN;
    CHECK_EQ(exchange(), 0);
    CHECK_EQ(do_memory_op(XENMEM_exchange, FAKE_ADDR_XEN, 0, 0, 0), -EFAULT);
    CHECK(is_ours(in_list()[0]) && is_ours(in_list()[1]));
    give_all_back();
}

TEST(progress_must_be_writable)
{
    reset(true);
    own_frames(1);
    request(1, 0, 1, 0);
    memcpy(fake_guest_ptr(RO_PAGE), exch(), sizeof(*exch()));
    /* Read-only argument: done, but nr_exchanged cannot be written. */
    CHECK_EQ(do_memory_op(XENMEM_exchange, RO_PAGE, 0, 0, 0), -EFAULT);
    CHECK(!is_ours(in_list()[0]));
    CHECK(is_ours(out_list()[0]));
    give_all_back();
}

TEST(no_memory_below_the_limit)
{
    reset(true);
    own_frames(1);
    request(1, 0, 1, 0);
    exch()->out.mem_flags = XENMEMF_address_bits(13);
    CHECK_EQ(exchange(), -ENOMEM);
    CHECK_EQ(exch()->nr_exchanged, 0);
    CHECK(is_ours(in_list()[0]));
    exch()->out.mem_flags = XENMEMF_exact_node_request | XENMEMF_node(1);
    CHECK_EQ(exchange(), -ENOMEM);              /* No node 1 here. */
    CHECK(is_ours(in_list()[0]));
    exch()->out.mem_flags = XENMEMF_address_bits(32);
    CHECK_EQ(exchange(), 0);
    give_all_back();
}

/* The output list is read after the commit: the chunk is done, uncounted. */
TEST(unreadable_output_list_after_commit)
{
    reset(true);
    own_frames(1);
    request(1, 0, 1, 0);
    exch()->out.extent_start.p = (xen_pfn_t *)fake_guest_page(8);
    CHECK_EQ(exchange(), -EFAULT);
    CHECK_EQ(exch()->nr_exchanged, 0);
    CHECK(!is_ours(in_list()[0]));
    CHECK_EQ(fake_domain.tot_pages, 1);         /* The new frame is ours. */
    give_all_back();
}

TEST(more_frames_than_owned_refused)
{
    reset(true);
    own_frames(2);
    request(3, 0, 3, 0);
    in_list()[2] = in_list()[0];
    CHECK_EQ(exchange(), -EINVAL);
    CHECK_EQ(exch()->nr_exchanged, 0);
    CHECK(is_ours(in_list()[0]) && is_ours(in_list()[1]));
    give_all_back();
}
