/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A PV vCPU's context as the toolstack sees it: struct vcpu_guest_context
 * (xen/arch-x86/xen.h, x86_64), set and read by domctl setvcpucontext and
 * getvcpucontext (hv/arch/x86/pv/vcpu_context.c), and what a vCPU holds
 * outside its registers that must go when it is reset or its domain dies.
 * Semantics are Xen 4.17's arch_set_info_guest(), arch_get_info_guest()
 * and arch_vcpu_reset() (xen/arch/x86/domain.c, domctl.c).
 */
#ifndef ASM_VCPU_CONTEXT_H
#define ASM_VCPU_CONTEXT_H

#include <xenolith/compiler.h>
#include <xenolith/types.h>
#include <xen/xen.h>

struct vcpu;

/*
 * Give v (not running: its domain paused, not the caller's) the context
 * c, which comes from the control domain and is checked here as Xen
 * does: -EINVAL for a non-canonical address, an LDT base that is
 * unaligned, in the hypervisor's range or with more than 8192 entries, a
 * GDT frame that cannot be a descriptor page of v's domain, a kernel L4
 * (ctrlreg[3], xen_pfn_to_cr3) or user L4 (ctrlreg[1]) that is not, or
 * cannot be validated as, an L4 table of v's domain, or a first context
 * in user mode without a user L4; -EOPNOTSUPP for an initialised v whose
 * page tables, GDT or LDT would change (only registers may then). Code and
 * stack selectors get RPL 3 (ring 0 is the hypervisor's); debug register
 * values a guest may not use are ignored. On success v is initialised
 * (its table and GDT referenced) and may run; on failure nothing changed.
 * Context: hypercall.
 */
int __must_check arch_set_info_guest(struct vcpu *v,
                                     const struct vcpu_guest_context *c);

/* Fill c from v (not running), as Xen's arch_get_info_guest(). */
void arch_get_info_guest(const struct vcpu *v, struct vcpu_guest_context *c);

/*
 * Release what v holds outside the page lists: its GDT and LDT frames
 * (teardown), and for a reset its page-table bases too. v is not running.
 */
void arch_vcpu_teardown(struct vcpu *v);
void arch_vcpu_reset(struct vcpu *v);

#endif /* ASM_VCPU_CONTEXT_H */
