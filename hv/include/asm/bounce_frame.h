/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The frame a 64-bit PV guest kernel finds on its stack when the
 * hypervisor enters it at a trap handler, the event or syscall callback,
 * or the failsafe callback (xen/include/public/arch-x86/xen-x86_64.h; Xen
 * 4.17 x86_64/entry.S create_bounce_frame and domain.c load_segments()),
 * lowest address first:
 *
 *   rcx, r11, [error code | ds, es, fs, gs], rip, cs, rflags, rsp, ss
 *
 * The CS slot holds the saved event mask in bits 32-39 and, for a guest
 * already in kernel mode, the selector with RPL 0 (so a kernel tells its
 * own frames from user ones by CS & 3); rflags.IF is the inverse of the
 * saved mask. Pure logic (hv/arch/x86/pv/bounce_frame.c), host-tested.
 */
#ifndef ASM_BOUNCE_FRAME_H
#define ASM_BOUNCE_FRAME_H

#include <asm/traps.h>
#include <xenolith/types.h>

/* Words between r11 and rip: none, an error code, or four selectors. */
#define BOUNCE_FRAME_MAX_EXTRA 4
#define BOUNCE_FRAME_MAX_WORDS (2 + BOUNCE_FRAME_MAX_EXTRA + 5)

/*
 * Fill frame[] (lowest address first) for the guest state f, from guest
 * kernel mode or not, with the event mask it had, and the n_extra words
 * of extra (at most BOUNCE_FRAME_MAX_EXTRA; more are ignored). Returns the
 * number of words written. Context: any; touches nothing else.
 */
unsigned int bounce_frame_build(uint64_t frame[BOUNCE_FRAME_MAX_WORDS],
                                const struct trap_frame *f, bool from_kernel,
                                uint8_t saved_mask, const uint64_t *extra,
                                unsigned int n_extra);

#endif /* ASM_BOUNCE_FRAME_H */
