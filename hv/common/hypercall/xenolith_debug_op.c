/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * HYPERVISOR_xenolith_debug_op: Xenolith's own debug hypercall (ABI in
 * portable/include/public/xenolith_debug.h). It only describes the calling
 * domain's own frames, so any domain may use it.
 */
#include <public/xenolith_debug.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/guest_access.h>
#include <xenolith/hypercall.h>
#include <xenolith/spinlock.h>

/* splitmix64's finaliser: a frame's counts to 64 well-mixed bits. */
static uint64_t mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

static void frame_digest(struct domain *d, struct xenolith_frame_digest *out)
{
    const uint64_t kept = PGT_TYPE_MASK | PGT_PINNED | PGT_COUNT_MASK;
    const struct page_info *pg;
    uint64_t flags = spin_lock_irqsave(&d->page_alloc_lock);

    *out = (struct xenolith_frame_digest){ 0 };
    for ( pg = d->page_list; pg; pg = pg->list.next )
    {
        uint64_t count = pg->count_info & PGC_COUNT_MASK;
        uint64_t type = pg->type_info;

        out->frames++;
        out->references += count;
        out->type_references += type & PGT_COUNT_MASK;
        out->typed_tables += (type & PGT_COUNT_MASK) &&
                             (type & PGT_TYPE_MASK) >= PGT_L1_PAGE_TABLE &&
                             (type & PGT_TYPE_MASK) <= PGT_L4_PAGE_TABLE;
        out->pinned += !!(type & PGT_PINNED);
        /*
         * A sum, so the list's order does not matter. A type without
         * references is no state (the next user may retype the frame).
         */
        out->digest += mix(mix(mfn_x(page_to_mfn(pg))) ^ mix(count) ^
                           mix(type & PGT_COUNT_MASK ? type & kept : 0));
    }
    spin_unlock_irqrestore(&d->page_alloc_lock, flags);
}

long do_xenolith_debug_op(unsigned long cmd, unsigned long arg,
                          unsigned long a3, unsigned long a4,
                          unsigned long a5)
{
    struct xenolith_frame_digest digest;

    switch ( cmd )
    {
    case XENOLITH_DEBUG_frame_digest:
        frame_digest(current->domain, &digest);
        return copy_to_guest(arg, &digest, sizeof(digest)) ? -EFAULT : 0;
    default:
        return -ENOSYS;
    }
}
