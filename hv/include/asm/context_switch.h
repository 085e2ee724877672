/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Moving a PV vCPU's state on and off this CPU (hv/arch/x86/
 * context_switch.c), for the scheduler core (common/sched/core.c) only.
 *
 * What a running vCPU keeps in the CPU: its general registers in the
 * frame at the top of the stack (guest_regs()), its page tables (CR3), its
 * FPU/SSE/AVX state and XCR0, its data segment selectors and FS/GS bases,
 * its GDT frames and shadow-LDT pages in this CPU's GDT window, its LDT.
 * Everything else (virtual CR0.TS aside, which the FPU code handles, and
 * the emulated privileged state) lives in struct vcpu already.
 */
#ifndef ASM_CONTEXT_SWITCH_H
#define ASM_CONTEXT_SWITCH_H

struct trap_frame;
struct vcpu;

/*
 * Take prev's state off this CPU: f (= guest_regs()) into
 * prev->arch.user_regs, then segments, FPU, shadow-LDT mappings.
 * Context: interrupts off, prev = current, on the way back to a guest.
 */
void arch_context_switch_out(struct vcpu *prev, struct trap_frame *f);

/*
 * Put next's state on this CPU, its registers into f, ready for the IRET.
 * May redirect f to next's failsafe callback (a selector that no longer
 * loads). Context: interrupts off, next = current already.
 */
void arch_context_switch_in(struct vcpu *next, struct trap_frame *f);

/* No vCPU on this CPU: load the hypervisor's own page tables. */
void arch_context_switch_to_idle(void);

#endif /* ASM_CONTEXT_SWITCH_H */
