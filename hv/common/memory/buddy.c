/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The buddy allocator: every free frame of RAM, in naturally aligned blocks
 * of 2^order frames, order 0 to MAX_ORDER (Knuth, TAOCP vol. 1, 2.5; Xen's
 * xen/common/page_alloc.c has the same shape).
 *
 * A free block is described in the frame table only: its first frame is
 * PGC_STATE_FREE | PGC_HEAD with page_info.order set and sits on the free
 * list of that order (page_info.list); its other frames are PGC_STATE_FREE
 * without PGC_HEAD. Allocating splits the smallest larger block, returning
 * upper halves to the lists; freeing merges a block with its buddy (the
 * block its address differs from in bit "order") while the buddy is a free
 * head of the same order, so two free buddies never coexist. The buddy's
 * entry is read only if mfn_valid() says its table page exists, so blocks
 * never merge across a hole in the table, and never across a frame that was
 * not given to the allocator, since that frame is not free.
 *
 * Nothing outside [0, max_page) is touched. A misuse by the hypervisor
 * (double free, adding a frame twice) is found before anything changes and
 * reported with BUG() after heap_lock is released.
 */
#include <xenolith/console.h>
#include <xenolith/mm.h>
#include <xenolith/panic.h>
#include <xenolith/spinlock.h>

/*
 * heap_lock protects these, and count_info, order and list of free frames.
 * The small helpers below without _locked run only inside _locked ones.
 */
static DEFINE_SPINLOCK(heap_lock);
static struct page_info *free_lists[MAX_ORDER + 1];
static uint64_t free_frames;

#define ASSERT_HEAP_LOCKED() BUG_ON(!spin_is_locked(&heap_lock))

static uint64_t order_frames(unsigned int order)
{
    return 1ULL << order;
}

static void free_list_add(struct page_info *pg, unsigned int order)
{
    struct page_info *first = free_lists[order];

    pg->count_info = PGC_STATE_FREE | PGC_HEAD;
    pg->order = order;
    pg->list.prev = NULL;
    pg->list.next = first;
    if ( first )
        first->list.prev = pg;
    free_lists[order] = pg;
}

/* Unlink a free head; it stays free, as a frame inside some other block. */
static void free_list_del(struct page_info *pg)
{
    struct page_list_entry *l = &pg->list;

    if ( l->prev )
        l->prev->list.next = l->next;
    else
        free_lists[pg->order] = l->next;
    if ( l->next )
        l->next->list.prev = l->prev;
    l->next = l->prev = NULL;
    pg->count_info = PGC_STATE_FREE;
    pg->order = 0;
}

/* Is mfn the head of a free block of exactly this order? */
static bool is_free_head(uint64_t mfn, unsigned int order)
{
    const struct page_info *pg;

    /* Checked first: the entry of an invalid frame may not be mapped. */
    if ( !mfn_valid(_mfn(mfn)) )
        return false;
    pg = mfn_to_page(_mfn(mfn));
    return pg->count_info == (PGC_STATE_FREE | PGC_HEAD) && pg->order == order;
}

static void set_frames_free(uint64_t mfn, uint64_t nr)
{
    for ( ; nr; nr--, mfn++ )
        mfn_to_page(_mfn(mfn))->count_info = PGC_STATE_FREE;
}

/*
 * Put the block [mfn, mfn + 2^order), whose frames are already free
 * non-heads, on the free lists, merged with its free buddies.
 */
static void free_block_locked(uint64_t mfn, unsigned int order)
{
    ASSERT_HEAP_LOCKED();
    free_frames += order_frames(order);
    while ( order < MAX_ORDER &&
            is_free_head(mfn ^ order_frames(order), order) )
    {
        free_list_del(mfn_to_page(_mfn(mfn ^ order_frames(order))));
        mfn &= ~order_frames(order);
        order++;
    }
    free_list_add(mfn_to_page(_mfn(mfn)), order);
}

/* Are all frames of [mfn, mfn + nr) valid and in state want or also? */
static bool frames_in_state(uint64_t mfn, uint64_t nr, uint64_t want,
                            uint64_t also)
{
    uint64_t state;

    for ( ; nr; nr--, mfn++ )
    {
        if ( !mfn_valid(_mfn(mfn)) )
            return false;
        state = page_state(mfn_to_page(_mfn(mfn)));
        if ( state != want && state != also )
            return false;
    }
    return true;
}

/* The largest order of an aligned block at mfn that fits in nr > 0 frames. */
static unsigned int fit_order(uint64_t mfn, uint64_t nr)
{
    unsigned int order = 63 - __builtin_clzll(nr);

    if ( mfn && (unsigned int)__builtin_ctzll(mfn) < order )
        order = __builtin_ctzll(mfn);
    return MIN(order, MAX_ORDER);
}

static void add_range_locked(uint64_t mfn, uint64_t nr)
{
    unsigned int order;

    while ( nr )
    {
        order = fit_order(mfn, nr);
        set_frames_free(mfn, order_frames(order));
        free_block_locked(mfn, order);
        mfn += order_frames(order);
        nr -= order_frames(order);
    }
}

void buddy_add_range(mfn_t first, uint64_t nr)
{
    uint64_t flags;
    bool ok;

    if ( nr == 0 )
        return;
    /* Beyond max_page mfn_valid() fails, so a wrapping range is refused. */
    flags = spin_lock_irqsave(&heap_lock);
    ok = frames_in_state(mfn_x(first), nr, PGC_STATE_RESERVED, PGC_STATE_BOOT);
    if ( ok )
        add_range_locked(mfn_x(first), nr);
    spin_unlock_irqrestore(&heap_lock, flags);
    if ( !ok )
    {
        printk(XENLOG_ERR "buddy: adding frames [%#lx, +%#lx): not all valid "
               "reserved or boot frames\n", mfn_x(first), nr);
        BUG();
    }
}

/* Take a free block of at least this order, splitting it down to order. */
static struct page_info *take_block_locked(unsigned int order)
{
    unsigned int k = order;
    struct page_info *pg;

    ASSERT_HEAP_LOCKED();
    while ( k <= MAX_ORDER && !free_lists[k] )
        k++;
    if ( k > MAX_ORDER )
        return NULL;
    pg = free_lists[k];
    free_list_del(pg);
    while ( k > order )
    {
        k--;
        free_list_add(pg + order_frames(k), k);   /* Upper half stays free. */
    }
    return pg;
}

static void set_frames_inuse(struct page_info *pg, uint64_t nr)
{
    for ( ; nr; nr--, pg++ )
    {
        BUG_ON(page_state(pg) != PGC_STATE_FREE);  /* A corrupt free list. */
        pg->count_info = PGC_STATE_INUSE;
        pg->type_info = 0;
        pg->owner = NULL;
        pg->order = 0;
        pg->heap_class = 0;
    }
}

struct page_info *buddy_alloc(unsigned int order)
{
    struct page_info *pg;
    uint64_t flags;

    if ( order > MAX_ORDER )
        return NULL;
    flags = spin_lock_irqsave(&heap_lock);
    pg = take_block_locked(order);
    if ( pg )
    {
        set_frames_inuse(pg, order_frames(order));
        free_frames -= order_frames(order);
    }
    spin_unlock_irqrestore(&heap_lock, flags);
    return pg;
}

/* Is pg an entry of the table, heading an aligned block inside max_page? */
static bool block_in_table(const struct page_info *pg, unsigned int order,
                           uint64_t *mfn)
{
    /* Integer arithmetic: pg may point anywhere. */
    uintptr_t offset = (uintptr_t)pg - (uintptr_t)frame_table;

    if ( order > MAX_ORDER || offset % sizeof(*pg) )
        return false;
    *mfn = offset / sizeof(*pg);
    return *mfn < max_page && order_frames(order) <= max_page - *mfn &&
           IS_ALIGNED(*mfn, order_frames(order));
}

static void __noreturn bad_free(const struct page_info *pg, unsigned int order,
                                const char *why)
{
    printk(XENLOG_ERR "buddy: freeing %p order %u: %s\n", pg, order, why);
    BUG();
}

void buddy_free(struct page_info *pg, unsigned int order)
{
    uint64_t mfn, flags;
    bool ok;

    if ( !block_in_table(pg, order, &mfn) )
        bad_free(pg, order, "not an aligned block of the frame table");
    flags = spin_lock_irqsave(&heap_lock);
    ok = frames_in_state(mfn, order_frames(order), PGC_STATE_INUSE,
                         PGC_STATE_INUSE);
    if ( ok )
    {
        set_frames_free(mfn, order_frames(order));
        free_block_locked(mfn, order);
    }
    spin_unlock_irqrestore(&heap_lock, flags);
    if ( !ok )
        bad_free(pg, order, "a frame is invalid or not in use (double free?)");
}

uint64_t buddy_free_frames(void)
{
    uint64_t flags = spin_lock_irqsave(&heap_lock);
    uint64_t nr = free_frames;

    spin_unlock_irqrestore(&heap_lock, flags);
    return nr;
}
