/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The PV dom0 start-of-day layout (hv/arch/x86/pv/dom0_layout.c): the
 * initial mapping, and with Xen's INIT_P2M and MOD_START_PFN notes the p2m
 * list and initrd outside it (numbers worked out from Xen 4.17's
 * dom0_construct_pv() and setup_pv_physmap(); the guest test
 * tests/guest/dom0_notes checks the same ones on the reference Xen).
 */
#include "harness.h"

#include <asm/dom0_layout.h>
#include <xenolith/errno.h>
#include <string.h>

#define BASE     0xffffffff80000000ULL
#define KSTART   0xffffffff80100000ULL
#define KEND     0xffffffff8010d000ULL
#define LINUX_P2M 0x0000008000000000ULL   /* Linux: PUD_SIZE * PTRS_PER_PUD */

static struct dom0_layout l;

static int layout_full(uint64_t nr_pages, uint64_t base, uint64_t ks,
                       uint64_t ke, uint64_t initrd, uint64_t p2m_base,
                       bool unmapped_initrd)
{
    const struct dom0_layout_input in = {
        .virt_base = base, .kern_start = ks, .kern_end = ke,
        .initrd_len = initrd, .nr_pages = nr_pages, .p2m_base = p2m_base,
        .unmapped_initrd = unmapped_initrd,
    };

    memset(&l, 0xa5, sizeof(l));
    return dom0_layout_compute(&in, &l);
}

static int layout(uint64_t nr_pages, uint64_t base, uint64_t ks, uint64_t ke,
                  uint64_t initrd)
{
    return layout_full(nr_pages, base, ks, ke, initrd, DOM0_P2M_IN_MAP,
                       false);
}

/* A small kernel with a 64 MiB dom0 and its p2m list at p2m_base. */
static int layout_p2m(uint64_t p2m_base)
{
    return layout_full(16384, BASE, KSTART, KEND, 0, p2m_base, false);
}

/* What the guest test kernels get on Xen 4.17 too (hello reports it). */
TEST(small_guest_matches_xen)
{
    CHECK_EQ(layout(16384, BASE, KSTART, KEND, 0), 0);
    CHECK_EQ(l.initrd_start, 0xffffffff8010d000ULL);
    CHECK_EQ(l.p2m_start, 0xffffffff8010d000ULL);
    CHECK(!l.p2m_separate);
    CHECK_EQ(l.start_info, 0xffffffff8012d000ULL);
    CHECK_EQ(l.pt_start, 0xffffffff8012e000ULL);
    CHECK_EQ(l.nr_pt_frames, 5);               /* Xen: 5 as well. */
    CHECK_EQ(l.stack_end, 0xffffffff80134000ULL);
    CHECK_EQ(l.v_end, 0xffffffff80400000ULL);
    /* Xen: the frames after the 4 MiB initial allocation; none for p2m. */
    CHECK_EQ(l.first_p2m_pfn, 1024);
    CHECK_EQ(l.nr_p2m_frames, 0);
    CHECK_EQ(l.nr_pages, 16384);
}

TEST(tables_cover_the_whole_mapping)
{
    uint64_t span, l1s;

    CHECK_EQ(layout(131072, BASE, 0xffffffff81000000ULL,
                    0xffffffff84a00000ULL, 3 << 20), 0);
    span = l.v_end - l.v_start;
    l1s = (span + (2 << 20) - 1) >> 21;
    CHECK(l.nr_pt_frames >= 1 + 1 + 1 + l1s);
    CHECK(l.v_end % (4 << 20) == 0);
    CHECK(l.v_end - l.stack_end >= 512 << 10);
    CHECK(l.initrd_start < l.p2m_start);
    CHECK(l.p2m_start + 131072 * 8 <= l.start_info);
    CHECK(l.pt_start + l.nr_pt_frames * 4096 + 4096 == l.stack_end);
}

/* A mapped initrd is part of the mapping but not of the 2^order allocation. */
TEST(mapped_initrd_frames)
{
    CHECK_EQ(layout(16384, BASE, KSTART, KEND, 5000), 0);
    CHECK_EQ(l.initrd_start, KEND);
    CHECK_EQ(l.initrd_pfn, (KEND - BASE) >> 12);
    CHECK_EQ(l.p2m_start, KEND + 0x2000);
    /* Mapping 4 MiB less 2 initrd pages: 1024 frames; then the initrd. */
    CHECK_EQ(l.first_p2m_pfn, 1024 + 2);
}

/* Linux's notes: p2m at 512 GiB, the initrd by frame number only. */
TEST(linux_notes)
{
    CHECK_EQ(layout_full(16384, BASE, KSTART, KEND, 5000, LINUX_P2M, true),
             0);
    CHECK_EQ(l.initrd_start, 0);
    CHECK_EQ(l.start_info, KEND);              /* Nothing in between. */
    CHECK_EQ(l.pt_start, KEND + 0x1000);
    CHECK_EQ(l.nr_pt_frames, 5);
    CHECK_EQ(l.stack_end, KEND + 0x7000);
    CHECK_EQ(l.v_end, 0xffffffff80400000ULL);
    CHECK(l.p2m_separate);
    CHECK_EQ(l.p2m_start, LINUX_P2M);
    CHECK_EQ(l.initrd_pfn, 1024);              /* After the allocation. */
    CHECK_EQ(l.first_p2m_pfn, 1026);
    /* 128 KiB of list: 32 pages, and a new L3, L2 and L1. */
    CHECK_EQ(l.nr_p2m_frames, 32 + 3);
}

TEST(p2m_without_initrd)
{
    CHECK_EQ(layout_full(16384, BASE, KSTART, KEND, 0, LINUX_P2M, true), 0);
    CHECK_EQ(l.first_p2m_pfn, 1024);
    CHECK_EQ(l.nr_p2m_frames, 35);
}

/* Tables the initial mapping already has are shared, as Xen reuses them. */
TEST(p2m_shares_upper_tables)
{
    /* Same L4 slot (511), another 1 GiB: a new L2 and L1. */
    CHECK_EQ(layout_p2m(0xffffffffc0000000ULL), 0);
    CHECK_EQ(l.nr_p2m_frames, 32 + 2);
    /* Same 1 GiB as the mapping, another 2 MiB: a new L1 only. */
    CHECK_EQ(layout_p2m(0xffffffffa0000000ULL), 0);
    CHECK_EQ(l.nr_p2m_frames, 32 + 1);
    /* Below the mapping, in its L4 slot: 0xffffff8000000000 is slot 511. */
    CHECK_EQ(layout_p2m(0xffffff8000000000ULL), 0);
    CHECK_EQ(l.nr_p2m_frames, 32 + 2);
}

TEST(p2m_spanning_tables)
{
    /* 1 GiB dom0: 2 MiB of list straddling an L1 and an L2 boundary. */
    CHECK_EQ(layout_full(262144, BASE, KSTART, KEND, 0,
                         LINUX_P2M + (1ULL << 30) - 0x1000, false), 0);
    CHECK_EQ(l.nr_p2m_frames, 512 + 1 + 2 + 2);
}

TEST(too_few_pages)
{
    CHECK_EQ(layout(256, BASE, KSTART, 0xffffffff80200000ULL, 0), -ENOMEM);
    /* The mapping fits, the initrd after the allocation does not. */
    CHECK_EQ(layout_full(1030, BASE, KSTART, KEND, 8 << 12,
                         DOM0_P2M_IN_MAP, true), -ENOMEM);
    /* The mapping fits, the separate p2m (3 pages, 3 tables) only just. */
    CHECK_EQ(layout_full(1029, BASE, KSTART, KEND, 0, LINUX_P2M, false),
             -ENOMEM);
    CHECK_EQ(layout_full(1030, BASE, KSTART, KEND, 0, LINUX_P2M, false), 0);
}

TEST(hostile_inputs_refused)
{
    CHECK_EQ(layout(16384, BASE, 0xffffffff7fff0000ULL,
                    0xffffffff80100000ULL, 0), -EINVAL);  /* below base */
    CHECK_EQ(layout(16384, BASE, 0xffffffff80200000ULL,
                    0xffffffff80100000ULL, 0), -EINVAL);  /* end < start */
    CHECK_EQ(layout(16384, BASE, KSTART, 0xfffffffffffff800ULL, 0),
             -EINVAL);                                     /* wraps */
    CHECK_EQ(layout(16384, BASE, KSTART, 0xffffffff80200000ULL, ~0ULL),
             -EINVAL);
    CHECK_EQ(layout(~0ULL, BASE, KSTART, 0xffffffff80200000ULL, 0), -EINVAL);
    CHECK_EQ(layout(16384, 0xffffffff80000800ULL, KSTART,
                    0xffffffff80200000ULL, 0), -EINVAL);  /* unaligned */
}

TEST(hostile_p2m_refused)
{
    CHECK_EQ(layout_p2m(LINUX_P2M + 8), -EINVAL);         /* unaligned */
    CHECK_EQ(layout_p2m(0xffff800000000000ULL), -EINVAL); /* hypervisor */
    CHECK_EQ(layout_p2m(0xffff87fffffff000ULL), -EINVAL);
    CHECK_EQ(layout_p2m(0x0000900000000000ULL), -EINVAL); /* non-canonical */
    CHECK_EQ(layout_p2m(0x00007ffffffff000ULL), -EINVAL); /* runs over */
    CHECK_EQ(layout_p2m(0xfffffffffffff000ULL), -EINVAL); /* wraps */
    /* Touching the mapping at either end is overlap for Xen 4.17. */
    CHECK_EQ(layout_p2m(0xffffffff80400000ULL), -EINVAL);
    CHECK_EQ(layout_p2m(BASE - 0x20000), -EINVAL);
    CHECK_EQ(layout_p2m(BASE - 0x21000), 0);
    CHECK_EQ(layout_p2m(0xffffffff80200000ULL), -EINVAL); /* inside */
    CHECK_EQ(layout_p2m(0xffff880000000000ULL), 0);       /* first guest */
}
