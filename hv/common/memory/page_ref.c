/* SPDX-License-Identifier: GPL-2.0-only */
/* Frame reference counting (contract in xenolith/page_ref.h). */
#include <xenolith/domain.h>
#include <xenolith/page_ref.h>
#include <xenolith/panic.h>

bool get_page(struct page_info *pg, const struct domain *d)
{
    uint64_t x = __atomic_load_n(&pg->count_info, __ATOMIC_RELAXED);

    do {
        /*
         * A domain frame with no reference left is on its way back to the
         * allocator (domain_page_release()): never bring it back. Only a
         * hypervisor page shared with the domain (shared_info) is owned
         * without holding an allocation reference.
         */
        if ( page_state(pg) != PGC_STATE_INUSE || pg->owner != d ||
             (x & PGC_COUNT_MASK) == PGC_COUNT_MASK ||
             ((x & PGC_COUNT_MASK) == 0 && !(x & PGC_XEN_HEAP)) )
            return false;
    } while ( !__atomic_compare_exchange_n(&pg->count_info, &x, x + 1, false,
                                           __ATOMIC_ACQUIRE,
                                           __ATOMIC_RELAXED) );
    return true;
}

void put_page(struct page_info *pg)
{
    uint64_t old = __atomic_fetch_sub(&pg->count_info, 1, __ATOMIC_RELEASE);

    /* An underflow means a reference was dropped twice: our bug. */
    BUG_ON((old & PGC_COUNT_MASK) == 0);
    /* The last reference of a domain frame given back: free it now. */
    if ( (old & (PGC_COUNT_MASK | PGC_ALLOCATED | PGC_XEN_HEAP)) == 1 &&
         pg->owner )
        domain_page_release(pg);
}

bool get_page_type(struct page_info *pg, uint64_t type)
{
    uint64_t x = __atomic_load_n(&pg->type_info, __ATOMIC_RELAXED), nx;

    do {
        if ( (x & PGT_COUNT_MASK) == 0 )
            nx = type | 1;                        /* Free to (re)type. */
        else if ( (x & PGT_TYPE_MASK) != type ||
                  (x & PGT_COUNT_MASK) == PGT_COUNT_MASK )
            return false;
        else
            nx = x + 1;
    } while ( !__atomic_compare_exchange_n(&pg->type_info, &x, nx, false,
                                           __ATOMIC_ACQUIRE,
                                           __ATOMIC_RELAXED) );
    return true;
}

void put_page_type(struct page_info *pg)
{
    uint64_t old = __atomic_fetch_sub(&pg->type_info, 1, __ATOMIC_RELEASE);

    BUG_ON((old & PGT_COUNT_MASK) == 0);
}

struct page_info *get_page_and_type(mfn_t mfn, const struct domain *d,
                                    uint64_t type)
{
    struct page_info *pg;

    if ( !mfn_valid(mfn) )
        return NULL;
    pg = mfn_to_page(mfn);
    if ( !get_page(pg, d) )
        return NULL;
    if ( !get_page_type(pg, type) )
    {
        put_page(pg);
        return NULL;
    }
    return pg;
}
