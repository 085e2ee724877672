/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Link map of the hypervisor image. One loadable segment, linked at
 * IMAGE_VIRT_BASE + IMAGE_PHYS_START and loaded at IMAGE_PHYS_START
 * (tools/mkelf32 turns it into the 32-bit ELF boot loaders take).
 * Sections are page-aligned by permission so paging_init() can map text
 * read-only+executable, rodata read-only, data and bss writable+NX (W^X).
 * The symbol table (.symbols) comes after text and rodata so that filling
 * it in on the second link pass moves no function (tools/gen-symbols).
 */
#include <asm/memlayout.h>

OUTPUT_FORMAT("elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)
ENTRY(start32)

PHDRS
{
    image PT_LOAD FLAGS(7);
}

SECTIONS
{
    . = IMAGE_VIRT_BASE + IMAGE_PHYS_START;
    __image_start = .;

    .text : AT(ADDR(.text) - IMAGE_VIRT_BASE)
    {
        __text_start = .;
        *(.text.multiboot)
        *(.text.boot)
        *(.text .text.*)
        . = ALIGN(4096);
        __text_end = .;
    } :image

    .rodata : AT(ADDR(.rodata) - IMAGE_VIRT_BASE)
    {
        __rodata_start = .;
        *(.rodata.boot)
        *(.rodata .rodata.*)
        . = ALIGN(8);
        __param_start = .;
        *(.data.param)
        __param_end = .;
        . = ALIGN(8);
        __ex_table_start = .;
        *(.ex_table)
        __ex_table_end = .;
        . = ALIGN(4096);
        __rodata_end = .;
    } :image

    .data : AT(ADDR(.data) - IMAGE_VIRT_BASE)
    {
        __data_start = .;
        *(.data.page_aligned)
        *(.data .data.*)
        . = ALIGN(8);
        *(.symbols)
        . = ALIGN(4096);
        __data_end = .;
    } :image

    .bss (NOLOAD) : AT(ADDR(.bss) - IMAGE_VIRT_BASE)
    {
        __bss_start = .;
        /* Boot CPU stacks; the guard page below the stack stays unmapped. */
        cpu0_stack_guard = .;
        . += 4096;
        cpu0_stack = .;
        . += STACK_SIZE;
        cpu0_stack_top = .;
        cpu0_ist_stacks = .;
        . += 3 * IST_STACK_SIZE;
        *(.bss.page_aligned)
        *(.bss .bss.*)
        *(COMMON)
        . = ALIGN(4096);
        __bss_end = .;
    } :image

    __image_end = .;

    /DISCARD/ : { *(.note.*) *(.comment) *(.eh_frame) *(.interp) *(.dynamic) *(.dynsym) *(.dynstr) *(.hash) *(.gnu.hash) }
}
