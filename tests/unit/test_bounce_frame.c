/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests of hv/arch/x86/pv/bounce_frame.c: the words a PV guest kernel
 * finds on its stack on a trap bounce and on entry to its failsafe
 * callback (asm/bounce_frame.h), in Xen 4.17's order and encoding
 * (x86_64/entry.S create_bounce_frame, domain.c load_segments()).
 */
#include "harness.h"

#include <asm/bounce_frame.h>

#define IF (1UL << 9)

static struct trap_frame guest(uint64_t cs, uint64_t rflags)
{
    struct trap_frame f = {
        .rcx = 0x1111, .r11 = 0x2222, .rip = 0xffffffff80101234UL,
        .cs = cs, .rflags = rflags, .rsp = 0xffffffff80200ff8UL,
        .ss = 0xe02b,
    };

    return f;
}

TEST(trap_from_kernel_with_error_code)
{
    struct trap_frame f = guest(0xe033, 0x246);
    uint64_t w[BOUNCE_FRAME_MAX_WORDS], ec = 0xe008;
    unsigned int n = bounce_frame_build(w, &f, true, 0, &ec, 1);

    CHECK_EQ(n, 8);
    CHECK_EQ(w[0], 0x1111);
    CHECK_EQ(w[1], 0x2222);
    CHECK_EQ(w[2], 0xe008);
    CHECK_EQ(w[3], f.rip);
    CHECK_EQ(w[4], 0xe030);             /* RPL 0: kernel mode, mask 0. */
    CHECK_EQ(w[5], 0x246);              /* IF: events were unmasked. */
    CHECK_EQ(w[6], f.rsp);
    CHECK_EQ(w[7], 0xe02b);
}

TEST(interrupt_from_user_masked)
{
    struct trap_frame f = guest(0xe033, 0x246);
    uint64_t w[BOUNCE_FRAME_MAX_WORDS];
    unsigned int n = bounce_frame_build(w, &f, false, 1, NULL, 0);

    CHECK_EQ(n, 7);
    CHECK_EQ(w[2], f.rip);
    CHECK_EQ(w[3], 0xe033 | (1UL << 32));   /* User RPL kept, mask 1. */
    CHECK_EQ(w[4], 0x246 & ~IF);
}

TEST(failsafe_frame_holds_the_selectors)
{
    struct trap_frame f = guest(0xe033, 0x202);
    uint64_t w[BOUNCE_FRAME_MAX_WORDS];
    const uint64_t sel[4] = { 0xe02b, 0x0b, 0x1003, 0x63 };
    unsigned int n = bounce_frame_build(w, &f, true, 0xff, sel, 4);

    CHECK_EQ(n, 11);
    CHECK_EQ(w[0], 0x1111);
    CHECK_EQ(w[1], 0x2222);
    CHECK_EQ(w[2], 0xe02b);             /* ds, es, fs, gs upwards. */
    CHECK_EQ(w[3], 0x0b);
    CHECK_EQ(w[4], 0x1003);
    CHECK_EQ(w[5], 0x63);
    CHECK_EQ(w[6], f.rip);
    CHECK_EQ(w[7], 0xe030 | (0xffUL << 32)); /* The whole mask byte. */
    CHECK_EQ(w[8], 0x202 & ~IF);
    CHECK_EQ(w[9], f.rsp);
    CHECK_EQ(w[10], 0xe02b);
}

TEST(extra_words_capped)
{
    struct trap_frame f = guest(0xe033, 0x2);
    uint64_t w[BOUNCE_FRAME_MAX_WORDS];
    const uint64_t extra[6] = { 1, 2, 3, 4, 5, 6 };

    CHECK_EQ(bounce_frame_build(w, &f, true, 0, extra, 6),
             BOUNCE_FRAME_MAX_WORDS);
    CHECK_EQ(w[6], f.rip);
}
