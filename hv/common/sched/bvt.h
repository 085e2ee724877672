/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Private to the Borrowed Virtual Time policy: its data, shared by the
 * model (bvt.c: charging, warps, run queue, decisions) and its control
 * (bvt_control.c: domctl/sysctl parameters, dumps). The model is described
 * in bvt.c; the locking contract in xenolith/sched_if.h.
 */
#ifndef HV_COMMON_SCHED_BVT_H
#define HV_COMMON_SCHED_BVT_H

#include <xenolith/compiler.h>
#include <xenolith/sched_if.h>

#include <public/xenolith_sched_bvt.h>

#define BVT_MCU ((s_time_t)XENOLITH_BVT_MCU_NS)

struct bvt_link {
    struct bvt_link *prev, *next;
};

struct bvt_private {
    s_time_t ctx_allow;         /* C, nanoseconds. */
};

struct bvt_cpu {
    struct bvt_link runq;       /* Runnable, not running; by EVT, rising. */
    struct bvt_vcpu *curr;      /* Running, or NULL when idle. */
    int64_t svt;                /* Never decreases. */
};

struct bvt_domain {
    struct bvt_link vcpus;      /* Its bvt_vcpus, through domain_link. */
    uint32_t mcu_advance;
    uint32_t warp;
    s_time_t warp_limit;        /* 0: no limit. */
    s_time_t unwarp_requirement;
};

struct bvt_vcpu {
    struct sched_vcpu *unit;
    struct bvt_domain *dom;
    struct bvt_cpu *cpu;
    struct bvt_link runq_link;
    struct bvt_link domain_link;
    int64_t avt, evt;
    s_time_t carry;             /* Run time not yet charged, < one MCU. */
    s_time_t charged_until;     /* While running: charged up to here. */
    s_time_t warped_run;        /* Run time in the current warp. */
    s_time_t limited_at;        /* When a warp last hit its limit. */
    bool runnable;
    bool warping;
    bool limited;               /* limited_at is valid. */
    bool yielded;               /* Passes the CPU on at the next decision. */
};

static inline void link_init(struct bvt_link *l)
{
    l->prev = l->next = l;
}

static inline bool link_empty(const struct bvt_link *l)
{
    return l->next == l;
}

static inline void link_insert_before(struct bvt_link *pos, struct bvt_link *l)
{
    l->prev = pos->prev;
    l->next = pos;
    pos->prev->next = l;
    pos->prev = l;
}

static inline void link_remove(struct bvt_link *l)
{
    l->prev->next = l->next;
    l->next->prev = l->prev;
    link_init(l);
}

static inline struct bvt_vcpu *runq_entry(struct bvt_link *l)
{
    return container_of(l, struct bvt_vcpu, runq_link);
}

/* Charge the running bv for the time since it was last charged. */
void bvt_charge(struct bvt_vcpu *bv, s_time_t now);

/*
 * bv's domain parameters just changed: end a warp the domain no longer
 * has, recompute EVT and move bv to its place in the run queue.
 */
void bvt_requeue(struct bvt_vcpu *bv);

/* The ops of bvt_control.c (contracts in struct scheduler_ops). */
int bvt_adjust(struct scheduler *s, struct sched_domain *sd,
               struct xen_domctl_scheduler_op *op, s_time_t now);
int bvt_adjust_global(struct scheduler *s,
                      struct xen_sysctl_scheduler_op *op);
void bvt_dump(struct scheduler *s);
void bvt_dump_cpu(struct scheduler *s, struct sched_cpu *pc);

#endif /* HV_COMMON_SCHED_BVT_H */
