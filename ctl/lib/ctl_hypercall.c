/* SPDX-License-Identifier: GPL-2.0-only */
/* Typed hypercall wrappers over struct ctl_hv (contract in ctl_hv.h). */
#include <errno.h>
#include <string.h>

#include "ctl_hv.h"

long ctl_domctl(const struct ctl_hv *hv, struct xen_domctl *op)
{
    op->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    return hv->hypercall(hv, __HYPERVISOR_domctl, (uintptr_t)op, 0, 0, 0, 0);
}

long ctl_sysctl(const struct ctl_hv *hv, struct xen_sysctl *op)
{
    op->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    return hv->hypercall(hv, __HYPERVISOR_sysctl, (uintptr_t)op, 0, 0, 0, 0);
}

long ctl_memory_op(const struct ctl_hv *hv, unsigned int cmd, void *arg)
{
    return hv->hypercall(hv, __HYPERVISOR_memory_op, cmd, (uintptr_t)arg, 0,
                         0, 0);
}

long ctl_evtchn_op(const struct ctl_hv *hv, unsigned int cmd, void *arg)
{
    return hv->hypercall(hv, __HYPERVISOR_event_channel_op, cmd,
                         (uintptr_t)arg, 0, 0, 0);
}

long ctl_mmuext_op(const struct ctl_hv *hv, struct mmuext_op *ops,
                   unsigned int count, domid_t foreigndom)
{
    return hv->hypercall(hv, __HYPERVISOR_mmuext_op, (uintptr_t)ops, count,
                         0, foreigndom, 0);
}

long ctl_sched_op(const struct ctl_hv *hv, unsigned int cmd, void *arg)
{
    return hv->hypercall(hv, __HYPERVISOR_sched_op, cmd, (uintptr_t)arg, 0,
                         0, 0);
}

long ctl_xen_version(const struct ctl_hv *hv, unsigned int cmd, void *arg)
{
    return hv->hypercall(hv, __HYPERVISOR_xen_version, cmd, (uintptr_t)arg,
                         0, 0, 0);
}

long ctl_domain_info(const struct ctl_hv *hv, domid_t domid,
                     struct xen_domctl_getdomaininfo *info)
{
    struct xen_domctl op;
    long rc;

    memset(&op, 0, sizeof(op));
    op.cmd = XEN_DOMCTL_getdomaininfo;
    op.domain = domid;
    rc = ctl_domctl(hv, &op);
    if ( rc == 0 && op.u.getdomaininfo.domain != domid )
        rc = -ESRCH;
    if ( rc == 0 )
        *info = op.u.getdomaininfo;
    return rc;
}

long ctl_domctl_simple(const struct ctl_hv *hv, unsigned int cmd,
                       domid_t domid)
{
    struct xen_domctl op;

    memset(&op, 0, sizeof(op));
    op.cmd = cmd;
    op.domain = domid;
    return ctl_domctl(hv, &op);
}

long ctl_domain_destroy(const struct ctl_hv *hv, domid_t domid)
{
    long rc;

    do
        rc = ctl_domctl_simple(hv, XEN_DOMCTL_destroydomain, domid);
    while ( rc == -EAGAIN );
    return rc;
}
