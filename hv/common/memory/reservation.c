/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * XENMEM_increase_reservation, XENMEM_decrease_reservation and
 * XENMEM_populate_physmap: a domain's memory grows and shrinks by extents
 * of 2^order frames (contracts in xenolith/memory_op.h).
 *
 * Semantics are Xen 4.17's xen/common/memory.c (increase_reservation(),
 * decrease_reservation(), guest_remove_page(), populate_physmap(),
 * construct_memop_from_reservation()): an operation stops at the first
 * extent it cannot do and reports how many it did; a bad list or order
 * makes it do nothing, never return an error. Allocation honours
 * max_pages (domain_alloc_pages()); giving a frame back drops its
 * allocation reference and the frame is freed only when nothing maps or
 * uses it any more (domain_free_page()), which is what lets a guest give
 * back memory it has not unmapped yet, as Linux does with the holes of its
 * memory map.
 *
 * No preemption yet: each loop is bounded by the memory the domain owns or
 * the hypervisor has free, because every extent either changes ownership
 * of at least one frame or ends the operation.
 * TODO(#4): hypercall continuations; the M2P entry of each new frame.
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

unsigned int memop_max_order(const struct domain *caller)
{
    return caller->is_privileged ? MEMOP_MAX_ORDER_PRIVILEGED
                                 : MEMOP_MAX_ORDER_DOMU;
}

static unsigned int order_from_pages(uint64_t pages)
{
    unsigned int order = 0;

    while ( order < 63 && (1ULL << order) < pages )
        order++;
    return order;
}

/* Xen's propagate_node(): one node (0) here, so others have no memory. */
static int decode_node(uint32_t flags, struct memop_args *a)
{
    unsigned int node = XENMEMF_get_node(flags);
    bool exact = flags & XENMEMF_exact_node_request;

    if ( (flags & XENMEMF_vnode) || node == NUMA_NO_NODE )
        return 0;                    /* No virtual NUMA: nothing to honour. */
    if ( !current->domain->is_privileged )
        return exact ? -EINVAL : 0;
    if ( node >= XEN_MAX_NUMNODES )
        return -EINVAL;
    a->no_memory = exact && node != 0;
    return 0;
}

int memop_decode_reservation(const struct xen_memory_reservation *r,
                             struct memop_args *a)
{
    unsigned int bits = XENMEMF_get_address_bits(r->mem_flags);

    a->extent_list = (uint64_t)(unsigned long)r->extent_start.p;
    a->nr_extents = (unsigned int)r->nr_extents;
    a->extent_order = r->extent_order;
    a->mfn_limit = ~0ULL;
    a->no_memory = false;
    a->populate_on_demand = r->mem_flags & XENMEMF_populate_on_demand;
    if ( bits && bits < order_from_pages(max_page) + PAGE_SHIFT )
    {
        if ( bits <= PAGE_SHIFT )
            return -EINVAL;
        a->mfn_limit = 1ULL << (bits - PAGE_SHIFT);
    }
    return decode_node(r->mem_flags, a);
}

/*
 * May the list be used from entry nr_done on? Xen 4.17's
 * guest_handle_subrange_okay() looks only at where that entry is: a list
 * that runs into memory the guest may not use stops at the first entry
 * there, when it is copied.
 */
static bool list_ok(const struct memop_args *a)
{
    return guest_range_ok(a->extent_list +
                          (uint64_t)a->nr_done * sizeof(xen_pfn_t), 1);
}

static uint64_t list_entry(const struct memop_args *a, unsigned int i)
{
    return a->extent_list + (uint64_t)i * sizeof(xen_pfn_t);
}

/* Give back the frames of an extent we allocated but cannot hand out. */
static void drop_extent(struct page_info *pg, unsigned int order)
{
    uint64_t i;

    for ( i = 0; i < (1ULL << order); i++ )
        domain_free_page(&pg[i]);
}

/* One new extent for a, or NULL; below a->mfn_limit if it has one. */
static struct page_info *alloc_extent(const struct memop_args *a)
{
    struct page_info *pg;

    if ( a->no_memory )
        return NULL;
    pg = domain_alloc_pages(a->d, a->extent_order);
    if ( pg && mfn_x(page_to_mfn(pg)) + (1ULL << a->extent_order) >
                   a->mfn_limit )
    {
        /* Differs from Xen: no allocation by address; retry is the guest's. */
        drop_extent(pg, a->extent_order);
        pg = NULL;
    }
    return pg;
}

/*
 * Allocate extent i and, with a list, write its first MFN to entry i.
 * Sets *first_mfn (when not NULL) to that MFN.
 */
static bool give_extent(struct memop_args *a, unsigned int i,
                        xen_pfn_t *first_mfn)
{
    struct page_info *pg = alloc_extent(a);
    xen_pfn_t mfn;

    if ( !pg )
        return false;
    mfn = mfn_x(page_to_mfn(pg));
    if ( first_mfn )
        *first_mfn = mfn;
    if ( a->extent_list &&
         copy_to_guest(list_entry(a, i), &mfn, sizeof(mfn)) )
    {
        drop_extent(pg, a->extent_order);
        return false;
    }
    return true;
}

void memop_increase_reservation(struct memop_args *a)
{
    unsigned int i;

    if ( (a->extent_list && !list_ok(a)) ||
         a->extent_order > memop_max_order(current->domain) )
        return;
    for ( i = a->nr_done; i < a->nr_extents && give_extent(a, i, NULL); i++ )
        ;
    a->nr_done = i;
}

void memop_populate_physmap(struct memop_args *a)
{
    unsigned int i;
    xen_pfn_t gpfn;

    if ( !list_ok(a) || a->extent_order > memop_max_order(current->domain) )
        return;
    /* PoD is for translated guests; Xen refuses it on oneself too. */
    if ( a->populate_on_demand )
        return;
    for ( i = a->nr_done; i < a->nr_extents; i++ )
    {
        xen_pfn_t mfn;
        uint64_t j;

        if ( copy_from_guest(&gpfn, list_entry(a, i), sizeof(gpfn)) ||
             !give_extent(a, i, &mfn) )
            break;
        /* The new frames are these pseudo-physical frames (Xen does this). */
        for ( j = 0; j < (1ULL << a->extent_order); j++ )
            m2p_set(_mfn(mfn + j), gpfn + j);
    }
    a->nr_done = i;
}

/* Xen's guest_remove_page() for a PV domain: 0, -EINVAL or -ENXIO. */
static int remove_frame(struct domain *d, uint64_t mfn)
{
    struct page_info *pg;

    if ( !mfn_valid(_mfn(mfn)) )
        return -EINVAL;
    pg = mfn_to_page(_mfn(mfn));
    if ( !get_page(pg, d) )
        return -ENXIO;
    /* Our own reference keeps the frame until put_page() below. */
    m2p_set(_mfn(mfn), M2P_INVALID);
    domain_free_page(pg);
    put_page(pg);
    return 0;
}

static bool take_extent(struct memop_args *a, unsigned int i)
{
    xen_pfn_t first;
    uint64_t j;

    if ( copy_from_guest(&first, list_entry(a, i), sizeof(first)) )
        return false;
    for ( j = 0; j < (1ULL << a->extent_order); j++ )
        if ( remove_frame(a->d, first + j) )
            return false;
    return true;
}

void memop_decrease_reservation(struct memop_args *a)
{
    unsigned int i;

    if ( !list_ok(a) || a->extent_order > memop_max_order(current->domain) )
        return;
    for ( i = a->nr_done; i < a->nr_extents && take_extent(a, i); i++ )
        ;
    a->nr_done = i;
}
