/* SPDX-License-Identifier: GPL-2.0-only */
/* The trap frame built by entry/exceptions.S, and trap dispatch. */
#ifndef ASM_TRAPS_H
#define ASM_TRAPS_H

#include <xenolith/compiler.h>
#include <xenolith/types.h>

/* Layout fixed by trap_common's push order (lowest address first). */
struct trap_frame {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector, error_code;
    uint64_t rip, cs, rflags, rsp, ss;      /* Pushed by the CPU. */
};

#define TRAP_DE   0
#define TRAP_DB   1
#define TRAP_NMI  2
#define TRAP_BP   3
#define TRAP_UD   6
#define TRAP_NM   7
#define TRAP_DF   8
#define TRAP_TS   10
#define TRAP_NP   11
#define TRAP_SS   12
#define TRAP_GP   13
#define TRAP_PF   14
#define TRAP_MC   18

#define INT80_VECTOR          0x80     /* Guest user system calls */
#define HYPERCALL_VECTOR      0x82     /* int $0x82: hypercall, as Xen allows */
#define FIRST_IRQ_VECTOR      0x20
/* Pseudo-vectors for entries that do not come through the IDT. */
#define SYSCALL_PSEUDO_VECTOR        0x100
#define SYSCALL_COMPAT_PSEUDO_VECTOR 0x101
#define TIMER_VECTOR          0xf0
#define SPURIOUS_VECTOR       0xff

typedef void (*irq_handler_fn)(struct trap_frame *frame);

/*
 * Route an interrupt vector (FIRST_IRQ_VECTOR..255) to handler, which runs
 * with interrupts off and must acknowledge its source. Context: boot.
 */
void irq_set_handler(unsigned int vector, irq_handler_fn handler);

/* Called by trap_common for every vector. */
void trap_dispatch(struct trap_frame *frame);

static inline bool guest_mode(const struct trap_frame *f)
{
    return (f->cs & 3) != 0;
}

/*
 * Leave the hypervisor for the guest whose registers are in frame (which
 * must be the frame at the top of this CPU's stack): restores them and
 * IRETs, with SWAPGS. Context: hypervisor, interrupts any.
 */
void return_to_guest(struct trap_frame *frame) __noreturn;

/*
 * Run fn on this CPU's stack with the stack pointer at sp, dropping the
 * current call chain (entry/stack_switch.S). sp: 16-byte aligned.
 */
void reset_stack_and_jump(uint64_t sp, void (*fn)(void)) __noreturn;

/* Print all registers of a frame (and CR0/2/3/4). Context: any. */
void show_registers(const struct trap_frame *frame);

/*
 * Exception-table fixups: an instruction that may fault in the hypervisor
 * (probing a guest address, an MSR that may not exist) is listed with the
 * address to resume at. Returns the fixup address or 0.
 */
uint64_t search_exception_table(uint64_t rip);

#endif /* ASM_TRAPS_H */
