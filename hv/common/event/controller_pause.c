/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for the domain lifecycle's answer to "has the control domain
 * paused d?" (xenolith/event.h), which EVTCHNOP_reset on another domain
 * needs. TODO(#5): delete this file when XEN_DOMCTL_pausedomain keeps a
 * controller pause count; until then no domain is ever paused that way,
 * so resetting another domain answers -EINVAL, as Xen 4.17 does for a
 * domain that is not paused.
 */
#include <xenolith/domain.h>
#include <xenolith/event.h>

bool domain_paused_by_controller(const struct domain *d)
{
    return false;
}
