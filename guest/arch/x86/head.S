/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Entry of a guest test kernel and the ELF notes that make it loadable as
 * a 64-bit PV kernel (dom0 or domU). The notes are Xen's
 * (xen/include/public/elfnote.h), the layout Linux's: VIRT_BASE
 * 0xffffffff80000000, PADDR_OFFSET 0, ELF physical addresses from 1 MiB.
 * FEATURES and SUPPORTED_FEATURES match what Linux declares, so the same
 * kernel exercises a dom0 builder's feature parsing: XENFEAT_dom0 must be
 * in SUPPORTED_FEATURES once that note exists, or Xen refuses to build
 * dom0 ("Kernel does not support Dom0 operation").
 *
 * Entry state (xen.h, "start of day"): 64-bit guest kernel mode, rsi =
 * virtual address of start_info, rsp = top of a bootstrap stack inside
 * the initial mapping, events not yet wired to anything.
 */
#include <xen/elfnote.h>
#include <xen/features.h>
#include <guest/arch/asm.h>
#include <guest/arch/elfnote.h>
#include <guest/arch/page.h>

ELFNOTE(XEN_ELFNOTE_GUEST_OS, .asciz "Xenolith-guest-test")
ELFNOTE(XEN_ELFNOTE_GUEST_VERSION, .asciz "0")
ELFNOTE(XEN_ELFNOTE_XEN_VERSION, .asciz "xen-3.0")
ELFNOTE(XEN_ELFNOTE_LOADER, .asciz "generic")
ELFNOTE(XEN_ELFNOTE_VIRT_BASE, .quad GUEST_VIRT_BASE)
ELFNOTE(XEN_ELFNOTE_PADDR_OFFSET, .quad 0)
ELFNOTE(XEN_ELFNOTE_ENTRY, .quad _start)
ELFNOTE(XEN_ELFNOTE_HYPERCALL_PAGE, .quad hypercall_page)
ELFNOTE(XEN_ELFNOTE_FEATURES, .asciz "!writable_page_tables")
ELFNOTE(XEN_ELFNOTE_SUPPORTED_FEATURES,
        .long (1 << XENFEAT_writable_page_tables) | (1 << XENFEAT_dom0))

    .section .text.head, "ax", @progbits
    .code64

/*
 * PV entry point. In: rsi = start_info (virtual). Moves to our own stack
 * and calls guest_start(start_info), which never returns.
 */
GUEST_FUNC(_start)
    lea     guest_boot_stack + GUEST_STACK_SIZE(%rip), %rsp
    xor     %ebp, %ebp
    mov     %rsi, %rdi
    call    guest_start
    ud2
GUEST_END(_start)

    .section .bss.page_aligned, "aw", @nobits
    .p2align PAGE_SHIFT
    .globl  guest_boot_stack
    .type   guest_boot_stack, @object
guest_boot_stack:
    .skip   GUEST_STACK_SIZE
    .size   guest_boot_stack, GUEST_STACK_SIZE
