/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Trap, event and failsafe entry stubs of a 64-bit PV guest kernel.
 *
 * Xen delivers each of them on the guest kernel stack with rcx and r11 on
 * top of a hardware-like frame: rcx, r11, [error code], rip, cs, rflags,
 * rsp, ss (xen/include/public/arch-x86/xen-x86_64.h; the failsafe callback
 * has ds, es, fs, gs between r11 and rip). Each stub pops rcx and r11 back,
 * pushes a zero error code where the CPU has none and the vector, and
 * jumps to guest_trap_common, which saves the registers as a struct
 * guest_frame (guest/arch/x86/include/guest/arch/frame.h) and calls
 * guest_trap_dispatch(frame) on a 16-byte aligned stack. Every decision is
 * made there. The return is HYPERVISOR_iret with flags 0: the iret stub in
 * the hypercall page pushes rcx, r11 and rax above our frame, and Xen
 * restores them, rip, cs, rflags (whose IF becomes the event mask), rsp
 * and ss.
 *
 * Each stub adds a (vector, stub) pair to the .trap_stubs table
 * from which guest/lib/traps.c builds the trap table.
 */
#include <xen/xen.h>
#include <guest/arch/asm.h>
#include <guest/arch/frame.h>

.macro trap_stub vector, has_error_code
GUEST_FUNC(guest_trap_\vector)
    pop     %rcx
    pop     %r11
    .if !\has_error_code
    push    $0
    .endif
    push    $\vector
    jmp     guest_trap_common
GUEST_END(guest_trap_\vector)
    .pushsection .trap_stubs, "a"
    .quad   \vector, guest_trap_\vector
    .popsection
.endm

    .text
/* Vectors without an error code, then those with one (SDM vol. 3, 6.3). */
    .irp v, 0, 1, 3, 4, 5, 6, 7, 16, 19
    trap_stub \v, 0
    .endr
    .irp v, 10, 11, 12, 13, 14, 17
    trap_stub \v, 1
    .endr

/*
 * Event callback. In: rcx, r11, rip, cs, rflags, rsp, ss on the stack,
 * events masked by Xen (vcpu_info.evtchn_upcall_mask).
 */
GUEST_FUNC(guest_event_entry)
    pop     %rcx
    pop     %r11
    push    $0
    push    $GUEST_VECTOR_EVENT
    jmp     guest_trap_common
GUEST_END(guest_event_entry)

/*
 * Failsafe callback: Xen could not load our segment registers on a return
 * to the guest. In: rcx, r11, ds, es, fs, gs, rip, cs, rflags, rsp, ss.
 * guest_trap_dispatch() reports it and never returns, so the four
 * selectors are simply left where they are.
 */
GUEST_FUNC(guest_failsafe_entry)
    pop     %rcx
    pop     %r11
    push    $0
    push    $GUEST_VECTOR_FAILSAFE
    jmp     guest_trap_common
GUEST_END(guest_failsafe_entry)

/*
 * In: rsp -> vector, error code, rip, cs, rflags, rsp, ss; every register
 * as the interrupted code left it. Out: through HYPERVISOR_iret to the
 * (possibly changed) frame.
 */
GUEST_FUNC(guest_trap_common)
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
    mov     %rsp, %rbx      /* Callee-saved: survives the call. */
    and     $~0xf, %rsp
    call    guest_trap_dispatch
    mov     %rbx, %rsp
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
    add     $16, %rsp       /* Vector and error code. */
    push    $0              /* iret flags: not VGCF_in_syscall. */
    jmp     hypercall_page + __HYPERVISOR_iret * 32
GUEST_END(guest_trap_common)
