/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests of hv/arch/x86/pv/cpuid_policy.c. The main host is QEMU's
 * Haswell-noTSX CPU as the test runner gives it; the expected answers are
 * what Xen 4.17 gives a PV dom0 kernel on it (tests/guest/cpuid, logged
 * from the reference Xen), apart from AVX, which Xen hides on this host
 * for its GDS mitigation, and the mmu_pt_update_preserve_ad flag, which
 * follows our XENVER_get_features. The XSAVE family follows the states
 * the hypervisor enabled (host_xcr0; 0: no XSAVE). Then hostile hosts:
 * absurd maximum leaves, no extended leaves, an AMD host, AVX-512 without
 * XSAVE, AVX without its state enabled.
 */
#include "harness.h"

#include <string.h>
#include <asm/cpuid_policy.h>

#define INTEL_B 0x756e6547u
#define INTEL_C 0x6c65746eu
#define INTEL_D 0x49656e69u

#define HASWELL_XCR0 0x7              /* x87, SSE, AVX */

static const struct cpuid_hv_params hv = {
    .version = 0x00040011, .tsc_reliable = false, .cpu_khz = 2445404,
    .maddr_bits = 29,
};

/* QEMU -cpu Haswell-noTSX under TCG, as read natively in a guest. */
static struct cpuid_policy haswell(void)
{
    struct cpuid_policy h;

    memset(&h, 0, sizeof(h));
    h.vendor = CPUID_VENDOR_INTEL;
    h.basic[0] = (struct cpuid_leaf){ 0xd, INTEL_B, INTEL_C, INTEL_D };
    h.basic[1] = (struct cpuid_leaf){ 0x306c1, 0x800, 0xfef83203, 0x078bfbfd };
    h.basic[2] = (struct cpuid_leaf){ 1, 0, 0x4d, 0x002c307d };
    h.cache[0] = (struct cpuid_leaf){ 0x121, 0x01c0003f, 0x3f, 1 };
    h.cache[1] = (struct cpuid_leaf){ 0x122, 0x01c0003f, 0x3f, 1 };
    h.cache[2] = (struct cpuid_leaf){ 0x143, 0x03c0003f, 0xfff, 1 };
    h.cache[3] = (struct cpuid_leaf){ 0x163, 0x03c0003f, 0x3fff, 6 };
    h.basic[5] = (struct cpuid_leaf){ 0, 0, 3, 0 };
    h.basic[6] = (struct cpuid_leaf){ 4, 0, 0, 0 };
    h.feat[0] = (struct cpuid_leaf){ 0, 0x3a9, 0, 0 };
    h.basic[0xb] = (struct cpuid_leaf){ 0, 1, 0x100, 0 };
    h.xstate[0] = (struct cpuid_leaf){ 7, 0x240, 0x340, 0 };
    h.xstate[1] = (struct cpuid_leaf){ 1, 0x340, 0, 0 };
    h.xstate[2] = (struct cpuid_leaf){ 0x100, 0x240, 0, 0 };
    h.extd[0] = (struct cpuid_leaf){ 0x80000008, INTEL_B, INTEL_C, INTEL_D };
    h.extd[1] = (struct cpuid_leaf){ 0x306c1, 0, 0x21, 0x28100800 };
    h.extd[2] = (struct cpuid_leaf){ 0x65746e49, 0x6f43206c, 0x50206572,
                                     0x65636f72 };
    h.extd[5] = (struct cpuid_leaf){ 0x01ff01ff, 0x01ff01ff, 0x40020140,
                                     0x40020140 };
    h.extd[6] = (struct cpuid_leaf){ 0, 0x42004200, 0x02008140, 0x00808140 };
    h.extd[8] = (struct cpuid_leaf){ 0x3028, 0, 0, 0 };
    return h;
}

static struct cpuid_context dom0_kernel(void)
{
    return (struct cpuid_context){ .kernel_mode = true, .forced = true,
                                   .hardware_domain = true, .hv = &hv };
}

static struct cpuid_leaf ask(const struct cpuid_policy *p,
                             const struct cpuid_context *ctx, uint32_t leaf,
                             uint32_t subleaf)
{
    struct cpuid_leaf r;

    memset(&r, 0xcc, sizeof(r));
    cpuid_policy_lookup(p, ctx, leaf, subleaf, &r);
    return r;
}

#define CHECK_LEAF(p, ctx, leaf, sub, A, B, C, D)                          \
    do {                                                                   \
        struct cpuid_leaf r_ = ask((p), (ctx), (leaf), (sub));             \
        CHECK_EQ(r_.a, (A));                                               \
        CHECK_EQ(r_.b, (B));                                               \
        CHECK_EQ(r_.c, (C));                                               \
        CHECK_EQ(r_.d, (D));                                               \
    } while ( 0 )

TEST(haswell_basic_leaves_as_xen)
{
    struct cpuid_policy h = haswell(), p;
    struct cpuid_context ctx = dom0_kernel();

    cpuid_policy_derive_pv(&h, 0, &p);
    CHECK_LEAF(&p, &ctx, 0, 0, 0xd, INTEL_B, INTEL_C, INTEL_D);
    /* Xen: 0xced82203 with XSAVE and OSXSAVE, which we do not offer. */
    CHECK_LEAF(&p, &ctx, 1, 0, 0x306c1, 0x800, 0xc2d82203, 0x0789dbf5);
    CHECK_LEAF(&p, &ctx, 2, 0, 1, 0, 0x4d, 0x002c307d);
    CHECK_LEAF(&p, &ctx, 3, 0, 0, 0, 0, 0);
    CHECK_LEAF(&p, &ctx, 4, 2, 0x143, 0x03c0003f, 0xfff, 1);
    CHECK_LEAF(&p, &ctx, 4, 4, 0, 0, 0, 0);
    CHECK_LEAF(&p, &ctx, 5, 0, 0, 0, 0, 0);
    CHECK_LEAF(&p, &ctx, 6, 0, 0, 0, 0, 0);
    CHECK_LEAF(&p, &ctx, 7, 0, 0, 0x309, 0, 0x20000000);
    CHECK_LEAF(&p, &ctx, 7, 1, 0, 0, 0, 0);
    CHECK_LEAF(&p, &ctx, 0xb, 0, 0, 0, 0, 0);
    CHECK_LEAF(&p, &ctx, 0xd, 0, 0, 0, 0, 0);
    CHECK_LEAF(&p, &ctx, 0xe, 0, 0, 0, 0, 0);
}

TEST(haswell_extended_leaves_as_xen)
{
    struct cpuid_policy h = haswell(), p;
    struct cpuid_context ctx = dom0_kernel();

    cpuid_policy_derive_pv(&h, 0, &p);
    CHECK_LEAF(&p, &ctx, 0x80000000, 0, 0x80000008, 0, 0, 0);
    CHECK_LEAF(&p, &ctx, 0x80000001, 0, 0, 0, 0x21, 0x28101800);
    CHECK_LEAF(&p, &ctx, 0x80000002, 0, 0x65746e49, 0x6f43206c, 0x50206572,
               0x65636f72);
    CHECK_LEAF(&p, &ctx, 0x80000005, 0, 0, 0, 0, 0);
    CHECK_LEAF(&p, &ctx, 0x80000006, 0, 0, 0, 0x02008140, 0);
    CHECK_LEAF(&p, &ctx, 0x80000008, 0, 0x3028, 0, 0, 0);
    CHECK_LEAF(&p, &ctx, 0x80000009, 0, 0, 0, 0, 0);
}

TEST(hypervisor_leaves)
{
    struct cpuid_policy h = haswell(), p;
    struct cpuid_context ctx = dom0_kernel();

    cpuid_policy_derive_pv(&h, 0, &p);
    CHECK_LEAF(&p, &ctx, 0x40000000, 0, 0x40000005, 0x566e6558, 0x65584d4d,
               0x4d4d566e);
    CHECK_LEAF(&p, &ctx, 0x40000001, 0, 0x00040011, 0, 0, 0);
    CHECK_LEAF(&p, &ctx, 0x40000002, 0, 1, 0x40000000, 0, 0);
    CHECK_LEAF(&p, &ctx, 0x40000003, 0, 4, 0, 0, 0);
    CHECK_LEAF(&p, &ctx, 0x40000003, 1, 0, 0, 0, 0);
    CHECK_LEAF(&p, &ctx, 0x40000003, 2, 2445404, 0, 0, 0);
    CHECK_LEAF(&p, &ctx, 0x40000004, 0, 0, 0, 0, 0);
    CHECK_LEAF(&p, &ctx, 0x40000005, 0, 0, 29, 0, 0);
    CHECK_LEAF(&p, &ctx, 0x40000005, 1, 0, 0, 0, 0);
    CHECK_LEAF(&p, &ctx, 0x40000006, 0, 0, 0, 0, 0);
    CHECK_LEAF(&p, &ctx, 0x400001ff, 0, 0, 0, 0, 0);
    CHECK_LEAF(&p, &ctx, 0x40000200, 0, 0, 0, 0, 0);
}

TEST(leaks_only_to_the_hardware_domain_kernel)
{
    struct cpuid_policy h = haswell(), p;
    struct cpuid_context ctx = dom0_kernel();

    h.basic[1].c |= CPUID_1C_EIST;
    cpuid_policy_derive_pv(&h, 0, &p);
    CHECK(ask(&p, &ctx, 1, 0).c & CPUID_1C_EIST);
    ctx.kernel_mode = false;
    CHECK_EQ(ask(&p, &ctx, 1, 0).d & CPUID_1D_MTRR, 0);
    CHECK_EQ(ask(&p, &ctx, 1, 0).c & CPUID_1C_EIST, 0);
    CHECK_EQ(ask(&p, &ctx, 0x80000001, 0).d & CPUID_1D_MTRR, 0);
    ctx = dom0_kernel();
    ctx.hardware_domain = false;
    CHECK_EQ(ask(&p, &ctx, 1, 0).d, 0x0789cbf5);
}

TEST(xsave_when_the_hypervisor_has_it)
{
    struct cpuid_policy h = haswell(), p;
    struct cpuid_context ctx = dom0_kernel();

    cpuid_policy_derive_pv(&h, HASWELL_XCR0, &p);
    ctx.host_osxsave = true;
    ctx.xcr0 = 7;
    /* AVX kept (Xen hides it on this host only for its GDS mitigation). */
    CHECK_LEAF(&p, &ctx, 1, 0, 0x306c1, 0x800, 0xfed83203, 0x0789dbf5);
    CHECK_LEAF(&p, &ctx, 7, 0, 0, 0x329, 0, 0x20000000);
    CHECK_LEAF(&p, &ctx, 0xd, 0, 7, 0x340, 0x340, 0);
    ctx.xcr0 = 3;                       /* ebx: the size for the vCPU's XCR0 */
    CHECK_LEAF(&p, &ctx, 0xd, 0, 7, 0x240, 0x340, 0);
    ctx.xcr0 = 1;
    CHECK_EQ(ask(&p, &ctx, 0xd, 0).b, 0x240);
    ctx.xcr0 = ~0ULL;                   /* States the policy lacks count not. */
    CHECK_EQ(ask(&p, &ctx, 0xd, 0).b, 0x340);
    CHECK_LEAF(&p, &ctx, 0xd, 1, 1, 0, 0, 0);
    CHECK_LEAF(&p, &ctx, 0xd, 2, 0x100, 0x240, 0, 0);
    CHECK_LEAF(&p, &ctx, 0xd, 3, 0, 0, 0, 0);
    ctx.forced = false;                 /* OSXSAVE: the guest's CR4 only. */
    CHECK_EQ(ask(&p, &ctx, 1, 0).c & CPUID_1C_OSXSAVE, 0);
    ctx.guest_cr4 = 1UL << 18;
    CHECK(ask(&p, &ctx, 1, 0).c & CPUID_1C_OSXSAVE);
}

TEST(ospke_follows_guest_cr4)
{
    struct cpuid_policy h = haswell(), p;
    struct cpuid_context ctx = dom0_kernel();

    cpuid_policy_derive_pv(&h, 0, &p);
    CHECK_EQ(ask(&p, &ctx, 7, 0).c & CPUID_7C0_OSPKE, 0);
    ctx.guest_cr4 = 1UL << 22;
    CHECK(ask(&p, &ctx, 7, 0).c & CPUID_7C0_OSPKE);
}

TEST(hostile_host_maximum_leaves)
{
    struct cpuid_policy h = haswell(), p;
    struct cpuid_context ctx = dom0_kernel();

    h.basic[0].a = 0xffffffff;
    h.extd[0].a = 0x8000ffff;
    h.feat[0].a = 0xffffffff;
    cpuid_policy_derive_pv(&h, 0, &p);
    CHECK_EQ(ask(&p, &ctx, 0, 0).a, 0xd);
    CHECK_EQ(ask(&p, &ctx, 0x80000000, 0).a, 0x80000008);
    CHECK_EQ(ask(&p, &ctx, 7, 0).a, 1);
    CHECK_LEAF(&p, &ctx, 0x8000ffff, 0, 0, 0, 0, 0);
    CHECK_LEAF(&p, &ctx, 0xffffffff, 0xffffffff, 0, 0, 0, 0);
    CHECK_LEAF(&p, &ctx, 4, 0xffffffff, 0, 0, 0, 0);
    CHECK_LEAF(&p, &ctx, 7, 0xffffffff, 0, 0, 0, 0);
    CHECK_LEAF(&p, &ctx, 0xd, 0xffffffff, 0, 0, 0, 0);
}

TEST(host_with_few_leaves)
{
    struct cpuid_policy h = haswell(), p;
    struct cpuid_context ctx = dom0_kernel();

    h.basic[0].a = 4;
    h.extd[0].a = 0;
    cpuid_policy_derive_pv(&h, HASWELL_XCR0, &p);
    CHECK_LEAF(&p, &ctx, 7, 0, 0, 0, 0, 0);
    CHECK_LEAF(&p, &ctx, 0xd, 0, 0, 0, 0, 0);
    CHECK_EQ(ask(&p, &ctx, 1, 0).c & CPUID_1C_XSAVE, 0);
    CHECK_LEAF(&p, &ctx, 0x80000000, 0, 0, 0, 0, 0);
    CHECK_LEAF(&p, &ctx, 0x80000001, 0, 0, 0, 0, 0);
    h.basic[0].a = 0;
    cpuid_policy_derive_pv(&h, 0, &p);
    CHECK_LEAF(&p, &ctx, 1, 0, 0, 0, 0, 0);     /* No dynamic bits either. */
}

TEST(avx512_needs_xsave)
{
    struct cpuid_policy h = haswell(), p;
    struct cpuid_context ctx = dom0_kernel();

    h.feat[0].b |= 0xdc230000;          /* AVX512F and friends */
    h.feat[0].c |= 0x00005842;
    cpuid_policy_derive_pv(&h, 0, &p);
    CHECK_EQ(ask(&p, &ctx, 7, 0).b, 0x309);
    CHECK_EQ(ask(&p, &ctx, 7, 0).c, 0);
    cpuid_policy_derive_pv(&h, HASWELL_XCR0, &p);   /* No AVX-512 states. */
    CHECK_EQ(ask(&p, &ctx, 7, 0).b, 0x329);
    CHECK_EQ(ask(&p, &ctx, 7, 0).c, 0);
    cpuid_policy_derive_pv(&h, HASWELL_XCR0 | 0xe0, &p);
    CHECK_EQ(ask(&p, &ctx, 7, 0).b, 0xdc230329);
    CHECK_EQ(ask(&p, &ctx, 0xd, 0).a, 0xe7);
}

TEST(avx_needs_its_state_enabled)
{
    struct cpuid_policy h = haswell(), p;
    struct cpuid_context ctx = dom0_kernel();

    cpuid_policy_derive_pv(&h, 0x3, &p);
    ctx.host_osxsave = true;
    ctx.xcr0 = 3;
    /* What Xen 4.17 gives on this host, where it hides AVX itself. */
    CHECK_LEAF(&p, &ctx, 1, 0, 0x306c1, 0x800, 0xced82203, 0x0789dbf5);
    CHECK_EQ(ask(&p, &ctx, 7, 0).b, 0x309);      /* No AVX2 either. */
    CHECK_LEAF(&p, &ctx, 0xd, 0, 3, 0x240, 0x240, 0);
    CHECK_LEAF(&p, &ctx, 0xd, 2, 0, 0, 0, 0);
}

TEST(amd_host)
{
    struct cpuid_policy h = haswell(), p;
    struct cpuid_context ctx = dom0_kernel();

    h.vendor = CPUID_VENDOR_AMD;
    h.basic[0] = (struct cpuid_leaf){ 0xd, 0x68747541, 0x444d4163, 0x69746e65 };
    h.extd[1].c |= 1u << 2;             /* SVM */
    cpuid_policy_derive_pv(&h, 0, &p);
    CHECK_LEAF(&p, &ctx, 0x80000000, 0, 0x80000008, 0x68747541, 0x444d4163,
               0x69746e65);
    CHECK_LEAF(&p, &ctx, 2, 0, 0, 0, 0, 0);
    CHECK_LEAF(&p, &ctx, 4, 0, 0, 0, 0, 0);
    CHECK_EQ(ask(&p, &ctx, 0x80000001, 0).a, 0x306c1);
    CHECK_EQ(ask(&p, &ctx, 0x80000001, 0).c & (1u << 2), 0);
    CHECK_EQ(ask(&p, &ctx, 0x80000001, 0).d & 0x0183f3ff, 0x0181d3f5);
    CHECK_EQ(ask(&p, &ctx, 0x80000005, 0).a, 0x01ff01ff);
}

TEST(vendor_names)
{
    struct cpuid_leaf intel = { 0, INTEL_B, INTEL_C, INTEL_D };
    struct cpuid_leaf amd = { 0, 0x68747541, 0x444d4163, 0x69746e65 };
    struct cpuid_leaf other = { 0, 0x68747541, INTEL_C, INTEL_D };

    CHECK_EQ(cpuid_vendor_of(&intel), CPUID_VENDOR_INTEL);
    CHECK_EQ(cpuid_vendor_of(&amd), CPUID_VENDOR_AMD);
    CHECK_EQ(cpuid_vendor_of(&other), CPUID_VENDOR_OTHER);
}
