/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The registry of domains and their references (contracts in
 * xenolith/domain.h). Xen 4.17 keeps domains on an RCU-protected list and
 * frees one when its reference count (d->refcnt, get_domain() and
 * put_domain() in xen/common/domain.c) falls to zero; the ids of the
 * createdomain rule are Xen's do_domctl() rover.
 *
 * The model: a domain is found by id only through the registry, and a
 * lookup hands out a reference. A domain is in the registry from
 * domain_publish() until its last reference goes, so an id is reused only
 * when nothing can reach the old domain any more: not a lookup in flight,
 * not a frame it owns (tot_pages > 0 holds a reference), not a mapping of
 * its shared_info page, not a global VIRQ handler slot. The count never
 * rises from zero: domain_get() refuses a domain being freed.
 *
 * Locking: domain_list_lock (IRQ-safe: lookups come from interrupt
 * handlers sending global VIRQs) protects the list; counts are atomic. The
 * last put takes the lock to unlink before it frees.
 */
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/panic.h>
#include <xenolith/spinlock.h>

/* Every published domain, by increasing id. */
static struct domain *domain_list;
static DEFINE_SPINLOCK(domain_list_lock);

bool domain_get(struct domain *d)
{
    unsigned int x = __atomic_load_n(&d->refcnt, __ATOMIC_RELAXED);

    do {
        if ( x == 0 )
            return false;
    } while ( !__atomic_compare_exchange_n(&d->refcnt, &x, x + 1, false,
                                           __ATOMIC_ACQUIRE,
                                           __ATOMIC_RELAXED) );
    return true;
}

void domain_get_alive(struct domain *d)
{
    unsigned int old = __atomic_fetch_add(&d->refcnt, 1, __ATOMIC_ACQUIRE);

    /* The caller promised a reference was held: anything else is our bug. */
    BUG_ON(old == 0);
}

static void domain_list_remove(struct domain *d)
{
    uint64_t flags = spin_lock_irqsave(&domain_list_lock);
    struct domain **p = &domain_list;

    while ( *p && *p != d )
        p = &(*p)->next_in_list;
    if ( *p )
        *p = d->next_in_list;
    spin_unlock_irqrestore(&domain_list_lock, flags);
}

void domain_put(struct domain *d)
{
    unsigned int old = __atomic_fetch_sub(&d->refcnt, 1, __ATOMIC_ACQ_REL);

    BUG_ON(old == 0);                 /* A reference dropped twice. */
    if ( old != 1 )
        return;
    domain_list_remove(d);
    domain_free(d);
}

int domain_publish(struct domain *d)
{
    uint64_t flags = spin_lock_irqsave(&domain_list_lock);
    struct domain **p = &domain_list;
    int rc = 0;

    while ( *p && (*p)->domain_id < d->domain_id )
        p = &(*p)->next_in_list;
    if ( *p && (*p)->domain_id == d->domain_id )
        rc = -EEXIST;
    else
    {
        d->next_in_list = *p;
        *p = d;
    }
    spin_unlock_irqrestore(&domain_list_lock, flags);
    return rc;
}

struct domain *domain_get_next(domid_t min)
{
    uint64_t flags = spin_lock_irqsave(&domain_list_lock);
    struct domain *d = domain_list;

    /* A domain whose last reference is going is skipped: it is gone. */
    while ( d && (d->domain_id < min || !domain_get(d)) )
        d = d->next_in_list;
    spin_unlock_irqrestore(&domain_list_lock, flags);
    return d;
}

struct domain *domain_get_by_id(domid_t id)
{
    struct domain *d = domain_get_next(id);

    if ( d && d->domain_id != id )
    {
        domain_put(d);
        d = NULL;
    }
    return d;
}

struct domain *domain_get_by_any_id(domid_t id)
{
    struct domain *curr = current->domain;

    if ( id != DOMID_SELF )
        return domain_get_by_id(id);
    domain_get_alive(curr);
    return curr;
}

static bool domid_in_use(domid_t id)
{
    struct domain *d = domain_get_by_id(id);

    if ( d )
        domain_put(d);
    return d != NULL;
}

long domid_choose(domid_t wanted)
{
    static domid_t rover;
    domid_t id = rover;
    unsigned int tries;

    if ( wanted > 0 && wanted < DOMID_FIRST_RESERVED )
        return domid_in_use(wanted) ? -EEXIST : wanted;
    /* Xen 4.17: from the last id chosen on, wrapping to 1; 0 is dom0's. */
    for ( tries = 0; tries + 1 < (unsigned int)DOMID_FIRST_RESERVED; tries++ )
    {
        id = id + 1U >= DOMID_FIRST_RESERVED ? 1 : id + 1;
        if ( !domid_in_use(id) )
        {
            rover = id;
            return id;
        }
    }
    return -ENOMEM;
}
