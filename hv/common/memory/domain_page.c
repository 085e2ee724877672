/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Frames owned by domains: allocation, the allocation reference, and the
 * final free (contracts in xenolith/domain.h).
 *
 * The model is Xen's (xen/common/page_alloc.c, assign_pages() and
 * free_domheap_pages(); xen/common/memory.c, guest_remove_page()): an
 * allocated frame has its domain as owner, sits on the domain's page_list,
 * is counted in tot_pages and holds one general reference for the
 * allocation (PGC_ALLOCATED). Giving a frame back (decrease_reservation)
 * only drops that reference: while the frame is still mapped, used as a
 * page table or a descriptor page, or otherwise referenced, it stays the
 * domain's, listed and counted. The put_page() that drops the last
 * reference calls domain_page_release(), which unlinks the frame and
 * returns it to the buddy allocator. So no frame is ever freed under a
 * mapping, and none is leaked once its users let go.
 *
 * Locking: d->page_alloc_lock (IRQ-safe) protects page_list and tot_pages
 * and is taken before heap_lock (buddy.c), never after.
 */
#include <asm/flush.h>
#include <xenolith/domain.h>
#include <xenolith/mm.h>
#include <xenolith/page_ref.h>
#include <xenolith/panic.h>
#include <xenolith/string.h>

bool page_owned_by(const struct page_info *pg, const struct domain *d)
{
    return pg->owner == d;
}

static void page_list_add_locked(struct domain *d, struct page_info *pg)
{
    pg->list.prev = NULL;
    pg->list.next = d->page_list;
    if ( d->page_list )
        d->page_list->list.prev = pg;
    d->page_list = pg;
}

static void page_list_del_locked(struct domain *d, struct page_info *pg)
{
    if ( pg->list.prev )
        pg->list.prev->list.next = pg->list.next;
    else
        d->page_list = pg->list.next;
    if ( pg->list.next )
        pg->list.next->list.prev = pg->list.prev;
    pg->list.next = pg->list.prev = NULL;
}

/*
 * A domain that owns frames holds a reference to itself (Xen's
 * assign_pages()), so it outlives every frame another domain still maps.
 */
static void assign_locked(struct domain *d, struct page_info *pg,
                          uint64_t nr)
{
    uint64_t i;

    if ( d->tot_pages == 0 )
        domain_get_alive(d);

    for ( i = 0; i < nr; i++ )
    {
        pg[i].owner = d;
        pg[i].count_info = PGC_STATE_INUSE | PGC_ALLOCATED | 1;
        pg[i].type_info = PGT_NONE;
        page_list_add_locked(d, &pg[i]);
    }
    d->tot_pages += nr;
}

/* A frame may have held another domain's or our own data: scrub it. */
static void scrub(struct page_info *pg, uint64_t nr)
{
    uint64_t i;

    for ( i = 0; i < nr; i++ )
        memset(maddr_to_virt(mfn_to_maddr(page_to_mfn(&pg[i]))), 0,
               PAGE_SIZE);
}

struct page_info *domain_alloc_pages(struct domain *d, unsigned int order)
{
    uint64_t nr = 1ULL << order, flags;
    struct page_info *pg = NULL;

    if ( order > MAX_ORDER )
        return NULL;
    flags = spin_lock_irqsave(&d->page_alloc_lock);
    /*
     * Xen's assign_pages(): never past max_pages, counting the whole
     * extent, and nothing for a dying domain, whose memory is being given
     * back (domain_kill() marks it under this lock).
     */
    if ( d->tot_pages + nr <= d->max_pages && d->is_dying == DOMAIN_ALIVE )
        pg = buddy_alloc(order);
    if ( pg )
        assign_locked(d, pg, nr);
    spin_unlock_irqrestore(&d->page_alloc_lock, flags);
    if ( pg )
        scrub(pg, nr);
    return pg;
}

void domain_assign_pages(struct domain *d, struct page_info *pg,
                         unsigned int order)
{
    uint64_t flags;

    scrub(pg, 1ULL << order);
    flags = spin_lock_irqsave(&d->page_alloc_lock);
    assign_locked(d, pg, 1ULL << order);
    spin_unlock_irqrestore(&d->page_alloc_lock, flags);
}

struct page_info *domain_alloc_page(struct domain *d)
{
    return domain_alloc_pages(d, 0);
}

bool domain_free_page(struct page_info *pg)
{
    uint64_t old = __atomic_fetch_and(&pg->count_info, ~PGC_ALLOCATED,
                                      __ATOMIC_ACQ_REL);

    if ( !(old & PGC_ALLOCATED) )
        return false;
    put_page(pg);
    return true;
}

void domain_page_release(struct page_info *pg)
{
    struct domain *d = pg->owner;
    uint64_t flags;
    bool last;

    /*
     * Every type reference comes with a general one, so a frame whose last
     * general reference went has no type references left: anything else
     * is a reference-counting bug in the hypervisor.
     */
    BUG_ON(pg->type_info & PGT_COUNT_MASK);
    BUG_ON(pg->count_info & (PGC_ALLOCATED | PGC_COUNT_MASK));
    flags = spin_lock_irqsave(&d->page_alloc_lock);
    page_list_del_locked(d, pg);
    last = --d->tot_pages == 0;
    spin_unlock_irqrestore(&d->page_alloc_lock, flags);
    pg->owner = NULL;
    pg->type_info = PGT_NONE;
    /*
     * No translation of the frame may outlive it: the guest's last mapping
     * is gone, but its TLB entry (perhaps a global one) may not be.
     */
    flush_tlb_local_all();
    buddy_free(pg, 0);
    /* The reference its frames held (assign_locked()); may free d. */
    if ( last )
        domain_put(d);
}
