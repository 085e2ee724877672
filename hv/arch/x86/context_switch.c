/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The x86 half of a context switch between PV vCPUs (contracts in
 * asm/context_switch.h). Xen 4.17 does the same work in
 * xen/arch/x86/domain.c (context_switch, __context_switch, save_segments,
 * load_segments), but switches stacks; we never need to, because the
 * scheduler only switches on the way out to a guest, when the frame at the
 * top of the stack is the whole of the running vCPU's register state.
 *
 * Order on the way in: FPU and descriptor tables first, then CR3, then the
 * data segments, whose failsafe bounce writes the guest's kernel stack
 * through its own page tables.
 */
#include <asm/context_switch.h>
#include <asm/flush.h>
#include <asm/fpu.h>
#include <asm/page.h>
#include <asm/pv.h>
#include <asm/pv_desc.h>
#include <asm/pv_segments.h>
#include <asm/traps.h>
#include <xenolith/domain.h>
#include <xenolith/mm.h>

void arch_context_switch_out(struct vcpu *prev, struct trap_frame *f)
{
    prev->arch.user_regs = *f;
    pv_save_segments(prev);
    vcpu_fpu_save(prev);
    pv_ldt_switch_out(prev);
}

void arch_context_switch_in(struct vcpu *next, struct trap_frame *f)
{
    *f = next->arch.user_regs;
    vcpu_fpu_restore(next);
    pv_gdt_load(next);
    pv_ldt_switch_in(next);
    pv_load_cr3(next);
    pv_load_segments(next, f);
}

void arch_context_switch_to_idle(void)
{
    write_cr3_flush(hypervisor_l4_maddr());
}
