/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Internal interface of PV privileged-instruction emulation, shared by
 * hv/arch/x86/pv/emul_*.c and cpuid_guest.c. The entry point,
 * pv_emulate_privileged(), is in asm/pv.h.
 *
 * Every emul_* handler runs for the current vCPU on its trap frame, after
 * the instruction was fetched and decoded, and says what became of it.
 */
#ifndef PV_EMUL_H
#define PV_EMUL_H

#include <asm/cpuid_policy.h>
#include <asm/insn.h>
#include <asm/traps.h>

struct vcpu;

enum emul_result {
    EMUL_DONE,        /* Emulated: resume after the instruction. */
    EMUL_BOUNCE,      /* Not ours to emulate: the CPU's fault goes on. */
    EMUL_INJECTED,    /* Another exception was injected (or the domain
                         crashed): the frame is already set up. */
    EMUL_AGAIN,       /* Partly done (a long REP): registers updated, rip
                         left on the instruction to run it again. */
};

/* MOV to/from CR0-4, DR0-7 (emul_regs.c). */
enum emul_result emul_mov_cr(struct trap_frame *f, const struct insn *insn);
enum emul_result emul_mov_dr(struct trap_frame *f, const struct insn *insn);
/* The guest's view of CR4 (host-controlled bits plus its own). */
uint64_t pv_guest_cr4(const struct vcpu *v);

/*
 * Set debug register dr (0-3, 6 or 7) of v as MOV to DR does (emul_regs.c):
 * false, changing nothing, for a value the guest may not have there.
 */
bool pv_write_debugreg(struct vcpu *v, unsigned int dr, uint64_t val);

/* XSETBV (emul_xsetbv.c): the guest's XCR0. */
enum emul_result emul_xsetbv(struct trap_frame *f, const struct insn *insn);

/* RDMSR and WRMSR (emul_msr.c). */
enum emul_result emul_rdmsr(struct trap_frame *f);
enum emul_result emul_wrmsr(struct trap_frame *f);

/* IN, OUT, INS, OUTS (emul_io.c). */
enum emul_result emul_io(struct trap_frame *f, const struct insn *insn);
/* May the vCPU, in its current mode, use port I/O (its virtual IOPL)? */
bool pv_iopl_ok(const struct vcpu *v);

/* Exceptions for the guest (emul_priv.c); each returns EMUL_INJECTED. */
enum emul_result emul_inject_gp(struct trap_frame *f);
enum emul_result emul_inject_ud(struct trap_frame *f);
enum emul_result emul_inject_page_fault(struct trap_frame *f, uint64_t addr,
                                        uint64_t error_code);

/* General register n (0 rax ... 15 r15, SDM numbering) of a frame. */
uint64_t *emul_gpr(struct trap_frame *f, unsigned int n);

/*
 * The PV CPUID policy (cpuid_guest.c), computed from the host on first
 * use; and the answer to CPUID leaf/subleaf for v. forced: asked through
 * the forced-emulation prefix (#UD path), not a faulting CPUID.
 */
const struct cpuid_policy *pv_cpuid_policy(void);
void pv_cpuid(const struct vcpu *v, bool forced, uint32_t leaf,
              uint32_t subleaf, struct cpuid_leaf *res);

#endif /* PV_EMUL_H */
