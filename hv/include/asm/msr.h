/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * MSR numbers and bits the PV emulation uses, and MSR accesses that
 * survive a missing MSR (hv/arch/x86/cpu/msr_checked.S). The plain
 * rdmsr()/wrmsr() of asm/processor.h are for MSRs the CPU is known to
 * have.
 */
#ifndef ASM_MSR_H
#define ASM_MSR_H

#include <xenolith/types.h>

#define MSR_IA32_P5_MC_ADDR        0x00000000
#define MSR_IA32_P5_MC_TYPE        0x00000001
#define MSR_IA32_TSC               0x00000010
#define MSR_IA32_PLATFORM_ID       0x00000017
#define MSR_IA32_FEATURE_CONTROL   0x0000003a
#define MSR_IA32_UCODE_REV         0x0000008b
#define MSR_INTEL_PLATFORM_INFO    0x000000ce
#define MSR_IA32_MPERF             0x000000e7
#define MSR_IA32_APERF             0x000000e8
#define MSR_ARCH_CAPABILITIES      0x0000010a
#define MSR_INTEL_MISC_FEATURES_ENABLES 0x00000140
#define MSR_IA32_MCG_CAP           0x00000179
#define MSR_IA32_MCG_STATUS        0x0000017a
#define MSR_IA32_MCG_CTL           0x0000017b
#define MSR_IA32_PERF_STATUS       0x00000198
#define MSR_IA32_PERF_CTL          0x00000199
#define MSR_IA32_THERM_CONTROL     0x0000019a
#define MSR_IA32_MISC_ENABLE       0x000001a0
#define MSR_IA32_ENERGY_PERF_BIAS  0x000001b0
#define MSR_IA32_CR_PAT            0x00000277
#define MSR_IA32_PERF_CAPABILITIES 0x00000345
#define MSR_IA32_MC0_CTL2          0x00000280   /* + bank, banks 0-31 */
#define MSR_IA32_MC0_CTL           0x00000400   /* + 4 * bank + register */
#define MSR_TSC_AUX                0xc0000103
#define MSR_XEN_HYPERCALL_PAGE     0x40000000   /* cpuid leaf 0x40000002 */

#define MSR_MISC_ENABLE_FAST_STRING   (1UL << 0)
#define MSR_MISC_ENABLE_PERF_AVAIL    (1UL << 7)
#define MSR_MISC_ENABLE_BTS_UNAVAIL   (1UL << 11)
#define MSR_MISC_ENABLE_PEBS_UNAVAIL  (1UL << 12)
#define MSR_MISC_ENABLE_MONITOR       (1UL << 18)
#define MSR_MISC_ENABLE_XTPR_DISABLE  (1UL << 23)

#define MCG_CMCI_P                 (1UL << 10)
#define MCG_TES_P                  (1UL << 11)
#define MCG_SER_P                  (1UL << 24)

#define EFER_LME                   (1UL << 8)
#define EFER_LMA                   (1UL << 10)
#define EFER_FFXSE                 (1UL << 14)

/* The page attributes Xen programs, and tells PV guests (XEN_MSR_PAT). */
#define XEN_MSR_PAT                0x0000050100070406UL

/*
 * Read (write) an MSR that may not exist. Returns true and fills *val
 * (writes val) if the CPU accepted it, false after a #GP. Context: any.
 */
bool rdmsr_checked(uint32_t msr, uint64_t *val);
bool wrmsr_checked(uint32_t msr, uint64_t val);

#endif /* ASM_MSR_H */
