/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Virtual IRQs: events the hypervisor raises (xen/include/public/xen.h,
 * VIRQ_*). Per-vCPU VIRQs (timer, debug, xenoprof, xenpmu) may be bound on
 * any vCPU and are sent to that one; all others are global, bound on vCPU
 * 0 only and later movable with EVTCHNOP_bind_vcpu (Xen 4.17
 * virq_is_global(); on x86 the arch VIRQs are global too).
 *
 * System-wide global VIRQs (VIRQ_DOM_EXC, ...) go to one domain: the one
 * named for that VIRQ by XEN_DOMCTL_set_virq_handler, else the hardware
 * domain (Xen 4.17's send_global_virq() and get_global_virq_handler()).
 * Any domain may bind them; only that one receives them.
 */
#include <xenolith/domain.h>
#include <xenolith/event.h>
#include <xenolith/errno.h>
#include <xenolith/spinlock.h>

#include "evtchn_table.h"

/*
 * Protects global_virq_handlers; IRQ-safe. Taken before a domain's
 * event_lock, so a handler can't be forgotten (destroyed) mid-send.
 */
static DEFINE_SPINLOCK(global_virq_lock);
static struct domain *global_virq_handlers[NR_VIRQS];

bool virq_is_global(uint32_t virq)
{
    switch ( virq )
    {
    case VIRQ_TIMER:
    case VIRQ_DEBUG:
    case VIRQ_XENOPROF:
    case VIRQ_XENPMU:
        return false;
    default:
        return true;
    }
}

void send_guest_vcpu_virq(struct vcpu *v, uint32_t virq)
{
    struct domain *d = v->domain;
    uint64_t flags = spin_lock_irqsave(&d->event_lock);
    evtchn_port_t port = v->events.virq_to_evtchn[virq];

    if ( port )
        evtchn_set_pending_locked(d, port);
    spin_unlock_irqrestore(&d->event_lock, flags);
}

void send_guest_global_virq(struct domain *d, uint32_t virq)
{
    /* Xen 4.17: global VIRQs are bound through vCPU 0's table. */
    if ( d->vcpus[0] )
        send_guest_vcpu_virq(d->vcpus[0], virq);
}

/* Xen's hardware domain: dom0, the one privileged domain built at boot. */
static struct domain *hardware_domain(void)
{
    struct domain *d = domain_get_by_id(0);

    if ( d && !d->is_privileged )
    {
        domain_put(d);
        d = NULL;
    }
    return d;
}

void send_global_virq(uint32_t virq)
{
    struct domain *d;
    uint64_t flags;

    if ( virq >= NR_VIRQS || !virq_is_global(virq) )
        return;
    flags = spin_lock_irqsave(&global_virq_lock);
    d = global_virq_handlers[virq];
    if ( d )
        send_guest_global_virq(d, virq);
    spin_unlock_irqrestore(&global_virq_lock, flags);
    if ( d )
        return;
    /* dom0 is never destroyed, so this put is never its last. */
    d = hardware_domain();
    if ( d )
    {
        send_guest_global_virq(d, virq);
        domain_put(d);
    }
}

int evtchn_set_global_virq_handler(struct domain *d, uint32_t virq)
{
    uint64_t flags;

    if ( virq >= NR_VIRQS || !virq_is_global(virq) )
        return -EINVAL;
    struct domain *old;

    /* A handler slot holds a reference (Xen does), dropped when replaced. */
    domain_get_alive(d);
    flags = spin_lock_irqsave(&global_virq_lock);
    old = global_virq_handlers[virq];
    global_virq_handlers[virq] = d;
    spin_unlock_irqrestore(&global_virq_lock, flags);
    if ( old )
        domain_put(old);
    return 0;
}

void virq_forget_handler(struct domain *d)
{
    uint64_t flags = spin_lock_irqsave(&global_virq_lock);
    unsigned int virq, dropped = 0;

    for ( virq = 0; virq < NR_VIRQS; virq++ )
        if ( global_virq_handlers[virq] == d )
        {
            global_virq_handlers[virq] = NULL;
            dropped++;
        }
    spin_unlock_irqrestore(&global_virq_lock, flags);
    /* The caller is tearing d down and holds a reference: never the last. */
    while ( dropped-- )
        domain_put(d);
}
