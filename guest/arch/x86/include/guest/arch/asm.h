/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Assembly helpers for the guest's .S files: function symbols and
 * exception-table entries. An exception-table entry pairs the address of an
 * instruction that may fault (or, for a trap such as int3, the address the
 * trap reports: the next instruction) with the address to resume at; the
 * trap handler (guest/lib/traps.c) looks the reported rip up there, puts
 * the packed fault in rax and resumes at the fixup.
 */
#ifndef GUEST_ARCH_ASM_H
#define GUEST_ARCH_ASM_H

#ifdef __ASSEMBLY__

#define GUEST_FUNC(name)                                                     \
    .globl name;                                                             \
    .type name, @function;                                                   \
    name:

#define GUEST_END(name) .size name, . - name

.macro extable from, to
    .pushsection .ex_table, "a"
    .balign 8
    .quad \from, \to
    .popsection
.endm

#endif /* __ASSEMBLY__ */

#endif /* GUEST_ARCH_ASM_H */
