/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * size_t raw_copy_checked(void *dst, const void *src, size_t len)
 *
 * A byte copy whose faults are expected: the exception table sends a #PF or
 * #GP on the copy instruction to the return, with %rcx still holding the
 * bytes left. Returns the number of bytes not copied (0 on success).
 * Callers (guest_access.c) have already checked the guest range.
 * Entry/exit: SysV ABI; clobbers rcx, rsi, rdi.
 */
        .text
        .globl raw_copy_checked
raw_copy_checked:
        mov     %rdx, %rcx
1:      rep movsb
2:      mov     %rcx, %rax
        ret

        .section .ex_table, "a", @progbits
        .balign 8
        .quad   1b, 2b
