/* SPDX-License-Identifier: GPL-2.0-only */
/* Frame reference counting (contract in xenolith/page_ref.h). */
#include <xenolith/domain.h>
#include <xenolith/page_ref.h>
#include <xenolith/panic.h>
#include <xenolith/errno.h>
#include <asm/flush.h>
#include <asm/processor.h>

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
    /*
     * A hypervisor page shared with a domain (its shared_info) keeps the
     * domain while anything references it: the page is freed with the
     * domain. The caller's own reference to d makes this safe.
     */
    if ( (x & (PGC_COUNT_MASK | PGC_XEN_HEAP)) == PGC_XEN_HEAP && pg->owner )
        domain_get_alive(pg->owner);
    return true;
}

void put_page(struct page_info *pg)
{
    uint64_t old = __atomic_fetch_sub(&pg->count_info, 1, __ATOMIC_RELEASE);

    /* An underflow means a reference was dropped twice: our bug. */
    BUG_ON((old & PGC_COUNT_MASK) == 0);
    /* Not the last reference (the common case): nothing more to do. */
    if ( likely((old & PGC_COUNT_MASK) > 1) || !pg->owner )
        return;
    /* The last reference of a domain frame given back: free it now. */
    if ( (old & (PGC_COUNT_MASK | PGC_ALLOCATED | PGC_XEN_HEAP)) == 1 )
        domain_page_release(pg);
    /* The last of a shared hypervisor page: see get_page(). */
    else if ( (old & (PGC_COUNT_MASK | PGC_XEN_HEAP)) == (PGC_XEN_HEAP | 1) )
        domain_put(pg->owner);
}

/*
 * The type changes (count 0 -> 1 with another type, or a page table that
 * lost its validation): flush if the frame's last use may still be cached.
 */
/* Did this exchange give a frame with no type references a new type? */
static bool count_was_zero_change(uint64_t x, uint64_t nx)
{
    return (x & PGT_COUNT_MASK) == 0 &&
           (x & PGT_TYPE_MASK) != (nx & PGT_TYPE_MASK);
}

static void type_change_flush(const struct page_info *pg)
{
    if ( tlbflush_stale(pg->tlbflush_timestamp) )
        flush_tlb_local();
}

int get_page_type(struct page_info *pg, uint64_t type)
{
    uint64_t x = __atomic_load_n(&pg->type_info, __ATOMIC_ACQUIRE), nx;
    int rc;

    for ( ;; )
    {
        uint64_t count = x & PGT_COUNT_MASK;

        if ( count == PGT_COUNT_MASK )
            return -EINVAL;
        if ( count == 0 )
        {
            /*
             * Free to (re)type. A descriptor page keeps its validation
             * while it keeps its type: nobody could write it meanwhile.
             */
            if ( (x & (PGT_TYPE_MASK | PGT_VALIDATED)) ==
                 (type | PGT_VALIDATED) )
                nx = x + 1;
            else
                nx = type | 1 |
                     (page_type_needs_validation(type) ? 0 : PGT_VALIDATED);
        }
        else if ( (x & PGT_TYPE_MASK) != type )
            return -EINVAL;
        else if ( !(x & PGT_VALIDATED) )
        {
            /*
             * Another CPU is validating it (or undoing a validation):
             * wait for the outcome. The validating CPU never waits for
             * its own frame (validation only descends to lower levels and
             * a linear entry never waits), so this cannot deadlock.
             */
            while ( __atomic_load_n(&pg->type_info, __ATOMIC_ACQUIRE) == x )
                cpu_relax();
            x = __atomic_load_n(&pg->type_info, __ATOMIC_ACQUIRE);
            continue;
        }
        else
            nx = x + 1;
        if ( __atomic_compare_exchange_n(&pg->type_info, &x, nx, false,
                                         __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE) )
            break;
    }
    if ( count_was_zero_change(x, nx) )
        type_change_flush(pg);
    if ( nx & PGT_VALIDATED )
        return 0;
    /* We hold the only type reference, without PGT_VALIDATED: validate. */
    rc = page_type_validate(pg, type);
    if ( rc )
    {
        /* Nobody else could take a reference meanwhile: back to no type. */
        __atomic_store_n(&pg->type_info, 0, __ATOMIC_RELEASE);
        return rc;
    }
    __atomic_fetch_or(&pg->type_info, PGT_VALIDATED, __ATOMIC_RELEASE);
    return 0;
}

void put_page_type(struct page_info *pg)
{
    uint64_t x = __atomic_load_n(&pg->type_info, __ATOMIC_ACQUIRE), nx;

    for ( ;; )
    {
        /* An underflow means a reference was dropped twice: our bug. */
        BUG_ON((x & PGT_COUNT_MASK) == 0);
        nx = x - 1;
        if ( (nx & PGT_COUNT_MASK) == 0 )
        {
            pg->tlbflush_timestamp = tlbflush_current_time();
            if ( (x & PGT_VALIDATED) &&
                 page_type_needs_validation(x & PGT_TYPE_MASK) &&
                 (x & PGT_TYPE_MASK) != PGT_SEG_DESC_PAGE )
            {
                /*
                 * The last reference of a page table: clear PGT_VALIDATED
                 * while we still hold it (others now wait or fail), drop
                 * what its entries held, then let the count fall.
                 */
                if ( !__atomic_compare_exchange_n(&pg->type_info, &x,
                                                  x & ~PGT_VALIDATED, false,
                                                  __ATOMIC_ACQ_REL,
                                                  __ATOMIC_ACQUIRE) )
                    continue;
                page_type_invalidate(pg, x & PGT_TYPE_MASK);
                x &= ~PGT_VALIDATED;
                nx &= ~PGT_VALIDATED;
            }
        }
        if ( __atomic_compare_exchange_n(&pg->type_info, &x, nx, false,
                                         __ATOMIC_RELEASE, __ATOMIC_ACQUIRE) )
            return;
    }
}

int get_page_and_type(mfn_t mfn, const struct domain *d, uint64_t type,
                      struct page_info **out)
{
    struct page_info *pg;
    int rc;

    if ( !mfn_valid(mfn) )
        return -EINVAL;
    pg = mfn_to_page(mfn);
    if ( !get_page(pg, d) )
        return -EINVAL;
    rc = get_page_type(pg, type);
    if ( rc )
    {
        put_page(pg);
        return rc;
    }
    *out = pg;
    return 0;
}

void put_page_and_type(struct page_info *pg)
{
    put_page_type(pg);
    put_page(pg);
}
