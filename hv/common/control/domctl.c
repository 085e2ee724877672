/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * HYPERVISOR_domctl(op): control of one domain (Xen 4.17's do_domctl(),
 * xen/common/domctl.c; xen/domctl.h). As Xen: an unreadable op is
 * -EFAULT, an interface version other than XEN_DOMCTL_INTERFACE_VERSION
 * -EACCES, a caller without control rights -EPERM (control_permitted()),
 * a command not implemented -ENOSYS. Implemented so far:
 *  - XEN_DOMCTL_getdomaininfo: the first domain whose id is at least the
 *    one asked for (-ESRCH if none, -EINVAL for a reserved id), its id
 *    echoed in op->domain.
 * Creating, destroying, pausing and tuning domains come with issue 5.
 */
#include <xenolith/control.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/guest_access.h>
#include <xenolith/hypercall.h>

static long getdomaininfo(struct xen_domctl *op)
{
    struct domain *d;

    if ( op->domain >= DOMID_FIRST_RESERVED )
        return -EINVAL;
    d = domain_next(op->domain);
    if ( !d )
        return -ESRCH;
    domain_get_info(d, &op->u.getdomaininfo);
    op->domain = d->domain_id;
    return 0;
}

long do_domctl(unsigned long arg, unsigned long a2, unsigned long a3,
               unsigned long a4, unsigned long a5)
{
    struct xen_domctl op;
    long rc;

    rc = control_op_fetch(arg, &op, sizeof(op), XEN_DOMCTL_INTERFACE_VERSION);
    if ( rc )
        return rc;
    switch ( op.cmd )
    {
    case XEN_DOMCTL_getdomaininfo:
        rc = getdomaininfo(&op);
        break;
    default:
        return -ENOSYS;
    }
    if ( !rc && copy_to_guest(arg, &op, sizeof(op)) )
        rc = -EFAULT;
    return rc;
}
