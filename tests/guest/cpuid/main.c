/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cpuid: the CPUID a 64-bit PV guest kernel gets through Xen's
 * forced-emulation prefix `ud2; .ascii "xen"; cpuid` (XEN_EMULATE_PREFIX,
 * public/arch-x86/xen.h; Xen 4.17: pv/emul-inv-op.c, the policy of
 * xen/arch/x86/cpuid.c, the hypervisor leaves of traps.c and
 * public/arch-x86/cpuid.h). Exact values depend on the host CPU, so the
 * checks are about shape and about agreement with the host's own (native)
 * CPUID and with the hypervisor's other answers.
 *
 * Positive: leaf 0 names the host's vendor with a sane maximum leaf;
 * leaf 1 has the hypervisor bit, the host's family/model and APIC ID 0,
 * and hides what PV guests cannot use (VMX, SMX, PCID, x2APIC,
 * TSC-deadline, MONITOR, PSE, PGE, PSE36, VME); leaf 7 hides SMEP, SMAP,
 * INVPCID, UMIP, PKU; every feature offered is one the host has, except
 * those Xen makes up (the hypervisor bit, ARCH_CAPS, and the OSXSAVE and
 * MTRR bits it leaks to dom0's kernel); the thermal, performance-counter
 * and topology leaves (6, 0xa, 0xb) are empty and MONITOR's (5) too;
 * XSAVE comes with its leaf 0xd and AVX only with XSAVE; leaves
 * 0x40000000-5 are Xen's: "XenVMMXenVMM" with 0x40000005 as the last
 * leaf, 0x40000001 the version XENVER_version gives (0x00040011 for
 * 4.17), 0x40000002 one hypercall page at MSR 0x40000000 with the
 * mmu_pt_update_preserve_ad flag XENVER_get_features gives, 0x40000003
 * the RDTSCP bit and the TSC frequency, 0x40000005 a machine address
 * width; leaves past the last are zero; the extended leaves keep the
 * brand string and long-mode features and hide SVM.
 *
 * Hostile: leaves and sub-leaves out of every range are all zero; the
 * prefix with anything but CPUID after it, a wrong signature byte, a
 * prefix byte before the ud2, or an operand-size prefix before the cpuid
 * give #UD at the ud2 (Xen 4.17); a signature running into an unmapped
 * page gives #PF (error code 0) at that page with rip at the ud2, as
 * Xen reads the signature whole before looking at it.
 */
#include <guest/console.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/privop.h>
#include <guest/probe.h>
#include <guest/string.h>
#include <guest/test.h>
#include <guest/traps.h>

const char test_name[] = "cpuid";
const char test_title[] = "CPUID behind the forced-emulation prefix: PV policy";

#define F1C_MONITOR      (1u << 3)
#define F1C_VMX          (1u << 5)
#define F1C_SMX          (1u << 6)
#define F1C_FMA          (1u << 12)
#define F1C_PCID         (1u << 17)
#define F1C_X2APIC       (1u << 21)
#define F1C_TSC_DEADLINE (1u << 24)
#define F1C_XSAVE        (1u << 26)
#define F1C_OSXSAVE      (1u << 27)
#define F1C_AVX          (1u << 28)
#define F1C_HYPERVISOR   (1u << 31)
#define F1D_VME          (1u << 1)
#define F1D_PSE          (1u << 3)
#define F1D_MTRR         (1u << 12)
#define F1D_PGE          (1u << 13)
#define F1D_PSE36        (1u << 17)
#define F7B_AVX2         (1u << 5)
#define F7B_SMEP         (1u << 7)
#define F7B_INVPCID      (1u << 10)
#define F7B_SMAP         (1u << 20)
#define F7C_UMIP         (1u << 2)
#define F7C_PKU          (1u << 3)
#define F7D_ARCH_CAPS    (1u << 29)
#define FE1C_SVM         (1u << 2)
#define FE1D_SYSCALL     (1u << 11)
#define FE1D_NX          (1u << 20)
#define FE1D_RDTSCP      (1u << 27)
#define FE1D_LM          (1u << 29)

static struct guest_cpuid forced(uint32_t leaf, uint32_t subleaf)
{
    struct guest_cpuid r = { 0 };

    if ( test_probe_cpuid_forced(leaf, subleaf, &r) != PROBE_NONE )
        test_error("forced CPUID %#x.%u faulted", leaf, subleaf);
    return r;
}

static struct guest_cpuid native(uint32_t leaf, uint32_t subleaf)
{
    struct guest_cpuid r = { 0 };

    test_probe_cpuid_native(leaf, subleaf, &r);
    return r;
}

static void check_subset(const char *check, uint32_t got, uint32_t host,
                         uint32_t made_up)
{
    uint32_t extra = got & ~(host | made_up);

    test_check(extra == 0, check, "%#x offered beyond the host's %#x", extra,
               host);
}

static void check_leaf0(void)
{
    struct guest_cpuid f = forced(0, 0), n = native(0, 0);

    test_expect_probe("forced/works", test_probe_cpuid_forced(0, 0, &f),
                      PROBE_NONE);
    test_check(f.b == n.b && f.c == n.c && f.d == n.d, "leaf0/vendor",
               "%08x %08x %08x, host %08x %08x %08x", f.b, f.d, f.c, n.b,
               n.d, n.c);
    test_check(f.a >= 7 && f.a <= 0xd && f.a <= n.a, "leaf0/max",
               "max basic leaf %#x (host %#x)", f.a, n.a);
}

static void check_leaf1(void)
{
    struct guest_cpuid f = forced(1, 0), n = native(1, 0);
    uint32_t hidden_c = F1C_VMX | F1C_SMX | F1C_PCID | F1C_X2APIC |
                        F1C_TSC_DEADLINE | F1C_MONITOR;
    uint32_t hidden_d = F1D_PSE | F1D_PGE | F1D_PSE36 | F1D_VME;

    test_check(f.c & F1C_HYPERVISOR, "leaf1/hypervisor", "ecx %#x", f.c);
    test_check(!(f.c & hidden_c), "leaf1/hidden_ecx", "ecx %#x has %#x", f.c,
               f.c & hidden_c);
    test_check(!(f.d & hidden_d), "leaf1/hidden_edx", "edx %#x has %#x", f.d,
               f.d & hidden_d);
    test_expect_eq("leaf1/signature", f.a, n.a & 0x0fff0fff);
    test_expect_eq("leaf1/apic_id", f.b >> 24, 0);
    check_subset("leaf1/ecx_subset", f.c, n.c, F1C_HYPERVISOR | F1C_OSXSAVE);
    check_subset("leaf1/edx_subset", f.d, n.d, F1D_MTRR);
}

static void check_leaf7(void)
{
    struct guest_cpuid f = forced(7, 0), n = native(7, 0);

    test_check(!(f.b & (F7B_SMEP | F7B_SMAP | F7B_INVPCID)), "leaf7/hidden_ebx",
               "ebx %#x", f.b);
    test_check(!(f.c & (F7C_UMIP | F7C_PKU)), "leaf7/hidden_ecx", "ecx %#x",
               f.c);
    check_subset("leaf7/ebx_subset", f.b, n.b, 0);
    check_subset("leaf7/ecx_subset", f.c, n.c, 0);
    check_subset("leaf7/edx_subset", f.d, n.d, F7D_ARCH_CAPS);
}

static bool leaf_empty(uint32_t leaf, uint32_t subleaf)
{
    struct guest_cpuid f = forced(leaf, subleaf);

    return !f.a && !f.b && !f.c && !f.d;
}

static void check_empty_leaves(void)
{
    test_check(leaf_empty(5, 0), "empty/monitor", "leaf 5 not empty");
    test_check(leaf_empty(6, 0), "empty/thermal", "leaf 6 not empty");
    test_check(leaf_empty(0xa, 0), "empty/pmu", "leaf 0xa not empty");
    test_check(leaf_empty(0xb, 0) && leaf_empty(0xb, 1), "empty/topology",
               "leaf 0xb not empty");
}

/* XSAVE, its leaf and the features that need it hang together. */
static void check_xsave(void)
{
    struct guest_cpuid l1 = forced(1, 0), l7 = forced(7, 0), d = forced(0xd, 0);

    if ( l1.c & F1C_XSAVE )
    {
        test_check((d.a & 3) == 3 && d.c >= 0x240 && (l1.c & F1C_OSXSAVE),
                   "xsave/consistent", "leaf 0xd %#x, size %#x, osxsave %d",
                   d.a, d.c, !!(l1.c & F1C_OSXSAVE));
        return;
    }
    test_check(!d.a && !d.b && !d.c && !d.d &&
                   !(l1.c & (F1C_OSXSAVE | F1C_AVX)),
               "xsave/consistent", "no XSAVE, yet leaf 0xd %#x or ecx %#x",
               d.a, l1.c);
    test_check(!(l1.c & (F1C_AVX | F1C_FMA)) && !(l7.b & F7B_AVX2),
               "xsave/avx_needs_it", "ecx %#x, leaf 7 ebx %#x", l1.c, l7.b);
}

static void check_xen_leaves(void)
{
    struct guest_cpuid sig = forced(0x40000000, 0), ver = forced(0x40000001, 0);
    struct guest_cpuid hc = forced(0x40000002, 0), tsc = forced(0x40000003, 0);
    struct guest_cpuid khz = forced(0x40000003, 2), pv = forced(0x40000005, 0);
    struct guest_cpuid e1 = forced(0x80000001, 0);
    xen_feature_info_t fi = { .submap_idx = 0 };
    long version = hypercall_xen_version(XENVER_version, NULL);

    test_check(sig.a == 0x40000005 && sig.b == 0x566e6558 &&
                   sig.c == 0x65584d4d && sig.d == 0x4d4d566e,
               "xen/signature", "%08x %08x %08x %08x", sig.a, sig.b, sig.c,
               sig.d);
    test_expect_eq("xen/version", ver.a, version);
    test_expect_eq("xen/version_4_17", ver.a, 0x00040011);
    test_check(hc.a == 1 && hc.b == 0x40000000, "xen/hypercall_page",
               "%u pages at MSR %#x", hc.a, hc.b);
    test_expect_rc("xen/get_features",
                   hypercall_xen_version(XENVER_get_features, &fi), 0);
    test_expect_eq("xen/preserve_ad", hc.c & 1,
                   !!(fi.submap & (1u << XENFEAT_mmu_pt_update_preserve_ad)));
    test_expect_eq("xen/tsc_rdtscp", !!(tsc.a & 4), !!(e1.d & FE1D_RDTSCP));
    test_check(khz.a >= 100000, "xen/tsc_khz", "%u kHz", khz.a);
    test_check(pv.b >= 20 && pv.b <= 52, "xen/maddr_bits", "%u bits", pv.b);
    test_check(leaf_empty(0x40000006, 0) && leaf_empty(0x40000004, 0) &&
                   leaf_empty(0x40000100, 0),
               "xen/beyond_last", "leaf 0x40000004/6/100 not empty");
}

static void check_extended(void)
{
    struct guest_cpuid m = forced(0x80000000, 0), e1 = forced(0x80000001, 0);
    struct guest_cpuid ne1 = native(0x80000001, 0);
    uint32_t leaf;
    bool brand_ok = true;

    test_check(m.a >= 0x80000004 && m.a <= native(0x80000000, 0).a,
               "extended/max", "max extended leaf %#x", m.a);
    test_check((e1.d & (FE1D_LM | FE1D_SYSCALL | FE1D_NX)) ==
                   (FE1D_LM | FE1D_SYSCALL | FE1D_NX),
               "extended/long_mode", "edx %#x", e1.d);
    test_check(!(e1.c & FE1C_SVM), "extended/no_svm", "ecx %#x", e1.c);
    check_subset("extended/ecx_subset", e1.c, ne1.c, 0);
    check_subset("extended/edx_subset", e1.d, ne1.d, F1D_MTRR);
    for ( leaf = 0x80000002; leaf <= 0x80000004; leaf++ )
    {
        struct guest_cpuid f = forced(leaf, 0), n = native(leaf, 0);

        brand_ok &= !memcmp(&f, &n, sizeof(f));
    }
    test_check(brand_ok, "extended/brand", "brand string differs from host");
    test_check(leaf_empty(m.a + 1, 0), "extended/beyond_max",
               "leaf %#x not empty", m.a + 1);
}

static void check_hostile_leaves(void)
{
    static const uint32_t leaves[][2] = {
        { 0xe, 0 }, { 0x20, 0 }, { 0x3fffffff, 0 }, { 0x400000ff, 0 },
        { 0x400001ff, 0 }, { 0x4fffffff, 0 }, { 0x8fffffff, 0 },
        { 0xc0000000, 0 }, { 0xffffffff, 0 }, { 4, 0xffffffff },
        { 7, 0xffffffff }, { 0xd, 0xffffffff }, { 0xd, 63 },
    };
    unsigned int i;
    bool all = true;

    for ( i = 0; i < ARRAY_SIZE(leaves); i++ )
        if ( !leaf_empty(leaves[i][0], leaves[i][1]) )
        {
            all = false;
            test_note("leaf %#x.%#x not empty", leaves[i][0], leaves[i][1]);
        }
    test_check(all, "hostile/out_of_range", "see the notes above");
}

static void check_hostile_encodings(void)
{
    static const enum test_privop_garbage ud[] = {
        GARBAGE_FORCED_NOT_CPUID, GARBAGE_FORCED_BAD_SIG,
        GARBAGE_FORCED_PREFIXED, GARBAGE_PREFIX_BEFORE_UD2,
    };
    char check[48];
    unsigned int i;
    uint64_t rax;

    for ( i = 0; i < ARRAY_SIZE(ud); i++ )
    {
        guest_snprintf(check, sizeof(check), "hostile/%s",
                       test_privop_garbage_name(ud[i]));
        test_expect_probe(check, test_probe_garbage(ud[i], &rax),
                          PROBE_FAULT(X86_EXC_UD, 0));
    }
}

static void check_page_edge(void)
{
    void *next = test_privop_edge_page();
    const struct guest_fault_record *f = guest_traps_last();

    test_expect_probe("edge/mapped", test_probe_forced_at_page_edge(),
                      PROBE_NONE);
    test_expect_rc("edge/unmap", guest_mm_unmap(next), 0);
    test_expect_probe("edge/unmapped", test_probe_forced_at_page_edge(),
                      PROBE_FAULT(X86_EXC_PF, 0));
    test_check(f->cr2 == (uint64_t)(unsigned long)next &&
                   f->rip == (uint64_t)(unsigned long)test_privop_edge_insn(),
               "edge/where", "cr2 %#lx (want %p), rip %#lx (want %p)", f->cr2,
               next, f->rip, test_privop_edge_insn());
    test_expect_probe("edge/still_works", test_probe_cpuid_forced(0, 0,
                      &(struct guest_cpuid){ 0 }), PROBE_NONE);
}

void test_main(void)
{
    check_leaf0();
    check_leaf1();
    check_leaf7();
    check_empty_leaves();
    check_xsave();
    check_xen_leaves();
    check_extended();
    test_expect_probe("native/no_fault",
                      test_probe_cpuid_native(0, 0, &(struct guest_cpuid){ 0 }),
                      PROBE_NONE);
    check_hostile_leaves();
    check_hostile_encodings();
    check_page_edge();
}
