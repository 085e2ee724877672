/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Closing ports: EVTCHNOP_close, EVTCHNOP_reset and the teardown of a
 * dying domain's table. Closing one end of an interdomain channel leaves
 * the other end unbound, reserved for the closer, so that it may bind
 * again (Xen 4.17's evtchn_close(), reset and evtchn_destroy() in
 * xen/common/event_channel.c). Locking rules: evtchn_table.h.
 */
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/event.h>
#include <xenolith/mm.h>

#include "evtchn_table.h"

/* The other domain of d's interdomain port, or NULL for any other port. */
static struct domain *peer_of_locked(struct domain *d, evtchn_port_t port)
{
    const struct evtchn *chn;

    if ( !evtchn_port_valid_locked(d, port) )
        return NULL;
    chn = evtchn_from_port_locked(d, port);
    return chn->state == ECS_INTERDOMAIN ? chn->u.interdomain.dom : NULL;
}

/*
 * Lock d and, for an interdomain port, its peer, lower domid first. When
 * the peer's id is lower, d's lock is dropped and both are taken again;
 * the port may have changed meanwhile (Xen's "goto again"). Returns the
 * peer whose lock is held besides d's, with a reference the caller drops
 * after unlocking (d itself: d's lock only, no reference), or NULL
 * with nothing held when the port was re-bound to yet another domain in
 * that window: the port went through "closed", so -EINVAL is a truthful
 * answer (Xen 4.17 does the same).
 */
static struct domain *lock_with_peer(struct domain *d, evtchn_port_t port,
                                     uint64_t *flags)
{
    struct domain *peer;

    *flags = spin_lock_irqsave(&d->event_lock);
    peer = peer_of_locked(d, port);
    if ( !peer || peer == d )
        return d;
    /*
     * The channel pins peer only while a lock is held: a reference keeps
     * it across the window with no lock, and until the caller unlocks.
     */
    domain_get_alive(peer);
    if ( d->domain_id < peer->domain_id )
    {
        spin_lock(&peer->event_lock);
        return peer;
    }
    spin_unlock_irqrestore(&d->event_lock, *flags);
    *flags = evtchn_lock_pair(d, peer);
    if ( peer_of_locked(d, port) && peer_of_locked(d, port) != peer )
    {
        evtchn_unlock_pair(d, peer, *flags);
        domain_put(peer);
        return NULL;
    }
    return peer;
}

/* The other end of a closed interdomain port waits for a new peer. */
static void disconnect_locked(struct domain *d, const struct evtchn *chn)
{
    struct domain *peer = chn->u.interdomain.dom;
    struct evtchn *pchn;

    ASSERT_EVENT_LOCKED(peer);
    pchn = evtchn_from_port_locked(peer, chn->u.interdomain.port);
    pchn->state = ECS_UNBOUND;
    pchn->u.remote_domid = d->domain_id;
}

static void unbind_virq_locked(struct domain *d, const struct evtchn *chn,
                               evtchn_port_t port)
{
    unsigned int i;

    for ( i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpus[i] &&
             d->vcpus[i]->events.virq_to_evtchn[chn->u.virq] == port )
            d->vcpus[i]->events.virq_to_evtchn[chn->u.virq] = 0;
}

/* Caller holds d's lock and, for an interdomain port, the peer's. */
static int close_locked(struct domain *d, evtchn_port_t port)
{
    struct evtchn *chn;

    if ( !evtchn_port_valid_locked(d, port) )
        return -EINVAL;
    chn = evtchn_from_port_locked(d, port);
    switch ( chn->state )
    {
    case ECS_FREE:
    case ECS_RESERVED:
        return -EINVAL;
    case ECS_VIRQ:
        unbind_virq_locked(d, chn, port);
        break;
    case ECS_INTERDOMAIN:
        disconnect_locked(d, chn);
        break;
    default:
        break;
    }
    evtchn_free_port_locked(d, port);
    return 0;
}

/* evtchn_close(), for callers that close every port whatever its state. */
static int close_port(struct domain *d, evtchn_port_t port)
{
    uint64_t flags;
    struct domain *locked = lock_with_peer(d, port, &flags);
    int rc;

    if ( !locked )
        return -EINVAL;
    rc = close_locked(d, port);
    evtchn_unlock_pair(d, locked, flags);
    if ( locked != d )
        domain_put(locked);
    return rc;
}

int evtchn_close(struct domain *d, evtchn_port_t port)
{
    return close_port(d, port);
}

/* Port 0 stays reserved: its close is -EINVAL, as for free ports. */
int evtchn_reset(struct domain *d)
{
    uint64_t flags = spin_lock_irqsave(&d->event_lock);
    unsigned int valid = d->evtchn ? d->evtchn->valid : 0;
    evtchn_port_t port;

    spin_unlock_irqrestore(&d->event_lock, flags);
    /* Ports bound meanwhile by d's other vCPUs may stay, as in Xen. */
    for ( port = 1; port < valid; port++ )
        close_port(d, port);
    return 0;
}

/*
 * After dying is set no port of d is handed out and no domain binds to
 * one (reserved_for_locked()), so the table stops growing and, once
 * every port is closed, nothing outside d refers to it.
 */
void evtchn_domain_destroy(struct domain *d)
{
    struct evtchn_table *t;
    unsigned int valid, i;
    uint64_t flags;

    flags = spin_lock_irqsave(&d->event_lock);
    t = d->evtchn;
    if ( t )
        t->dying = true;
    valid = t ? t->valid : 0;
    spin_unlock_irqrestore(&d->event_lock, flags);
    if ( !t )
        return;
    for ( i = 1; i < valid; i++ )
        close_port(d, i);               /* -EINVAL: already free. */
    virq_forget_handler(d);

    flags = spin_lock_irqsave(&d->event_lock);
    d->evtchn = NULL;
    spin_unlock_irqrestore(&d->event_lock, flags);
    for ( i = 0; i < EVTCHN_NR_BUCKETS; i++ )
        xfree(t->buckets[i]);
    xfree(t);
}
