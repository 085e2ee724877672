/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * BVT parameters through domctl scheduler_op, with Xenolith's scheduler
 * id and layout (public/xenolith_sched_bvt.h). On a hypervisor whose
 * scheduler is not BVT (Xen 4.17: credit, id 5) there is nothing to set.
 */
#ifndef CTL_XL_SCHED_BVT_H
#define CTL_XL_SCHED_BVT_H

#include <public/xenolith_sched_bvt.h>

#include "xl.h"

/* The hypervisor's scheduler id (sysctl sched_id), or -errno. */
long sched_bvt_scheduler_id(struct cmd_context *ctx, uint32_t *sched_id);

/* The scheduler's name for a message ("credit", "BVT", "id 12"). */
const char *sched_bvt_scheduler_name(uint32_t sched_id, char *buf,
                                     size_t len);

/* domctl scheduler_op getinfo / putinfo for domid. Returns 0 or -errno. */
long sched_bvt_get(struct cmd_context *ctx, domid_t domid,
                   struct xenolith_domctl_sched_bvt *p);
long sched_bvt_put(struct cmd_context *ctx, domid_t domid,
                   const struct xenolith_domctl_sched_bvt *p);

/*
 * xl create's step: set a new domain's parameters when the scheduler is
 * BVT; otherwise say they are ignored if the config gave any but the
 * defaults. Returns 0, or -errno after printing why.
 */
int sched_bvt_apply_config(struct cmd_context *ctx, domid_t domid,
                           const struct xenolith_domctl_sched_bvt *p);

#endif /* CTL_XL_SCHED_BVT_H */
