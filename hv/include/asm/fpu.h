/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A vCPU's FPU/SSE/AVX state, its XCR0 and its virtual CR0.TS
 * (hv/arch/x86/fpu.c).
 *
 * Who owns the registers: the vCPU whose state was last restored on this
 * CPU and not saved since (the running one); between a save and the next
 * restore they hold reset values and CR0.TS is set, so a stray FPU
 * instruction in the hypervisor faults instead of touching anything.
 * Switching is eager: vcpu_fpu_save() on the way out of a vCPU,
 * vcpu_fpu_restore() on the way in, whatever the guest did. Xen 4.17 is
 * eager for PV vCPUs on CPUs open to LazyFPU (CVE-2018-3665, its default
 * under QEMU's Haswell) because lazy switching leaves one vCPU's registers
 * in the CPU while another runs, where speculation can read them. What
 * stays lazy is what the guest asked for: fpu_taskswitch(1) (or a CR0
 * write with TS) sets the hardware CR0.TS while that vCPU runs, so its
 * next FPU, SSE or AVX instruction raises #NM, which goes to its trap 7
 * handler once (Xen clears the virtual TS when it delivers it).
 *
 * Fields are touched only by the vCPU itself or by whoever switches it
 * in and out on its CPU, so no lock protects them.
 */
#ifndef ASM_FPU_H
#define ASM_FPU_H

#include <xenolith/compiler.h>
#include <xenolith/types.h>

struct vcpu;
struct xsave_area;

struct vcpu_fpu {
    struct xsave_area *area;          /* Saved registers (asm/xstate.h). */
    uint64_t xcr0;                    /* The guest's XCR0 (XSETBV). */
    bool virtual_ts;                  /* The guest's CR0.TS. */
};

/*
 * Give v a save area holding the state of a CPU after reset, XCR0 x87|SSE
 * and CR0.TS clear. Context: vCPU creation. Returns 0 or -ENOMEM.
 */
int __must_check vcpu_fpu_init(struct vcpu *v);
/* Free what vcpu_fpu_init() allocated (none is fine). Not while v runs. */
void vcpu_fpu_destroy(struct vcpu *v);

/*
 * Switch v's state into this CPU's registers (restore) and out of them
 * (save). Every switch to a vCPU restores it, every switch away saves it,
 * in pairs: restore(v) ... save(v) ... restore(w). Restore also loads v's
 * XCR0 and sets CR0.TS as v's virtual TS says; save leaves the CPU with
 * XCR0 = xstate_host_xcr0, reset registers and CR0.TS set. Context: the
 * context switch, interrupts off.
 */
void vcpu_fpu_restore(struct vcpu *v);
void vcpu_fpu_save(struct vcpu *v);

/*
 * Set or clear the running vCPU v's virtual CR0.TS (fpu_taskswitch, CLTS,
 * MOV to CR0), and the hardware's with it. Context: v's hypercall or
 * emulation.
 */
void vcpu_fpu_set_ts(struct vcpu *v, bool ts);
/* The guest's view of CR0.TS. */
bool vcpu_fpu_ts(const struct vcpu *v);

/*
 * #NM from the running vCPU v: clear CR0.TS and say whether the guest had
 * set it, in which case its virtual TS is now clear and the #NM is the
 * guest's. Context: v's trap.
 */
bool vcpu_fpu_device_not_available(struct vcpu *v);

/*
 * Load xcr0 into the running vCPU v's XCR0 (emulated XSETBV). The caller
 * has checked it against v's CPUID (xcr0_guest_ok()), which offers only
 * host components. Context: v's emulation.
 */
void vcpu_fpu_set_xcr0(struct vcpu *v, uint64_t xcr0);

#endif /* ASM_FPU_H */
