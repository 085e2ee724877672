/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The port table of a domain, private to hv/common/event/: the state of
 * each port and the locking rules the files here share (model:
 * xenolith/event.h).
 *
 * Locking:
 * - d->event_lock (IRQ-safe) protects d's table: every port's state,
 *   notify vCPU and binding, the bucket array and the dying flag.
 * - The two ends of an interdomain channel change state (bind, close)
 *   only with both domains' event_locks held, taken lower domid first
 *   (evtchn_lock_pair()). So either lock pins the pair: holding the
 *   sender's lock, EVTCHNOP_send may set the peer's pending bit (atomic)
 *   and read its notify vCPU (one atomic read; bind_vcpu may move it under
 *   the peer's lock alone, and either value is a valid vCPU), as Xen 4.17
 *   does under the sender's channel lock.
 * - A bucket lives until the table is freed, which happens only after
 *   every port was closed (evtchn_domain_destroy()), so a bound peer's
 *   bucket is always there.
 */
#ifndef HV_COMMON_EVENT_EVTCHN_TABLE_H
#define HV_COMMON_EVENT_EVTCHN_TABLE_H

#include <xenolith/domain.h>
#include <xenolith/event.h>
#include <xenolith/panic.h>
#include <xenolith/spinlock.h>

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
    uint16_t notify_vcpu_id;            /* Atomic reads outside the lock. */
    union {
        domid_t remote_domid;           /* ECS_UNBOUND: who may bind. */
        struct {
            struct domain *dom;         /* May be the port's own domain. */
            evtchn_port_t port;
        } interdomain;                  /* ECS_INTERDOMAIN */
        uint32_t virq;                  /* ECS_VIRQ */
    } u;
};

struct evtchn_table {
    unsigned int valid;                 /* Ports with a bucket: 64 * n. */
    unsigned int max_port;              /* Highest port ever handed out. */
    bool dying;                         /* No new port, no new peer. */
    struct evtchn *buckets[EVTCHN_NR_BUCKETS];
};

#define ASSERT_EVENT_LOCKED(d) BUG_ON(!spin_is_locked(&(d)->event_lock))

/* A port with a bucket (Xen's port_is_valid()); none once freed. */
static inline bool evtchn_port_valid_locked(const struct domain *d,
                                            evtchn_port_t port)
{
    return d->evtchn && port < d->evtchn->valid;
}

/* The port's structure; port is valid. */
static inline struct evtchn *evtchn_from_port_locked(const struct domain *d,
                                                     evtchn_port_t port)
{
    return &d->evtchn->buckets[port / EVTCHNS_PER_BUCKET]
                              [port % EVTCHNS_PER_BUCKET];
}

/*
 * Find the lowest free port of d, growing the table by a bucket when
 * needed (Xen 4.17's get_free_port()). Returns 0 and *port, -ENOSPC
 * (every port up to the domain's maximum in use), -ENOMEM, or -EINVAL
 * (d is dying, as Xen). The port stays ECS_FREE. Caller holds
 * d->event_lock.
 */
int __must_check evtchn_get_free_port_locked(struct domain *d,
                                             evtchn_port_t *port);

/*
 * Make port free again: pending bit cleared (a re-bound port must not
 * inherit a stale event), notify vCPU back to 0 (Xen's evtchn_free()).
 * Caller holds d->event_lock.
 */
void evtchn_free_port_locked(struct domain *d, evtchn_port_t port);

/*
 * Forget d as the handler of any global VIRQ (virq.c); dying domains.
 * Takes the handlers' lock; the caller holds no event_lock.
 */
void virq_forget_handler(struct domain *d);

/*
 * Take the event_locks of a and b (the same domain: one lock), lower
 * domid first, with interrupts off; release with evtchn_unlock_pair().
 */
static inline uint64_t evtchn_lock_pair(struct domain *a, struct domain *b)
{
    struct domain *first = a->domain_id <= b->domain_id ? a : b;
    struct domain *second = first == a ? b : a;
    uint64_t flags = spin_lock_irqsave(&first->event_lock);

    if ( second != first )
        spin_lock(&second->event_lock);
    return flags;
}

static inline void evtchn_unlock_pair(struct domain *a, struct domain *b,
                                      uint64_t flags)
{
    struct domain *first = a->domain_id <= b->domain_id ? a : b;
    struct domain *second = first == a ? b : a;

    if ( second != first )
        spin_unlock(&second->event_lock);
    spin_unlock_irqrestore(&first->event_lock, flags);
}

#endif /* HV_COMMON_EVENT_EVTCHN_TABLE_H */
