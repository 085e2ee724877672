/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * CPUID for PV guests: the host's raw leaves, read once, the PV policy
 * derived from them (cpuid_policy.c), and the answer for a vCPU with the
 * parameters only the running hypervisor knows (version, TSC frequency,
 * machine address width). Xen 4.17 keeps the same split: init_guest_cpuid()
 * at boot, guest_cpuid() per request (xen/arch/x86/cpuid.c).
 *
 * The policy is computed on first use, when the hypervisor's own CPU setup
 * (CR4) is final, and then only read. One policy serves every PV domain
 * until domains get their own (toolstack-set policies, issue 5).
 */
#include <asm/cpufeature.h>
#include <asm/processor.h>
#include <asm/xstate.h>
#include <xenolith/domain.h>
#include <xenolith/frame_table.h>
#include <xenolith/time.h>
#include <xenolith/version.h>
#include "emul.h"

static struct cpuid_policy pv_policy;
static bool pv_policy_ready;

static void read_host_leaf(uint32_t leaf, uint32_t subleaf,
                           struct cpuid_leaf *l)
{
    cpuid_count(leaf, subleaf, &l->a, &l->b, &l->c, &l->d);
}

/* The host's leaves the policy is made from, within its maximum leaves. */
static void read_host_policy(struct cpuid_policy *h)
{
    uint32_t max, i;

    read_host_leaf(0, 0, &h->basic[0]);
    h->vendor = cpuid_vendor_of(&h->basic[0]);
    max = MIN(h->basic[0].a, CPUID_NR_BASIC - 1u);
    for ( i = 1; i <= max; i++ )
        read_host_leaf(i, 0, &h->basic[i]);
    for ( i = 0; i < CPUID_NR_CACHE && max >= 4; i++ )
        read_host_leaf(4, i, &h->cache[i]);
    for ( i = 0; i < CPUID_NR_FEAT && max >= 7; i++ )
        read_host_leaf(7, i, &h->feat[i]);
    for ( i = 0; i < CPUID_NR_XSTATE && max >= 0xd; i++ )
        read_host_leaf(0xd, i, &h->xstate[i]);
    read_host_leaf(0x80000000, 0, &h->extd[0]);
    if ( (h->extd[0].a >> 16) != 0x8000 )
        return;
    max = MIN(h->extd[0].a & 0xffff, CPUID_NR_EXTD - 1u);
    for ( i = 1; i <= max; i++ )
        read_host_leaf(0x80000000 + i, 0, &h->extd[i]);
}

const struct cpuid_policy *pv_cpuid_policy(void)
{
    struct cpuid_policy host = { 0 };

    if ( !pv_policy_ready )
    {
        read_host_policy(&host);
        cpuid_policy_derive_pv(&host, xstate_host_xcr0, &pv_policy);
        pv_policy_ready = true;
    }
    return &pv_policy;
}

/* Bits needed for the highest machine address (Xen's leaf 5 ebx). */
static uint32_t maddr_bits(void)
{
    uint32_t bits = 0;
    uint64_t top = max_page ? max_page - 1 : 0;

    while ( top >> bits )
        bits++;
    return bits + PAGE_SHIFT;
}

void pv_cpuid(const struct vcpu *v, bool forced, uint32_t leaf,
              uint32_t subleaf, struct cpuid_leaf *res)
{
    const struct cpuid_hv_params hv = {
        .version = (XEN_INTERFACE_MAJOR << 16) | XEN_INTERFACE_MINOR,
        .pt_update_preserve_ad = true,   /* As XENVER_get_features says. */
        .tsc_reliable = cpu_has(X86_FEATURE_INVARIANT_TSC),
        .cpu_khz = cpu_khz(),
        .maddr_bits = maddr_bits(),
    };
    const struct cpuid_context ctx = {
        .kernel_mode = v->arch.kernel_mode,
        .forced = forced,
        .hardware_domain = v->domain->is_privileged,
        .host_osxsave = read_cr4() & X86_CR4_OSXSAVE,
        .guest_cr4 = pv_guest_cr4(v),
        .xcr0 = v->arch.fpu.xcr0,
        .hv = &hv,
    };

    cpuid_policy_lookup(pv_cpuid_policy(), &ctx, leaf, subleaf, res);
}
