/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The PV CPUID policy: derivation from the host's leaves and lookup of one
 * leaf (contract and model in asm/cpuid_policy.h). Semantics are Xen
 * 4.17's for a 64-bit PV guest: xen/arch/x86/cpuid.c (calculate_pv_max/
 * def_policy, recalculate_xstate, recalculate_misc, guest_cpuid), the
 * hypervisor leaves of xen/arch/x86/traps.c cpuid_hypervisor_leaves() and
 * public/arch-x86/cpuid.h, and the per-feature attributes of
 * public/arch-x86/cpufeatureset.h, from which the masks below are made:
 * a feature marked 'A' is offered to PV guests by default, anything else
 * is not. Where we offer less than Xen it is said at the mask (and in
 * docs/XEN-DIFFERENCES.md). Pure code: host unit tests run it.
 */
#include <asm/cpuid_policy.h>
#include <asm/xcr0.h>
#include <xenolith/lib.h>
#include <xenolith/string.h>

/*
 * Feature words, as public/arch-x86/cpufeatureset.h numbers them, masked
 * to the 'A' features. Differs from Xen: IBRSB, STIBP, SSBD (7d0) and
 * IBPB (e8b) are never offered, because MSR_SPEC_CTRL and MSR_PRED_CMD
 * are not virtualised; ARCH_CAPS (7d0) is always offered, as Xen 4.17
 * does, with MSR_ARCH_CAPABILITIES reading 0.
 */
#define MASK_1D   0x1fc9cbf5u   /* FPU DE TSC MSR PAE MCE CX8 APIC SEP MCA
                                   CMOV PAT CLFLUSH ACPI MMX FXSR SSE SSE2
                                   SS HTT */
#define MASK_1C   0xf6d83203u   /* SSE3 PCLMULQDQ SSSE3 FMA CX16 SSE4_1/2
                                   MOVBE POPCNT AESNI XSAVE AVX F16C RDRAND
                                   HYPERVISOR */
#define MASK_E1D  0xea500800u   /* SYSCALL NX MMXEXT FFXSR RDTSCP LM 3DNOW* */
#define MASK_E1C  0x042109e3u   /* LAHF_LM CMP_LEGACY ABM SSE4A MISALIGNSSE
                                   3DNOWPREFETCH XOP FMA4 TBM DBEXT */
#define MASK_DA1  0x00000007u   /* XSAVEOPT XSAVEC XGETBV1 */
#define MASK_7B0  0xfdaf0b29u   /* FSGSBASE BMI1 AVX2 BMI2 ERMS RTM AVX512*
                                   RDSEED ADX CLFLUSHOPT CLWB SHA */
#define MASK_7C0  0x02405f43u   /* PREFETCHWT1 AVX512_VBMI* GFNI VAES
                                   VPCLMULQDQ AVX512_VNNI/BITALG/VPOPCNTDQ
                                   RDPID CLDEMOTE */
#define MASK_7D0  0x0000441cu   /* AVX512_4VNNIW/4FMAPS FSRM MD_CLEAR
                                   SERIALIZE */
#define MASK_7A1  0x00001c30u   /* AVX_VNNI AVX512_BF16 FZRM FSRS FSRCS */
#define MASK_E7D  0x00000000u   /* (ITSC is opt-in only) */
#define MASK_E8B  0x64000005u   /* CLZERO RSTR_FP_ERR_PTRS SSB_NO BTC_NO
                                   IBPB_RET */
#define SPECIAL_7B0 0x00002040u /* FDP_EXCP_ONLY NO_FPU_SEL: the host's. */
#define FEAT_7D0_ARCH_CAPS (1u << 29)

/* Deep dependencies (xen/tools/gen-cpuid.py) that can matter here. */
#define FEAT_1C_FMA        (1u << 12)
#define FEAT_1C_AVX        (1u << 28)
#define FEAT_1C_F16C       (1u << 29)
#define FEAT_7B0_AVX2      (1u << 5)
#define FEAT_7B0_MPX       (1u << 14)
#define FEAT_7B0_AVX512F   (1u << 16)
#define AVX512_7B0         0xdc220000u  /* DQ IFMA PF ER CD BW VL */
#define AVX512_7C0         0x00005842u  /* VBMI VBMI2 VNNI BITALG VPOPCNTDQ */
#define AVX512_7D0         0x0000010cu  /* 4VNNIW 4FMAPS VP2INTERSECT */
#define AVX512_7A1         0x00000020u  /* BF16 */
#define AVX_7C0            0x00000600u  /* VAES VPCLMULQDQ */
#define AVX_7A1            0x00000010u  /* AVX_VNNI */
#define AVX_E1C            0x00010800u  /* XOP FMA4 */

/* AMD repeats these leaf 1 EDX bits in leaf 0x80000001 EDX. */
#define COMMON_1D          0x0183f3ffu

#define HV_BASE            0x40000000u
#define HV_NR_LEAVES       5           /* XEN_CPUID_MAX_NUM_LEAVES */
#define XEN_SIG_EBX        0x566e6558u /* "XenVMMXenVMM" */
#define XEN_SIG_ECX        0x65584d4du
#define XEN_SIG_EDX        0x4d4d566eu
#define X86_CR4_OSXSAVE_BIT (1UL << 18)
#define X86_CR4_PKE_BIT    (1UL << 22)

static const struct cpuid_leaf empty_leaf;

enum cpuid_vendor cpuid_vendor_of(const struct cpuid_leaf *l)
{
    if ( l->b == 0x756e6547u && l->d == 0x49656e69u && l->c == 0x6c65746eu )
        return CPUID_VENDOR_INTEL;          /* "GenuineIntel" */
    if ( l->b == 0x68747541u && l->d == 0x69746e65u && l->c == 0x444d4163u )
        return CPUID_VENDOR_AMD;            /* "AuthenticAMD" */
    return CPUID_VENDOR_OTHER;
}

/* Features whose prerequisites are gone go too (Xen's deep_features). */
static void drop_dependents(struct cpuid_policy *p)
{
    if ( !(p->basic[1].c & CPUID_1C_XSAVE) )
    {
        p->basic[1].c &= ~FEAT_1C_AVX;
        p->feat[0].b &= ~FEAT_7B0_MPX;
    }
    if ( !(p->basic[1].c & FEAT_1C_AVX) )
    {
        p->basic[1].c &= ~(FEAT_1C_FMA | FEAT_1C_F16C);
        p->feat[0].b &= ~(FEAT_7B0_AVX2 | FEAT_7B0_AVX512F);
        p->feat[0].c &= ~AVX_7C0;
        p->feat[1].a &= ~AVX_7A1;
        p->extd[1].c &= ~AVX_E1C;
    }
    if ( !(p->feat[0].b & FEAT_7B0_AVX512F) )
    {
        p->feat[0].b &= ~AVX512_7B0;
        p->feat[0].c &= ~AVX512_7C0;
        p->feat[0].d &= ~AVX512_7D0;
        p->feat[1].a &= ~AVX512_7A1;
    }
}

static void derive_leaf1(const struct cpuid_policy *host,
                         struct cpuid_policy *pv)
{
    const struct cpuid_leaf *h = &host->basic[1];

    pv->basic[1].a = h->a & 0x0fff0fffu;    /* Processor type clobbered. */
    pv->basic[1].b = h->b & 0x00ffffffu;    /* APIC ID: dynamic, 0 here. */
    pv->basic[1].c = (h->c & MASK_1C) | CPUID_1C_HYPERVISOR;
    pv->basic[1].d = h->d & MASK_1D;
    pv->host_mtrr = h->d & CPUID_1D_MTRR;
    pv->host_eist = h->c & CPUID_1C_EIST;
}

static void derive_cache(const struct cpuid_policy *host,
                         struct cpuid_policy *pv)
{
    unsigned int i, type;

    if ( pv->vendor != CPUID_VENDOR_INTEL || pv->basic[0].a < 4 )
        return;
    for ( i = 0; i < CPUID_NR_CACHE; i++ )
    {
        type = host->cache[i].a & 0x1f;
        if ( type < 1 || type > 3 )
            break;                           /* No more caches. */
        pv->cache[i] = host->cache[i];
        pv->cache[i].a &= 0xffffc3ffu;
        pv->cache[i].d &= 0x7u;
    }
}

static void derive_feat(const struct cpuid_policy *host,
                        struct cpuid_policy *pv)
{
    const struct cpuid_leaf *h0 = &host->feat[0];

    if ( pv->basic[0].a < 7 )
        return;
    pv->feat[0].a = MIN(h0->a, CPUID_NR_FEAT - 1u);
    pv->feat[0].b = (h0->b & MASK_7B0) | (h0->b & SPECIAL_7B0);
    pv->feat[0].c = h0->c & MASK_7C0;
    pv->feat[0].d = (h0->d & MASK_7D0) | FEAT_7D0_ARCH_CAPS;
    if ( pv->feat[0].a >= 1 )
        pv->feat[1].a = host->feat[1].a & MASK_7A1;
}

static uint32_t xstate_guest_mask(const struct cpuid_policy *pv)
{
    uint32_t states = XSTATE_FP_SSE;

    if ( pv->basic[1].c & FEAT_1C_AVX )
        states |= XSTATE_YMM;
    if ( pv->feat[0].b & FEAT_7B0_AVX512F )
        states |= XSTATE_AVX512;
    return states;
}

/* Leaf 0xd for the states the policy's features need. */
static void derive_xstate(const struct cpuid_policy *host,
                          struct cpuid_policy *pv)
{
    uint32_t states = xstate_guest_mask(pv), size = XSTATE_AREA_MIN_SIZE;
    unsigned int i;

    for ( i = 2; i < 32 && i < CPUID_NR_XSTATE; i++ )
    {
        if ( !(states & (1u << i)) )
            continue;
        pv->xstate[i].a = host->xstate[i].a;          /* size */
        pv->xstate[i].b = host->xstate[i].b;          /* offset */
        pv->xstate[i].c = host->xstate[i].c & 0x2u;   /* 64-byte aligned */
        size = MAX(size, host->xstate[i].a + host->xstate[i].b);
    }
    pv->xstate[0].a = states;
    pv->xstate[0].b = size;
    pv->xstate[0].c = size;
    pv->xstate[1].a = host->xstate[1].a & MASK_DA1;
}

static void derive_basic(const struct cpuid_policy *host, uint64_t host_xcr0,
                         struct cpuid_policy *pv)
{
    pv->basic[0] = host->basic[0];
    pv->basic[0].a = MIN(host->basic[0].a, CPUID_NR_BASIC - 1u);
    derive_leaf1(host, pv);
    if ( pv->vendor == CPUID_VENDOR_INTEL && pv->basic[0].a >= 2 )
        pv->basic[2] = host->basic[2];       /* Descriptors; PSN (3) hidden. */
    derive_cache(host, pv);
    derive_feat(host, pv);
    /*
     * XSAVE, and the features whose state it switches, only for the
     * states the hypervisor enabled and switches (Xen: its xfeature_mask).
     */
    if ( !host_xcr0 || pv->basic[0].a < 0xd )
        pv->basic[1].c &= ~CPUID_1C_XSAVE;
    if ( !(host_xcr0 & XSTATE_YMM) )
        pv->basic[1].c &= ~FEAT_1C_AVX;
    if ( (host_xcr0 & XSTATE_AVX512) != XSTATE_AVX512 )
        pv->feat[0].b &= ~FEAT_7B0_AVX512F;
}

static void derive_extd(const struct cpuid_policy *host,
                        struct cpuid_policy *pv)
{
    bool amd = pv->vendor == CPUID_VENDOR_AMD;
    uint32_t max = host->extd[0].a;
    unsigned int i;

    if ( (max >> 16) != 0x8000 )
        return;                              /* No extended leaves. */
    max = MIN(max, 0x80000000u + CPUID_NR_EXTD - 1);
    pv->extd[0].a = max;
    if ( amd )
        pv->extd[0] = (struct cpuid_leaf){ max, host->basic[0].b,
                                           host->basic[0].c, host->basic[0].d };
    for ( i = 1; i <= (max & 0xffff); i++ )
        pv->extd[i] = host->extd[i];
    pv->extd[1].c &= MASK_E1C;
    pv->extd[1].d &= MASK_E1D & ~COMMON_1D;
    pv->extd[7] = (struct cpuid_leaf){ 0, 0, 0, host->extd[7].d & MASK_E7D };
    pv->extd[8].a &= 0xffffu;                /* GuestMaxPhysAddr hidden. */
    pv->extd[8].b &= MASK_E8B;
    pv->extd[8].c = amd ? (pv->extd[8].c & 0x3f0ffu) : 0;
    pv->extd[8].d = 0;
    if ( amd )
    {
        pv->extd[1].a = pv->basic[1].a;
        pv->extd[1].b &= 0xff00ffffu;
        pv->extd[1].d |= pv->basic[1].d & COMMON_1D;
        return;
    }
    pv->extd[1].a = pv->extd[1].b = 0;
    pv->extd[5] = empty_leaf;
    pv->extd[6] = (struct cpuid_leaf){ 0, 0, pv->extd[6].c, 0 };
}

void cpuid_policy_derive_pv(const struct cpuid_policy *host, uint64_t host_xcr0,
                            struct cpuid_policy *pv)
{
    memset(pv, 0, sizeof(*pv));
    pv->vendor = host->vendor;
    derive_basic(host, host_xcr0, pv);
    derive_extd(host, pv);
    drop_dependents(pv);
    if ( pv->basic[1].c & CPUID_1C_XSAVE )
        derive_xstate(host, pv);
}

static void hv_leaf(const struct cpuid_hv_params *hv,
                    const struct cpuid_policy *p, uint32_t idx,
                    uint32_t subleaf, struct cpuid_leaf *res)
{
    switch ( idx )
    {
    case 0:
        *res = (struct cpuid_leaf){ HV_BASE + HV_NR_LEAVES, XEN_SIG_EBX,
                                    XEN_SIG_ECX, XEN_SIG_EDX };
        break;
    case 1:
        res->a = hv->version;
        break;
    case 2:
        res->a = 1;                          /* Hypercall pages. */
        res->b = HV_BASE;                    /* Their MSR. */
        res->c = hv->pt_update_preserve_ad ? 1 : 0;
        break;
    case 3:                                  /* Time: no vTSC, offset 0. */
        if ( subleaf == 0 )
            res->a = (hv->tsc_reliable ? 2 : 0) |
                     ((p->extd[1].d & CPUID_E1D_RDTSCP) ? 4 : 0);
        else if ( subleaf == 2 )
            res->a = hv->cpu_khz;
        break;
    case 5:                                  /* PV parameters. */
        if ( subleaf == 0 )
            res->b = hv->maddr_bits;
        break;
    }
}

/* A basic leaf; false if the policy has no such leaf. */
static bool static_leaf(const struct cpuid_policy *p, uint32_t leaf,
                        uint32_t subleaf, struct cpuid_leaf *res)
{
    if ( leaf > p->basic[0].a )
        return false;
    switch ( leaf )
    {
    case 0x4:
        if ( subleaf < CPUID_NR_CACHE )
            *res = p->cache[subleaf];
        break;
    case 0x7:
        if ( subleaf <= p->feat[0].a && subleaf < CPUID_NR_FEAT )
            *res = p->feat[subleaf];
        break;
    case 0xd:
        if ( (p->basic[1].c & CPUID_1C_XSAVE) && subleaf < CPUID_NR_XSTATE )
            *res = p->xstate[subleaf];
        break;
    default:
        *res = p->basic[leaf];
        break;
    }
    return true;
}

/*
 * Bytes of a standard-format XSAVE area for the states in xcr0 (those the
 * policy describes): what the CPU's leaf 0xd.0 ebx says for the XCR0 in
 * force, which Xen 4.17 reads from the hardware with the guest's XCR0.
 */
static uint32_t xstate_size_for(const struct cpuid_policy *p, uint64_t xcr0)
{
    uint32_t size = XSTATE_AREA_MIN_SIZE;
    unsigned int i;

    for ( i = 2; i < 32 && i < CPUID_NR_XSTATE; i++ )
        if ( (xcr0 & (1ULL << i)) && (p->xstate[0].a & (1u << i)) )
            size = MAX(size, p->xstate[i].a + p->xstate[i].b);
    return size;
}

/*
 * Xen 4.17 guest_cpuid(), second pass, for PV: OSXSAVE shows the guest's
 * CR4 view, or, on the forced-emulation path in kernel mode, Xen's own
 * (a leak Linux depends on); the hardware domain's kernel also sees the
 * host's EIST and MTRR (in leaves 1 and 0x80000001), as Xen has always
 * leaked them to dom0. Leaf 0xd.0 ebx is the area size for the vCPU's
 * XCR0.
 */
static void dynamic_leaf(const struct cpuid_policy *p,
                         const struct cpuid_context *ctx, uint32_t leaf,
                         uint32_t subleaf, struct cpuid_leaf *res)
{
    bool hwdom_kernel = ctx->hardware_domain && ctx->kernel_mode;

    switch ( leaf )
    {
    case 0x1:
        if ( (ctx->guest_cr4 & X86_CR4_OSXSAVE_BIT) ||
             (ctx->forced && ctx->kernel_mode && ctx->host_osxsave) )
            res->c |= CPUID_1C_OSXSAVE;
        if ( hwdom_kernel && p->host_eist )
            res->c |= CPUID_1C_EIST;
        /* Leaf 1 and 0x80000001 share the MTRR leak. */
        __attribute__((fallthrough));
    case 0x80000001:
        if ( hwdom_kernel && p->host_mtrr )
            res->d |= CPUID_1D_MTRR;
        break;
    case 0x7:
        if ( subleaf == 0 && (ctx->guest_cr4 & X86_CR4_PKE_BIT) )
            res->c |= CPUID_7C0_OSPKE;
        break;
    case 0xd:
        if ( subleaf == 0 && (p->basic[1].c & CPUID_1C_XSAVE) )
            res->b = xstate_size_for(p, ctx->xcr0);
        break;
    }
}

void cpuid_policy_lookup(const struct cpuid_policy *p,
                         const struct cpuid_context *ctx, uint32_t leaf,
                         uint32_t subleaf, struct cpuid_leaf *res)
{
    uint32_t idx = leaf & 0xffff;

    *res = empty_leaf;
    if ( leaf < CPUID_NR_BASIC )
    {
        if ( !static_leaf(p, leaf, subleaf, res) )
            return;
    }
    else if ( leaf >= HV_BASE && leaf <= HV_BASE + 0x1ff )
    {
        /* Intel reserves up to 0x4fffffff, AMD to 0x400000ff: Xen 4.17. */
        if ( leaf - HV_BASE <= HV_NR_LEAVES )
            hv_leaf(ctx->hv, p, leaf - HV_BASE, subleaf, res);
        return;
    }
    else if ( (leaf >> 16) == 0x8000 && (p->extd[0].a >> 16) == 0x8000 &&
              idx <= (p->extd[0].a & 0xffff) && idx < CPUID_NR_EXTD )
        *res = p->extd[idx];
    else
        return;
    dynamic_leaf(p, ctx, leaf, subleaf, res);
}
