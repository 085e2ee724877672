/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * msr: RDMSR and WRMSR from a 64-bit PV guest kernel, which run in ring 3,
 * fault, and are emulated (Xen 4.17: read_msr/write_msr in
 * xen/arch/x86/pv/emul-priv-op.c, guest_rdmsr/guest_wrmsr in msr.c, the
 * virtual machine check of cpu/mcheck/vmce.c). Values below are what Xen
 * 4.17 gives a PV dom0 on an Intel host.
 *
 * Positive: FS_BASE, GS_BASE (the kernel's, active) and SHADOW_GS_BASE
 * (the user's) read back what WRMSR and set_segment_base wrote; EFER has
 * SCE, LME, LMA, NXE and no SVME, and writing the same value back works;
 * PAT reads 0x0000050100070406 (Xen's); APIC_BASE reads 0xfee00900
 * (enabled, BSP); TSC reads a TSC that moves; TSC_AUX keeps a 32-bit value
 * that RDTSCP returns; MISC_ENABLE has BTS_UNAVAIL, PEBS_UNAVAIL and
 * XTPR_DISABLE set and PERF_AVAIL, MONITOR clear, and any write is
 * dropped; PLATFORM_INFO, MISC_FEATURES_ENABLES, ARCH_CAPABILITIES,
 * PERF_CAPABILITIES and MSR 0x40000000 read 0, FEATURE_CONTROL reads 1 (locked), UCODE_REV has
 * an empty low half and takes 0; the virtual MCA has two banks (MCG_CAP
 * 0x1000c02 on QEMU's CPU: TES_P, CMCI_P, SER_P), MCi_CTL all ones,
 * MCi_STATUS 0 and writable with 0, MCG_STATUS and MCi_CTL2 kept; writes
 * to MPERF, APERF, PERF_CTL, THERM_CONTROL, ENERGY_PERF_BIAS are dropped;
 * the MSR number is ecx: the top of rcx is ignored.
 *
 * Hostile, all #GP(0) in Xen 4.17 and nothing changed: unknown MSRs
 * (0x12345678, 0xffffffff, x2APIC 0x802, SYSENTER_CS, STAR, LSTAR, CSTAR,
 * SFMASK, DEBUGCTL, MTRRcap, MTRRdefType, TSC_DEADLINE, SPEC_CTRL and
 * PRED_CMD with no IBRS/IBPB offered, 0x40000001, 0x40000100), writes of
 * PAT (even its own value), APIC_BASE, TSC, a different EFER, non-
 * canonical FS/GS/SHADOW_GS bases (0x0000800000000000 and
 * 0x8000000000000000), TSC_AUX above 32 bits, MISC_FEATURES_ENABLES 1,
 * PLATFORM_INFO, ARCH_CAPABILITIES, PERF_CAPABILITIES, FEATURE_CONTROL,
 * UCODE_REV 1,
 * MCi_STATUS/ADDR/MISC non-zero.
 */
#include <guest/hypercall.h>
#include <guest/privop.h>
#include <guest/probe.h>
#include <guest/test.h>

const char test_name[] = "msr";
const char test_title[] = "RDMSR/WRMSR emulation for a PV kernel, Xen's values";

#define MSR_TSC              0x00000010
#define MSR_APIC_BASE        0x0000001b
#define MSR_FEATURE_CONTROL  0x0000003a
#define MSR_SPEC_CTRL        0x00000048
#define MSR_PRED_CMD         0x00000049
#define MSR_UCODE_REV        0x0000008b
#define MSR_PLATFORM_INFO    0x000000ce
#define MSR_MPERF            0x000000e7
#define MSR_APERF            0x000000e8
#define MSR_MTRRCAP          0x000000fe
#define MSR_ARCH_CAPS        0x0000010a
#define MSR_MISC_FEATURES    0x00000140
#define MSR_SYSENTER_CS      0x00000174
#define MSR_MCG_CAP          0x00000179
#define MSR_MCG_STATUS       0x0000017a
#define MSR_PERF_CTL         0x00000199
#define MSR_THERM_CONTROL    0x0000019a
#define MSR_MISC_ENABLE      0x000001a0
#define MSR_ENERGY_PERF_BIAS 0x000001b0
#define MSR_DEBUGCTL         0x000001d9
#define MSR_PAT              0x00000277
#define MSR_PERF_CAPS        0x00000345
#define MSR_MC0_CTL2         0x00000280
#define MSR_MTRR_DEF_TYPE    0x000002ff
#define MSR_MC0_CTL          0x00000400
#define MSR_TSC_DEADLINE     0x000006e0
#define MSR_X2APIC_ID        0x00000802
#define MSR_EFER             0xc0000080
#define MSR_STAR             0xc0000081
#define MSR_LSTAR            0xc0000082
#define MSR_CSTAR            0xc0000083
#define MSR_SFMASK           0xc0000084
#define MSR_FS_BASE          0xc0000100
#define MSR_GS_BASE          0xc0000101
#define MSR_SHADOW_GS_BASE   0xc0000102
#define MSR_TSC_AUX          0xc0000103

#define XEN_PAT              0x0000050100070406UL
#define GP                   PROBE_FAULT(X86_EXC_GP, 0)

static long set_segment_base(unsigned int which, unsigned long base)
{
    return GUEST_HYPERCALL(__HYPERVISOR_set_segment_base, which, base, 0, 0,
                           0);
}

static uint64_t rd(uint32_t msr)
{
    uint64_t val = 0;

    if ( test_probe_rdmsr(msr, &val) != PROBE_NONE )
        test_error("rdmsr %#x faulted", msr);
    return val;
}

/* Write, then check what reads back. */
static void expect_write(const char *check, uint32_t msr, uint64_t val,
                         uint64_t readback)
{
    uint32_t probe = test_probe_wrmsr(msr, val);
    uint64_t got = rd(msr);

    test_check(probe == PROBE_NONE && got == readback, check,
               "write %#lx: fault %#x, reads %#lx, want %#lx", val, probe, got,
               readback);
}

static void check_segment_bases(void)
{
    expect_write("fs_base", MSR_FS_BASE, 0x1234000, 0x1234000);
    test_expect_rc("fs_base/set_segment_base",
                   set_segment_base(SEGBASE_FS, 0x5678000), 0);
    test_expect_eq("fs_base/after_hypercall", rd(MSR_FS_BASE), 0x5678000);
    expect_write("fs_base/top_canonical", MSR_FS_BASE, 0x00007fffffffffffUL,
                 0x00007fffffffffffUL);
    expect_write("gs_base", MSR_GS_BASE, 0x9abc000, 0x9abc000);
    expect_write("shadow_gs_base", MSR_SHADOW_GS_BASE, 0xdef0000, 0xdef0000);
    test_expect_rc("shadow_gs_base/set_segment_base",
                   set_segment_base(SEGBASE_GS_USER, 0x2000), 0);
    test_expect_eq("shadow_gs_base/after_hypercall", rd(MSR_SHADOW_GS_BASE),
                   0x2000);
    expect_write("fs_base/zero", MSR_FS_BASE, 0, 0);
    expect_write("gs_base/zero", MSR_GS_BASE, 0, 0);
    expect_write("shadow_gs_base/zero", MSR_SHADOW_GS_BASE, 0, 0);
}

static void check_fixed_values(void)
{
    uint64_t efer = rd(MSR_EFER), misc = rd(MSR_MISC_ENABLE);

    test_check((efer & 0xd01) == 0xd01 && !(efer & (1UL << 12)), "efer",
               "efer %#lx", efer);
    expect_write("efer/same", MSR_EFER, efer, efer);
    test_expect_eq("pat", rd(MSR_PAT), XEN_PAT);
    test_expect_eq("apic_base", rd(MSR_APIC_BASE), 0xfee00900);
    test_check((misc & 0x801800) == 0x801800 && !(misc & 0x40080),
               "misc_enable", "misc_enable %#lx", misc);
    expect_write("misc_enable/same", MSR_MISC_ENABLE, misc, misc);
    expect_write("misc_enable/dropped", MSR_MISC_ENABLE, ~0UL, misc);
    test_expect_eq("platform_info", rd(MSR_PLATFORM_INFO), 0);
    expect_write("misc_features", MSR_MISC_FEATURES, 0, 0);
    test_expect_eq("arch_caps", rd(MSR_ARCH_CAPS), 0);
    test_expect_eq("perf_capabilities", rd(MSR_PERF_CAPS), 0);
    test_expect_eq("feature_control", rd(MSR_FEATURE_CONTROL), 1);
    test_expect_eq("ucode_rev/low_half", rd(MSR_UCODE_REV) & 0xffffffff, 0);
    test_expect_probe("ucode_rev/write_0", test_probe_wrmsr(MSR_UCODE_REV, 0),
                      PROBE_NONE);
    test_expect_eq("hypercall_page_msr", rd(0x40000000), 0);
    test_expect_eq("rcx_top_ignored", test_probe_rdmsr(0xffffffff00000000UL |
                   MSR_PAT, &(uint64_t){ 0 }), PROBE_NONE);
}

static void check_tsc(void)
{
    uint64_t a = rd(MSR_TSC), b = rd(MSR_TSC), tsc = 0;
    uint32_t aux = 0;

    test_check(b > a, "tsc/moves", "%#lx then %#lx", a, b);
    expect_write("tsc_aux", MSR_TSC_AUX, 5, 5);
    test_check(test_probe_rdtscp(&tsc, &aux) == PROBE_NONE && aux == 5,
               "tsc_aux/rdtscp", "aux %u", aux);
    expect_write("tsc_aux/32_bits", MSR_TSC_AUX, 0xffffffff, 0xffffffff);
    expect_write("tsc_aux/zero", MSR_TSC_AUX, 0, 0);
}

static void check_machine_check(void)
{
    uint64_t cap = rd(MSR_MCG_CAP);

    test_check((cap & 0xff) == 2 && (cap & (1UL << 11)), "mca/mcg_cap",
               "MCG_CAP %#lx", cap);
    test_note("MCG_CAP %#lx", cap);
    expect_write("mca/mcg_status", MSR_MCG_STATUS, 1, 1);
    expect_write("mca/mcg_status_zero", MSR_MCG_STATUS, 0, 0);
    expect_write("mca/mc0_ctl", MSR_MC0_CTL, 0x1234, ~0UL);
    expect_write("mca/mc1_status", MSR_MC0_CTL + 5, 0, 0);
    expect_write("mca/mc1_ctl2", MSR_MC0_CTL2 + 1, 5, 5);
    expect_write("mca/mc1_ctl2_zero", MSR_MC0_CTL2 + 1, 0, 0);
    expect_write("mca/bank2_ignored", MSR_MC0_CTL + 9, 1, 0);
}

static void check_dropped_writes(void)
{
    static const uint32_t msrs[] = {
        MSR_MPERF, MSR_APERF, MSR_PERF_CTL, MSR_THERM_CONTROL,
        MSR_ENERGY_PERF_BIAS,
    };
    unsigned int i, ok = 0;

    for ( i = 0; i < ARRAY_SIZE(msrs); i++ )
        ok += test_probe_wrmsr(msrs[i], 0) == PROBE_NONE;
    test_expect_eq("dropped_writes", ok, ARRAY_SIZE(msrs));
}

static void check_unknown(void)
{
    static const uint32_t msrs[] = {
        0x12345678, 0xffffffff, MSR_X2APIC_ID, MSR_SYSENTER_CS, MSR_STAR,
        MSR_LSTAR, MSR_CSTAR, MSR_SFMASK, MSR_DEBUGCTL, MSR_MTRRCAP,
        MSR_MTRR_DEF_TYPE, MSR_TSC_DEADLINE, MSR_SPEC_CTRL, MSR_PRED_CMD,
        0x40000001, 0x40000100,
    };
    unsigned int i, rd_gp = 0, wr_gp = 0;

    for ( i = 0; i < ARRAY_SIZE(msrs); i++ )
    {
        rd_gp += test_probe_rdmsr(msrs[i], &(uint64_t){ 0 }) == GP;
        wr_gp += test_probe_wrmsr(msrs[i], 0) == GP;
    }
    test_expect_eq("hostile/unknown_read", rd_gp, ARRAY_SIZE(msrs));
    test_expect_eq("hostile/unknown_write", wr_gp, ARRAY_SIZE(msrs));
}

static void expect_refused(const char *check, uint32_t msr, uint64_t val)
{
    uint64_t before = rd(msr);
    uint32_t probe = test_probe_wrmsr(msr, val);
    uint64_t after = rd(msr);

    test_check(probe == GP && (msr == MSR_TSC || after == before), check,
               "write %#lx: fault %#x, %#lx became %#lx", val, probe, before,
               after);
}

static void check_refused_writes(void)
{
    uint64_t efer = rd(MSR_EFER);

    expect_refused("hostile/pat_same", MSR_PAT, XEN_PAT);
    expect_refused("hostile/pat", MSR_PAT, 0x0007040600070406UL);
    expect_refused("hostile/apic_base", MSR_APIC_BASE, 0xfee00900);
    expect_refused("hostile/tsc", MSR_TSC, 0);
    expect_refused("hostile/efer_sce_off", MSR_EFER, efer & ~1UL);
    expect_refused("hostile/efer_svme", MSR_EFER, efer | (1UL << 12));
    expect_refused("hostile/fs_noncanonical", MSR_FS_BASE,
                   0x0000800000000000UL);
    expect_refused("hostile/fs_top_bit", MSR_FS_BASE, 0x8000000000000000UL);
    expect_refused("hostile/gs_noncanonical", MSR_GS_BASE,
                   0x0000800000000000UL);
    expect_refused("hostile/shadow_gs_noncanonical", MSR_SHADOW_GS_BASE,
                   0xfff0000000000000UL);
    expect_refused("hostile/tsc_aux_64", MSR_TSC_AUX, 0x100000000UL);
    expect_refused("hostile/misc_features", MSR_MISC_FEATURES, 1);
    expect_refused("hostile/platform_info", MSR_PLATFORM_INFO, 0);
    expect_refused("hostile/arch_caps", MSR_ARCH_CAPS, 0);
    expect_refused("hostile/perf_capabilities", MSR_PERF_CAPS, 0);
    expect_refused("hostile/feature_control", MSR_FEATURE_CONTROL, 1);
    expect_refused("hostile/ucode_rev", MSR_UCODE_REV, 1);
    expect_refused("hostile/mc0_status", MSR_MC0_CTL + 1, 5);
    expect_refused("hostile/mc0_addr", MSR_MC0_CTL + 2, 5);
    expect_refused("hostile/mc0_misc", MSR_MC0_CTL + 3, 5);
}

void test_main(void)
{
    check_segment_bases();
    check_fixed_values();
    check_tsc();
    check_machine_check();
    check_dropped_writes();
    check_unknown();
    check_refused_writes();
}
