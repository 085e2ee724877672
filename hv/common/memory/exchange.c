/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * XENMEM_exchange: trade frames of a domain for as many new ones in
 * extents of another order or below an address limit (contract in
 * xenolith/memory_op.h). Linux's xen_create_contiguous_region() uses it
 * for DMA buffers: order-0 frames in, one order-N extent below 2^32 out.
 *
 * Semantics are Xen 4.17's memory_exchange() (xen/common/memory.c) and
 * steal_page() (xen/arch/x86/mm.c). The work goes in chunks of the larger
 * order: a chunk steals its input frames (each must be the domain's, with
 * no reference but its allocation's: not mapped, not typed, not the
 * hypervisor's), allocates its output extents, and only then commits:
 * the input frames are freed and the output ones given to the domain, the
 * M2P updated for both, and each output extent's first MFN written over
 * its entry of the output list (which held the pseudo-physical frame for
 * it). A chunk that fails before committing gives everything back;
 * nr_exchanged, written back to the guest, counts input extents of the
 * chunks committed, as in Xen (a chunk whose output list cannot be read
 * or written commits but is not counted).
 *
 * No continuations (TODO(#3)): the whole request runs in one call, so it
 * is bounded instead: a request for more frames than the domain owns is
 * refused (XEN-DIFFERENCES.md); it could only succeed by trading the same
 * memory over and over.
 */
#include <asm/m2p.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/guest_access.h>
#include <xenolith/memory_op.h>
#include <xenolith/mm.h>
#include <xenolith/page_ref.h>

#define XEN_MAX_NUMNODES 64    /* Xen 4.17 x86: MAX_NUMNODES */
#define NUMA_NO_NODE     0xff
#define NO_ADDRESS_LIMIT (64 + PAGE_SHIFT)

struct exchange {
    struct xen_memory_exchange x;      /* As read from the guest. */
    struct domain *d;
    unsigned int in_chunk_order;       /* Input extents per chunk: 2^this. */
    unsigned int out_chunk_order;      /* Output extents per chunk. */
    uint64_t mfn_limit;                /* Output frames lie below this. */
    bool no_memory;                    /* Exact request for a node we lack. */
    struct page_info **in;             /* The chunk's stolen frames. */
    struct page_info **out;            /* The chunk's new extents. */
    unsigned long nr_in, nr_out;       /* How many of each so far. */
};

/*
 * Xen 4.17's guest_handle_subrange_okay() for entries [first, last] of a
 * xen_pfn_t list: the count must not overflow, and the first entry must be
 * guest memory (array_access_ok() looks no further).
 */
static bool subrange_ok(uint64_t list, uint64_t first, uint64_t last)
{
    return last - first + 1 < ~0UL / sizeof(xen_pfn_t) &&
           guest_range_ok(list + first * sizeof(xen_pfn_t), 1);
}

/* Xen's propagate_node() for the output flags: false for -EINVAL. */
static bool decode_node(struct exchange *e)
{
    unsigned int flags = e->x.out.mem_flags;
    unsigned int node = XENMEMF_get_node(flags);
    bool exact = flags & XENMEMF_exact_node_request;

    if ( node == NUMA_NO_NODE )
        return true;
    if ( !current->domain->is_privileged )
        return !exact;
    if ( node >= XEN_MAX_NUMNODES )
        return false;
    e->no_memory = exact && node != 0;  /* One node (0) here. */
    return true;
}

/* Xen's first checks: orders, progress, domains, sizes. */
static int decode_sizes(const struct exchange *e)
{
    const struct xen_memory_exchange *x = &e->x;

    if ( MAX(x->in.extent_order, x->out.extent_order) >
         memop_max_order(current->domain) )
        return -EPERM;
    if ( x->nr_exchanged > x->in.nr_extents || x->in.domid != x->out.domid ||
         (~0UL >> x->in.extent_order) < x->in.nr_extents ||
         (~0UL >> x->out.extent_order) < x->out.nr_extents ||
         (x->in.nr_extents << x->in.extent_order) !=
             (x->out.nr_extents << x->out.extent_order) )
        return -EINVAL;
    return 0;
}

/* Then, with work left to do: the lists, the chunk orders, the node. */
static int decode_lists(struct exchange *e)
{
    const struct xen_memory_exchange *x = &e->x;
    uint64_t in_list = (uint64_t)(unsigned long)x->in.extent_start.p;
    uint64_t out_list = (uint64_t)(unsigned long)x->out.extent_start.p;
    uint64_t out_first;

    if ( !subrange_ok(in_list, x->nr_exchanged, x->in.nr_extents - 1) )
        return -EFAULT;
    if ( x->in.extent_order <= x->out.extent_order )
    {
        e->in_chunk_order = x->out.extent_order - x->in.extent_order;
        out_first = x->nr_exchanged >> e->in_chunk_order;
    }
    else
    {
        e->out_chunk_order = x->in.extent_order - x->out.extent_order;
        out_first = x->nr_exchanged << e->out_chunk_order;
    }
    if ( !subrange_ok(out_list, out_first, x->out.nr_extents - 1) )
        return -EFAULT;
    return decode_node(e) ? 0 : -EINVAL;
}

/* The domain, permission and limits: Xen's checks after the sizes. */
static int decode_target(struct exchange *e)
{
    const struct xen_memory_exchange *x = &e->x;
    unsigned int bits = XENMEMF_get_address_bits(x->out.mem_flags);

    e->d = memop_domain(x->in.domid);
    if ( !e->d )
        return -ESRCH;
    if ( !memop_may_target(e->d) )
        return -EPERM;
    /* A dying domain gets no frames (domain_assign_pages() can't say no). */
    if ( e->d->is_dying != DOMAIN_ALIVE )
        return -EINVAL;
    if ( !bits )
        bits = NO_ADDRESS_LIMIT;
    /* Xen 4.17 allocates from zones below 2^bits; none below 2^13. */
    e->mfn_limit = bits >= NO_ADDRESS_LIMIT ? ~0ULL
                   : bits <= PAGE_SHIFT + 1 ? 0
                   : 1ULL << (bits - PAGE_SHIFT);
    /* Differs from Xen: the bound that stands in for preemption. */
    if ( (x->in.nr_extents - x->nr_exchanged) << x->in.extent_order >
         e->d->tot_pages )
        return -EINVAL;
    return 0;
}

/*
 * Xen's steal_page(): take frame mfn from d if nothing but its allocation
 * holds it. The allocation's reference becomes the exchange's (dropped on
 * commit, turned back into the allocation's on rollback). Returns 0 or
 * -EINVAL.
 */
static int steal_frame(struct exchange *e, uint64_t mfn)
{
    struct page_info *pg;
    uint64_t x;

    if ( !mfn_valid(_mfn(mfn)) )
        return -EINVAL;
    pg = mfn_to_page(_mfn(mfn));
    if ( !get_page(pg, e->d) )
        return -EINVAL;
    x = __atomic_load_n(&pg->count_info, __ATOMIC_RELAXED);
    do {
        /* Ours and the allocation's, and no type: not mapped or used. */
        if ( (x & PGC_XEN_HEAP) ||
             (x & (PGC_COUNT_MASK | PGC_ALLOCATED)) != (PGC_ALLOCATED | 2) ||
             (__atomic_load_n(&pg->type_info, __ATOMIC_RELAXED) &
              PGT_COUNT_MASK) )
        {
            put_page(pg);
            return -EINVAL;
        }
    } while ( !__atomic_compare_exchange_n(&pg->count_info, &x,
                                           x & ~PGC_ALLOCATED, false,
                                           __ATOMIC_ACQ_REL,
                                           __ATOMIC_RELAXED) );
    put_page(pg);                       /* Ours; the exchange's one stays. */
    e->in[e->nr_in++] = pg;
    return 0;
}

/* Steal the input extents of chunk i. Returns 0, -EFAULT or -EINVAL. */
static int steal_chunk(struct exchange *e, unsigned long i)
{
    uint64_t list = (uint64_t)(unsigned long)e->x.in.extent_start.p;
    unsigned long j, k;
    xen_pfn_t gmfn;
    int rc;

    for ( j = 0; j < (1UL << e->in_chunk_order); j++ )
    {
        if ( copy_from_guest(&gmfn, list + ((i << e->in_chunk_order) + j) *
                                               sizeof(gmfn), sizeof(gmfn)) )
            return -EFAULT;
        /* A PV domain names machine frames. */
        for ( k = 0; k < (1UL << e->x.in.extent_order); k++ )
            if ( (rc = steal_frame(e, gmfn + k)) )
                return rc;
    }
    return 0;
}

/* Allocate the output extents of a chunk. Returns 0 or -ENOMEM. */
static int alloc_chunk(struct exchange *e)
{
    unsigned int order = e->x.out.extent_order;

    while ( e->nr_out < (1UL << e->out_chunk_order) )
    {
        struct page_info *pg = e->no_memory ? NULL : buddy_alloc(order);

        /* Differs from Xen: no allocation by address (XEN-DIFFERENCES.md). */
        if ( pg && mfn_x(page_to_mfn(pg)) + (1ULL << order) > e->mfn_limit )
        {
            buddy_free(pg, order);
            pg = NULL;
        }
        if ( !pg )
            return -ENOMEM;
        e->out[e->nr_out++] = pg;
    }
    return 0;
}

/* A chunk that failed before committing: everything back as it was. */
static void rollback_chunk(struct exchange *e)
{
    while ( e->nr_in )
        __atomic_fetch_or(&e->in[--e->nr_in]->count_info, PGC_ALLOCATED,
                          __ATOMIC_ACQ_REL);
    while ( e->nr_out )
        buddy_free(e->out[--e->nr_out], e->x.out.extent_order);
}

/*
 * Commit chunk i: free the input frames, give the output extents to the
 * domain, record their frames. Cannot fail; returns -EFAULT if the output
 * list could not be read or written (the chunk is done all the same).
 */
static int commit_chunk(struct exchange *e, unsigned long i)
{
    uint64_t list = (uint64_t)(unsigned long)e->x.out.extent_start.p;
    unsigned int order = e->x.out.extent_order;
    unsigned long j, k;
    int rc = 0;

    while ( e->nr_in )
    {
        struct page_info *pg = e->in[--e->nr_in];

        m2p_set(page_to_mfn(pg), M2P_INVALID);
        put_page(pg);                   /* The last reference: freed. */
    }
    for ( j = 0; j < e->nr_out; j++ )
    {
        uint64_t entry = list + ((i << e->out_chunk_order) + j) *
                                    sizeof(xen_pfn_t);
        xen_pfn_t gpfn, mfn = mfn_x(page_to_mfn(e->out[j]));

        domain_assign_pages(e->d, e->out[j], order);
        if ( copy_from_guest(&gpfn, entry, sizeof(gpfn)) )
        {
            rc = -EFAULT;
            continue;
        }
        for ( k = 0; k < (1UL << order); k++ )
            m2p_set(_mfn(mfn + k), gpfn + k);
        if ( copy_to_guest(entry, &mfn, sizeof(mfn)) )
            rc = -EFAULT;
    }
    e->nr_out = 0;
    return rc;
}

/* Run the chunks; returns 0 or the error of the chunk it stopped at. */
static int exchange_chunks(struct exchange *e, unsigned long *chunk)
{
    unsigned long last = e->x.in.nr_extents >> e->in_chunk_order;
    int rc = 0;

    for ( *chunk = e->x.nr_exchanged >> e->in_chunk_order;
          rc == 0 && *chunk < last; ++*chunk )
    {
        rc = steal_chunk(e, *chunk);
        if ( rc == 0 )
            rc = alloc_chunk(e);
        if ( rc )
        {
            rollback_chunk(e);
            break;
        }
        rc = commit_chunk(e, *chunk);
        if ( rc )
            break;
    }
    return rc;
}

static int alloc_chunk_arrays(struct exchange *e)
{
    unsigned long in_frames = 1UL << (e->in_chunk_order +
                                      e->x.in.extent_order);

    e->in = xmalloc(in_frames * sizeof(*e->in));
    e->out = xmalloc((1UL << e->out_chunk_order) * sizeof(*e->out));
    return e->in && e->out ? 0 : -ENOMEM;
}

/* nr_exchanged back to the guest; -EFAULT if it cannot be written. */
static long write_progress(uint64_t arg, xen_ulong_t nr_exchanged, long rc)
{
    if ( copy_to_guest(arg + offsetof(struct xen_memory_exchange,
                                      nr_exchanged),
                       &nr_exchanged, sizeof(nr_exchanged)) )
        return -EFAULT;
    return rc;
}

long memop_exchange(uint64_t arg)
{
    struct exchange e = { 0 };
    unsigned long chunk;
    long rc;

    if ( copy_from_guest(&e.x, arg, sizeof(e.x)) )
        return -EFAULT;
    rc = decode_sizes(&e);
    if ( rc == 0 && e.x.nr_exchanged == e.x.in.nr_extents )
        return 0;                       /* Xen: nothing written back. */
    if ( rc == 0 )
        rc = decode_lists(&e);
    if ( rc == 0 )
        rc = decode_target(&e);
    if ( rc == 0 )
        rc = alloc_chunk_arrays(&e);
    if ( rc == 0 )
    {
        rc = exchange_chunks(&e, &chunk);
        e.x.nr_exchanged = rc ? chunk << e.in_chunk_order : e.x.in.nr_extents;
    }
    xfree(e.in);
    xfree(e.out);
    if ( e.d )
        domain_put(e.d);
    return write_progress(arg, e.x.nr_exchanged, rc);
}
