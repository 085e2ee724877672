/* SPDX-License-Identifier: GPL-2.0-only */
/* The control calls of the domain_lifecycle test (lifecycle.h). */
#include <guest/arch/page.h>
#include <guest/mm.h>
#include <guest/pagetable.h>
#include <guest/string.h>
#include "lifecycle.h"

unsigned char lc_scratch[PAGE_SIZE]
    __attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));

static long domctl(struct xen_domctl *op, uint32_t cmd, domid_t id)
{
    op->cmd = cmd;
    op->domain = id;
    op->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    return hypercall_domctl(op);
}

void lc_default_config(struct xen_domctl_createdomain *c)
{
    memset(c, 0, sizeof(*c));
    c->max_vcpus = 1;
    c->max_evtchn_port = 1023;
    c->max_grant_frames = 32;
    c->max_maptrack_frames = 1024;
    c->grant_opts = XEN_DOMCTL_GRANT_version(1);
}

long lc_create(domid_t wanted, const struct xen_domctl_createdomain *c,
               domid_t *id)
{
    struct xen_domctl op;
    long rc;

    memset(&op, 0, sizeof(op));
    op.u.createdomain = *c;
    rc = domctl(&op, XEN_DOMCTL_createdomain, wanted);
    if ( rc == 0 && id )
        *id = op.domain;
    return rc;
}

long lc_create_default(domid_t *id)
{
    struct xen_domctl_createdomain c;

    lc_default_config(&c);
    return lc_create(0, &c, id);
}

long lc_simple(uint32_t cmd, domid_t id)
{
    struct xen_domctl op;

    memset(&op, 0, sizeof(op));
    return domctl(&op, cmd, id);
}

long lc_destroy(domid_t id)
{
    return lc_simple(XEN_DOMCTL_destroydomain, id);
}

long lc_max_mem(domid_t id, uint64_t kib)
{
    struct xen_domctl op;

    memset(&op, 0, sizeof(op));
    op.u.max_mem.max_memkb = kib;
    return domctl(&op, XEN_DOMCTL_max_mem, id);
}

long lc_max_vcpus(domid_t id, uint32_t max)
{
    struct xen_domctl op;

    memset(&op, 0, sizeof(op));
    op.u.max_vcpus.max = max;
    return domctl(&op, XEN_DOMCTL_max_vcpus, id);
}

long lc_info(domid_t id, struct xen_domctl_getdomaininfo *info)
{
    struct xen_domctl op;
    long rc;

    memset(&op, 0, sizeof(op));
    rc = domctl(&op, XEN_DOMCTL_getdomaininfo, id);
    if ( rc == 0 && op.domain != id )
        rc = -ESRCH;
    if ( rc == 0 && info )
        *info = op.u.getdomaininfo;
    return rc;
}

long lc_setvcpucontext(domid_t id, const struct vcpu_guest_context *c)
{
    struct xen_domctl op;

    memset(&op, 0, sizeof(op));
    op.u.vcpucontext.vcpu = 0;
    set_xen_guest_handle(op.u.vcpucontext.ctxt,
                         (struct vcpu_guest_context *)c);
    return domctl(&op, XEN_DOMCTL_setvcpucontext, id);
}

long lc_getvcpucontext(domid_t id, struct vcpu_guest_context *c)
{
    struct xen_domctl op;

    memset(&op, 0, sizeof(op));
    op.u.vcpucontext.vcpu = 0;
    set_xen_guest_handle(op.u.vcpucontext.ctxt, c);
    return domctl(&op, XEN_DOMCTL_getvcpucontext, id);
}

long lc_populate(domid_t id, xen_pfn_t *frames, unsigned int n)
{
    struct xen_memory_reservation r = {
        .nr_extents = n, .extent_order = 0, .domid = id,
    };
    unsigned int i;

    for ( i = 0; i < n; i++ )
        frames[i] = i;
    set_xen_guest_handle(r.extent_start, frames);
    return hypercall_memory_op(XENMEM_populate_physmap, &r);
}

long lc_current_reservation(domid_t id)
{
    return hypercall_memory_op(XENMEM_current_reservation, &id);
}

uint64_t lc_free_pages(void)
{
    struct xen_sysctl op;

    memset(&op, 0, sizeof(op));
    op.cmd = XEN_SYSCTL_physinfo;
    op.interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    return hypercall_sysctl(&op) ? 0 : op.u.physinfo.free_pages;
}

long lc_scratch_map(xen_pfn_t mfn, uint64_t flags, domid_t foreigndom)
{
    xen_pfn_t l1 = guest_pt_mfn(lc_scratch, 1);
    unsigned long va = (unsigned long)lc_scratch;
    struct mmu_update req = {
        .ptr = ((uint64_t)l1 << PAGE_SHIFT) +
               ((va >> PAGE_SHIFT) & 511) * 8 + MMU_NORMAL_PT_UPDATE,
        .val = ((uint64_t)mfn << PAGE_SHIFT) | flags,
    };
    struct mmuext_op flush = { .cmd = MMUEXT_INVLPG_LOCAL,
                               .arg1.linear_addr = va };
    long rc;

    if ( !l1 )
        return -ENOENT;              /* The test's own setup is broken. */
    rc = hypercall_mmu_update(&req, 1, NULL, foreigndom);
    if ( rc == 0 )
        hypercall_mmuext_op(&flush, 1, NULL, DOMID_SELF);
    return rc;
}

long lc_scratch_restore(void)
{
    return guest_mm_map(lc_scratch,
                        (uint64_t)guest_mfn_of(lc_scratch) << PAGE_SHIFT,
                        PTE_PRESENT | PTE_RW | PTE_ACCESSED | PTE_DIRTY);
}

long lc_mmuext(unsigned int cmd, xen_pfn_t mfn, domid_t foreigndom)
{
    struct mmuext_op op = { .cmd = cmd, .arg1.mfn = mfn };

    return hypercall_mmuext_op(&op, 1, NULL, foreigndom);
}
