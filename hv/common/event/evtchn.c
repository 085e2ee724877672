/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A domain's event channel ports: allocation, binding, sending, closing,
 * status (model and contracts: xenolith/event.h). Semantics and error
 * codes follow Xen 4.17's xen/common/event_channel.c; the bits live in
 * evtchn_2l.c.
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

enum evtchn_state {
    ECS_FREE,
    ECS_RESERVED,
    ECS_UNBOUND,
    ECS_INTERDOMAIN,
    ECS_VIRQ,
    ECS_IPI,
};

struct evtchn {
    uint8_t state;                      /* enum evtchn_state */
    uint16_t notify_vcpu_id;
    union {
        domid_t remote_domid;           /* ECS_UNBOUND */
        struct {
            struct domain *dom;         /* Today always the port's own. */
            evtchn_port_t port;
        } interdomain;                  /* ECS_INTERDOMAIN */
        uint32_t virq;                  /* ECS_VIRQ */
    } u;
};

struct evtchn_table {
    unsigned int valid;                 /* Ports with a bucket: 64 * n. */
    struct evtchn *buckets[EVTCHN_NR_BUCKETS];
};

#define ASSERT_EVENT_LOCKED(d) BUG_ON(!spin_is_locked(&(d)->event_lock))

static bool port_is_valid_locked(const struct domain *d, evtchn_port_t port)
{
    return port < d->evtchn->valid;
}

static struct evtchn *port_to_evtchn_locked(const struct domain *d,
                                            evtchn_port_t port)
{
    return &d->evtchn->buckets[port / EVTCHNS_PER_BUCKET]
                              [port % EVTCHNS_PER_BUCKET];
}

static struct vcpu *domain_vcpu(const struct domain *d, uint32_t vcpu_id)
{
    return vcpu_id < d->max_vcpus ? d->vcpus[vcpu_id] : NULL;
}

static int add_bucket_locked(struct domain *d)
{
    struct evtchn_table *t = d->evtchn;
    struct evtchn *bucket;

    ASSERT_EVENT_LOCKED(d);
    if ( t->valid >= EVTCHN_2L_NR_PORTS )
        return -ENOSPC;
    bucket = xzalloc(EVTCHNS_PER_BUCKET * sizeof(*bucket));
    if ( !bucket )
        return -ENOMEM;
    t->buckets[t->valid / EVTCHNS_PER_BUCKET] = bucket;
    t->valid += EVTCHNS_PER_BUCKET;
    return 0;
}

/* The lowest free port, growing the table by a bucket when needed. */
static int get_free_port_locked(struct domain *d, evtchn_port_t *port)
{
    evtchn_port_t p;
    int rc;

    ASSERT_EVENT_LOCKED(d);
    for ( p = 0; p < d->evtchn->valid; p++ )
        if ( port_to_evtchn_locked(d, p)->state == ECS_FREE )
        {
            *port = p;
            return 0;
        }
    rc = add_bucket_locked(d);
    if ( rc == 0 )
        *port = p;
    return rc;
}

int evtchn_domain_init(struct domain *d)
{
    uint64_t flags;
    int rc;

    d->evtchn = xzalloc(sizeof(*d->evtchn));
    if ( !d->evtchn )
        return -ENOMEM;
    spin_lock_init(&d->event_lock);
    flags = spin_lock_irqsave(&d->event_lock);
    rc = add_bucket_locked(d);
    if ( rc == 0 )
        port_to_evtchn_locked(d, 0)->state = ECS_RESERVED;
    spin_unlock_irqrestore(&d->event_lock, flags);
    if ( rc )
    {
        xfree(d->evtchn);
        d->evtchn = NULL;
    }
    return rc;
}

void evtchn_domain_destroy(struct domain *d)
{
    unsigned int i;

    if ( !d->evtchn )
        return;
    for ( i = 0; i < EVTCHN_NR_BUCKETS; i++ )
        xfree(d->evtchn->buckets[i]);
    xfree(d->evtchn);
    d->evtchn = NULL;
}

/* Xen's order: the bits, the vCPU's upcall, then pollers. */
void evtchn_set_pending_locked(struct domain *d, evtchn_port_t port)
{
    const struct evtchn *chn = port_to_evtchn_locked(d, port);
    struct vcpu *v = d->vcpus[chn->notify_vcpu_id];
    unsigned int r;

    ASSERT_EVENT_LOCKED(d);
    r = evtchn_2l_set_pending(d->shared_info, v->vcpu_info, port);
    if ( r & EVTCHN_2L_NOTIFY )
        vcpu_mark_events_pending(v);
    if ( r & EVTCHN_2L_NEWLY_PENDING )
        sched_wake_pollers(d, port);
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
    int rc = get_free_port_locked(d, port);

    if ( rc )
        return rc;
    chn = port_to_evtchn_locked(d, *port);
    chn->state = state;
    chn->notify_vcpu_id = vcpu_id;
    return 0;
}

int evtchn_alloc_unbound(struct domain *d, domid_t remote_dom,
                         evtchn_port_t *port)
{
    uint64_t flags = spin_lock_irqsave(&d->event_lock);
    int rc = bind_new_port_locked(d, ECS_UNBOUND, 0, port);

    if ( rc == 0 )
        port_to_evtchn_locked(d, *port)->u.remote_domid = remote_dom;
    spin_unlock_irqrestore(&d->event_lock, flags);
    return rc;
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
        port_to_evtchn_locked(d, *port)->u.virq = virq;
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

/* Xen 4.17 allocates the local port first: -ENOSPC wins over -EINVAL. */
int evtchn_bind_loopback(struct domain *d, evtchn_port_t remote,
                         evtchn_port_t *port)
{
    uint64_t flags = spin_lock_irqsave(&d->event_lock);
    struct evtchn *lchn, *rchn;
    int rc = get_free_port_locked(d, port);

    if ( rc )
        goto out;
    rchn = port_is_valid_locked(d, remote) ?
           port_to_evtchn_locked(d, remote) : NULL;
    if ( !rchn || rchn->state != ECS_UNBOUND ||
         rchn->u.remote_domid != d->domain_id )
    {
        rc = -EINVAL;
        goto out;
    }
    lchn = port_to_evtchn_locked(d, *port);
    lchn->state = ECS_INTERDOMAIN;
    lchn->u.interdomain.dom = d;
    lchn->u.interdomain.port = remote;
    rchn->state = ECS_INTERDOMAIN;
    rchn->u.interdomain.dom = d;
    rchn->u.interdomain.port = *port;
    /* Notifications sent to the unbound end may be lost: raise one (Xen). */
    evtchn_set_pending_locked(d, *port);
 out:
    spin_unlock_irqrestore(&d->event_lock, flags);
    return rc;
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

/* The other end of a closed interdomain port waits for a new peer. */
static void disconnect_locked(struct domain *d, const struct evtchn *chn)
{
    struct evtchn *peer = port_to_evtchn_locked(chn->u.interdomain.dom,
                                                chn->u.interdomain.port);

    peer->state = ECS_UNBOUND;
    peer->u.remote_domid = d->domain_id;
}

static int close_locked(struct domain *d, evtchn_port_t port)
{
    struct evtchn *chn;

    if ( !port_is_valid_locked(d, port) )
        return -EINVAL;
    chn = port_to_evtchn_locked(d, port);
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
    /* A re-bound port must not inherit a stale event (Xen's evtchn_free). */
    evtchn_2l_clear_pending(d->shared_info, port);
    chn->state = ECS_FREE;
    chn->notify_vcpu_id = 0;
    return 0;
}

int evtchn_close(struct domain *d, evtchn_port_t port)
{
    uint64_t flags = spin_lock_irqsave(&d->event_lock);
    int rc = close_locked(d, port);

    spin_unlock_irqrestore(&d->event_lock, flags);
    return rc;
}

int evtchn_send(struct domain *d, evtchn_port_t port)
{
    uint64_t flags = spin_lock_irqsave(&d->event_lock);
    const struct evtchn *chn;
    int rc = 0;

    if ( !port_is_valid_locked(d, port) )
    {
        rc = -EINVAL;
        goto out;
    }
    chn = port_to_evtchn_locked(d, port);
    switch ( chn->state )
    {
    case ECS_INTERDOMAIN:
        evtchn_set_pending_locked(chn->u.interdomain.dom,
                                  chn->u.interdomain.port);
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

    if ( port_is_valid_locked(d, status->port) )
        fill_status_locked(port_to_evtchn_locked(d, status->port), status);
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
    chn = port_is_valid_locked(d, port) ? port_to_evtchn_locked(d, port)
                                        : NULL;
    if ( chn && (chn->state == ECS_UNBOUND ||
                 chn->state == ECS_INTERDOMAIN ||
                 (chn->state == ECS_VIRQ && virq_is_global(chn->u.virq))) )
        chn->notify_vcpu_id = vcpu_id;
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

    if ( !port_is_valid_locked(d, port) )
        rc = -EINVAL;
    else
    {
        v = d->vcpus[port_to_evtchn_locked(d, port)->notify_vcpu_id];
        if ( evtchn_2l_unmask(d->shared_info, v->vcpu_info, port) )
            vcpu_mark_events_pending(v);
    }
    spin_unlock_irqrestore(&d->event_lock, flags);
    return rc;
}

int evtchn_set_priority(struct domain *d, evtchn_port_t port)
{
    uint64_t flags = spin_lock_irqsave(&d->event_lock);
    int rc = port_is_valid_locked(d, port) ? -ENOSYS : -EINVAL;

    spin_unlock_irqrestore(&d->event_lock, flags);
    return rc;
}

int evtchn_reset(struct domain *d)
{
    uint64_t flags = spin_lock_irqsave(&d->event_lock);
    evtchn_port_t port;

    for ( port = 1; port_is_valid_locked(d, port); port++ )
        (void)close_locked(d, port);    /* -EINVAL: already free. */
    spin_unlock_irqrestore(&d->event_lock, flags);
    return 0;
}

bool evtchn_port_is_pending(const struct domain *d, evtchn_port_t port)
{
    return port < EVTCHN_2L_NR_PORTS &&
           evtchn_2l_is_pending(d->shared_info, port);
}
