/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * domain_lifecycle, the hostile half (Xen 4.17's answers):
 * - createdomain: the HVM flag, an unknown flag, no vCPU, grant version
 *   0 or 3, IOMMU options without the IOMMU: -EINVAL; LAPIC emulation for
 *   a PV domain: -EOPNOTSUPP; an id in use: -EEXIST; two vCPUs: Xen
 *   accepts (PV allows many), Xenolith refuses with Xen's answer past a
 *   limit, -EINVAL (XEN-DIFFERENCES.md);
 * - destroydomain of ourselves: -EINVAL; of no domain: -ESRCH;
 *   getvcpucontext of our own running vCPU: -EINVAL;
 * - setvcpucontext, each refused with -EINVAL and nothing changed
 *   (getvcpucontext still -ENODATA): CR3 a frame of ours, a frame of the
 *   domain that dom0 maps writable, a frame of garbage that cannot be an
 *   L4; a non-canonical rip; an LDT of 8193 entries or at an unaligned
 *   base; user mode without a user L4; a GDT frame of ours. On an
 *   unpaused domain the same (Xen pauses it itself for the call);
 * - mmu_update naming a domain that does not exist, or ourselves by id:
 *   -ESRCH; DOMID_XEN as the owner of a domain's frame: -EBUSY (Xen's
 *   "could not pin": not the owner's); a foreign page table (pinned L1)
 *   mapped writable: -EBUSY, read-only: 0;
 * - populate_physmap beyond max_mem: no extent done.
 */
#include <guest/arch/page.h>
#include <guest/console.h>
#include <guest/differs.h>
#include <guest/mm.h>
#include <guest/string.h>
#include <guest/test.h>
#include "lifecycle.h"

#define RW_FLAGS (PTE_PRESENT | PTE_RW | PTE_ACCESSED | PTE_DIRTY)

static struct vcpu_guest_context ctx;

static void good_context(xen_pfn_t l4)
{
    memset(&ctx, 0, sizeof(ctx));
    ctx.flags = VGCF_in_kernel | VGCF_online;
    ctx.user_regs.rip = 0xffffffff80001000UL;
    ctx.user_regs.cs = FLAT_KERNEL_CS;
    ctx.user_regs.ss = FLAT_KERNEL_SS;
    ctx.kernel_ss = FLAT_KERNEL_SS;
    ctx.ctrlreg[3] = xen_pfn_to_cr3(l4);
}

/* setvcpucontext is refused with -EINVAL, and the vCPU has no context. */
static void refused(const char *check, domid_t id)
{
    static struct vcpu_guest_context got;
    char name[64];

    test_expect_rc(check, lc_setvcpucontext(id, &ctx), -EINVAL);
    guest_snprintf(name, sizeof(name), "%s/unchanged", check);
    test_expect_rc(name, lc_getvcpucontext(id, &got), -ENODATA);
}

static void check_bad_contexts(domid_t id, const xen_pfn_t *frames)
{
    volatile uint64_t *p = (volatile uint64_t *)lc_scratch;
    unsigned int i;

    good_context(guest_mfn_of(lc_scratch));
    refused("context/cr3_ours", id);
    if ( test_expect_rc("context/map_writable",
                        lc_scratch_map(frames[5], RW_FLAGS, id), 0) )
    {
        good_context(frames[5]);
        refused("context/cr3_mapped_writable", id);
        lc_scratch_restore();
    }
    if ( test_expect_rc("context/map_garbage",
                        lc_scratch_map(frames[6], RW_FLAGS, id), 0) )
    {
        for ( i = 0; i < 512; i++ )
            p[i] = ~0ULL;
        lc_scratch_restore();
        good_context(frames[6]);
        refused("context/cr3_garbage", id);
    }
    good_context(frames[0]);
    ctx.user_regs.rip = 0x0000800000000000UL;
    refused("context/rip_noncanonical", id);
    good_context(frames[0]);
    ctx.ldt_ents = 8193;
    refused("context/ldt_ents", id);
    good_context(frames[0]);
    ctx.ldt_base = 0x1001;
    ctx.ldt_ents = 1;
    refused("context/ldt_unaligned", id);
    good_context(frames[0]);
    ctx.flags = VGCF_online;
    refused("context/user_mode_no_user_l4", id);
    good_context(frames[0]);
    ctx.gdt_frames[0] = guest_mfn_of(lc_scratch);
    ctx.gdt_ents = 512;
    refused("context/gdt_ours", id);
    /* Unpaused: Xen pauses the domain itself, the answer is the same. */
    test_expect_rc("context/unpause", lc_simple(XEN_DOMCTL_unpausedomain, id),
                   0);
    good_context(guest_mfn_of(lc_scratch));
    refused("context/unpaused_cr3_ours", id);
    test_expect_rc("context/pause", lc_simple(XEN_DOMCTL_pausedomain, id), 0);
}

static long map_as(xen_pfn_t mfn, uint64_t flags, domid_t owner)
{
    long rc = lc_scratch_map(mfn, flags, owner);

    if ( rc == 0 )
        lc_scratch_restore();
    return rc;
}

static void check_bad_foreign(domid_t id, const xen_pfn_t *frames)
{
    test_expect_rc("foreign/no_domain", map_as(frames[3], RW_FLAGS, 0x7000),
                   -ESRCH);
    test_expect_rc("foreign/self_by_id", map_as(frames[3], RW_FLAGS, 0),
                   -ESRCH);
    test_expect_rc("foreign/domid_xen", map_as(frames[3], RW_FLAGS,
                                               DOMID_XEN), -EBUSY);
    test_expect_rc("foreign/not_owner", map_as(frames[3], RW_FLAGS,
                                               DOMID_SELF), -EBUSY);
    if ( !test_expect_rc("foreign/pin_l1",
                         lc_mmuext(MMUEXT_PIN_L1_TABLE, frames[8], id), 0) )
        return;
    test_expect_rc("foreign/table_writable", map_as(frames[8], RW_FLAGS, id),
                   -EBUSY);
    test_expect_rc("foreign/table_readonly",
                   map_as(frames[8], PTE_PRESENT | PTE_ACCESSED, id), 0);
    test_expect_rc("foreign/unpin_l1",
                   lc_mmuext(MMUEXT_UNPIN_TABLE, frames[8], id), 0);
}

void check_hostile_on(domid_t id, const xen_pfn_t *frames)
{
    struct xen_domctl_createdomain c;
    xen_pfn_t more[4];

    lc_default_config(&c);
    test_expect_rc("create/used_id", lc_create(id, &c, NULL), -EEXIST);
    check_bad_contexts(id, frames);
    check_bad_foreign(id, frames);
    test_expect_rc("populate/beyond_max", lc_populate(id, more, 4), 0);
    test_expect_rc("populate/beyond_max_reservation",
                   lc_current_reservation(id), 16);
}

static long create_with(void (*tweak)(struct xen_domctl_createdomain *))
{
    struct xen_domctl_createdomain c;
    domid_t id;
    long rc;

    lc_default_config(&c);
    tweak(&c);
    rc = lc_create(0, &c, &id);
    if ( rc == 0 )
        lc_destroy(id);             /* Not expected: don't leave it. */
    return rc;
}

static void hvm(struct xen_domctl_createdomain *c)
{
    c->flags |= XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap;
}
static void unknown_flag(struct xen_domctl_createdomain *c)
{
    c->flags |= 1U << 20;
}
static void no_vcpu(struct xen_domctl_createdomain *c) { c->max_vcpus = 0; }
static void two_vcpus(struct xen_domctl_createdomain *c) { c->max_vcpus = 2; }
static void grant_v0(struct xen_domctl_createdomain *c) { c->grant_opts = 0; }
static void grant_v3(struct xen_domctl_createdomain *c)
{
    c->grant_opts = XEN_DOMCTL_GRANT_version(3);
}
static void iommu_opts(struct xen_domctl_createdomain *c)
{
    c->iommu_opts = XEN_DOMCTL_IOMMU_no_sharept;
}
static void lapic(struct xen_domctl_createdomain *c)
{
    c->arch.emulation_flags = XEN_X86_EMU_LAPIC;
}

void check_hostile(void)
{
    static struct vcpu_guest_context got;

    test_expect_rc("create/hvm", create_with(hvm), -EINVAL);
    test_expect_rc("create/unknown_flag", create_with(unknown_flag), -EINVAL);
    test_expect_rc("create/no_vcpu", create_with(no_vcpu), -EINVAL);
    test_expect_rc("create/grant_v0", create_with(grant_v0), -EINVAL);
    test_expect_rc("create/grant_v3", create_with(grant_v3), -EINVAL);
    test_expect_rc("create/iommu_opts", create_with(iommu_opts), -EINVAL);
    test_expect_rc("create/lapic", create_with(lapic), -EOPNOTSUPP);
    test_expect_rc_differs("create/two_vcpus", create_with(two_vcpus), 0,
                           -EINVAL);
    test_expect_rc("destroy/self", lc_destroy(0), -EINVAL);
    test_expect_rc("destroy/no_domain", lc_destroy(0x7000), -ESRCH);
    test_expect_rc("getvcpucontext/self", lc_getvcpucontext(0, &got),
                   -EINVAL);
}
