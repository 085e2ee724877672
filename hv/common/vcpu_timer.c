/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A vCPU's timers (xenolith/vcpu_time.h): the singleshot timer
 * (VCPUOP_set_singleshot_timer, HYPERVISOR_set_timer_op) and the periodic
 * one (VCPUOP_set_periodic_timer), both sending VIRQ_TIMER, and
 * HYPERVISOR_set_timer_op itself. Semantics are Xen 4.17's
 * (xen/common/sched/core.c: vcpu_periodic_timer_work, do_set_timer_op;
 * xen/common/domain.c: VCPUOP_set_singleshot_timer). Timers are soft
 * timers of the vCPU's CPU (common/timer.c); their functions run in
 * interrupt context.
 */
#include <xenolith/domain.h>
#include <xenolith/event.h>
#include <xenolith/hypercall.h>
#include <xenolith/vcpu_time.h>

/* Xen: timeouts this far ahead are a wrapped jiffies value in old Linux. */
#define SET_TIMER_OP_HUGE_SHIFT 50
#define SET_TIMER_OP_FALLBACK   MILLISECS(100)

/* Refresh the time record first, so the guest's handler reads fresh time. */
static void send_timer_event(struct vcpu *v)
{
    vcpu_time_update(v);
    send_guest_vcpu_virq(v, VIRQ_TIMER);
}

static void singleshot_fn(void *data)
{
    send_timer_event(data);
}

/* Send if a period has passed since the last event, then re-arm. */
static void periodic_work(struct vcpu *v)
{
    s_time_t now = NOW(), next = v->time.last_periodic + v->time.period;

    if ( now >= next )
    {
        send_timer_event(v);
        v->time.last_periodic = now;
        next = now + v->time.period;
    }
    timer_set(&v->time.periodic, next);
}

static void periodic_fn(void *data)
{
    struct vcpu *v = data;

    if ( v->time.period )
        periodic_work(v);
}

void vcpu_time_init(struct vcpu *v)
{
    timer_init(&v->time.singleshot, singleshot_fn, v);
    timer_init(&v->time.periodic, periodic_fn, v);
    runstate_init(v);
    vcpu_time_update(v);
    v->time.last_periodic = NOW();
    vcpu_set_periodic_timer(v, VCPU_DEFAULT_PERIOD);
}

void vcpu_set_singleshot_timer(struct vcpu *v, s_time_t deadline)
{
    if ( deadline < NOW() )
    {
        timer_stop(&v->time.singleshot);
        send_timer_event(v);
        return;
    }
    timer_set(&v->time.singleshot, deadline);
}

void vcpu_stop_singleshot_timer(struct vcpu *v)
{
    timer_stop(&v->time.singleshot);
}

void vcpu_set_periodic_timer(struct vcpu *v, s_time_t period)
{
    timer_stop(&v->time.periodic);
    v->time.period = period;
    if ( period )
        periodic_work(v);
}

void vcpu_timers_sleep(struct vcpu *v)
{
    timer_stop(&v->time.periodic);
}

void vcpu_timers_wake(struct vcpu *v)
{
    vcpu_time_update(v);
    if ( v->time.period )
        periodic_work(v);
}

/*
 * timeout: absolute system time; 0 stops the timer. A negative or very
 * distant one (2^50 ns, 13 days) fires in 100 ms instead (Xen 4.17's
 * workaround for old Linux's wrapped jiffies). A past one fires at once:
 * Xen runs the expired timer before it returns to the guest. Always 0.
 */
long do_set_timer_op(unsigned long timeout, unsigned long a2,
                     unsigned long a3, unsigned long a4, unsigned long a5)
{
    struct vcpu *v = current;
    s_time_t deadline = (s_time_t)timeout, offset = deadline - NOW();

    if ( deadline == 0 )
        vcpu_stop_singleshot_timer(v);
    else if ( deadline < 0 ||
              (offset > 0 && (offset >> SET_TIMER_OP_HUGE_SHIFT) != 0) )
        timer_set(&v->time.singleshot, NOW() + SET_TIMER_OP_FALLBACK);
    else
        vcpu_set_singleshot_timer(v, deadline);
    return 0;
}
