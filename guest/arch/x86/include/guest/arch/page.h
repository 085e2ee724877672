/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Memory layout of a guest test kernel and x86-64 page-table entry bits.
 * Usable from C and assembly.
 *
 * The kernel is linked like Linux: the ELF notes say VIRT_BASE
 * GUEST_VIRT_BASE and PADDR_OFFSET 0, the image starts GUEST_LOAD_OFFSET
 * above VIRT_BASE, so a kernel virtual address va is guest pseudo-physical
 * frame (va - GUEST_VIRT_BASE) >> PAGE_SHIFT (the PV dom0 builder maps
 * VIRT_BASE + (pfn << PAGE_SHIFT) to mfn_list[pfn]; xen/include/public/xen.h,
 * "start of day" layout). The whole lower half of the address space is
 * left unmapped, which gives tests a ready "unmapped guest address".
 */
#ifndef GUEST_ARCH_PAGE_H
#define GUEST_ARCH_PAGE_H

#define PAGE_SHIFT          12
#define PAGE_SIZE           4096
#define GUEST_VIRT_BASE     0xffffffff80000000
#define GUEST_LOAD_OFFSET   0x100000
#define GUEST_STACK_SIZE    (4 * PAGE_SIZE)

#define PTE_PRESENT         0x001
#define PTE_RW              0x002
#define PTE_USER            0x004
#define PTE_ACCESSED        0x020
#define PTE_DIRTY           0x040

#endif /* GUEST_ARCH_PAGE_H */
