/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Entry stubs for all 256 vectors, and the common save/restore path.
 * Each stub makes the frame uniform (an error code of 0 where the CPU pushes
 * none, then the vector number) and jumps to trap_common, which saves the
 * general registers as a struct trap_frame (asm/traps.h) and calls
 * trap_dispatch(frame) in C.
 *
 * Entry: the CPU's interrupt frame (ss, rsp, rflags, cs, rip[, error code])
 * on the ring-0 stack (TSS rsp0 when coming from a guest, or an IST stack),
 * interrupts off (all gates are interrupt gates). From a guest (CS RPL 3)
 * GS still holds the guest's base: SWAPGS makes it the per-CPU area.
 * Exit: iretq with every register restored from the frame, SWAPGS again
 * when returning to a guest, so C may change the frame to resume elsewhere
 * (fixups, trap bounces, hypercall results).
 *
 * Known gap: an NMI or #MC arriving between the exit SWAPGS and IRETQ sees
 * CS RPL 0 and the guest's GS base; the IST handlers must not use
 * this_cpu() until they are made robust to that (issue 3 follow-up).
 */
#include <asm/percpu.h>
#include <asm/desc.h>

        .text

/* Vectors for which the CPU pushes an error code. */
#define HAS_ERROR_CODE(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)
#define FRAME_CS_AFTER_VECTOR 24       /* vector, error code, rip, then cs */

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
        testb   $3, FRAME_CS_AFTER_VECTOR(%rsp)
        jz      save_registers
        swapgs
save_registers:
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
        mov     %rsp, %rdi
        /* Fall through. */

/*
 * void return_to_guest(struct trap_frame *frame): also the exit of every
 * trap. %rdi = the frame; everything is restored from it.
 */
        .globl return_to_guest
return_to_guest:
        cli
        mov     %rdi, %rsp
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
        testb   $3, 8(%rsp)             /* CS of the frame we return to */
        jz      1f
        swapgs
1:      iretq

/*
 * SYSCALL from a guest (kernel: a hypercall; user: bounced to the guest's
 * syscall callback). Entry: ring 0, CS HYPERVISOR_CS, interrupts off
 * (SFMASK), %rcx = guest rip, %r11 = guest rflags, %rsp = guest rsp, GS =
 * guest. Builds the same struct trap_frame as an exception from ring 3
 * would, on this CPU's stack, with vector SYSCALL_PSEUDO_VECTOR.
 */
        .globl entry_syscall
entry_syscall:
        swapgs
        mov     %rsp, %gs:PERCPU_SYSCALL_SCRATCH
        mov     %gs:PERCPU_STACK_TOP, %rsp
        pushq   $RING3_DS32                     /* ss */
        pushq   %gs:PERCPU_SYSCALL_SCRATCH      /* rsp */
        push    %r11                            /* rflags */
        pushq   $RING3_CS64                     /* cs */
        push    %rcx                            /* rip */
        pushq   $0                              /* error code */
        pushq   $0x100                          /* SYSCALL_PSEUDO_VECTOR */
        cld
        jmp     save_registers

/* SYSCALL from 32-bit compatibility mode: not supported for PV64 guests. */
        .globl entry_syscall_compat
entry_syscall_compat:
        swapgs
        mov     %rsp, %gs:PERCPU_SYSCALL_SCRATCH
        mov     %gs:PERCPU_STACK_TOP, %rsp
        pushq   $RING3_DS32
        pushq   %gs:PERCPU_SYSCALL_SCRATCH
        push    %r11
        pushq   $RING3_CS32
        push    %rcx
        pushq   $0
        pushq   $0x101                          /* SYSCALL_COMPAT_PSEUDO_VECTOR */
        cld
        jmp     save_registers
