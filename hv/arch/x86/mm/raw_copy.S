/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * size_t raw_copy_checked(void *dst, const void *src, size_t len)
 *
 * A copy whose faults are expected: the exception table sends a #PF or #GP
 * on either copy instruction to code that returns how many bytes were left.
 * Quadwords first, then the 0-7 remaining bytes. A fault in the quadword
 * loop leaves rcx quadwords (plus the tail in rdx) uncopied; one in the byte
 * loop leaves rcx bytes. Returns the number of bytes not copied (0 on
 * success). Callers (guest_access.c) have already checked the guest range.
 * Entry/exit: SysV ABI; clobbers rcx, rdx, rsi, rdi.
 */
        .text
        .globl raw_copy_checked
raw_copy_checked:
        mov     %rdx, %rcx
        shr     $3, %rcx
        and     $7, %edx
1:      rep movsq
        mov     %rdx, %rcx
2:      rep movsb
3:      mov     %rcx, %rax
        ret
4:      lea     (%rdx, %rcx, 8), %rax
        ret

        .section .ex_table, "a", @progbits
        .balign 8
        .quad   1b, 4b
        .quad   2b, 3b
