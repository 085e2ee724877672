/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypercall page, named by the XEN_ELFNOTE_HYPERCALL_PAGE note: the
 * hypervisor overwrites it at domain build with 128 stubs of 32 bytes
 * (stub n: mov $n, %eax; syscall; ret; __HYPERVISOR_iret's stub pushes
 * rcx, r11 and rax first and does not return). Until then it holds `ret`
 * followed by int3 padding in each slot, so an early call returns garbage
 * rather than running off into data.
 */
#include <xen/xen.h>
#include <guest/arch/asm.h>
#include <guest/arch/page.h>

    .section .hypercall_page, "ax", @progbits
    .p2align PAGE_SHIFT
GUEST_FUNC(hypercall_page)
    .rept PAGE_SIZE / 32
    ret
    .fill 31, 1, 0xcc
    .endr
GUEST_END(hypercall_page)

    .text
/*
 * long hypercall_by_number(nr, a1, a2, a3, a4, a5)
 * In (SysV): rdi = nr, rsi..r9 = a1..a5. Moves a1..a5 to the hypercall
 * registers rdi, rsi, rdx, r10, r8 and calls stub nr, or for nr >= 128
 * executes `syscall` with rax = nr itself. Out: rax = result; rcx, r11 and
 * the argument registers clobbered, as for any call.
 */
GUEST_FUNC(hypercall_by_number)
    mov     %rdi, %rax
    mov     %rsi, %rdi
    mov     %rdx, %rsi
    mov     %rcx, %rdx
    mov     %r8, %r10
    mov     %r9, %r8
    cmp     $PAGE_SIZE / 32, %rax
    jae     1f
    shl     $5, %rax
    lea     hypercall_page(%rip), %r11
    add     %r11, %rax
    jmp     *%rax           /* The stub's ret returns to our caller. */
1:  syscall
    ret
GUEST_END(hypercall_by_number)
