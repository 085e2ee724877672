/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Domain references for host tests (xenolith/domain.h): counts only, with
 * no registry and no freeing, so tests of code that takes and drops
 * references see them balance (an underflow fails the test). Lookups by
 * id find the fake calling domain; tests with more domains override
 * domain_get_by_id() (fake_events.c).
 */
#include "harness.h"

#include <xenolith/domain.h>

bool domain_get(struct domain *d)
{
    d->refcnt++;
    return true;
}

void domain_get_alive(struct domain *d)
{
    d->refcnt++;
}

void domain_put(struct domain *d)
{
    if ( d->refcnt == 0 )
        harness_fail(__FILE__, __LINE__, "domain %u: reference dropped twice",
                     d->domain_id);
    d->refcnt--;
}

__attribute__((weak)) struct domain *domain_get_by_id(domid_t id)
{
    struct domain *d = current->domain;

    if ( id != d->domain_id )
        return NULL;
    d->refcnt++;
    return d;
}

struct domain *domain_get_by_any_id(domid_t id)
{
    return domain_get_by_id(id == DOMID_SELF ? current->domain->domain_id
                                             : id);
}
