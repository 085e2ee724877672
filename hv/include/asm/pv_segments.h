/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A PV vCPU's data segments: the DS/ES/FS/GS selectors and the FS, kernel
 * GS and user GS bases (hv/arch/x86/pv/segments.c), and the failsafe
 * callback that a selector which no longer loads sends the guest to.
 *
 * The hypervisor never loads DS/ES/FS/GS on entry or exit (64-bit mode
 * does not use DS/ES, and GS reaches the per-CPU area through its base
 * alone), so while a vCPU runs its selectors stay in the CPU untouched, as
 * in Xen 4.17. They are only written when a vCPU is switched in
 * (pv_load_segments) and by SEGBASE_GS_USER_SEL. Semantics: Xen 4.17
 * xen/arch/x86/domain.c load_segments()/save_segments() and
 * xen/arch/x86/pv/misc-hypercalls.c do_set_segment_base().
 */
#ifndef ASM_PV_SEGMENTS_H
#define ASM_PV_SEGMENTS_H

#include <asm/traps.h>
#include <xenolith/types.h>

struct vcpu;

/*
 * Record v's selectors, FS base and active GS base (from the CPU) in
 * v->arch, for a context switch away from v. Context: v = the vCPU running
 * on this CPU, interrupts off, in the hypervisor (its active GS base in
 * SHADOW_GS_BASE).
 */
void pv_save_segments(struct vcpu *v);

/*
 * Give the CPU v's segment state before it runs: its selectors, then the
 * FS base and its active GS base (a selector load would have overwritten
 * them). A selector that no longer loads (its descriptor changed since it
 * was saved) is left null and v enters its failsafe callback instead
 * (pv_failsafe_bounce), as Xen 4.17's load_segments() does. Context:
 * v about to run on this CPU, f = guest_regs(), interrupts off.
 */
void pv_load_segments(struct vcpu *v, struct trap_frame *f);

/*
 * SEGBASE_GS_USER_SEL: load sel (a guest value; RPL forced to 3 unless
 * null) into GS as the user GS selector; the user GS base becomes the
 * descriptor's. A selector that does not load leaves GS null with base 0,
 * and the call still succeeds, as in Xen 4.17 (Linux BUG()s on failure;
 * a caller checks by reading GS back). Context: hypercall from v = current
 * in guest kernel mode.
 */
void pv_load_user_gs_selector(struct vcpu *v, uint16_t sel);

/*
 * Enter v's failsafe callback (CALLBACKTYPE_failsafe) with the frame Xen
 * builds on the guest kernel stack: rcx, r11, ds, es, fs, gs (sel[0..3],
 * the selectors the guest had), then rip, cs, rflags, rsp, ss as a trap
 * bounce writes them (asm/pv.h), switching to guest kernel mode if needed
 * and masking events if the callback was registered with
 * CALLBACKF_mask_events. Crashes the domain if it has no failsafe
 * callback or the frame cannot be written. Context: f = guest_regs() of
 * v = current, on the way back to the guest.
 */
void pv_failsafe_bounce(struct trap_frame *f, const uint16_t sel[4]);

/*
 * A #GP, #NP or #SS raised by the IRETQ that returns to a guest (the
 * frame from an iret hypercall had a selector or rip the CPU refuses):
 * the guest receives that very exception as if raised at the frame's
 * target, through its trap table, as Xen 4.17 does (its pre-exception
 * table entry for the IRETQ sends it to handle_exception). hv_frame is
 * the exception's own frame (hypervisor mode, rip at the IRETQ), which
 * overlaps the lower part of guest_regs(). Context: trap dispatch,
 * interrupts off, GS already the per-CPU area (trap_common's check for
 * this instruction). Never returns: resumes the guest.
 */
void pv_iret_fault(const struct trap_frame *hv_frame) __noreturn;

/* The IRETQ of return_to_guest() that returns to a guest (exceptions.S). */
extern const char iret_to_guest[];

#endif /* ASM_PV_SEGMENTS_H */
