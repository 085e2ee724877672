/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The control interface as tests of several domains use it (guest/lib/
 * control.c): small wrappers of domctl/sysctl for a privileged guest.
 */
#ifndef GUEST_CONTROL_H
#define GUEST_CONTROL_H

#include <guest/xen.h>

/*
 * XEN_DOMCTL_getdomaininfo for exactly domain id (Xen answers the first
 * domain at or above it: another id is -ESRCH here). 0 or a Xen errno.
 */
long guest_domain_info(domid_t id, struct xen_domctl_getdomaininfo *info);

#endif /* GUEST_CONTROL_H */
