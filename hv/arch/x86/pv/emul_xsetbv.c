/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * XSETBV for PV guests: the guest kernel loads its XCR0 (asm/fpu.h); XGETBV
 * needs no help, it reads the hardware's XCR0, which is the guest's while
 * it runs. Semantics are Xen 4.17's x86_emulate (0f 01 d1: #UD with a
 * 66, f2 or f3 prefix or without the guest's CR4.OSXSAVE, then the CPL
 * check), x86emul_write_xcr and
 * xstate.c handle_xsetbv: only XCR0 (ecx 0), only a consistent value
 * made of states the guest's CPUID offers, else #GP(0).
 */
#include <asm/fpu.h>
#include <asm/processor.h>
#include <asm/xcr0.h>
#include <xenolith/domain.h>
#include "emul.h"

/* The states a guest with policy p may enable: leaf 0xd.0 edx:eax. */
static uint64_t xcr0_max(const struct cpuid_policy *p)
{
    if ( !(p->basic[1].c & CPUID_1C_XSAVE) )
        return 0;
    return ((uint64_t)p->xstate[0].d << 32) | p->xstate[0].a;
}

enum emul_result emul_xsetbv(struct trap_frame *f, const struct insn *insn)
{
    struct vcpu *v = current;
    uint64_t xcr0 = ((uint64_t)(uint32_t)f->rdx << 32) | (uint32_t)f->rax;

    if ( insn->opsize || insn->rep || !(pv_guest_cr4(v) & X86_CR4_OSXSAVE) )
        return emul_inject_ud(f);
    if ( !v->arch.kernel_mode )
        return EMUL_BOUNCE;                /* The CPL check: #GP(0). */
    if ( (uint32_t)f->rcx != 0 ||
         !xcr0_guest_ok(xcr0, xcr0_max(pv_cpuid_policy())) )
        return emul_inject_gp(f);
    vcpu_fpu_set_xcr0(v, xcr0);
    return EMUL_DONE;
}
