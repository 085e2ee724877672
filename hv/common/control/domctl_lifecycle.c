/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * domctls that stop, start and tune a domain's vCPUs (domctl_ops.h):
 * pausedomain, unpausedomain, scheduler_op. Semantics are Xen 4.17's
 * (xen/common/domctl.c, domain.c: domain_pause_by_systemcontroller(),
 * sched/core.c: sched_adjust()).
 */
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/sched.h>
#include "domctl_ops.h"

/* Xen: an arbitrary bound, so repeated pauses can't overflow the count. */
#define CONTROLLER_PAUSE_MAX 255

long domctl_pausedomain(struct domain *d, struct xen_domctl *op)
{
    if ( d->controller_pause_count >= CONTROLLER_PAUSE_MAX )
        return -EOVERFLOW;
    d->controller_pause_count++;
    domain_pause(d);
    return 0;
}

long domctl_unpausedomain(struct domain *d, struct xen_domctl *op)
{
    if ( !d->controller_pause_count )
        return -EINVAL;
    d->controller_pause_count--;
    domain_unpause(d);
    return 0;
}

long domctl_scheduler_op(struct domain *d, struct xen_domctl *op)
{
    return sched_adjust(d, &op->u.scheduler_op);
}
