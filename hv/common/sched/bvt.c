/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Borrowed Virtual Time (Duda & Cheriton, SOSP 1999), the scheduler of
 * "Xen and the Art of Virtualization", as a policy behind struct
 * scheduler_ops (xenolith/sched_if.h). Semantics follow the paper and
 * Xen 2.0's sched_bvt.c. Parameters are set in bvt_control.c, with the
 * ABI of public/xenolith_sched_bvt.h. Pure: no clock, no locks, no
 * allocation (tests/unit/test_sched_bvt.c).
 *
 * The model. Each vCPU has an actual virtual time (AVT) that grows by its
 * domain's mcu_advance per minimum charging unit (MCU) it runs; time under
 * one MCU is carried to the next charge, so charging is exact over time.
 * Its effective virtual time (EVT) is AVT minus the domain's warp while
 * the vCPU is warped. Each CPU keeps its runnable vCPUs, other than the
 * running one, in a queue ordered by EVT. The running vCPU keeps the CPU
 * until another's EVT is lower than its own by more than the context-
 * switch allowance C expressed in its virtual time (C / MCU * mcu_advance):
 * the paper's hysteresis, which bounds switches without hurting shares.
 *
 * Warping: a vCPU of a domain with a warp starts warping when it wakes,
 * and stops when it sleeps or when it has run warped for warp_limit; after
 * such a forced unwarp it may warp again only on a wake at least
 * unwarp_requirement later. A woken vCPU's AVT is raised to its CPU's
 * system virtual time (SVT, the least AVT of the CPU's runnable vCPUs), so
 * a long sleeper rejoins level with the others instead of monopolising
 * the CPU with the credit of its sleep.
 *
 * AVT is per vCPU, not per domain as in the paper (where a domain had one
 * thread of control): a domain's vCPUs sit on different CPUs' queues, and
 * each queue is under its own CPU's lock. Weight and warp are per domain.
 */
#include <xenolith/compiler.h>
#include <xenolith/sched_if.h>
#include <xenolith/string.h>

#include "bvt.h"

static struct bvt_vcpu *runq_first(struct bvt_cpu *bc)
{
    return link_empty(&bc->runq) ? NULL : runq_entry(bc->runq.next);
}

/*
 * Keep the queue ordered by EVT. A vCPU that was running goes behind
 * equals, so equals take turns; a waking one goes ahead of them (as Xen
 * 2.0 queued wakers at the head), so a vCPU whose AVT was raised to SVT
 * runs next, within one allowance of its wake.
 */
static void runq_insert(struct bvt_cpu *bc, struct bvt_vcpu *bv, bool waking)
{
    struct bvt_link *pos = bc->runq.next;

    while ( pos != &bc->runq && (runq_entry(pos)->evt < bv->evt ||
                                 (!waking && runq_entry(pos)->evt == bv->evt)) )
        pos = pos->next;
    link_insert_before(pos, &bv->runq_link);
}

static bool is_queued(const struct bvt_vcpu *bv)
{
    return bv->runnable && bv->cpu->curr != bv;
}

static void update_evt(struct bvt_vcpu *bv)
{
    bv->evt = bv->avt - (bv->warping ? (int64_t)bv->dom->warp : 0);
}

static void end_warp(struct bvt_vcpu *bv)
{
    bv->warping = false;
    bv->warped_run = 0;
}

void bvt_charge(struct bvt_vcpu *bv, s_time_t now)
{
    s_time_t ran = now - bv->charged_until, accrued;

    /* A caller's clock running backwards charges nothing. */
    if ( ran <= 0 )
        return;
    bv->charged_until = now;

    if ( bv->warping )
    {
        bv->warped_run += ran;
        if ( bv->dom->warp_limit && bv->warped_run >= bv->dom->warp_limit )
        {
            end_warp(bv);
            bv->limited = true;
            bv->limited_at = now;
        }
    }

    accrued = bv->carry + ran;
    bv->avt += (accrued / BVT_MCU) * bv->dom->mcu_advance;
    bv->carry = accrued % BVT_MCU;
    update_evt(bv);
}

/* The context-switch allowance in bv's virtual time. */
static int64_t allowance_vt(const struct scheduler *s,
                            const struct bvt_vcpu *bv)
{
    const struct bvt_private *bp = s->priv;

    return bp->ctx_allow / BVT_MCU * bv->dom->mcu_advance;
}

/* Whether waiting vCPU w should take the CPU from running vCPU r. */
static bool preempts(const struct scheduler *s, const struct bvt_vcpu *w,
                     const struct bvt_vcpu *r)
{
    return w->evt + allowance_vt(s, r) < r->evt;
}

/*
 * How long bv must run for its EVT to grow by vt (> 0), or
 * SCHED_TIME_NEVER when that does not fit in s_time_t.
 */
static s_time_t run_time_for(const struct bvt_vcpu *bv, int64_t vt)
{
    int64_t mcus = vt / bv->dom->mcu_advance + 1;

    if ( mcus > SCHED_TIME_NEVER / BVT_MCU / 2 )
        return SCHED_TIME_NEVER;
    return mcus * BVT_MCU - bv->carry;
}

static void update_svt(struct bvt_cpu *bc)
{
    struct bvt_link *l;
    int64_t least = INT64_MAX;

    if ( bc->curr )
        least = bc->curr->avt;
    for ( l = bc->runq.next; l != &bc->runq; l = l->next )
        if ( runq_entry(l)->avt < least )
            least = runq_entry(l)->avt;

    /* Nothing runnable: SVT stays where it was. */
    if ( least != INT64_MAX && least > bc->svt )
        bc->svt = least;
}

static bool may_warp(const struct bvt_vcpu *bv, s_time_t now)
{
    const struct bvt_domain *bd = bv->dom;

    if ( !bd->warp )
        return false;
    return !bv->limited || now - bv->limited_at >= bd->unwarp_requirement;
}

static int bvt_init(struct scheduler *s)
{
    struct bvt_private *bp = s->priv;

    bp->ctx_allow = MICROSECS(XENOLITH_BVT_CTX_ALLOW_DEFAULT_US);
    return 0;
}

static void bvt_init_cpu(struct scheduler *s, struct sched_cpu *pc)
{
    struct bvt_cpu *bc = pc->priv;

    (void)s;
    link_init(&bc->runq);
    bc->curr = NULL;
    bc->svt = 0;
}

static void bvt_init_domain(struct scheduler *s, struct sched_domain *sd)
{
    struct bvt_domain *bd = sd->priv;

    (void)s;
    link_init(&bd->vcpus);
    bd->mcu_advance = XENOLITH_BVT_MCU_ADVANCE_DEFAULT;
    bd->warp = 0;
    bd->warp_limit = 0;
    bd->unwarp_requirement = 0;
}

static void bvt_destroy_domain(struct scheduler *s, struct sched_domain *sd)
{
    (void)s;
    (void)sd;
}

static void bvt_init_vcpu(struct scheduler *s, struct sched_vcpu *sv,
                          s_time_t now)
{
    struct bvt_vcpu *bv = sv->priv;

    (void)s;
    memset(bv, 0, sizeof(*bv));
    bv->unit = sv;
    bv->dom = sv->domain->priv;
    bv->cpu = sv->cpu->priv;
    link_init(&bv->runq_link);
    link_insert_before(&bv->dom->vcpus, &bv->domain_link);
    bv->avt = bv->cpu->svt;
    bv->charged_until = now;
    update_evt(bv);
}

static bool bvt_sleep(struct scheduler *s, struct sched_vcpu *sv,
                      s_time_t now)
{
    struct bvt_vcpu *bv = sv->priv;
    bool was_running = bv->cpu->curr == bv;

    (void)s;
    if ( !bv->runnable )
        return false;

    if ( was_running )
    {
        bvt_charge(bv, now);
        bv->cpu->curr = NULL;
    }
    else
        link_remove(&bv->runq_link);

    /* Xen 2.0: blocking ends a warp; the next wake may start another. */
    end_warp(bv);
    bv->runnable = false;
    bv->yielded = false;
    update_evt(bv);
    return was_running;
}

static void bvt_destroy_vcpu(struct scheduler *s, struct sched_vcpu *sv)
{
    struct bvt_vcpu *bv = sv->priv;

    /* The contract says asleep; a careless caller still leaves no trace. */
    bvt_sleep(s, sv, bv->charged_until);
    link_remove(&bv->domain_link);
}

static s_time_t bvt_wake(struct scheduler *s, struct sched_vcpu *sv,
                         s_time_t now)
{
    struct bvt_vcpu *bv = sv->priv;
    struct bvt_cpu *bc = bv->cpu;
    struct bvt_vcpu *curr = bc->curr;
    s_time_t wait;

    if ( bv->runnable )
        return SCHED_TIME_NEVER;

    if ( curr )
        bvt_charge(curr, now);
    update_svt(bc);
    if ( bv->avt < bc->svt )
    {
        bv->avt = bc->svt;
        bv->carry = 0;
    }
    if ( may_warp(bv, now) )
        bv->warping = true;
    update_evt(bv);

    bv->runnable = true;
    runq_insert(bc, bv, true);

    if ( !curr || preempts(s, bv, curr) )
        return now;
    /* When curr's EVT passes bv's by the allowance. */
    wait = run_time_for(curr, bv->evt + allowance_vt(s, curr) - curr->evt);
    return wait == SCHED_TIME_NEVER ? SCHED_TIME_NEVER : now + wait;
}

static bool bvt_yield(struct scheduler *s, struct sched_vcpu *sv,
                      s_time_t now)
{
    struct bvt_vcpu *bv = sv->priv;

    (void)s;
    (void)now;
    if ( bv->cpu->curr != bv )
        return false;
    bv->yielded = true;
    return true;
}

/* next has just been chosen to run on bc: for how long. */
static s_time_t slice_for(struct scheduler *s, struct bvt_cpu *bc,
                          struct bvt_vcpu *next)
{
    struct bvt_vcpu *other = runq_first(bc);
    s_time_t slice = SCHED_TIME_NEVER;

    if ( other )
    {
        int64_t vt = other->evt + allowance_vt(s, next) - next->evt;

        /* Negative only when next was chosen because curr yielded. */
        slice = run_time_for(next, vt > 0 ? vt : 0);
    }
    if ( next->warping && next->dom->warp_limit )
    {
        s_time_t left = next->dom->warp_limit - next->warped_run;

        if ( left < slice )
            slice = left;
    }
    return slice;
}

static struct sched_slice bvt_do_schedule(struct scheduler *s,
                                          struct sched_cpu *pc, s_time_t now)
{
    struct bvt_cpu *bc = pc->priv;
    struct bvt_vcpu *curr = bc->curr, *head = runq_first(bc), *next = head;
    struct sched_slice slice = { NULL, SCHED_TIME_NEVER };

    if ( curr )
    {
        bvt_charge(curr, now);
        if ( !head || (!curr->yielded && !preempts(s, head, curr)) )
            next = curr;
        else
            runq_insert(bc, curr, false);
        curr->yielded = false;
    }
    if ( next && next != curr )
    {
        link_remove(&next->runq_link);
        next->charged_until = now;
    }
    bc->curr = next;
    update_svt(bc);

    if ( next )
    {
        slice.next = next->unit;
        slice.duration = slice_for(s, bc, next);
    }
    return slice;
}

void bvt_requeue(struct bvt_vcpu *bv)
{
    if ( !bv->dom->warp )
        end_warp(bv);
    update_evt(bv);
    if ( is_queued(bv) )
    {
        link_remove(&bv->runq_link);
        runq_insert(bv->cpu, bv, false);
    }
}

const struct scheduler_ops sched_bvt_ops = {
    .name = "Borrowed Virtual Time",
    .opt_name = "bvt",
    .sched_id = XENOLITH_SCHEDULER_BVT,
    .priv_size = sizeof(struct bvt_private),
    .cpu_priv_size = sizeof(struct bvt_cpu),
    .domain_priv_size = sizeof(struct bvt_domain),
    .vcpu_priv_size = sizeof(struct bvt_vcpu),
    .init = bvt_init,
    .init_cpu = bvt_init_cpu,
    .init_domain = bvt_init_domain,
    .destroy_domain = bvt_destroy_domain,
    .init_vcpu = bvt_init_vcpu,
    .destroy_vcpu = bvt_destroy_vcpu,
    .wake = bvt_wake,
    .sleep = bvt_sleep,
    .yield = bvt_yield,
    .do_schedule = bvt_do_schedule,
    .adjust = bvt_adjust,
    .adjust_global = bvt_adjust_global,
    .dump = bvt_dump,
    .dump_cpu = bvt_dump_cpu,
};
