/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * RDMSR and WRMSR from PV guest kernels. Xen 4.17 answers a fixed set of
 * MSRs (read_msr/write_msr in xen/arch/x86/pv/emul-priv-op.c, guest_rdmsr/
 * guest_wrmsr in xen/arch/x86/msr.c, vmce_rdmsr/vmce_wrmsr in
 * xen/arch/x86/cpu/mcheck/vmce.c) and raises #GP(0) for every other one;
 * the values and refusals below are the ones tests/guest/msr observes on
 * Xen 4.17 for a 64-bit PV dom0 (Intel host):
 * - segment bases: FS_BASE, GS_BASE (the active, kernel, one) and
 *   SHADOW_GS_BASE (the user one) read and written like set_segment_base,
 *   non-canonical values #GP;
 * - EFER reads the hypervisor's (SCE, LME, LMA, NXE); writing back the
 *   same value is accepted (Linux does), anything else #GP;
 * - PAT reads Xen's fixed value, writes #GP; APIC_BASE reads the default
 *   xAPIC base, enabled, BSP on vCPU 0, writes #GP; TSC reads the TSC,
 *   writes #GP; TSC_AUX is the guest's own 32-bit value;
 * - MISC_ENABLE reads the host's with PERF and MONITOR hidden and the
 *   BTS/PEBS-unavailable and xTPR-disable bits set; writes are dropped;
 * - PLATFORM_INFO, MISC_FEATURES_ENABLES (0 writable), ARCH_CAPABILITIES,
 *   PERF_CAPABILITIES,
 *   FEATURE_CONTROL (locked), PERF_CTL/STATUS, P5_MC_*, PLATFORM_ID read
 *   0 or fixed values; MPERF/APERF/THERM_CONTROL/ENERGY_PERF_BIAS/PERF_CTL
 *   writes are dropped; UCODE_REV reads the host's revision, takes 0;
 * - a virtual two-bank machine-check architecture (emul_msr_mce below);
 * - 0x40000000 (the hypercall-page MSR) reads 0.
 */
#include <asm/cpufeature.h>
#include <asm/msr.h>
#include <asm/processor.h>
#include <xenolith/domain.h>
#include <xenolith/hypercall.h>
#include "emul.h"

#define APIC_DEFAULT_BASE  0xfee00000UL
#define APIC_BASE_BSP      (1UL << 8)
#define APIC_BASE_ENABLE   (1UL << 11)
#define FEATURE_CONTROL_LOCK 1UL
#define EFER_GUEST_VISIBLE (EFER_SCE | EFER_LME | EFER_LMA | EFER_NXE | \
                            EFER_FFXSE)
#define MC_BANK_REGS       4               /* CTL, STATUS, ADDR, MISC */
#define MC_MAX_BANKS       32

static bool intel(void)
{
    return pv_cpuid_policy()->vendor == CPUID_VENDOR_INTEL;
}

static bool has_mca(void)
{
    const struct cpuid_policy *p = pv_cpuid_policy();

    return (p->basic[1].d & (CPUID_1D_MCE | CPUID_1D_MCA)) ==
           (CPUID_1D_MCE | CPUID_1D_MCA);
}

static bool has_tsc_aux(void)
{
    const struct cpuid_policy *p = pv_cpuid_policy();

    return (p->extd[1].d & CPUID_E1D_RDTSCP) ||
           (p->feat[0].c & CPUID_7C0_RDPID);
}

static uint64_t guest_efer(void)
{
    return rdmsr(MSR_EFER) & EFER_GUEST_VISIBLE;
}

/* Xen's guest_misc_enable(). */
static bool guest_misc_enable(uint64_t *val)
{
    if ( !intel() || !rdmsr_checked(MSR_IA32_MISC_ENABLE, val) )
        return false;
    *val &= ~(MSR_MISC_ENABLE_PERF_AVAIL | MSR_MISC_ENABLE_MONITOR);
    *val |= MSR_MISC_ENABLE_BTS_UNAVAIL | MSR_MISC_ENABLE_PEBS_UNAVAIL |
            MSR_MISC_ENABLE_XTPR_DISABLE;
    return true;
}

/*
 * The virtual machine-check architecture Xen gives PV guests: two banks,
 * MCi_CTL all ones, MCi_STATUS/ADDR/MISC zero and writable only with
 * zero, the Intel CMCI MCi_CTL2 registers kept; registers of banks
 * beyond the second read 0 and ignore writes. Returns false for MSRs
 * outside it; *gp for a refused write.
 */
static bool mce_access(struct vcpu *v, uint32_t msr, uint64_t *val, bool write,
                       bool *gp)
{
    unsigned int bank, reg;

    if ( msr >= MSR_IA32_MC0_CTL2 && msr < MSR_IA32_MC0_CTL2 + MC_MAX_BANKS )
    {
        bank = msr - MSR_IA32_MC0_CTL2;
        if ( !intel() )
            return false;
        if ( write && bank < PV_PRIV_MC_BANKS )
            v->arch.priv.mci_ctl2[bank] = *val;
        else if ( !write )
            *val = bank < PV_PRIV_MC_BANKS ? v->arch.priv.mci_ctl2[bank] : 0;
        return true;
    }
    if ( msr < MSR_IA32_MC0_CTL ||
         msr >= MSR_IA32_MC0_CTL + MC_BANK_REGS * MC_MAX_BANKS )
        return false;
    bank = (msr - MSR_IA32_MC0_CTL) / MC_BANK_REGS;
    reg = (msr - MSR_IA32_MC0_CTL) % MC_BANK_REGS;
    if ( !write )
        *val = (bank < PV_PRIV_MC_BANKS && reg == 0) ? ~0UL : 0;
    else if ( bank < PV_PRIV_MC_BANKS && reg != 0 && *val != 0 )
        *gp = true;
    return true;
}

static bool mcg_access(struct vcpu *v, uint32_t msr, uint64_t *val, bool write)
{
    uint64_t host = 0;

    switch ( msr )
    {
    case MSR_IA32_MCG_CAP:               /* Read-only; writes ignored. */
        if ( !write )
        {
            rdmsr_checked(MSR_IA32_MCG_CAP, &host);
            *val = PV_PRIV_MC_BANKS | MCG_TES_P | (host & MCG_SER_P) |
                   (intel() ? MCG_CMCI_P : 0);
        }
        return true;
    case MSR_IA32_MCG_STATUS:
        if ( write )
            v->arch.priv.mcg_status = *val;
        else
            *val = v->arch.priv.mcg_status;
        return true;
    case MSR_IA32_MCG_CTL:               /* No MCG_CTL_P: reads 0. */
        if ( !write )
            *val = 0;
        return true;
    default:
        return false;
    }
}

/* A machine-check MSR (read or write); false if msr is not one. */
static bool machine_check_msr(struct vcpu *v, uint32_t msr, uint64_t *val,
                              bool write, bool *gp)
{
    if ( !has_mca() )
        return false;
    return mcg_access(v, msr, val, write) || mce_access(v, msr, val, write, gp);
}

static bool read_intel_only(uint32_t msr, uint64_t *val)
{
    switch ( msr )
    {
    case MSR_IA32_P5_MC_ADDR:
    case MSR_IA32_P5_MC_TYPE:
    case MSR_IA32_PLATFORM_ID:
    case MSR_IA32_PERF_STATUS:
    case MSR_IA32_PERF_CTL:
        *val = 0;
        return true;
    case MSR_IA32_FEATURE_CONTROL:
        *val = FEATURE_CONTROL_LOCK;
        return true;
    case MSR_IA32_UCODE_REV:
        if ( !rdmsr_checked(MSR_IA32_UCODE_REV, val) )
            *val = 0;
        *val &= ~0xffffffffUL;           /* The revision is the high half. */
        return true;
    case MSR_IA32_MISC_ENABLE:
        return guest_misc_enable(val);
    default:
        return false;
    }
}

/* Returns true with *val, or false for #GP. */
static bool read_msr(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    bool gp = false;

    switch ( msr )
    {
    case MSR_FS_BASE:
        *val = rdmsr(MSR_FS_BASE);
        return true;
    case MSR_GS_BASE:                    /* Active; entry swapped it away. */
        *val = rdmsr(MSR_SHADOW_GS_BASE);
        return true;
    case MSR_SHADOW_GS_BASE:
        *val = v->arch.gs_base_user;
        return true;
    case MSR_IA32_TSC:
        *val = rdtsc();
        return true;
    case MSR_EFER:
        *val = guest_efer();
        return true;
    case MSR_IA32_CR_PAT:
        *val = XEN_MSR_PAT;
        return true;
    case MSR_APIC_BASE:                  /* Linux PV reads it. */
        *val = APIC_DEFAULT_BASE | APIC_BASE_ENABLE |
               (v->vcpu_id == 0 ? APIC_BASE_BSP : 0);
        return true;
    case MSR_TSC_AUX:
        *val = v->arch.priv.tsc_aux;
        return has_tsc_aux();
    case MSR_INTEL_PLATFORM_INFO:        /* No CPUID faulting offered. */
    case MSR_INTEL_MISC_FEATURES_ENABLES:
    case MSR_IA32_PERF_CAPABILITIES:     /* None supported. */
    case MSR_ARCH_CAPABILITIES:          /* Offered in CPUID 7.0 edx, as 0. */
    case MSR_XEN_HYPERCALL_PAGE:
        *val = 0;
        return true;
    }
    if ( machine_check_msr(v, msr, val, false, &gp) )
        return true;
    return intel() && read_intel_only(msr, val);
}

static bool write_segment_base(uint32_t msr, uint64_t val)
{
    unsigned long which = msr == MSR_FS_BASE ? SEGBASE_FS
                          : msr == MSR_GS_BASE ? SEGBASE_GS_KERNEL
                                               : SEGBASE_GS_USER;

    /* The guest is in kernel mode: set_segment_base's own semantics. */
    return do_set_segment_base(which, val, 0, 0, 0) == 0;
}

static bool write_intel_only(uint32_t msr, uint64_t val)
{
    uint64_t host;

    switch ( msr )
    {
    case MSR_IA32_UCODE_REV:             /* Only the "read it next" 0. */
        return val == 0;
    case MSR_IA32_MISC_ENABLE:           /* Xen drops any write. */
        return guest_misc_enable(&host);
    case MSR_IA32_THERM_CONTROL:
    case MSR_IA32_ENERGY_PERF_BIAS:
    case MSR_IA32_PERF_CTL:
        return true;                     /* Dropped: Xen owns power. */
    default:
        return false;
    }
}

/* Returns true if the write is accepted (done or dropped), false for #GP. */
static bool write_msr(struct vcpu *v, uint32_t msr, uint64_t val)
{
    bool gp = false;

    switch ( msr )
    {
    case MSR_FS_BASE:
    case MSR_GS_BASE:
    case MSR_SHADOW_GS_BASE:
        return write_segment_base(msr, val);
    case MSR_EFER:                       /* Linux writes back what it read. */
        return val == guest_efer();
    case MSR_TSC_AUX:
        if ( !has_tsc_aux() || val != (uint32_t)val )
            return false;
        v->arch.priv.tsc_aux = val;
        /* TODO(#5): part of the vCPU context once vCPUs share a CPU. */
        if ( cpu_has(X86_FEATURE_RDTSCP) )
            wrmsr_checked(MSR_TSC_AUX, val);
        return true;
    case MSR_INTEL_MISC_FEATURES_ENABLES:
        return val == 0;                 /* CPUID faulting not offered. */
    case MSR_IA32_MPERF:
    case MSR_IA32_APERF:
        return true;                     /* Dropped, as for Xen's dom0. */
    }
    if ( machine_check_msr(v, msr, &val, true, &gp) )
        return !gp;
    return intel() && write_intel_only(msr, val);
}

/* Differs from Xen: no "faking RDMSR" for a guest without a #GP handler. */
enum emul_result emul_rdmsr(struct trap_frame *f)
{
    uint64_t val = 0;

    if ( !read_msr(current, (uint32_t)f->rcx, &val) )
        return emul_inject_gp(f);
    f->rax = (uint32_t)val;
    f->rdx = val >> 32;
    return EMUL_DONE;
}

enum emul_result emul_wrmsr(struct trap_frame *f)
{
    uint64_t val = (uint32_t)f->rax | ((uint64_t)(uint32_t)f->rdx << 32);

    if ( !write_msr(current, (uint32_t)f->rcx, val) )
        return emul_inject_gp(f);
    return EMUL_DONE;
}
