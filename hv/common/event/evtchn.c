/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A domain's event channel ports: the table (buckets, lowest free port,
 * the per-domain maximum), binding VIRQs and IPIs, sending, status,
 * bind_vcpu and unmask (model and contracts: xenolith/event.h; locking:
 * evtchn_table.h). Interdomain binding is in evtchn_interdomain.c,
 * closing in evtchn_close.c. Semantics and error codes follow Xen 4.17's
 * xen/common/event_channel.c; the bits live in evtchn_2l.c.
 *
 * Every function takes d->event_lock (IRQ-safe) for its whole decision,
 * so a port can't change state between the check and the act; helpers
 * named *_locked assert that it is held.
 */
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/event.h>
#include <xenolith/mm.h>
#include <xenolith/panic.h>
#include <xenolith/sched.h>

#include "evtchn_table.h"

/* Xen 4.17 clamps createdomain's max_evtchn_port to INT_MAX. */
#define EVTCHN_MAX_PORT_LIMIT 0x7fffffffu

static struct vcpu *domain_vcpu(const struct domain *d, uint32_t vcpu_id)
{
    return vcpu_id < d->max_vcpus ? d->vcpus[vcpu_id] : NULL;
}

static int add_bucket_locked(struct domain *d)
{
    struct evtchn_table *t = d->evtchn;
    struct evtchn *bucket;

    ASSERT_EVENT_LOCKED(d);
    bucket = xzalloc(EVTCHNS_PER_BUCKET * sizeof(*bucket));
    if ( !bucket )
        return -ENOMEM;
    t->buckets[t->valid / EVTCHNS_PER_BUCKET] = bucket;
    t->valid += EVTCHNS_PER_BUCKET;
    return 0;
}

/*
 * Xen 4.17 stops at the first port beyond max_port even inside a bucket:
 * the rest of that bucket stays valid (status answers "closed") but is
 * never handed out.
 */
int evtchn_get_free_port_locked(struct domain *d, evtchn_port_t *port)
{
    struct evtchn_table *t = d->evtchn;
    evtchn_port_t p;
    int rc;

    ASSERT_EVENT_LOCKED(d);
    if ( !t || t->dying )
        return -EINVAL;
    for ( p = 0; p < t->valid; p++ )
    {
        if ( p > t->max_port )
            return -ENOSPC;
        if ( evtchn_from_port_locked(d, p)->state == ECS_FREE )
        {
            *port = p;
            return 0;
        }
    }
    if ( p > t->max_port || p >= EVTCHN_2L_NR_PORTS )
        return -ENOSPC;
    rc = add_bucket_locked(d);
    if ( rc == 0 )
        *port = p;
    return rc;
}

void evtchn_free_port_locked(struct domain *d, evtchn_port_t port)
{
    struct evtchn *chn = evtchn_from_port_locked(d, port);

    ASSERT_EVENT_LOCKED(d);
    evtchn_2l_clear_pending(d->shared_info, port);
    chn->state = ECS_FREE;
    __atomic_store_n(&chn->notify_vcpu_id, 0, __ATOMIC_RELAXED);
}

int evtchn_domain_init(struct domain *d)
{
    uint64_t flags;
    int rc;

    d->evtchn = xzalloc(sizeof(*d->evtchn));
    if ( !d->evtchn )
        return -ENOMEM;
    d->evtchn->max_port = EVTCHN_DEFAULT_MAX_PORT;
    spin_lock_init(&d->event_lock);
    flags = spin_lock_irqsave(&d->event_lock);
    rc = add_bucket_locked(d);
    if ( rc == 0 )
        evtchn_from_port_locked(d, 0)->state = ECS_RESERVED;
    spin_unlock_irqrestore(&d->event_lock, flags);
    if ( rc )
    {
        xfree(d->evtchn);
        d->evtchn = NULL;
    }
    return rc;
}

void evtchn_set_max_port(struct domain *d, uint32_t max_port)
{
    uint64_t flags = spin_lock_irqsave(&d->event_lock);

    if ( d->evtchn )
        d->evtchn->max_port = max_port < EVTCHN_MAX_PORT_LIMIT
                              ? max_port : EVTCHN_MAX_PORT_LIMIT;
    spin_unlock_irqrestore(&d->event_lock, flags);
}

/*
 * Xen's order: the bits, the vCPU's upcall, then pollers. The notify vCPU
 * is read once: bind_vcpu may move it under another lock (peer sends).
 */
static void set_pending(struct domain *d, evtchn_port_t port)
{
    const struct evtchn *chn = evtchn_from_port_locked(d, port);
    struct vcpu *v = d->vcpus[__atomic_load_n(&chn->notify_vcpu_id,
                                              __ATOMIC_RELAXED)];
    unsigned int r;

    r = evtchn_2l_set_pending(d->shared_info, v->vcpu_info, port);
    if ( r & EVTCHN_2L_NOTIFY )
        vcpu_mark_events_pending(v);
    if ( r & EVTCHN_2L_NEWLY_PENDING )
        sched_wake_pollers(d, port);
}

void evtchn_set_pending_locked(struct domain *d, evtchn_port_t port)
{
    ASSERT_EVENT_LOCKED(d);
    set_pending(d, port);
}

void vcpu_mark_events_pending(struct vcpu *v)
{
    if ( evtchn_2l_mark_upcall(v->vcpu_info) )
        vcpu_kick(v);
}

/* Claim a free port in state with vCPU vcpu_id. */
static int bind_new_port_locked(struct domain *d, enum evtchn_state state,
                                uint32_t vcpu_id, evtchn_port_t *port)
{
    struct evtchn *chn;
    int rc = evtchn_get_free_port_locked(d, port);

    if ( rc )
        return rc;
    chn = evtchn_from_port_locked(d, *port);
    chn->state = state;
    chn->notify_vcpu_id = vcpu_id;
    return 0;
}

int evtchn_bind_virq(struct domain *d, uint32_t virq, uint32_t vcpu_id,
                     evtchn_port_t *port)
{
    struct vcpu *v;
    uint64_t flags;
    int rc;

    /* Xen 4.17 takes ints: its negative values are our huge ones. */
    if ( virq >= NR_VIRQS )
        return -EINVAL;
    if ( virq_is_global(virq) && vcpu_id != 0 )
        return -EINVAL;
    v = domain_vcpu(d, vcpu_id);
    if ( !v )
        return -ENOENT;
    flags = spin_lock_irqsave(&d->event_lock);
    if ( v->events.virq_to_evtchn[virq] )
        rc = -EEXIST;
    else
        rc = bind_new_port_locked(d, ECS_VIRQ, vcpu_id, port);
    if ( rc == 0 )
    {
        evtchn_from_port_locked(d, *port)->u.virq = virq;
        v->events.virq_to_evtchn[virq] = *port;
    }
    spin_unlock_irqrestore(&d->event_lock, flags);
    return rc;
}

int evtchn_bind_ipi(struct domain *d, uint32_t vcpu_id, evtchn_port_t *port)
{
    uint64_t flags;
    int rc;

    if ( !domain_vcpu(d, vcpu_id) )
        return -ENOENT;
    flags = spin_lock_irqsave(&d->event_lock);
    rc = bind_new_port_locked(d, ECS_IPI, vcpu_id, port);
    spin_unlock_irqrestore(&d->event_lock, flags);
    return rc;
}

int evtchn_send(struct domain *d, evtchn_port_t port)
{
    uint64_t flags = spin_lock_irqsave(&d->event_lock);
    const struct evtchn *chn;
    int rc = 0;

    if ( !evtchn_port_valid_locked(d, port) )
    {
        rc = -EINVAL;
        goto out;
    }
    chn = evtchn_from_port_locked(d, port);
    switch ( chn->state )
    {
    case ECS_INTERDOMAIN:
        /* Our lock pins the pair (evtchn_table.h): no need for the peer's. */
        set_pending(chn->u.interdomain.dom, chn->u.interdomain.port);
        break;
    case ECS_IPI:
        evtchn_set_pending_locked(d, port);
        break;
    case ECS_UNBOUND:
        break;                          /* Silently dropped, as in Xen. */
    default:
        rc = -EINVAL;
        break;
    }
 out:
    spin_unlock_irqrestore(&d->event_lock, flags);
    return rc;
}

static void fill_status_locked(const struct evtchn *chn,
                               struct evtchn_status *st)
{
    switch ( chn->state )
    {
    case ECS_UNBOUND:
        st->status = EVTCHNSTAT_unbound;
        st->u.unbound.dom = chn->u.remote_domid;
        break;
    case ECS_INTERDOMAIN:
        st->status = EVTCHNSTAT_interdomain;
        st->u.interdomain.dom = chn->u.interdomain.dom->domain_id;
        st->u.interdomain.port = chn->u.interdomain.port;
        break;
    case ECS_VIRQ:
        st->status = EVTCHNSTAT_virq;
        st->u.virq = chn->u.virq;
        break;
    case ECS_IPI:
        st->status = EVTCHNSTAT_ipi;
        break;
    default:
        st->status = EVTCHNSTAT_closed;
        break;
    }
    st->vcpu = chn->notify_vcpu_id;
}

int evtchn_status(struct domain *d, struct evtchn_status *status)
{
    uint64_t flags = spin_lock_irqsave(&d->event_lock);
    int rc = 0;

    if ( evtchn_port_valid_locked(d, status->port) )
        fill_status_locked(evtchn_from_port_locked(d, status->port), status);
    else
        rc = -EINVAL;
    spin_unlock_irqrestore(&d->event_lock, flags);
    return rc;
}

int evtchn_bind_vcpu(struct domain *d, evtchn_port_t port, uint32_t vcpu_id)
{
    struct evtchn *chn;
    uint64_t flags;
    int rc = 0;

    if ( !domain_vcpu(d, vcpu_id) )
        return -ENOENT;
    flags = spin_lock_irqsave(&d->event_lock);
    chn = evtchn_port_valid_locked(d, port)
          ? evtchn_from_port_locked(d, port) : NULL;
    if ( chn && (chn->state == ECS_UNBOUND ||
                 chn->state == ECS_INTERDOMAIN ||
                 (chn->state == ECS_VIRQ && virq_is_global(chn->u.virq))) )
        __atomic_store_n(&chn->notify_vcpu_id, vcpu_id, __ATOMIC_RELAXED);
    else
        rc = -EINVAL;
    spin_unlock_irqrestore(&d->event_lock, flags);
    return rc;
}

int evtchn_unmask(struct domain *d, evtchn_port_t port)
{
    uint64_t flags = spin_lock_irqsave(&d->event_lock);
    struct vcpu *v;
    int rc = 0;

    if ( !evtchn_port_valid_locked(d, port) )
        rc = -EINVAL;
    else
    {
        v = d->vcpus[evtchn_from_port_locked(d, port)->notify_vcpu_id];
        if ( evtchn_2l_unmask(d->shared_info, v->vcpu_info, port) )
            vcpu_mark_events_pending(v);
    }
    spin_unlock_irqrestore(&d->event_lock, flags);
    return rc;
}

int evtchn_set_priority(struct domain *d, evtchn_port_t port)
{
    uint64_t flags = spin_lock_irqsave(&d->event_lock);
    int rc = evtchn_port_valid_locked(d, port) ? -ENOSYS : -EINVAL;

    spin_unlock_irqrestore(&d->event_lock, flags);
    return rc;
}

bool evtchn_port_is_pending(const struct domain *d, evtchn_port_t port)
{
    return port < EVTCHN_2L_NR_PORTS &&
           evtchn_2l_is_pending(d->shared_info, port);
}
