/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * HYPERVISOR_sched_op: yield, block, poll, shutdown, remote_shutdown
 * (xen/include/public/sched.h; semantics and error codes of Xen 4.17's
 * xen/common/sched/core.c, checked by tests/guest/sched_op and domains).
 *
 * Block and poll do not wait here: they mark the vCPU blocked, which
 * takes it off the run queue (xenolith/sched.h), and return; the vCPU is
 * switched out on its way back to the guest, with the hypercall's result
 * already in its frame, and resumes there once an event or a timeout
 * kicks it (vcpu_kick). Nothing is lost between the check for a pending
 * event and the block: hypercalls run with interrupts off, and an event
 * sent after the block kicks the vCPU back onto the run queue.
 */
#include <xenolith/control.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/event.h>
#include <xenolith/guest_access.h>
#include <xenolith/hypercall.h>
#include <xenolith/sched.h>
#include <xenolith/vcpu_time.h>
#include <xen/sched.h>

#define SCHED_POLL_MAX_PORTS 128        /* Xen's "fairly arbitrary limit" */

/* Stop a poll: its flag, its timeout. Context: interrupts off. */
static void poll_end(struct vcpu *v)
{
    v->events.polling = false;
    timer_stop(&v->events.poll_timer);
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
            poll_end(v);
            vcpu_kick(v);
        }
    }
}

static void poll_timeout_fn(void *data)
{
    struct vcpu *v = data;

    if ( !v->events.polling )
        return;
    v->events.polling = false;
    vcpu_kick(v);
}

/* v = current stops running until vcpu_kick(); see the top of the file. */
static void vcpu_block(struct vcpu *v)
{
    vcpu_sched_update(v);
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
        vcpu_block(v);
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
    vcpu_block(v);
    return 0;
}

/*
 * SCHEDOP_remote_shutdown: the control domain shuts another down (Xen
 * 4.17: -EFAULT, -ESRCH for no such domain, -EPERM for a caller without
 * control rights; a toolstack's `xl shutdown` of a guest without PV
 * drivers).
 */
static long sched_remote_shutdown(unsigned long arg)
{
    struct sched_remote_shutdown rs;
    struct domain *d;
    long rc;

    if ( copy_from_guest(&rs, arg, sizeof(rs)) )
        return -EFAULT;
    d = domain_get_by_id(rs.domain_id);
    if ( !d )
        return -ESRCH;
    rc = control_permitted(current->domain) ? 0 : -EPERM;
    if ( !rc )
        domain_shutdown(d, rs.reason);
    domain_put(d);
    return rc;
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
        sched_yield(v);
        return 0;
    case SCHEDOP_block:
        return sched_block(v);
    case SCHEDOP_poll:
        return sched_poll(v, arg);
    case SCHEDOP_shutdown:
        return sched_shutdown(arg);
    case SCHEDOP_remote_shutdown:
        return sched_remote_shutdown(arg);
    default:
        return -ENOSYS;
    }
}
