/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The layout of a PV bounce frame (asm/bounce_frame.h): pure arithmetic
 * over a trap frame, shared by trap bounces and the failsafe callback
 * (pv/trap_bounce.c) and tested on the host (tests/unit/test_bounce_frame.c).
 */
#include <asm/bounce_frame.h>

#define EFLAGS_IF (1UL << 9)

unsigned int bounce_frame_build(uint64_t frame[BOUNCE_FRAME_MAX_WORDS],
                                const struct trap_frame *f, bool from_kernel,
                                uint8_t saved_mask, const uint64_t *extra,
                                unsigned int n_extra)
{
    unsigned int n = 0, i;

    frame[n++] = f->rcx;
    frame[n++] = f->r11;
    for ( i = 0; i < n_extra && i < BOUNCE_FRAME_MAX_EXTRA; i++ )
        frame[n++] = extra[i];
    frame[n++] = f->rip;
    frame[n++] = (from_kernel ? (f->cs & ~3UL) : f->cs) |
                 ((uint64_t)saved_mask << 32);
    frame[n++] = (f->rflags & ~EFLAGS_IF) | (saved_mask ? 0 : EFLAGS_IF);
    frame[n++] = f->rsp;
    frame[n++] = f->ss;
    return n;
}
