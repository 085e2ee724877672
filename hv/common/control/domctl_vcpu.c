/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * domctl commands about one vCPU (contracts in domctl_ops.h):
 * getvcpuinfo, setvcpucontext, getvcpucontext. Semantics: Xen 4.17's
 * xen/common/domctl.c. The state comes from the vCPU's runstate
 * (runstate.c) and event state, the same sources getdomaininfo sums
 * (control.c); contexts are the architecture's (asm/vcpu_context.h).
 */
#include <asm/vcpu_context.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/guest_access.h>
#include <xenolith/mm.h>
#include <xenolith/sched.h>
#include <xenolith/vcpu_time.h>
#include "domctl_ops.h"

/* vCPU id of d, or NULL (Xen: -EINVAL for both a bad id and no vCPU). */
static struct vcpu *domctl_vcpu(struct domain *d, uint32_t id)
{
    return id < d->max_vcpus && id < MAX_DOMAIN_VCPUS ? d->vcpus[id] : NULL;
}

long domctl_setvcpucontext(struct domain *d, struct xen_domctl *op)
{
    struct vcpu *v = domctl_vcpu(d, op->u.vcpucontext.vcpu);
    uint64_t ctxt = (uint64_t)(unsigned long)op->u.vcpucontext.ctxt.p;
    struct vcpu_guest_context *c;
    long rc;

    if ( !v )
        return -EINVAL;
    if ( !ctxt )
    {
        vcpu_reset(v);
        return 0;
    }
    c = xmalloc(sizeof(*c));
    if ( !c )
        return -ENOMEM;
    rc = copy_from_guest(c, ctxt, sizeof(*c)) ? -EFAULT : 0;
    if ( !rc )
    {
        /* Xen 4.17 pauses the domain itself around the change. */
        domain_pause(d);
        rc = arch_set_info_guest(v, c);
        domain_unpause(d);
    }
    xfree(c);
    return rc;
}

long domctl_getvcpucontext(struct domain *d, struct xen_domctl *op)
{
    struct vcpu *v = domctl_vcpu(d, op->u.vcpucontext.vcpu);
    uint64_t ctxt = (uint64_t)(unsigned long)op->u.vcpucontext.ctxt.p;
    struct vcpu_guest_context *c;
    long rc = 0;

    if ( !v || v == current )
        return -EINVAL;
    if ( !v->is_initialised )
        return -ENODATA;
    c = xmalloc(sizeof(*c));
    if ( !c )
        return -ENOMEM;
    vcpu_pause(v);
    arch_get_info_guest(v, c);
    vcpu_unpause(v);
    if ( copy_to_guest(ctxt, c, sizeof(*c)) )
        rc = -EFAULT;
    xfree(c);
    return rc;
}

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
    /* Online once it has a context (there is no VCPUOP_down yet). */
    info->online = v->is_initialised;
    info->blocked = v->events.blocked;
    info->running = rs.state == RUNSTATE_running;
    info->cpu_time = rs.time[RUNSTATE_running];
    info->cpu = 0;      /* TODO(#5): the CPU v last ran on, with SMP. */
    return 0;
}
