/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The CPUID policy of PV guests (hv/arch/x86/pv/cpuid_policy.c): what a
 * guest's CPUID (the forced-emulation `ud2; .ascii "xen"; cpuid`) returns.
 *
 * A policy is a table of leaves. The host's raw leaves are read once
 * (cpuid_guest.c); cpuid_policy_derive_pv() filters them the way Xen 4.17
 * builds its PV default policy (xen/arch/x86/cpuid.c calculate_pv_def_
 * policy, recalculate_misc; the feature attributes of
 * public/arch-x86/cpufeatureset.h, 'A' = offered to PV guests by default):
 * no VMX/SVM, the hypervisor bit set, nothing PV guests cannot use (PCID,
 * x2APIC, TSC deadline, MONITOR, SMEP/SMAP, PKU, PGE/PSE/MTRR...), the
 * thermal, topology and performance-counter leaves empty. Then
 * cpuid_policy_lookup() answers one leaf: out-of-range leaves are all
 * zeros (Xen follows AMD's model), the hypervisor leaves 0x40000000-5 are
 * Xen's, and a few bits depend on the asking vCPU (OSXSAVE, OSPKE, the
 * XSAVE area size for its XCR0, and the MTRR/EIST bits Xen leaks to the
 * hardware domain's kernel).
 *
 * Pure code: no hardware access, so host unit tests run it on given
 * leaves (tests/unit/test_cpuid_policy.c).
 */
#ifndef ASM_CPUID_POLICY_H
#define ASM_CPUID_POLICY_H

#include <xenolith/types.h>

struct cpuid_leaf {
    uint32_t a, b, c, d;
};

#define CPUID_NR_BASIC   0xe      /* Leaves 0-0xd. */
#define CPUID_NR_CACHE   5        /* Leaf 4 sub-leaves. */
#define CPUID_NR_FEAT    2        /* Leaf 7 sub-leaves. */
#define CPUID_NR_XSTATE  63       /* Leaf 0xd sub-leaves. */
#define CPUID_NR_EXTD    9        /* Leaves 0x80000000-0x80000008. */

enum cpuid_vendor {
    CPUID_VENDOR_OTHER,
    CPUID_VENDOR_INTEL,
    CPUID_VENDOR_AMD,
};

struct cpuid_policy {
    enum cpuid_vendor vendor;
    struct cpuid_leaf basic[CPUID_NR_BASIC];   /* basic[4], [7], [0xd] unused */
    struct cpuid_leaf cache[CPUID_NR_CACHE];
    struct cpuid_leaf feat[CPUID_NR_FEAT];
    struct cpuid_leaf xstate[CPUID_NR_XSTATE];
    struct cpuid_leaf extd[CPUID_NR_EXTD];
    /* Host features behind the hardware domain's leaks (see lookup). */
    bool host_mtrr, host_eist;
};

/* What the hypervisor leaves 0x40000000-0x40000005 report. */
struct cpuid_hv_params {
    uint32_t version;             /* XENVER_version: major << 16 | minor */
    bool pt_update_preserve_ad;   /* XEN_CPUID_FEAT1_..._PRESERVE_AD */
    bool tsc_reliable;            /* Leaf 3.0 eax bit 1. */
    uint32_t cpu_khz;             /* Leaf 3.2 eax. */
    uint32_t maddr_bits;          /* Leaf 5 ebx: machine address width. */
};

/* Who asks: the dynamic part of an answer. */
struct cpuid_context {
    bool kernel_mode;             /* Guest kernel (not user) mode. */
    bool forced;                  /* The forced-emulation (#UD) path. */
    bool hardware_domain;         /* dom0 */
    bool host_osxsave;            /* The hypervisor runs with CR4.OSXSAVE. */
    uint64_t guest_cr4;           /* The guest's view of CR4. */
    uint64_t xcr0;                /* The vCPU's XCR0. */
    const struct cpuid_hv_params *hv;
};

/* The vendor named by leaf 0's ebx, ecx, edx. */
enum cpuid_vendor cpuid_vendor_of(const struct cpuid_leaf *leaf0);

/*
 * Derive the PV policy *pv from the host's raw leaves *host (vendor set).
 * host_xcr0: the XSAVE states the hypervisor enabled and switches for
 * guests (0: no XSAVE); XSAVE, AVX and AVX-512 are offered only with
 * their states there. Context: boot, any.
 */
void cpuid_policy_derive_pv(const struct cpuid_policy *host, uint64_t host_xcr0,
                            struct cpuid_policy *pv);

/*
 * The answer to CPUID leaf/subleaf under policy p for the asker ctx.
 * Leaves outside the policy give zeros. Never fails.
 */
void cpuid_policy_lookup(const struct cpuid_policy *p,
                         const struct cpuid_context *ctx, uint32_t leaf,
                         uint32_t subleaf, struct cpuid_leaf *res);

/* Feature bits PV code tests in a policy (word: see cpuid_policy.c). */
#define CPUID_1D_DE        (1u << 2)
#define CPUID_1D_TSC       (1u << 4)
#define CPUID_1D_MCE       (1u << 7)
#define CPUID_1D_MTRR      (1u << 12)
#define CPUID_1D_MCA       (1u << 14)
#define CPUID_1C_EIST      (1u << 7)
#define CPUID_1C_XSAVE     (1u << 26)
#define CPUID_1C_OSXSAVE   (1u << 27)
#define CPUID_1C_HYPERVISOR (1u << 31)
#define CPUID_7B0_FSGSBASE (1u << 0)
#define CPUID_7C0_RDPID    (1u << 22)
#define CPUID_7C0_OSPKE    (1u << 4)
#define CPUID_E1D_RDTSCP   (1u << 27)

#endif /* ASM_CPUID_POLICY_H */
