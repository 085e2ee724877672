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
 * GS: "CS RPL 3 in the frame" is not the same as "GS holds the guest's
 * base". Between entry and the entry SWAPGS, and between the exit SWAPGS
 * and IRETQ, the CPU is in ring 0 with the guest's base. Two kinds of
 * exception can arrive there:
 * - The exit IRETQ itself faults (#GP/#NP/#SS: a frame from the iret
 *   hypercall the CPU refuses). It is one known instruction, so
 *   trap_common compares the faulting rip with iret_to_guest and SWAPGSes
 *   as for a guest-mode entry (Linux's error_entry does the same for its
 *   IRET). Nothing else in those windows can fault, and interrupts are
 *   off in them.
 * - NMI, #MC (and #DF) can arrive anywhere, so their IST entry does not
 *   guess: from ring 0 it saves GS_BASE, loads this CPU's per-CPU pointer
 *   from the top of its IST stack (desc.c puts it there) and restores the
 *   saved value on exit, whatever it was. This is Linux's paranoid_entry
 *   with FSGSBASE ("always load the kernel GS base from a known place");
 *   comparing GS_BASE with a kernel address, its other method, cannot work
 *   here, because a guest may set any canonical GS base, ours included.
 *   From ring 3 (GS surely the guest's) they take the ordinary path.
 */
#include <asm/percpu.h>
#include <asm/desc.h>

#define MSR_GS_BASE 0xc0000101          /* asm/processor.h */

        .text

/* Vectors for which the CPU pushes an error code. */
#define HAS_ERROR_CODE(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)
#define FRAME_RIP_AFTER_VECTOR 16      /* vector, error code, then rip */
#define FRAME_CS_AFTER_VECTOR 24       /* vector, error code, rip, then cs */
#define TRAP_FRAME_SIZE (22 * 8)       /* struct trap_frame (traps.c checks) */
/* Vectors entered on an IST stack (desc.c). */
#define USES_IST(v) ((v) == 2 || (v) == 8 || (v) == 18)

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
        .if USES_IST(vec)
        jmp     ist_common
        .else
        jmp     trap_common
        .endif
        .set vec, vec + 1
        .endr

.macro push_registers
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
.endm

trap_common:
        cld
        testb   $3, FRAME_CS_AFTER_VECTOR(%rsp)
        jnz     swap_to_hypervisor_gs
        /* Ring 0: the exit IRETQ is the one place with the guest's GS. */
        push    %rax
        lea     iret_to_guest(%rip), %rax
        cmp     %rax, FRAME_RIP_AFTER_VECTOR + 8(%rsp)
        pop     %rax
        jne     save_registers
swap_to_hypervisor_gs:
        swapgs
save_registers:
        push_registers
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
        jz      iret_to_hypervisor
        swapgs
/*
 * May fault (#GP, #NP, #SS) on a guest frame the CPU refuses: trap_common
 * recognises this rip, and pv_iret_fault() gives the guest the exception.
 */
        .globl iret_to_guest
iret_to_guest:
        iretq
iret_to_hypervisor:
        iretq

/*
 * NMI, #DF and #MC. Entry: on the vector's IST stack, vector and error
 * code pushed by the stub; any GS base (see the top of this file). From
 * ring 3 as any other trap. From ring 0: the interrupted GS_BASE is kept
 * in r12 (callee-saved, so it survives trap_dispatch), GS_BASE becomes the
 * per-CPU pointer stored just above the frame, and the saved value is
 * written back before the registers are restored. Exit: iretq.
 */
ist_common:
        cld
        testb   $3, FRAME_CS_AFTER_VECTOR(%rsp)
        jnz     swap_to_hypervisor_gs
        push_registers
        mov     $MSR_GS_BASE, %ecx
        rdmsr
        shl     $32, %rdx
        or      %rdx, %rax
        mov     %rax, %r12
        mov     TRAP_FRAME_SIZE(%rsp), %rax    /* IST_PERCPU_SLOT */
        mov     %rax, %rdx
        shr     $32, %rdx
        wrmsr
        mov     %rsp, %rdi
        call    trap_dispatch
        mov     $MSR_GS_BASE, %ecx
        mov     %r12, %rax
        mov     %r12, %rdx
        shr     $32, %rdx
        wrmsr
        mov     %rsp, %rdi
        jmp     return_to_guest

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
