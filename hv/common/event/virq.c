/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Virtual IRQs: events the hypervisor raises (xen/include/public/xen.h,
 * VIRQ_*). Per-vCPU VIRQs (timer, debug, xenoprof, xenpmu) may be bound on
 * any vCPU and are sent to that one; all others are global, bound on vCPU
 * 0 only and later movable with EVTCHNOP_bind_vcpu (Xen 4.17
 * virq_is_global(); on x86 the arch VIRQs are global too).
 */
#include <xenolith/domain.h>
#include <xenolith/event.h>

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
