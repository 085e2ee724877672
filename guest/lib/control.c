/* SPDX-License-Identifier: GPL-2.0-only */
/* Wrappers of the control interface (guest/include/guest/control.h). */
#include <guest/control.h>
#include <guest/hypercall.h>

long guest_domain_info(domid_t id, struct xen_domctl_getdomaininfo *info)
{
    struct xen_domctl op = {
        .cmd = XEN_DOMCTL_getdomaininfo,
        .interface_version = XEN_DOMCTL_INTERFACE_VERSION,
        .domain = id,
    };
    long rc = hypercall_domctl(&op);

    if ( rc == 0 && op.domain != id )
        rc = -ESRCH;
    if ( rc == 0 )
        *info = op.u.getdomaininfo;
    return rc;
}
