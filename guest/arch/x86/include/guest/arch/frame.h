/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The register frame that guest/arch/x86/entry.S builds for every trap,
 * event and failsafe callback, handed to guest_trap_dispatch(). Lowest
 * address first: the general registers in the reverse of the order the
 * stub pushes them, the vector and error code the stub pushed, then the
 * hardware-style frame Xen's bounce left (rip, cs, rflags, rsp, ss). rcx
 * and r11, which Xen pushes on top of that frame, have been popped back
 * into their registers and saved with the rest.
 *
 * Fields the handler changes (rip, rax) are what the interrupted code
 * resumes with: the stub returns through HYPERVISOR_iret.
 */
#ifndef GUEST_ARCH_FRAME_H
#define GUEST_ARCH_FRAME_H

/* Pseudo-vectors for the two callbacks that are not exceptions. */
#define GUEST_VECTOR_EVENT      0x100
#define GUEST_VECTOR_FAILSAFE   0x101

/* Size of struct guest_frame: entry.S pushes it, traps.c checks it. */
#define GUEST_FRAME_SIZE        (22 * 8)

#ifndef __ASSEMBLY__
#include <stdint.h>

struct guest_frame
{
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector, error_code;
    uint64_t rip, cs, rflags, rsp, ss;
};
#endif

#endif /* GUEST_ARCH_FRAME_H */
