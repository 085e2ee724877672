/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sysctl cpupool_op on a machine with one CPU pool (contract in
 * sysctl_ops.h). Xen 4.17 (xen/common/sched/cpupool.c) can split the CPUs
 * into pools, each with its own scheduler; Xenolith has one pool, 0, that
 * holds every CPU and every domain, and answers each op as Xen does in
 * that state, with pools that cannot be created:
 *  - INFO: the first pool whose id is at least cpupool_id (pool 0, else
 *    -ENOENT): its id, scheduler, domain count and CPUs;
 *  - FREEINFO: the CPUs in no pool: none;
 *  - CREATE: -EOPNOTSUPP (Xen creates a pool; a difference);
 *  - DESTROY: pool 0 has CPUs and domains, -EBUSY; another, -ENOENT;
 *  - ADDCPU: no CPU is free, -ENODEV; a CPU that does not exist, -EINVAL;
 *  - RMCPU: -EINVAL; Xen 4.17 answers so for CPU 0 (also chosen for
 *    "any": pool 0's last), which Xenolith's one CPU is, and for a CPU
 *    that does not exist;
 *  - MOVEDOMAIN: the caller's own domain -EPERM, a missing one -ESRCH;
 *    into pool 0, where every domain already is, 0;
 *  - any other op -ENOSYS.
 * With more than one pool id in play, any id but 0 is -ENOENT.
 */
#include <public/xenolith_sched_bvt.h>
#include <xenolith/control.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include "sysctl_ops.h"

#define CPUPOOL0 0

/* Every online CPU; pool 0 holds them all. */
static uint64_t online_cpus(void)
{
    return (1ULL << CONTROL_NR_CPUS) - 1;
}

static uint32_t pool0_domains(void)
{
    struct domain *d;
    uint32_t n = 0;

    domid_t next;

    for ( d = domain_get_next(0); d; d = domain_get_next(next) )
    {
        n++;
        next = d->domain_id + 1;
        domain_put(d);
        if ( next == DOMID_FIRST_RESERVED )
            break;
    }
    return n;
}

static long cpupool_info(struct xen_sysctl_cpupool_op *op)
{
    if ( op->cpupool_id > CPUPOOL0 )
        return -ENOENT;
    op->cpupool_id = CPUPOOL0;
    op->sched_id = XENOLITH_SCHEDULER_BVT;
    op->n_dom = pool0_domains();
    return control_copy_cpumap(&op->cpumap, online_cpus(), CONTROL_NR_CPUS);
}

/* ADDCPU and RMCPU, pool 0: which CPU (PAR_ANY: Xen picks one). */
static long cpupool_cpu(const struct xen_sysctl_cpupool_op *op, bool add)
{
    if ( op->cpupool_id != CPUPOOL0 )
        return -ENOENT;
    if ( add )
        /* Every CPU is in pool 0 already, none free. */
        return op->cpu == XEN_SYSCTL_CPUPOOL_PAR_ANY ||
               op->cpu < CONTROL_NR_CPUS ? -ENODEV : -EINVAL;
    /* TODO(#5): with SMP, Xen removes a CPU other than 0 from pool 0. */
    return -EINVAL;
}

static long cpupool_movedomain(const struct xen_sysctl_cpupool_op *op)
{
    /* Xen 4.17 looks the 32-bit domid up as a domid_t: it truncates. */
    struct domain *d = domain_get_by_id((domid_t)op->domid);
    bool self;

    /* Xen's rcu_lock_remote_domain_by_id(): never the caller itself. */
    if ( !d )
        return -ESRCH;
    self = d == current->domain;
    domain_put(d);
    if ( self )
        return -EPERM;
    return op->cpupool_id == CPUPOOL0 ? 0 : -ENOENT;
}

long sysctl_cpupool_op(struct xen_sysctl_cpupool_op *op)
{
    switch ( op->op )
    {
    case XEN_SYSCTL_CPUPOOL_OP_INFO:
        return cpupool_info(op);
    case XEN_SYSCTL_CPUPOOL_OP_FREEINFO:
        return control_copy_cpumap(&op->cpumap, 0, CONTROL_NR_CPUS);
    case XEN_SYSCTL_CPUPOOL_OP_CREATE:
        return -EOPNOTSUPP;
    case XEN_SYSCTL_CPUPOOL_OP_DESTROY:
        return op->cpupool_id == CPUPOOL0 ? -EBUSY : -ENOENT;
    case XEN_SYSCTL_CPUPOOL_OP_ADDCPU:
        return cpupool_cpu(op, true);
    case XEN_SYSCTL_CPUPOOL_OP_RMCPU:
        return cpupool_cpu(op, false);
    case XEN_SYSCTL_CPUPOOL_OP_MOVEDOMAIN:
        return cpupool_movedomain(op);
    default:
        return -ENOSYS;
    }
}
