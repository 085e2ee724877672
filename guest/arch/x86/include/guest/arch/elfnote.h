/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ELFNOTE(type, desc) in assembly: one Xen ELF note (name "Xen", the
 * XEN_ELFNOTE_* type of xen/include/public/elfnote.h, desc as assembled)
 * in .note.Xen, which the linker script puts in the kernel's PT_NOTE
 * segment. guest/arch/x86/head.S declares the notes every test kernel
 * has; a test kernel adds its own (INIT_P2M, MOD_START_PFN, ...) in a .S
 * file of its directory.
 */
#ifndef GUEST_ARCH_ELFNOTE_H
#define GUEST_ARCH_ELFNOTE_H

#ifdef __ASSEMBLY__
#define ELFNOTE(type, desc)                                                  \
    .pushsection .note.Xen, "a", @note;                                      \
    .p2align 2;                                                              \
    .long 2f - 1f;                                                           \
    .long 4f - 3f;                                                           \
    .long type;                                                              \
1:  .asciz "Xen";                                                            \
2:  .p2align 2;                                                              \
3:  desc;                                                                    \
4:  .p2align 2;                                                              \
    .popsection
#endif

#endif /* GUEST_ARCH_ELFNOTE_H */
