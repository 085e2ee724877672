/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * BVT parameters through domctl scheduler_op (contract in sched_bvt.h).
 * The parameters travel in the 16-byte union of struct
 * xen_domctl_scheduler_op, laid out as struct xenolith_domctl_sched_bvt.
 */
#include <string.h>

#include "sched_bvt.h"

_Static_assert(sizeof(struct xenolith_domctl_sched_bvt) <=
                   sizeof(((struct xen_domctl_scheduler_op *)0)->u),
               "BVT parameters fit scheduler_op's union");

long sched_bvt_scheduler_id(struct cmd_context *ctx, uint32_t *sched_id)
{
    struct xen_sysctl op;
    long rc;

    memset(&op, 0, sizeof(op));
    op.cmd = XEN_SYSCTL_sched_id;
    rc = ctl_sysctl(ctx->io->hv, &op);
    if ( !rc )
        *sched_id = op.u.sched_id.sched_id;
    return rc;
}

const char *sched_bvt_scheduler_name(uint32_t sched_id, char *buf,
                                     size_t len)
{
    switch ( sched_id )
    {
    case XENOLITH_SCHEDULER_BVT: return "BVT";
    case XEN_SCHEDULER_CREDIT: return "credit";
    case XEN_SCHEDULER_CREDIT2: return "credit2";
    case XEN_SCHEDULER_ARINC653: return "arinc653";
    case XEN_SCHEDULER_RTDS: return "rtds";
    case XEN_SCHEDULER_NULL: return "null";
    }
    snprintf(buf, len, "id %u", sched_id);
    return buf;
}

static long scheduler_op(struct cmd_context *ctx, domid_t domid,
                         uint32_t cmd, struct xenolith_domctl_sched_bvt *p)
{
    struct xen_domctl op;
    long rc;

    memset(&op, 0, sizeof(op));
    op.cmd = XEN_DOMCTL_scheduler_op;
    op.domain = domid;
    op.u.scheduler_op.sched_id = XENOLITH_SCHEDULER_BVT;
    op.u.scheduler_op.cmd = cmd;
    memcpy(&op.u.scheduler_op.u, p, sizeof(*p));
    rc = ctl_domctl(ctx->io->hv, &op);
    if ( !rc )
        memcpy(p, &op.u.scheduler_op.u, sizeof(*p));
    return rc;
}

long sched_bvt_get(struct cmd_context *ctx, domid_t domid,
                   struct xenolith_domctl_sched_bvt *p)
{
    memset(p, 0, sizeof(*p));
    return scheduler_op(ctx, domid, XEN_DOMCTL_SCHEDOP_getinfo, p);
}

long sched_bvt_put(struct cmd_context *ctx, domid_t domid,
                   const struct xenolith_domctl_sched_bvt *p)
{
    struct xenolith_domctl_sched_bvt copy = *p;

    return scheduler_op(ctx, domid, XEN_DOMCTL_SCHEDOP_putinfo, &copy);
}

static bool is_default(const struct xenolith_domctl_sched_bvt *p)
{
    return p->mcu_advance == XENOLITH_BVT_MCU_ADVANCE_DEFAULT && !p->warp &&
           !p->warp_limit_us && !p->unwarp_us;
}

int sched_bvt_apply_config(struct cmd_context *ctx, domid_t domid,
                           const struct xenolith_domctl_sched_bvt *p)
{
    uint32_t sched_id;
    char name[16];
    long rc = sched_bvt_scheduler_id(ctx, &sched_id);

    if ( rc )
    {
        cmd_hypercall_failed(ctx, "SYSCTL_sched_id", rc);
        return (int)rc;
    }
    if ( sched_id != XENOLITH_SCHEDULER_BVT )
    {
        if ( !is_default(p) )
            fprintf(ctx->io->err, "xl create: warning: BVT parameters "
                    "ignored: the hypervisor's scheduler is %s\n",
                    sched_bvt_scheduler_name(sched_id, name, sizeof(name)));
        return 0;
    }
    rc = sched_bvt_put(ctx, domid, p);
    if ( rc )
        cmd_hypercall_failed(ctx, "DOMCTL_scheduler_op putinfo", rc);
    return (int)rc;
}
