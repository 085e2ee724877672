/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Loads of guest-chosen selectors into DS, ES, FS and GS that may fault:
 * the exception table sends a #GP or #NP on the load to a fixup that loads
 * the null selector and returns false (Xen 4.17's loadsegment()). Contracts
 * in asm/segments.h.
 */
#include <xen/xen.h>

#define MSR_GS_BASE 0xc0000101          /* asm/processor.h */

        .text

/*
 * bool seg_load_<seg>_checked(unsigned int sel)
 * Entry: edi = selector. Exit: al = 1, or al = 0 with the null selector
 * loaded after a fault. Clobbers nothing else.
 */
.macro seg_load_checked seg
        .globl seg_load_\seg\()_checked
seg_load_\seg\()_checked:
        mov     $1, %eax
1:      mov     %edi, %\seg
2:      ret
3:      xor     %eax, %eax
        mov     %eax, %\seg
        jmp     2b
        .section .ex_table, "a", @progbits
        .balign 8
        .quad   1b, 3b
        .previous
.endm

        seg_load_checked ds
        seg_load_checked es
        seg_load_checked fs

/*
 * bool seg_load_gs_checked(unsigned int sel, uint64_t *loaded_base)
 * Entry: edi = selector, rsi = where the loaded base goes; interrupts off.
 * Reads GS_BASE, loads the selector (after a fault: the flat ring-3 one,
 * then null), stores the base the load left in *rsi and writes the old
 * GS_BASE back. Between the load and that write GS does not reach the
 * per-CPU area; nothing here uses it. Exit: al = 1, or 0 after a fault.
 * Clobbers rcx, rdx, r8, r9.
 */
        .globl seg_load_gs_checked
seg_load_gs_checked:
        mov     $MSR_GS_BASE, %ecx
        rdmsr
        mov     %eax, %r8d                      /* Old base, low half. */
        mov     %edx, %r9d                      /* Old base, high half. */
        mov     $1, %eax
4:      mov     %edi, %gs
5:      push    %rax
        rdmsr
        shl     $32, %rdx
        or      %rdx, %rax
        mov     %rax, (%rsi)
        mov     %r8d, %eax
        mov     %r9d, %edx
        wrmsr
        pop     %rax
        ret
6:      mov     $FLAT_RING3_DS32, %eax
        mov     %eax, %gs
        xor     %eax, %eax
        mov     %eax, %gs
        jmp     5b

        .section .ex_table, "a", @progbits
        .balign 8
        .quad   4b, 6b
        .previous
