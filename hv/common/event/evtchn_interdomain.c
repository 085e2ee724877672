/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Channels between domains (or a domain and itself): a port is allocated
 * unbound, reserved for one remote domain (EVTCHNOP_alloc_unbound, often
 * by dom0's domain builder on behalf of a new domain), and that domain
 * connects a port of its own to it (EVTCHNOP_bind_interdomain). Semantics
 * and error codes: Xen 4.17's evtchn_alloc_unbound() and
 * evtchn_bind_interdomain() (xen/common/event_channel.c). Closing, which
 * disconnects the other end, is in evtchn_close.c; locking rules in
 * evtchn_table.h.
 */
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/event.h>

#include "evtchn_table.h"

int evtchn_alloc_unbound(struct domain *d, domid_t remote_domid,
                         evtchn_port_t *port)
{
    uint64_t flags = spin_lock_irqsave(&d->event_lock);
    struct evtchn *chn;
    int rc = evtchn_get_free_port_locked(d, port);

    if ( rc == 0 )
    {
        chn = evtchn_from_port_locked(d, *port);
        chn->state = ECS_UNBOUND;
        chn->u.remote_domid = remote_domid;
    }
    spin_unlock_irqrestore(&d->event_lock, flags);
    return rc;
}

/* Is rd's port rport waiting for ld (unbound, reserved for ld's id)? */
static bool reserved_for_locked(struct domain *rd, evtchn_port_t rport,
                                const struct domain *ld)
{
    const struct evtchn *rchn;

    if ( !rd->evtchn || rd->evtchn->dying ||
         !evtchn_port_valid_locked(rd, rport) )
        return false;
    rchn = evtchn_from_port_locked(rd, rport);
    return rchn->state == ECS_UNBOUND &&
           rchn->u.remote_domid == ld->domain_id;
}

/*
 * Xen 4.17 allocates the local port first, so a full table is -ENOSPC
 * even for a bad remote port. Both locks are held while either end
 * changes (evtchn_table.h).
 */
int evtchn_bind_interdomain(struct domain *ld, struct domain *rd,
                            evtchn_port_t rport, evtchn_port_t *lport)
{
    uint64_t flags = evtchn_lock_pair(ld, rd);
    struct evtchn *lchn, *rchn;
    int rc = evtchn_get_free_port_locked(ld, lport);

    if ( rc )
        goto out;
    if ( !reserved_for_locked(rd, rport, ld) )
    {
        rc = -EINVAL;
        goto out;
    }
    lchn = evtchn_from_port_locked(ld, *lport);
    rchn = evtchn_from_port_locked(rd, rport);
    lchn->state = ECS_INTERDOMAIN;
    lchn->u.interdomain.dom = rd;
    lchn->u.interdomain.port = rport;
    rchn->state = ECS_INTERDOMAIN;
    rchn->u.interdomain.dom = ld;
    rchn->u.interdomain.port = *lport;
    /* Notifications sent to the unbound end may be lost: raise one (Xen). */
    evtchn_set_pending_locked(ld, *lport);
 out:
    evtchn_unlock_pair(ld, rd, flags);
    return rc;
}
