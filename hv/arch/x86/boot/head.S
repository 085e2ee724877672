/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * First instructions: the Multiboot 1 and Multiboot 2 headers, the 32-bit
 * entry, the switch to long mode and the jump to the linked (high) address.
 *
 * Entry (both protocols): 32-bit protected mode, paging off, interrupts off,
 * flat CS/DS, %eax = loader magic, %ebx = physical address of the loader's
 * information structure, no usable stack. The image is linked at
 * IMAGE_VIRT_BASE + IMAGE_PHYS_START and loaded at IMAGE_PHYS_START, so until
 * paging is on every symbol is used through PHYS().
 *
 * Exit: start_xenolith(magic, info) in C, in 64-bit mode on the boot CPU's
 * stack, with the early page tables of early_pagetables.S: the first 4 GiB
 * identity-mapped and mapped at DIRECTMAP_VIRT_START, the first 1 GiB at
 * IMAGE_VIRT_BASE. Anything that cannot continue prints on COM1 and halts.
 */
#include <asm/memlayout.h>

#define PHYS(sym) ((sym) - IMAGE_VIRT_BASE)

#define MB1_MAGIC          0x1badb002
#define MB1_FLAGS          0x00000003 /* page-align modules, want memory info */
#define MB2_MAGIC          0xe85250d6
#define MB2_ARCH_I386      0

#define X86_CR0_PE  (1 << 0)
#define X86_CR0_MP  (1 << 1)
#define X86_CR0_ET  (1 << 4)
#define X86_CR0_NE  (1 << 5)
#define X86_CR0_WP  (1 << 16)
#define X86_CR0_PG  (1 << 31)
#define X86_CR4_PAE (1 << 5)
#define MSR_EFER    0xc0000080
#define EFER_LME    (1 << 8)
#define EFER_NXE    (1 << 11)

        .section .text.multiboot, "ax", @progbits
        .code32

        /* Multiboot 1: the first 8 KiB of the file, 4-byte aligned. */
        .balign 4
multiboot1_header:
        .long MB1_MAGIC
        .long MB1_FLAGS
        .long -(MB1_MAGIC + MB1_FLAGS)

        /* Multiboot 2: the first 32 KiB, 8-byte aligned; tags 8-aligned. */
        .balign 8
multiboot2_header:
        .long MB2_MAGIC
        .long MB2_ARCH_I386
        .long multiboot2_header_end - multiboot2_header
        .long -(MB2_MAGIC + MB2_ARCH_I386 + (multiboot2_header_end - multiboot2_header))
        /* Information request, optional: cmdline, loader, modules, meminfo, mmap, ACPI. */
        .balign 8
mb2_info_request:
        .short 1, 1
        .long mb2_info_request_end - mb2_info_request
        .long 1, 2, 3, 4, 6, 14, 15
mb2_info_request_end:
        /* Page-align modules. */
        .balign 8
        .short 6, 0
        .long 8
        /* End tag. */
        .balign 8
        .short 0, 0
        .long 8
multiboot2_header_end:

        .section .text.boot, "ax", @progbits
        .code32
        .globl start32
start32:
        cld
        cli
        mov     %eax, %edi              /* Loader magic: first C argument. */
        mov     %ebx, %esi              /* Loader info: second C argument. */
        mov     $PHYS(cpu0_stack_top), %esp

        cmp     $0x2badb002, %eax
        je      1f
        cmp     $0x36d76289, %eax
        je      1f
        mov     $PHYS(msg_no_multiboot), %ebx
        jmp     early_fatal
1:
        /* Long mode and NX are both required (every x86-64 CPU we target). */
        mov     $0x80000000, %eax
        cpuid
        cmp     $0x80000001, %eax
        jb      no_long_mode
        mov     $0x80000001, %eax
        cpuid
        bt      $29, %edx
        jnc     no_long_mode
        bt      $20, %edx
        jnc     no_nx

        mov     %cr4, %eax
        or      $X86_CR4_PAE, %eax
        mov     %eax, %cr4
        mov     $PHYS(early_l4), %eax
        mov     %eax, %cr3
        mov     $MSR_EFER, %ecx
        rdmsr
        or      $(EFER_LME | EFER_NXE), %eax
        wrmsr
        mov     $(X86_CR0_PE | X86_CR0_MP | X86_CR0_ET | X86_CR0_NE | X86_CR0_WP | X86_CR0_PG), %eax
        mov     %eax, %cr0

        lgdt    PHYS(early_gdtr)
        ljmp    $0x08, $PHYS(start64_identity)

no_long_mode:
        mov     $PHYS(msg_no_long_mode), %ebx
        jmp     early_fatal
no_nx:
        mov     $PHYS(msg_no_nx), %ebx
        /* Fall through. */

/*
 * Print the NUL-terminated string at %ebx on COM1 (0x3f8, assumed usable at
 * whatever rate the firmware left) and halt for good. 32-bit, no stack use.
 */
early_fatal:
        mov     $0x3f8 + 5, %dx
2:      in      %dx, %al                /* Wait for THR empty. */
        test    $0x20, %al
        jz      2b
        movb    (%ebx), %al
        test    %al, %al
        jz      3f
        mov     $0x3f8, %dx
        out     %al, %dx
        inc     %ebx
        jmp     early_fatal
3:      cli
        hlt
        jmp     3b

        .code64
start64_identity:
        movabs  $start64, %rax
        jmp     *%rax

        .text
start64:
        xor     %eax, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %fs
        mov     %eax, %gs
        mov     $0x10, %eax
        mov     %eax, %ss
        lea     cpu0_stack_top(%rip), %rsp
        xor     %ebp, %ebp              /* Terminates the backtrace. */
        push    $0
        popfq
        /* %edi, %esi still hold magic and info (zero-extended by 32-bit moves). */
        mov     %edi, %edi
        mov     %esi, %esi
        call    start_xenolith
        ud2

        .section .rodata.boot, "a", @progbits
        .balign 8
early_gdt:
        .quad 0
        .quad 0x00af9b000000ffff        /* 0x08: 64-bit ring-0 code */
        .quad 0x00cf93000000ffff        /* 0x10: ring-0 data */
early_gdt_end:
early_gdtr:
        .short early_gdt_end - early_gdt - 1
        .long PHYS(early_gdt)

msg_no_multiboot:
        .asciz "Xenolith: not started by a Multiboot loader; halting.\r\n"
msg_no_long_mode:
        .asciz "Xenolith: this CPU has no 64-bit long mode; halting.\r\n"
msg_no_nx:
        .asciz "Xenolith: this CPU has no NX (no-execute) support; halting.\r\n"
