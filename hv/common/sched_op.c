/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * HYPERVISOR_sched_op for one vCPU per CPU: yield, block, poll, shutdown
 * (xen/include/public/sched.h; semantics and error codes of Xen 4.17's
 * xen/common/sched/core.c, checked by tests/guest/sched_op). There is
 * nothing to switch to, so yield returns at once and waiting is halting
 * the CPU until an interrupt handler wakes the vCPU (xenolith/sched.h).
 *
 * Waiting without lost wake-ups: the vCPU marks itself blocked and checks
 * for a reason to stay awake with interrupts off (hypercalls run with
 * interrupts off); safe_halt() is "sti; hlt", and an interrupt can only be
 * taken after sti's one-instruction shadow, i.e. once the CPU is halted,
 * so a wake-up between the check and the halt still ends the halt.
 * Whatever the interrupt did is checked again before halting again.
 */
#include <asm/fpu.h>
#include <asm/processor.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/event.h>
#include <xenolith/guest_access.h>
#include <xenolith/hypercall.h>
#include <xenolith/sched.h>
#include <xenolith/vcpu_time.h>
#include <xen/sched.h>

#define SCHED_POLL_MAX_PORTS 128        /* Xen's "fairly arbitrary limit" */

void vcpu_kick(struct vcpu *v)
{
    v->events.blocked = false;
}

void sched_wake_pollers(struct domain *d, evtchn_port_t port)
{
    unsigned int i;
    struct vcpu *v;

    for ( i = 0; i < d->max_vcpus; i++ )
    {
        v = d->vcpus[i];
        if ( v && v->events.polling &&
             (v->events.poll_port < 0 || v->events.poll_port == (int)port) )
        {
            v->events.polling = false;
            vcpu_kick(v);
        }
    }
}

static void poll_timeout_fn(void *data)
{
    struct vcpu *v = data;

    v->events.polling = false;
    vcpu_kick(v);
}

/*
 * Halt until kicked; account the time as blocked, timers as Xen's. This
 * is where the scheduler of issue 5 switches to another vCPU, so v's FPU
 * state leaves the CPU here and comes back after (asm/fpu.h).
 */
static void vcpu_wait(struct vcpu *v)
{
    runstate_change(v, RUNSTATE_blocked);
    vcpu_timers_sleep(v);
    vcpu_fpu_save(v);
    while ( v->events.blocked )
    {
        safe_halt();
        local_irq_disable();
    }
    vcpu_fpu_restore(v);
    vcpu_timers_wake(v);
    runstate_change(v, RUNSTATE_running);
}

/* Xen's local_events_need_delivery(): an upcall would be taken now. */
static bool events_need_delivery(const struct vcpu *v)
{
    return evtchn_2l_upcall_deliverable(v->vcpu_info);
}

/* Unmask events (Xen) and sleep unless one is already waiting. */
static long sched_block(struct vcpu *v)
{
    v->vcpu_info->evtchn_upcall_mask = 0;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    v->events.blocked = true;
    if ( events_need_delivery(v) )
        v->events.blocked = false;
    else
        vcpu_wait(v);
    return 0;
}

/*
 * Read the ports: -EFAULT, -EINVAL (a port >= 4096), 1 if one is already
 * pending (masked or not), else 0 with the single port in *only.
 */
static long poll_check_ports(const struct domain *d,
                             const struct sched_poll *p, int *only)
{
    uint64_t ports = (uint64_t)p->ports.p;
    evtchn_port_t port = 0;
    unsigned int i;

    for ( i = 0; i < p->nr_ports; i++ )
    {
        if ( copy_from_guest(&port, ports + i * sizeof(port), sizeof(port)) )
            return -EFAULT;
        if ( port >= EVTCHN_2L_NR_PORTS )
            return -EINVAL;
        if ( evtchn_port_is_pending(d, port) )
            return 1;
    }
    *only = p->nr_ports == 1 ? (int)port : -1;
    return 0;
}

static long sched_poll(struct vcpu *v, unsigned long arg)
{
    struct sched_poll p;
    int only = -1;
    long rc;

    if ( copy_from_guest(&p, arg, sizeof(p)) )
        return -EFAULT;
    if ( p.nr_ports > SCHED_POLL_MAX_PORTS )
        return -EINVAL;
    if ( !guest_range_ok((uint64_t)p.ports.p,
                         p.nr_ports * sizeof(evtchn_port_t)) )
        return -EFAULT;
    if ( events_need_delivery(v) )
        return 0;
    rc = poll_check_ports(v->domain, &p, &only);
    if ( rc )
        return rc < 0 ? rc : 0;
    v->events.poll_port = only;
    v->events.polling = true;
    v->events.blocked = true;
    if ( p.timeout )
        timer_set(&v->events.poll_timer, (s_time_t)p.timeout);
    vcpu_wait(v);
    timer_stop(&v->events.poll_timer);
    v->events.polling = false;
    return 0;
}

static long sched_shutdown(unsigned long arg)
{
    struct sched_shutdown sd;

    if ( copy_from_guest(&sd, arg, sizeof(sd)) )
        return -EFAULT;
    domain_shutdown(current->domain, sd.reason);
    return 0;
}

void sched_vcpu_init(struct vcpu *v)
{
    timer_init(&v->events.poll_timer, poll_timeout_fn, v);
}

long do_sched_op(unsigned long cmd, unsigned long arg, unsigned long a3,
                 unsigned long a4, unsigned long a5)
{
    struct vcpu *v = current;

    switch ( cmd )
    {
    case SCHEDOP_yield:
        return 0;
    case SCHEDOP_block:
        return sched_block(v);
    case SCHEDOP_poll:
        return sched_poll(v, arg);
    case SCHEDOP_shutdown:
        return sched_shutdown(arg);
    default:
        return -ENOSYS;
    }
}
