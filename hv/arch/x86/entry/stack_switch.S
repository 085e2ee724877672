/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * void reset_stack_and_jump(uint64_t sp, void (*fn)(void)): abandon the
 * current call chain and run fn with the stack pointer at sp, as if called
 * from there (a null return address, so a backtrace ends). fn must not
 * return. Used once per CPU to start scheduling below the guest frame at
 * the top of its stack (common/sched/core.c), which the boot call chain
 * occupied. Entry: sp 16-byte aligned.
 */
        .text
        .globl reset_stack_and_jump
reset_stack_and_jump:
        mov     %rdi, %rsp
        pushq   $0
        xor     %ebp, %ebp
        jmp     *%rsi
