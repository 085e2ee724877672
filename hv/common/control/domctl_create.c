/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * domctls that make and unmake domains (contracts in domctl_ops.h):
 * createdomain, max_vcpus, destroydomain. Semantics are Xen 4.17's
 * do_domctl() cases and the checks of domain_create()
 * (sanitise_domain_config(), arch_sanitise_domain_config(),
 * emulation_flags_ok(), grant_table_init(); xen/common/domain.c,
 * domctl.c, grant_table.c, xen/arch/x86/domain.c), for a host where Xen
 * offers PV only (no HVM, IOMMU, vPMU or processor trace), as the
 * reference Xen under QEMU TCG does.
 */
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/event.h>
#include <xenolith/sched.h>
#include <xenolith/string.h>
#include "domctl_ops.h"

#define CDF_KNOWN (XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap |                 \
                   XEN_DOMCTL_CDF_s3_integrity | XEN_DOMCTL_CDF_oos_off |     \
                   XEN_DOMCTL_CDF_xs_domain | XEN_DOMCTL_CDF_iommu |          \
                   XEN_DOMCTL_CDF_nested_virt | XEN_DOMCTL_CDF_vpmu)
#define GNTTAB_MAX_VERSION 2          /* Xen 4.17's gnttab=max-ver default */

/* Xen's sanitise_domain_config() and its x86 half, on a PV-only host. */
static int check_config(const struct xen_domctl_createdomain *c)
{
    bool hvm = c->flags & XEN_DOMCTL_CDF_hvm;
    bool hap = c->flags & XEN_DOMCTL_CDF_hap;

    if ( (c->flags & ~CDF_KNOWN) ||
         (c->grant_opts & ~XEN_DOMCTL_GRANT_version_mask) ||
         c->max_vcpus < 1 || (hap && !hvm) )
        return -EINVAL;
    /* No IOMMU or vPMU to offer; options without the IOMMU are wrong. */
    if ( (c->flags & (XEN_DOMCTL_CDF_iommu | XEN_DOMCTL_CDF_vpmu)) ||
         c->iommu_opts )
        return -EINVAL;
    /*
     * No HVM here; the vCPU limit is ours (Differs from Xen: 1 vCPU, not
     * MAX_VIRT_CPUS; Xen's answer past its limit); no processor trace.
     */
    if ( hvm || c->max_vcpus > MAX_DOMAIN_VCPUS || c->vmtrace_size ||
         (c->flags & XEN_DOMCTL_CDF_nested_virt) ||
         (c->arch.misc_flags & ~XEN_X86_MSR_RELAXED) )
        return -EINVAL;
    if ( c->arch.emulation_flags & ~XEN_X86_EMU_ALL )
        return -EINVAL;
    /* A PV domain emulates nothing, or the PIT (emulation_flags_ok()). */
    if ( c->arch.emulation_flags != 0 &&
         c->arch.emulation_flags != XEN_X86_EMU_PIT )
        return -EOPNOTSUPP;
    /*
     * grant_table_init(): a version, one Xen has, and at least a frame
     * (negative limits mean Xen's defaults).
     */
    if ( !XEN_DOMCTL_GRANT_version(c->grant_opts) ||
         XEN_DOMCTL_GRANT_version(c->grant_opts) > GNTTAB_MAX_VERSION ||
         c->max_grant_frames == 0 )
        return -EINVAL;
    /* One pool, 0 (cpupool.c). */
    if ( c->cpupool_id != 0 )
        return -ENOENT;
    return 0;
}

long domctl_createdomain(struct domain *unused, struct xen_domctl *op)
{
    struct xen_domctl_createdomain *c = &op->u.createdomain;
    struct domain *d;
    long id;
    int rc = check_config(c);

    if ( rc )
        return rc;
    id = domid_choose(op->domain);
    if ( id < 0 )
        return id;
    d = domain_alloc((domid_t)id, false, c->max_vcpus);
    if ( !d )
        return -ENOMEM;
    evtchn_set_max_port(d, c->max_evtchn_port);
    d->max_grant_frames = c->max_grant_frames;
    d->max_maptrack_frames = c->max_maptrack_frames;
    memcpy(d->handle, c->handle, sizeof(d->handle));
    /* The toolstack unpauses it when it has built it (Xen 4.17). */
    d->controller_pause_count = 1;
    d->pause_count = 1;
    rc = domain_publish(d);
    if ( rc )
    {
        domain_free(d);
        return rc;
    }
    op->domain = d->domain_id;
    return 0;
}

long domctl_max_vcpus(struct domain *d, struct xen_domctl *op)
{
    unsigned int i, max = op->u.max_vcpus.max;
    int rc = 0;

    /* Xen 4.17: the number createdomain set, nothing else. */
    if ( max != d->max_vcpus )
        return -EINVAL;
    domain_pause(d);
    for ( i = 0; i < max && !rc; i++ )
        if ( !d->vcpus[i] )
            rc = vcpu_create(d, i);
    domain_unpause(d);
    return rc;
}

long domctl_destroydomain(struct domain *d, struct xen_domctl *op)
{
    return domain_kill(d);
}
