/* SPDX-License-Identifier: GPL-2.0-only */
/* The PV dom0 start-of-day layout (hv/arch/x86/pv/dom0_layout.c). */
#include "harness.h"

#include <asm/dom0_layout.h>
#include <xenolith/errno.h>

static struct dom0_layout l;

static int layout(uint64_t nr_pages, uint64_t base, uint64_t ks, uint64_t ke,
                  uint64_t initrd)
{
    l = (struct dom0_layout){ .nr_pages = nr_pages };
    return dom0_layout_compute(base, ks, ke, initrd, &l);
}

/* What the guest test kernels get on Xen 4.17 too (hello reports it). */
TEST(small_guest_matches_xen)
{
    CHECK_EQ(layout(16384, 0xffffffff80000000ULL, 0xffffffff80100000ULL,
                    0xffffffff8010d000ULL, 0), 0);
    CHECK_EQ(l.initrd_start, 0xffffffff8010d000ULL);
    CHECK_EQ(l.p2m_start, 0xffffffff8010d000ULL);
    CHECK_EQ(l.start_info, 0xffffffff8012d000ULL);
    CHECK_EQ(l.pt_start, 0xffffffff8012e000ULL);
    CHECK_EQ(l.nr_pt_frames, 5);               /* Xen: 5 as well. */
    CHECK_EQ(l.stack_end, 0xffffffff80134000ULL);
    CHECK_EQ(l.v_end, 0xffffffff80400000ULL);
}

TEST(tables_cover_the_whole_mapping)
{
    uint64_t span, l1s;

    CHECK_EQ(layout(131072, 0xffffffff80000000ULL, 0xffffffff81000000ULL,
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

TEST(too_few_pages)
{
    CHECK_EQ(layout(256, 0xffffffff80000000ULL, 0xffffffff80100000ULL,
                    0xffffffff80200000ULL, 0), -ENOMEM);
}

TEST(hostile_inputs_refused)
{
    CHECK_EQ(layout(16384, 0xffffffff80000000ULL, 0xffffffff7fff0000ULL,
                    0xffffffff80100000ULL, 0), -EINVAL);  /* below base */
    CHECK_EQ(layout(16384, 0xffffffff80000000ULL, 0xffffffff80200000ULL,
                    0xffffffff80100000ULL, 0), -EINVAL);  /* end < start */
    CHECK_EQ(layout(16384, 0xffffffff80000000ULL, 0xffffffff80100000ULL,
                    0xfffffffffffff800ULL, 0), -EINVAL);  /* wraps */
    CHECK_EQ(layout(16384, 0xffffffff80000000ULL, 0xffffffff80100000ULL,
                    0xffffffff80200000ULL, ~0ULL), -EINVAL);
    CHECK_EQ(layout(~0ULL, 0xffffffff80000000ULL, 0xffffffff80100000ULL,
                    0xffffffff80200000ULL, 0), -EINVAL);
    CHECK_EQ(layout(16384, 0xffffffff80000800ULL, 0xffffffff80100000ULL,
                    0xffffffff80200000ULL, 0), -EINVAL);  /* unaligned */
}
