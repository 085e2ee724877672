/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * MSR accesses that may fault: an MSR the CPU does not have raises #GP,
 * which the exception table sends to the fixup. Used where the hypervisor
 * reads a host MSR on a guest's behalf (PV MSR emulation) and cannot know
 * the MSR exists. Contract in asm/msr.h.
 */
        .text

/*
 * bool rdmsr_checked(uint32_t msr, uint64_t *val)
 * Entry: edi = msr, rsi = val. Exit: al = 1 and *val set, or al = 0 after
 * a #GP. Clobbers rcx, rdx.
 */
        .globl rdmsr_checked
rdmsr_checked:
        mov     %edi, %ecx
1:      rdmsr
        shl     $32, %rdx
        or      %rdx, %rax
        mov     %rax, (%rsi)
        mov     $1, %eax
        ret
2:      xor     %eax, %eax
        ret

/*
 * bool wrmsr_checked(uint32_t msr, uint64_t val)
 * Entry: edi = msr, rsi = val. Exit: al = 1, or al = 0 after a #GP.
 * Clobbers rcx, rdx.
 */
        .globl wrmsr_checked
wrmsr_checked:
        mov     %edi, %ecx
        mov     %esi, %eax
        mov     %rsi, %rdx
        shr     $32, %rdx
3:      wrmsr
        mov     $1, %eax
        ret
4:      xor     %eax, %eax
        ret

        .section .ex_table, "a", @progbits
        .balign 8
        .quad   1b, 2b
        .quad   3b, 4b
