/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Entry stubs for all 256 vectors. Each stub makes the frame uniform (an
 * error code of 0 where the CPU pushes none, then the vector number) and
 * jumps to trap_common, which saves the general registers as a
 * struct trap_frame (asm/traps.h) and calls trap_dispatch(frame) in C.
 *
 * Entry: the CPU's interrupt frame (ss, rsp, rflags, cs, rip[, error code])
 * on the ring-0 stack (or an IST stack), interrupts off (all gates are
 * interrupt gates). Exit: iretq with every register restored from the
 * frame, so C may change the frame to resume elsewhere (fixups).
 * Only hypervisor-mode traps exist today; guest entry comes with issue 3.
 */

        .text

/* Vectors for which the CPU pushes an error code. */
#define HAS_ERROR_CODE(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

        .balign 16
        .globl trap_stubs
trap_stubs:
        .set vec, 0
        .rept 256
        .balign 16
        .if !HAS_ERROR_CODE(vec)
        pushq   $0
        .endif
        pushq   $vec
        jmp     trap_common
        .set vec, vec + 1
        .endr

trap_common:
        cld
        push    %rax
        push    %rbx
        push    %rcx
        push    %rdx
        push    %rsi
        push    %rdi
        push    %rbp
        push    %r8
        push    %r9
        push    %r10
        push    %r11
        push    %r12
        push    %r13
        push    %r14
        push    %r15
        mov     %rsp, %rdi
        call    trap_dispatch
        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %r11
        pop     %r10
        pop     %r9
        pop     %r8
        pop     %rbp
        pop     %rdi
        pop     %rsi
        pop     %rdx
        pop     %rcx
        pop     %rbx
        pop     %rax
        add     $16, %rsp               /* Vector and error code. */
        iretq
