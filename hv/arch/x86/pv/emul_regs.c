/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * MOV to and from control and debug registers for PV guest kernels: the
 * registers a guest kernel believes it has (Xen 4.17: read_cr/write_cr in
 * xen/arch/x86/pv/emul-priv-op.c, pv_fixup_guest_cr4 and x86emul_read_dr/
 * write_dr with set_debugreg).
 *
 * CR0 is the hypervisor's with TS as the guest set it (fpu_taskswitch);
 * a write may change TS only. CR2 is the last page-fault address given to
 * the guest. CR3 names the kernel's top-level table. CR4 shows the
 * host-controlled bits Xen shows (PAE, MCE, OSFXSR, OSXMMEXCPT, whichever
 * we run with) and the bits the guest controls (TSD, DE, and FSGSBASE or
 * OSXSAVE when its CPUID offers them); other bits written are dropped.
 * Debug registers hold values only: DR0-3 must be guest addresses, DR6/
 * DR7 keep their reserved bits as the CPU would.
 */
#include <asm/fpu.h>
#include <asm/processor.h>
#include <asm/pv.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/guest_access.h>
#include <xenolith/hypercall.h>
#include "emul.h"

#define X86_CR4_TSD          (1UL << 2)
#define X86_CR4_DE           (1UL << 3)
#define X86_CR4_MCE          (1UL << 6)
#define PV_CR4_HOST_VISIBLE  (X86_CR4_PAE | X86_CR4_MCE | X86_CR4_OSFXSR | \
                              X86_CR4_OSXMMEXCPT)

#define DR6_RESERVED_ONE     0xffff0ff0UL
#define DR6_WRITABLE         0x0000e00fUL  /* B0-B3, BD, BS, BT */
#define DR7_RESERVED_ONE     0x00000400UL
#define DR7_RESERVED_ZERO    0x0000d800UL  /* Bits 11, 12, 14, 15 */
#define DR7_GD               (1UL << 13)
#define DR7_ENABLES          0x000000ffUL  /* L0-L3, G0-G3 */

static uint64_t cr4_guest_controlled(void)
{
    const struct cpuid_policy *p = pv_cpuid_policy();
    uint64_t mask = 0;

    if ( p->basic[1].d & CPUID_1D_TSC )
        mask |= X86_CR4_TSD;
    if ( p->basic[1].d & CPUID_1D_DE )
        mask |= X86_CR4_DE;
    if ( p->feat[0].b & CPUID_7B0_FSGSBASE )
        mask |= X86_CR4_FSGSBASE;
    if ( p->basic[1].c & CPUID_1C_XSAVE )
        mask |= X86_CR4_OSXSAVE;
    return mask;
}

uint64_t pv_guest_cr4(const struct vcpu *v)
{
    return (read_cr4() & PV_CR4_HOST_VISIBLE) | v->arch.priv.cr4_guest;
}

/*
 * Two of the guest's bits change the hardware (Xen's pv_make_cr4): TSD
 * makes RDTSC in ring 3 fault, to be emulated for the guest kernel alone;
 * FSGSBASE lets the guest write its FS and GS bases itself, which keeps
 * our model (the live FS base is the hardware's, the active GS base sits
 * in SHADOW_GS_BASE while we run). One vCPU per CPU for now, so the CPU's
 * CR4 is its own. TODO(#5): make it part of the vCPU context switch.
 */
#define CR4_GUEST_IN_HARDWARE (X86_CR4_TSD | X86_CR4_FSGSBASE)

static void write_guest_cr4(struct vcpu *v, uint64_t val)
{
    uint64_t hw = read_cr4(), want;

    v->arch.priv.cr4_guest = val & cr4_guest_controlled();
    want = (hw & ~CR4_GUEST_IN_HARDWARE) |
           (v->arch.priv.cr4_guest & CR4_GUEST_IN_HARDWARE);
    if ( want != hw )
        write_cr4(want);
}

static bool read_cr(const struct vcpu *v, unsigned int cr, uint64_t *val)
{
    switch ( cr )
    {
    case 0:
        *val = (read_cr0() & ~X86_CR0_TS) |
               (vcpu_fpu_ts(v) ? X86_CR0_TS : 0);
        return true;
    case 2:
        *val = v->arch.priv.cr2;
        return true;
    case 3:
        *val = mfn_to_maddr(v->arch.guest_table);
        return true;
    case 4:
        *val = pv_guest_cr4(v);
        return true;
    default:
        return false;
    }
}

static bool write_cr(struct vcpu *v, unsigned int cr, uint64_t val)
{
    switch ( cr )
    {
    case 0:
        if ( (val ^ read_cr0()) & ~X86_CR0_TS )
            return false;                /* Xen: unmodifiable CR0 flags. */
        do_fpu_taskswitch(!!(val & X86_CR0_TS), 0, 0, 0, 0);
        return true;
    case 2:
        v->arch.priv.cr2 = val;
        v->vcpu_info->arch.cr2 = val;
        return true;
    case 3:
        /*
         * Differs from Xen: only the current table may be loaded (a TLB
         * flush) until MMUEXT_NEW_BASEPTR exists (issue 4).
         */
        if ( (val >> PAGE_SHIFT) != mfn_x(v->arch.guest_table) )
            return false;
        pv_load_cr3(v);
        return true;
    case 4:
        write_guest_cr4(v, val);
        return true;
    default:
        return false;
    }
}

/* 0f 20 /r: MOV CR(reg) -> GPR(rm); 0f 22 /r: the other way. */
enum emul_result emul_mov_cr(struct trap_frame *f, const struct insn *insn)
{
    struct vcpu *v = current;
    uint64_t *gpr = emul_gpr(f, insn_modrm_rm(insn));
    unsigned int cr = insn_modrm_reg(insn);

    if ( insn->opcode == INSN_OP0F(0x20) )
        return read_cr(v, cr, gpr) ? EMUL_DONE : EMUL_BOUNCE;
    return write_cr(v, cr, *gpr) ? EMUL_DONE : EMUL_BOUNCE;
}

/* DR4 and DR5 are DR6 and DR7 unless CR4.DE makes them #UD. */
static int alias_dr(const struct vcpu *v, unsigned int dr)
{
    if ( dr != 4 && dr != 5 )
        return dr;
    if ( pv_guest_cr4(v) & X86_CR4_DE )
        return -1;
    return dr + 2;
}

bool pv_write_debugreg(struct vcpu *v, unsigned int dr, uint64_t val)
{
    if ( dr < 4 )
    {
        if ( !guest_range_ok(val, sizeof(val)) )
            return false;
        v->arch.priv.dr[dr] = val;
        return true;
    }
    if ( val != (uint32_t)val )
        return false;
    if ( dr == 6 )
    {
        v->arch.priv.dr6 = val & DR6_WRITABLE;
        return true;
    }
    /*
     * Differs from Xen: enabling a breakpoint is refused (#GP) until the
     * debug registers are part of the vCPU context.
     */
    if ( val & (DR7_GD | DR7_ENABLES) )
        return false;
    v->arch.priv.dr7 = val & ~(DR7_RESERVED_ZERO | DR7_RESERVED_ONE);
    return true;
}

static uint64_t read_dr(const struct vcpu *v, unsigned int dr)
{
    if ( dr < 4 )
        return v->arch.priv.dr[dr];
    if ( dr == 6 )
        return v->arch.priv.dr6 | DR6_RESERVED_ONE;
    return v->arch.priv.dr7 | DR7_RESERVED_ONE;
}

/* 0f 21 /r: MOV DR(reg) -> GPR(rm); 0f 23 /r: the other way. */
enum emul_result emul_mov_dr(struct trap_frame *f, const struct insn *insn)
{
    struct vcpu *v = current;
    uint64_t *gpr = emul_gpr(f, insn_modrm_rm(insn));
    unsigned int reg = insn_modrm_reg(insn);
    int dr;

    if ( reg > 7 )
        return EMUL_BOUNCE;              /* The CPU said #UD first. */
    dr = alias_dr(v, reg);
    if ( dr < 0 )
        return emul_inject_ud(f);
    if ( insn->opcode == INSN_OP0F(0x21) )
    {
        *gpr = read_dr(v, dr);
        return EMUL_DONE;
    }
    return pv_write_debugreg(v, dr, *gpr) ? EMUL_DONE : emul_inject_gp(f);
}

/*
 * HYPERVISOR_set_debugreg / get_debugreg: the same virtual debug registers
 * as MOV DR. Xen 4.17 answers -ENODEV for a register number it does not
 * know, -EPERM for a breakpoint address the guest may not use
 * (tests/guest/debugreg), -EINVAL for other values it refuses.
 */
long do_set_debugreg(unsigned long reg, unsigned long value, unsigned long a3,
                     unsigned long a4, unsigned long a5)
{
    struct vcpu *v = current;
    int dr = reg <= 7 ? alias_dr(v, reg) : -1;

    if ( dr < 0 )
        return -ENODEV;
    if ( dr < 4 && !guest_range_ok(value, sizeof(value)) )
        return -EPERM;
    return pv_write_debugreg(v, dr, value) ? 0 : -EINVAL;
}

long do_get_debugreg(unsigned long reg, unsigned long a2, unsigned long a3,
                     unsigned long a4, unsigned long a5)
{
    const struct vcpu *v = current;
    int dr = reg <= 7 ? alias_dr(v, reg) : -1;

    if ( dr < 0 )
        return -ENODEV;
    return (long)read_dr(v, dr);
}
