/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Link map of a guest test kernel (see guest/arch/x86/include/guest/arch/
 * page.h): virtual addresses from GUEST_VIRT_BASE + GUEST_LOAD_OFFSET,
 * ELF physical addresses GUEST_VIRT_BASE lower (PADDR_OFFSET 0). Two
 * loadable segments, text (with read-only data and the notes) and data;
 * a PT_NOTE segment for the Xen notes.
 */
#include <guest/arch/page.h>

OUTPUT_FORMAT("elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)
ENTRY(_start)

PHDRS
{
    text PT_LOAD FLAGS(5);
    data PT_LOAD FLAGS(6);
    note PT_NOTE FLAGS(4);
}

#define PHYS(section) AT(ADDR(section) - GUEST_VIRT_BASE)

SECTIONS
{
    . = GUEST_VIRT_BASE + GUEST_LOAD_OFFSET;

    .text : PHYS(.text)
    {
        *(.text.head)
        *(.text .text.*)
        . = ALIGN(PAGE_SIZE);
        *(.hypercall_page)
    } :text

    .rodata : PHYS(.rodata)
    {
        *(.rodata .rodata.*)
        . = ALIGN(8);
        __start_trap_stubs = .;
        *(.trap_stubs)
        __stop_trap_stubs = .;
        __start_ex_table = .;
        *(.ex_table)
        __stop_ex_table = .;
    } :text

    .note.Xen : PHYS(.note.Xen)
    {
        *(.note.Xen)
    } :text :note

    . = ALIGN(PAGE_SIZE);
    .data : PHYS(.data)
    {
        *(.data .data.*)
    } :data

    .bss : PHYS(.bss)
    {
        . = ALIGN(PAGE_SIZE);
        *(.bss.page_aligned)
        *(.bss .bss.* COMMON)
        . = ALIGN(PAGE_SIZE);
    } :data

    _end = .;

    /DISCARD/ :
    {
        *(.comment) *(.eh_frame) *(.note.GNU-stack) *(.note.gnu.*)
    }
}

ASSERT(hypercall_page % PAGE_SIZE == 0, "hypercall_page is not page aligned")
ASSERT(guest_boot_stack % PAGE_SIZE == 0, "boot stack is not page aligned")
