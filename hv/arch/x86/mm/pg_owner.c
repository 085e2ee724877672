/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Resolving an MMU hypercall's foreign domain (contract in
 * asm/pg_owner.h), as Xen 4.17's get_pg_owner().
 *
 * Differs from Xen: a dying domain is refused (-ESRCH), where Xen accepts
 * it; a mapping or pin taken while domain_kill() gives its frames back
 * would hold a frame it has already passed, and a pinned one would never
 * be released (docs/XEN-DIFFERENCES.md).
 */
#include <asm/pg_owner.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>

/* DOMID_XEN and DOMID_IO where a domain is needed: nothing is its. */
static struct domain nobody = { .domain_id = DOMID_XEN };

struct domain *pg_owner_nobody(void)
{
    return &nobody;
}

int pg_owner_get(domid_t dom, struct domain **out)
{
    struct domain *curr = current->domain, *d;

    *out = NULL;
    if ( dom == DOMID_XEN || dom == DOMID_IO )
        return 0;
    if ( dom == curr->domain_id )
        return -ESRCH;               /* Xen: "Cannot specify itself". */
    d = domain_get_by_any_id(dom);
    if ( !d )
        return -ESRCH;
    if ( d->is_dying != DOMAIN_ALIVE )
    {
        domain_put(d);
        return -ESRCH;
    }
    *out = d;
    return 0;
}

void pg_owner_put(struct domain *d)
{
    if ( d )
        domain_put(d);
}
