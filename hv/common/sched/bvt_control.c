/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Borrowed Virtual Time policy's control: XEN_DOMCTL_scheduler_op and
 * XEN_SYSCTL_scheduler_op for sched_id XENOLITH_SCHEDULER_BVT, whose
 * parameters travel in the commands' unions as public/xenolith_sched_bvt.h
 * lays out, and the debug dumps. Every field is checked before anything
 * changes (Xen 2.0's bvt_adjdom refused a zero mcu_advance; we also bound
 * it and the allowance). Pure, like bvt.c.
 */
#include <xenolith/compiler.h>
#include <xenolith/console.h>
#include <xenolith/errno.h>
#include <xenolith/sched_if.h>
#include <xenolith/string.h>

#include <xen/domctl.h>
#include <xen/sysctl.h>

#include "bvt.h"

BUILD_BUG_ON(sizeof(struct xenolith_domctl_sched_bvt) >
             sizeof(((struct xen_domctl_scheduler_op *)0)->u));
BUILD_BUG_ON(sizeof(struct xenolith_sysctl_sched_bvt) >
             sizeof(((struct xen_sysctl_scheduler_op *)0)->u));

static int decode_domain_params(const struct xenolith_domctl_sched_bvt *p)
{
    if ( p->mcu_advance < XENOLITH_BVT_MCU_ADVANCE_MIN ||
         p->mcu_advance > XENOLITH_BVT_MCU_ADVANCE_MAX )
        return -EINVAL;
    return 0;
}

static void commit_domain_params(struct bvt_domain *bd,
                                 const struct xenolith_domctl_sched_bvt *p,
                                 s_time_t now)
{
    struct bvt_link *l;

    /* Run time so far is charged at the old weight. */
    for ( l = bd->vcpus.next; l != &bd->vcpus; l = l->next )
    {
        struct bvt_vcpu *bv = container_of(l, struct bvt_vcpu, domain_link);

        if ( bv->cpu->curr == bv )
            bvt_charge(bv, now);
    }

    bd->mcu_advance = p->mcu_advance;
    bd->warp = p->warp;
    bd->warp_limit = MICROSECS(p->warp_limit_us);
    bd->unwarp_requirement = MICROSECS(p->unwarp_us);

    for ( l = bd->vcpus.next; l != &bd->vcpus; l = l->next )
        bvt_requeue(container_of(l, struct bvt_vcpu, domain_link));
}

int bvt_adjust(struct scheduler *s, struct sched_domain *sd,
                      struct xen_domctl_scheduler_op *op, s_time_t now)
{
    struct bvt_domain *bd = sd->priv;
    struct xenolith_domctl_sched_bvt p;
    int rc;

    (void)s;
    switch ( op->cmd )
    {
    case XEN_DOMCTL_SCHEDOP_getinfo:
        memset(&op->u, 0, sizeof(op->u));
        p.mcu_advance = bd->mcu_advance;
        p.warp = bd->warp;
        p.warp_limit_us = bd->warp_limit / MICROSECS(1);
        p.unwarp_us = bd->unwarp_requirement / MICROSECS(1);
        memcpy(&op->u, &p, sizeof(p));
        return 0;

    case XEN_DOMCTL_SCHEDOP_putinfo:
        memcpy(&p, &op->u, sizeof(p));
        rc = decode_domain_params(&p);
        if ( rc )
            return rc;
        commit_domain_params(bd, &p, now);
        return 0;

    default:
        /* Per-vCPU parameters do not exist: they are the domain's. */
        return -EINVAL;
    }
}

int bvt_adjust_global(struct scheduler *s,
                             struct xen_sysctl_scheduler_op *op)
{
    struct bvt_private *bp = s->priv;
    struct xenolith_sysctl_sched_bvt p;

    switch ( op->cmd )
    {
    case XEN_SYSCTL_SCHEDOP_getinfo:
        memset(&op->u, 0, sizeof(op->u));
        p.ctx_allow_us = bp->ctx_allow / MICROSECS(1);
        p.pad = 0;
        memcpy(&op->u, &p, sizeof(p));
        return 0;

    case XEN_SYSCTL_SCHEDOP_putinfo:
        memcpy(&p, &op->u, sizeof(p));
        if ( p.pad || p.ctx_allow_us < XENOLITH_BVT_CTX_ALLOW_MIN_US ||
             p.ctx_allow_us > XENOLITH_BVT_CTX_ALLOW_MAX_US )
            return -EINVAL;
        bp->ctx_allow = MICROSECS(p.ctx_allow_us);
        return 0;

    default:
        return -EINVAL;
    }
}

void bvt_dump(struct scheduler *s)
{
    const struct bvt_private *bp = s->priv;

    printk("BVT: mcu %lldns ctx_allow %lldns\n", (long long)BVT_MCU,
           (long long)bp->ctx_allow);
}

static void dump_vcpu(const char *role, const struct bvt_vcpu *bv)
{
    const struct sched_vcpu *sv = bv->unit;

    printk("  %s d%uv%u mcu_advance %u avt %lld evt %lld%s\n", role,
           sv->domain->domain_id, sv->vcpu_id, bv->dom->mcu_advance,
           (long long)bv->avt, (long long)bv->evt,
           bv->warping ? " warped" : "");
}

void bvt_dump_cpu(struct scheduler *s, struct sched_cpu *pc)
{
    struct bvt_cpu *bc = pc->priv;
    struct bvt_link *l;

    (void)s;
    printk("CPU%u svt %lld\n", pc->cpu, (long long)bc->svt);
    if ( bc->curr )
        dump_vcpu("running", bc->curr);
    for ( l = bc->runq.next; l != &bc->runq; l = l->next )
        dump_vcpu("queued ", runq_entry(l));
}
