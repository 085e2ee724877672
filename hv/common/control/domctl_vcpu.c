/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * domctl commands about one vCPU (contracts in domctl_ops.h):
 * getvcpuinfo. Semantics: Xen 4.17's xen/common/domctl.c. The state comes
 * from the vCPU's runstate (runstate.c) and event state, the same sources
 * getdomaininfo sums (control.c).
 */
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/vcpu_time.h>
#include "domctl_ops.h"

long domctl_getvcpuinfo(struct domain *d, struct xen_domctl *op)
{
    struct xen_domctl_getvcpuinfo *info = &op->u.getvcpuinfo;
    struct vcpu_runstate_info rs;
    struct vcpu *v;

    if ( info->vcpu >= d->max_vcpus || info->vcpu >= MAX_DOMAIN_VCPUS )
        return -EINVAL;
    v = d->vcpus[info->vcpu];
    if ( !v )
        return -ESRCH;
    runstate_get(v, &rs);
    /* Every vCPU that exists is online: there is no VCPUOP_down yet. */
    info->online = 1;
    info->blocked = v->events.blocked;
    info->running = rs.state == RUNSTATE_running;
    info->cpu_time = rs.time[RUNSTATE_running];
    info->cpu = 0;      /* TODO(#5): the CPU v last ran on, with SMP. */
    return 0;
}
