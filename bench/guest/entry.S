/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The benchmark guest's own entry points: the shortest handlers a PV
 * kernel can have for a trap, an event upcall and a guest user SYSCALL,
 * and the user-mode loop that issues those SYSCALLs. They are minimal on
 * purpose: the benchmark measures the hypervisor's half of each round
 * trip, so the guest's half is kept to a handful of instructions, the same
 * on every hypervisor.
 *
 * Frames (xen/include/public/arch-x86/xen-x86_64.h, "HYPERVISOR_iret"):
 * a bounce leaves rcx, r11, [error code], rip, cs, rflags, rsp, ss on the
 * guest kernel stack; the hypercall page's iret stub pushes rcx, r11 and
 * rax above a flags word and that five-word frame. So a handler pops rcx
 * and r11, pushes the flags word and jumps to the stub, and every other
 * register comes back as the interrupted code left it.
 */
#include <xen/xen.h>
#include <guest/arch/asm.h>

#define HYPERCALL_IRET      (hypercall_page + __HYPERVISOR_iret * 32)
#define X86_EFLAGS_MBS      0x2     /* The always-set bit; IF clear. */

/* Value of rax with which the user loop asks to leave user mode. */
#define BENCH_SYSCALL_EXIT  0x5eed

    .text
/*
 * #BP (int3) handler, for the trap-bounce row. In: rcx, r11, rip (after the
 * int3), cs, rflags, rsp, ss on the stack. Out: back to rip by
 * HYPERVISOR_iret, all registers unchanged.
 */
GUEST_FUNC(bench_int3_entry)
    incq    bench_traps(%rip)
    pop     %rcx
    pop     %r11
    push    $0
    jmp     HYPERCALL_IRET
GUEST_END(bench_int3_entry)

/*
 * Event callback, for the send-to-upcall row. In: rcx, r11, rip, cs,
 * rflags, rsp, ss on the stack, events masked by the hypervisor. Calls
 * bench_event_handle (main.c), which clears upcall_pending, the selector
 * and the pending bits. Out: HYPERVISOR_iret, whose rflags.IF (set: events
 * were unmasked when the upcall came) unmasks events again; all registers
 * unchanged.
 */
GUEST_FUNC(bench_event_entry)
    push    %rax
    push    %rdx
    push    %rsi
    push    %rdi
    push    %r8
    push    %r9
    push    %r10
    push    %rbp
    mov     %rsp, %rbp
    and     $~0xf, %rsp
    call    bench_event_handle
    mov     %rbp, %rsp
    pop     %rbp
    pop     %r10
    pop     %r9
    pop     %r8
    pop     %rdi
    pop     %rsi
    pop     %rdx
    pop     %rax
    pop     %rcx
    pop     %r11
    push    $0
    jmp     HYPERCALL_IRET
GUEST_END(bench_event_entry)

/*
 * Syscall callback (CALLBACKTYPE_syscall), for the syscall-bounce row. In:
 * guest kernel mode on the stack_switch stack holding rcx, r11, rip, cs,
 * rflags, rsp, ss of the user SYSCALL; every other register as user mode
 * left it. Out: back to user mode after the SYSCALL by HYPERVISOR_iret with
 * VGCF_in_syscall (Xen reloads rcx and r11 from rip and rflags, as SYSRET
 * would), or, for rax == BENCH_SYSCALL_EXIT, the exit below.
 */
GUEST_FUNC(bench_syscall_entry)
    cmp     $BENCH_SYSCALL_EXIT, %rax
    je      bench_user_exit
    incq    bench_syscalls(%rip)
    add     $16, %rsp               /* rcx, r11: VGCF_in_syscall redoes them. */
    push    $VGCF_in_syscall
    jmp     HYPERCALL_IRET
GUEST_END(bench_syscall_entry)

/*
 * unsigned long bench_run_user(unsigned long warm, unsigned long count)
 * In (SysV, guest kernel mode): rdi = warm-up SYSCALLs, rsi = timed
 * SYSCALLs, both non-zero. Saves the callee-saved registers and rsp, and
 * enters bench_user_syscalls in user mode (HYPERVISOR_iret to
 * FLAT_USER_CS, rflags.IF clear so events stay masked there) with
 * r12 = warm and r13 = count. Out: through bench_user_exit, rax = TSC
 * cycles the timed SYSCALLs took, callee-saved registers restored.
 */
GUEST_FUNC(bench_run_user)
    push    %rbx
    push    %rbp
    push    %r12
    push    %r13
    push    %r14
    push    %r15
    mov     %rsp, bench_kernel_rsp(%rip)
    mov     %rdi, %r12
    mov     %rsi, %r13
    lea     bench_user_stack_top(%rip), %rax
    push    $FLAT_USER_SS
    push    %rax
    push    $X86_EFLAGS_MBS
    push    $FLAT_USER_CS
    lea     bench_user_syscalls(%rip), %rax
    push    %rax
    push    $0                      /* iret flags. */
    jmp     HYPERCALL_IRET
GUEST_END(bench_run_user)

/*
 * Guest kernel mode, from the exit SYSCALL: r14 and r15 hold the TSC
 * before and after the timed loop. The bounce frame on the stack_switch
 * stack is abandoned; the next bounce starts at that stack's top again.
 */
GUEST_FUNC(bench_user_exit)
    mov     %r15, %rax
    sub     %r14, %rax
    mov     bench_kernel_rsp(%rip), %rsp
    pop     %r15
    pop     %r14
    pop     %r13
    pop     %r12
    pop     %rbp
    pop     %rbx
    ret
GUEST_END(bench_user_exit)

/*
 * Guest user mode: r12 warm-up SYSCALLs, then r13 timed ones between two
 * RDTSCs (kept in r14 and r15; no memory is touched), then the exit
 * SYSCALL. Never returns.
 */
GUEST_FUNC(bench_user_syscalls)
1:  xor     %eax, %eax
    syscall
    dec     %r12
    jnz     1b
    rdtsc
    shl     $32, %rdx
    or      %rdx, %rax
    mov     %rax, %r14
2:  xor     %eax, %eax
    syscall
    dec     %r13
    jnz     2b
    rdtsc
    shl     $32, %rdx
    or      %rdx, %rax
    mov     %rax, %r15
    mov     $BENCH_SYSCALL_EXIT, %eax
    syscall
    ud2
GUEST_END(bench_user_syscalls)

    .data
    .p2align 3
    .globl  bench_traps, bench_syscalls
bench_traps:        .quad 0         /* int3 bounces handled. */
bench_syscalls:     .quad 0         /* User SYSCALLs bounced (not the exit). */
bench_kernel_rsp:   .quad 0         /* Kernel rsp inside bench_run_user. */

    .section .bss.page_aligned, "aw", @nobits
    .p2align 12
bench_user_stack:
    .skip   4096
bench_user_stack_top:
