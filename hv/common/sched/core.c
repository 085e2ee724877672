/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The scheduler core: the common half of scheduling (model and contracts
 * in xenolith/sched.h; the policy interface in xenolith/sched_if.h). It
 * owns the run-queue locks, the slice timers, runstate accounting and the
 * decision of when to switch; the policy (BVT) only orders vCPUs; the
 * architecture (arch/x86/context_switch.c) moves registers.
 *
 * Per CPU: a lock (IRQ-safe: wake-ups come from interrupt handlers), the
 * policy's run-queue data, a slice timer that asks for the next decision,
 * and the "reschedule" flag (Xen's SCHEDULE_SOFTIRQ), acted on by
 * sched_exit_to_guest() only.
 */
#include <asm/context_switch.h>
#include <asm/processor.h>
#include <asm/percpu.h>
#include <asm/pv.h>
#include <asm/traps.h>
#include <xenolith/console.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/mm.h>
#include <xenolith/panic.h>
#include <xenolith/sched.h>
#include <xenolith/sched_if.h>
#include <xenolith/time.h>
#include <xenolith/vcpu_time.h>
#include <xen/domctl.h>


struct sched_percpu {
    spinlock_t lock;
    struct sched_cpu unit;
    struct timer slice_timer;
    bool *reschedule;                 /* The CPU's flag (asm/percpu.h). */
};

static struct scheduler scheduler = { .ops = &sched_bvt_ops };
static struct sched_percpu boot_cpu_sched;   /* One CPU until SMP. */

static struct sched_percpu *this_sched(void)
{
    return this_cpu()->sched;
}

/* The CPU whose run queue holds v: the only one today. */
static struct sched_percpu *vcpu_sched_cpu(const struct vcpu *v)
{
    return container_of(v->sched.cpu, struct sched_percpu, unit);
}

static struct vcpu *sched_unit_vcpu(struct sched_vcpu *sv)
{
    return sv ? container_of(sv, struct vcpu, sched) : NULL;
}

void sched_raise(void)
{
    this_cpu()->reschedule = true;
}

static void slice_timer_fn(void *data)
{
    struct sched_percpu *sp = data;

    *sp->reschedule = true;
}

void sched_init(void)
{
    struct sched_percpu *sp = &boot_cpu_sched;
    const struct scheduler_ops *ops = scheduler.ops;

    scheduler.priv = xzalloc(ops->priv_size);
    sp->unit.priv = xzalloc(ops->cpu_priv_size);
    if ( !scheduler.priv || !sp->unit.priv || ops->init(&scheduler) )
        panic("cannot set up the %s scheduler", ops->name);
    spin_lock_init(&sp->lock);
    sp->unit.cpu = smp_processor_id();
    ops->init_cpu(&scheduler, &sp->unit);
    timer_init(&sp->slice_timer, slice_timer_fn, sp);
    sp->reschedule = &this_cpu()->reschedule;
    this_cpu()->sched = sp;
    printk("Scheduler: %s (%s)\n", ops->name, ops->opt_name);
}

unsigned int sched_id(void)
{
    return scheduler.ops->sched_id;
}

int sched_init_domain(struct domain *d)
{
    d->sched.domain_id = d->domain_id;
    d->sched.priv = xzalloc(scheduler.ops->domain_priv_size);
    if ( !d->sched.priv )
        return -ENOMEM;
    scheduler.ops->init_domain(&scheduler, &d->sched);
    return 0;
}

void sched_destroy_domain(struct domain *d)
{
    if ( !d->sched.priv )
        return;
    scheduler.ops->destroy_domain(&scheduler, &d->sched);
    xfree(d->sched.priv);
    d->sched.priv = NULL;
}

int sched_init_vcpu(struct vcpu *v)
{
    struct sched_percpu *sp = this_sched();
    uint64_t flags;

    v->sched.domain = &v->domain->sched;
    v->sched.cpu = &sp->unit;
    v->sched.vcpu_id = v->vcpu_id;
    v->sched.priv = xzalloc(scheduler.ops->vcpu_priv_size);
    if ( !v->sched.priv )
        return -ENOMEM;
    flags = spin_lock_irqsave(&sp->lock);
    scheduler.ops->init_vcpu(&scheduler, &v->sched, NOW());
    spin_unlock_irqrestore(&sp->lock, flags);
    return 0;
}

void sched_destroy_vcpu(struct vcpu *v)
{
    struct sched_percpu *sp;
    uint64_t flags;

    if ( !v->sched.priv )
        return;
    BUG_ON(v->is_running);
    sp = vcpu_sched_cpu(v);
    flags = spin_lock_irqsave(&sp->lock);
    scheduler.ops->destroy_vcpu(&scheduler, &v->sched);
    spin_unlock_irqrestore(&sp->lock, flags);
    xfree(v->sched.priv);
    v->sched.priv = NULL;
}

static bool vcpu_runnable(const struct vcpu *v)
{
    const struct domain *d = v->domain;

    return v->is_initialised && !v->events.blocked && !v->pause_count &&
           !d->pause_count && !d->is_shutting_down;
}

/* Xen's runstate of a vCPU that is not on a CPU. */
static int idle_runstate(const struct vcpu *v)
{
    if ( v->events.blocked )
        return RUNSTATE_blocked;
    return vcpu_runnable(v) ? RUNSTATE_runnable : RUNSTATE_offline;
}

/* With sp->lock held: the policy asks for a decision at deadline. */
static void want_decision_locked(struct sched_percpu *sp, s_time_t deadline,
                                 s_time_t now)
{
    if ( deadline == SCHED_TIME_NEVER )
        return;
    if ( deadline <= now )
        *sp->reschedule = true;
    else if ( !timer_is_active(&sp->slice_timer) ||
              sp->slice_timer.expires > deadline )
        timer_set(&sp->slice_timer, deadline);
}

void vcpu_sched_update(struct vcpu *v)
{
    struct sched_percpu *sp;
    uint64_t flags;
    s_time_t now;
    bool runnable;

    if ( !v->sched.priv )
        return;                         /* Not set up yet, or torn down. */
    sp = vcpu_sched_cpu(v);
    flags = spin_lock_irqsave(&sp->lock);
    now = NOW();
    runnable = vcpu_runnable(v);
    if ( runnable != v->sched_runnable )
    {
        v->sched_runnable = runnable;
        if ( runnable )
            want_decision_locked(sp, scheduler.ops->wake(&scheduler,
                                                         &v->sched, now),
                                 now);
        else if ( scheduler.ops->sleep(&scheduler, &v->sched, now) )
            *sp->reschedule = true;
    }
    if ( !v->is_running && v->time.runstate.state != idle_runstate(v) )
        runstate_change(v, idle_runstate(v));
    spin_unlock_irqrestore(&sp->lock, flags);
}

void vcpu_kick(struct vcpu *v)
{
    if ( !v->events.blocked )
        return;
    v->events.blocked = false;
    vcpu_sched_update(v);
}

void vcpu_pause(struct vcpu *v)
{
    __atomic_fetch_add(&v->pause_count, 1, __ATOMIC_SEQ_CST);
    vcpu_sched_update(v);
}

void vcpu_unpause(struct vcpu *v)
{
    BUG_ON(!v->pause_count);
    __atomic_fetch_sub(&v->pause_count, 1, __ATOMIC_SEQ_CST);
    vcpu_sched_update(v);
}

static void domain_sched_update(struct domain *d)
{
    unsigned int i;

    for ( i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpus[i] )
            vcpu_sched_update(d->vcpus[i]);
}

void domain_pause(struct domain *d)
{
    __atomic_fetch_add(&d->pause_count, 1, __ATOMIC_SEQ_CST);
    domain_sched_update(d);
}

void domain_unpause(struct domain *d)
{
    BUG_ON(!d->pause_count);
    __atomic_fetch_sub(&d->pause_count, 1, __ATOMIC_SEQ_CST);
    domain_sched_update(d);
}

void sched_yield(struct vcpu *v)
{
    struct sched_percpu *sp = vcpu_sched_cpu(v);
    uint64_t flags = spin_lock_irqsave(&sp->lock);

    if ( scheduler.ops->yield(&scheduler, &v->sched, NOW()) )
        *sp->reschedule = true;
    spin_unlock_irqrestore(&sp->lock, flags);
}

long sched_adjust(struct domain *d, struct xen_domctl_scheduler_op *op)
{
    struct sched_percpu *sp = this_sched();
    uint64_t flags;
    long rc;

    if ( op->sched_id != scheduler.ops->sched_id )
        return -EINVAL;
    flags = spin_lock_irqsave(&sp->lock);
    rc = scheduler.ops->adjust(&scheduler, &d->sched, op, NOW());
    spin_unlock_irqrestore(&sp->lock, flags);
    /* New parameters cut the running slice short (sched_if.h). */
    if ( !rc && op->cmd == XEN_DOMCTL_SCHEDOP_putinfo )
        sched_raise();
    return rc;
}

/* Ask the policy; arm the slice timer. Returns what runs next (or NULL). */
static struct vcpu *sched_decide(struct sched_percpu *sp)
{
    uint64_t flags = spin_lock_irqsave(&sp->lock);
    s_time_t now = NOW();
    struct sched_slice slice;

    *sp->reschedule = false;
    slice = scheduler.ops->do_schedule(&scheduler, &sp->unit, now);
    timer_stop(&sp->slice_timer);
    if ( slice.next && slice.duration != SCHED_TIME_NEVER )
        timer_set(&sp->slice_timer, now + slice.duration);
    spin_unlock_irqrestore(&sp->lock, flags);
    return sched_unit_vcpu(slice.next);
}

/*
 * The runstate is recorded while prev's page tables are still loaded and
 * after next's are, since the guest's runstate area is written through
 * them (common/runstate.c); so are next's timers, which refresh its time
 * area.
 */
static void switch_out(struct vcpu *prev, struct trap_frame *f)
{
    prev->is_running = false;
    runstate_change(prev, idle_runstate(prev));
    vcpu_timers_sleep(prev);
    arch_context_switch_out(prev, f);
    this_cpu()->curr_vcpu = NULL;
}

static void switch_in(struct vcpu *next, struct trap_frame *f)
{
    next->is_running = true;
    this_cpu()->curr_vcpu = next;
    arch_context_switch_in(next, f);
    runstate_change(next, RUNSTATE_running);
    vcpu_timers_wake(next);
}

/*
 * Nothing is runnable: halt with interrupts on until a handler asks for a
 * decision. Off every guest's page tables meanwhile, so a domain torn
 * down while we idle is not under our feet.
 */
static void idle_until_reschedule(struct sched_percpu *sp)
{
    arch_context_switch_to_idle();
    while ( !__atomic_load_n(sp->reschedule, __ATOMIC_RELAXED) )
    {
        safe_halt();
        local_irq_disable();
    }
}

void sched_exit_to_guest(struct trap_frame *f)
{
    struct sched_percpu *sp = this_sched();
    struct vcpu *next;

    for ( ;; )
    {
        if ( !*sp->reschedule )
        {
            if ( current )
                return;
            idle_until_reschedule(sp);
            continue;
        }
        next = sched_decide(sp);
        if ( next == current )
            continue;
        if ( current )
            switch_out(current, f);
        if ( next )
            switch_in(next, f);
    }
}

/* The boot call chain is gone: nothing but the guest frame above us. */
static void __noreturn sched_start_on_fresh_stack(void)
{
    struct trap_frame *f = guest_regs();

    sched_raise();
    sched_exit_to_guest(f);
    pv_deliver_pending_events(f);
    return_to_guest(f);
}

void sched_start(void)
{
    local_irq_disable();
    reset_stack_and_jump((uint64_t)guest_regs(), sched_start_on_fresh_stack);
}
