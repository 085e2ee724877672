/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The failsafe callback of tests/guest/failsafe. Entry (Xen's PV64 ABI):
 * on the kernel stack rcx, r11, ds, es, fs, gs, then rip, cs, rflags,
 * rsp, ss of the interrupted context, whose selector could not be loaded.
 * Records the count and the fs slot, restores rcx and r11, and returns to
 * that context with HYPERVISOR_iret (the stub pushes rcx, r11 and rax).
 */
#include <xen/xen.h>
#include <guest/arch/asm.h>

GUEST_FUNC(failsafe_test_entry)
    incq    failsafe_count(%rip)
    mov     %rax, failsafe_scratch(%rip)
    mov     32(%rsp), %rax              /* The fs slot. */
    mov     %rax, failsafe_fs(%rip)
    mov     failsafe_scratch(%rip), %rax
    mov     0(%rsp), %rcx
    mov     8(%rsp), %r11
    add     $48, %rsp                   /* At rip, cs, rflags, rsp, ss. */
    push    $0                          /* iret flags */
    jmp     hypercall_page + __HYPERVISOR_iret * 32
GUEST_END(failsafe_test_entry)

/* uint16_t read_fs(void), void load_fs(uint16_t) */
GUEST_FUNC(read_fs)
    mov     %fs, %eax
    ret
GUEST_END(read_fs)

GUEST_FUNC(load_fs)
    mov     %edi, %fs
    ret
GUEST_END(load_fs)

    .data
    .globl failsafe_count, failsafe_fs
failsafe_count:   .quad 0
failsafe_fs:      .quad 0
failsafe_scratch: .quad 0
