/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * domctl commands about a domain as a whole (contracts in domctl_ops.h):
 * getdomaininfo, setdomainhandle, settimeoffset, set_address_size and
 * get_address_size. Semantics: Xen 4.17's xen/common/domctl.c,
 * xen/arch/x86/domctl.c (address sizes), xen/arch/x86/time.c
 * (domain_set_time_offset) and xen/arch/x86/pv/domain.c (switch_compat).
 */
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/string.h>
#include <xenolith/vcpu_time.h>
#include "domctl_ops.h"

long domctl_getdomaininfo(struct domain *d, struct xen_domctl *op)
{
    if ( op->domain >= DOMID_FIRST_RESERVED )
        return -EINVAL;
    d = domain_get_next(op->domain);
    if ( !d )
        return -ESRCH;
    domain_get_info(d, &op->u.getdomaininfo);
    op->domain = d->domain_id;
    domain_put(d);
    return 0;
}

long domctl_setdomainhandle(struct domain *d, struct xen_domctl *op)
{
    memcpy(d->handle, op->u.setdomainhandle.handle, sizeof(d->handle));
    return 0;
}

/* Xen 4.17: any offset, applied at once to the domain's shared_info. */
long domctl_settimeoffset(struct domain *d, struct xen_domctl *op)
{
    d->time_offset_seconds = op->u.settimeoffset.time_offset_seconds;
    domain_wallclock_init(d);
    return 0;
}

long domctl_set_address_size(struct domain *d, struct xen_domctl *op)
{
    switch ( op->u.address_size.size )
    {
    case 64:
        return 0;
    case 32:
        /*
         * The compat ABI, which Xenolith lacks: Xen 4.17's switch_compat()
         * without 32-bit PV support, as Debian's build answers.
         */
        return -EOPNOTSUPP;
    default:
        return -EINVAL;
    }
}

long domctl_get_address_size(struct domain *d, struct xen_domctl *op)
{
    op->u.address_size.size = 64;
    return 0;
}
