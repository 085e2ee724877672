/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor heap: xmalloc() and friends, and whole xen-heap pages, on
 * top of the buddy allocator, reached through the direct map.
 *
 * Small requests (up to HEAP_POOL_MAX bytes) are rounded up to a power of
 * two from 16 to 2048 bytes, a size class, and served from pool pages. A
 * pool page holds objects of one class only, so an object's size is known
 * from its page (page_info.heap_class) and every object is aligned to its
 * size. A pool page threads its free objects into its own list (the head is
 * page_info.heap_free, slot numbers + 1), counts the objects handed out
 * (page_info.heap_live), and sits on its class's list of pages with free
 * objects while it has any. When its last object is freed the page goes
 * back to the buddy allocator, as Xen's xmalloc (xen/common/xmalloc_tlsf.c)
 * gives back a region that becomes wholly free.
 *
 * Larger requests take a whole buddy block of 2^order pages; its first
 * page records the order, the other pages record nothing, so xfree() of a
 * pointer into them is refused. alloc_xenheap_page() pages carry their own
 * mark, so they and xmalloc() memory cannot be freed through each other.
 *
 * Every heap frame is PGC_STATE_INUSE | PGC_XEN_HEAP, which is what
 * frame_table_account() reports as xen_heap. A free object carries a poison
 * word tied to its address; xfree() of an object carrying it walks the
 * page's free list to tell a double free from data that merely looks so.
 *
 * Locking: xmalloc_lock protects the class lists and every pool page's
 * heap_free, heap_live and free objects; heap_lock (buddy.c) nests inside.
 * Misuse is found and reported with BUG() outside xmalloc_lock.
 */
#include <xenolith/console.h>
#include <xenolith/mm.h>
#include <xenolith/panic.h>
#include <xenolith/spinlock.h>
#include <xenolith/string.h>

#define HEAP_MIN_SHIFT   4                          /* 16 bytes */
#define HEAP_NR_CLASSES  8                          /* 16 .. 2048 bytes */
#define HEAP_POOL_MAX    (1UL << (HEAP_MIN_SHIFT + HEAP_NR_CLASSES - 1))

/* page_info.heap_class of a heap page: a kind, and a class or an order. */
#define HEAP_KIND_MASK   0xff00u
#define HEAP_KIND_POOL   0x0100u    /* Pool page; low bits: class index. */
#define HEAP_KIND_LARGE  0x0200u    /* First page of a block; low: order. */
#define HEAP_KIND_PAGE   0x0300u    /* From alloc_xenheap_page(). */

/* The first 16 bytes of a free object. */
struct heap_free_obj {
    uint64_t next_slot;             /* Next free slot + 1; 0 ends the list. */
    uint64_t poison;                /* HEAP_FREE_POISON ^ own address. */
};
#define HEAP_FREE_POISON 0xfee1f4eeb10c5eedULL

BUILD_BUG_ON(sizeof(struct heap_free_obj) > (1u << HEAP_MIN_SHIFT));
BUILD_BUG_ON(PAGE_SIZE >> HEAP_MIN_SHIFT > UINT16_MAX - 1);

static DEFINE_SPINLOCK(xmalloc_lock);
static struct page_info *pool_pages[HEAP_NR_CLASSES];  /* With free slots. */

#define ASSERT_XMALLOC_LOCKED() BUG_ON(!spin_is_locked(&xmalloc_lock))

static void *page_va(const struct page_info *pg)
{
    return maddr_to_virt(mfn_to_maddr(page_to_mfn(pg)));
}

static size_t class_size(unsigned int cls)
{
    return (size_t)1 << (cls + HEAP_MIN_SHIFT);
}

static unsigned int class_slots(unsigned int cls)
{
    return PAGE_SIZE >> (cls + HEAP_MIN_SHIFT);
}

/* The class of a small request, 0 <= size <= HEAP_POOL_MAX. */
static unsigned int size_class(size_t size)
{
    if ( size <= class_size(0) )
        return 0;
    return 64 - __builtin_clzll(size - 1) - HEAP_MIN_SHIFT;
}

/* The order of the block for a large request, size > HEAP_POOL_MAX. */
static unsigned int large_order(size_t size)
{
    uint64_t pages = (size - 1) / PAGE_SIZE + 1;     /* Cannot overflow. */

    return pages == 1 ? 0 : 64 - __builtin_clzll(pages - 1);
}

static void __noreturn heap_bug(const char *who, const void *p,
                                const char *why)
{
    printk(XENLOG_ERR "%s(%p): %s\n", who, p, why);
    BUG();
}

/* A block of 2^order frames, all marked as heap, the first one with kind. */
static struct page_info *heap_block_alloc(unsigned int order, uint32_t kind)
{
    struct page_info *pg = buddy_alloc(order);
    uint64_t i;

    if ( !pg )
        return NULL;
    /* Not yet visible to anyone: plain writes are enough. */
    for ( i = 0; i < (1ULL << order); i++ )
        pg[i].count_info = PGC_STATE_INUSE | PGC_XEN_HEAP;
    pg->heap_class = kind;
    return pg;
}

static void heap_block_free(struct page_info *pg, unsigned int order)
{
    pg->heap_class = 0;
    buddy_free(pg, order);          /* Rewrites every count_info. */
}

/*
 * The heap page holding the object at machine address ma, or BUG(). The
 * page's state is stable while the object is live, which the caller claims.
 */
static struct page_info *heap_page(paddr_t ma, const char *who, const void *p)
{
    mfn_t mfn = maddr_to_mfn(ma);
    uint64_t count_info;

    if ( !mfn_valid(mfn) )
        heap_bug(who, p, "not in RAM");
    count_info = mfn_to_page(mfn)->count_info;
    if ( (count_info & (PGC_STATE_MASK | PGC_XEN_HEAP)) !=
         (PGC_STATE_INUSE | PGC_XEN_HEAP) )
        heap_bug(who, p, "not in a heap page");
    return mfn_to_page(mfn);
}

static void pool_list_add(unsigned int cls, struct page_info *pg)
{
    pg->list.prev = NULL;
    pg->list.next = pool_pages[cls];
    if ( pool_pages[cls] )
        pool_pages[cls]->list.prev = pg;
    pool_pages[cls] = pg;
}

static void pool_list_del(unsigned int cls, struct page_info *pg)
{
    if ( pg->list.prev )
        pg->list.prev->list.next = pg->list.next;
    else
        pool_pages[cls] = pg->list.next;
    if ( pg->list.next )
        pg->list.next->list.prev = pg->list.prev;
    pg->list.next = pg->list.prev = NULL;
}

static struct heap_free_obj *slot_obj(const struct page_info *pg,
                                      unsigned int cls, unsigned int slot)
{
    return (struct heap_free_obj *)((char *)page_va(pg) +
                                    slot * class_size(cls));
}

static void slot_push(struct page_info *pg, unsigned int cls,
                      unsigned int slot)
{
    struct heap_free_obj *o = slot_obj(pg, cls, slot);

    o->next_slot = pg->heap_free;
    o->poison = HEAP_FREE_POISON ^ (uintptr_t)o;
    pg->heap_free = slot + 1;
}

static unsigned int slot_pop(struct page_info *pg, unsigned int cls)
{
    unsigned int slot = pg->heap_free - 1;
    struct heap_free_obj *o = slot_obj(pg, cls, slot);

    /* A free object written to after xfree() (use after free). */
    BUG_ON(o->poison != (HEAP_FREE_POISON ^ (uintptr_t)o) ||
           o->next_slot > class_slots(cls));
    pg->heap_free = o->next_slot;
    o->poison = 0;                  /* So xfree() rarely walks the list. */
    return slot;
}

/* Is slot on its page's free list? Bounded even if the list is corrupt. */
static bool slot_is_free_locked(const struct page_info *pg, unsigned int cls,
                                unsigned int slot)
{
    const struct heap_free_obj *o = slot_obj(pg, cls, slot);
    uint64_t s = pg->heap_free;
    unsigned int steps;

    ASSERT_XMALLOC_LOCKED();
    if ( o->poison != (HEAP_FREE_POISON ^ (uintptr_t)o) )
        return false;
    for ( steps = 0; s && s <= class_slots(cls) && steps < class_slots(cls);
          steps++, s = slot_obj(pg, cls, s - 1)->next_slot )
        if ( s - 1 == slot )
            return true;
    return false;
}

static struct page_info *pool_page_new_locked(unsigned int cls)
{
    struct page_info *pg = heap_block_alloc(0, HEAP_KIND_POOL | cls);
    unsigned int slot;

    ASSERT_XMALLOC_LOCKED();
    if ( !pg )
        return NULL;
    pg->heap_live = 0;
    pg->heap_free = 0;
    for ( slot = class_slots(cls); slot-- > 0; )
        slot_push(pg, cls, slot);   /* Slot 0 ends up first. */
    pool_list_add(cls, pg);
    return pg;
}

static void *pool_alloc(unsigned int cls)
{
    struct page_info *pg;
    void *obj = NULL;

    spin_lock(&xmalloc_lock);
    pg = pool_pages[cls] ? pool_pages[cls] : pool_page_new_locked(cls);
    if ( pg )
    {
        obj = slot_obj(pg, cls, slot_pop(pg, cls));
        pg->heap_live++;
        if ( !pg->heap_free )
            pool_list_del(cls, pg);     /* Full. */
    }
    spin_unlock(&xmalloc_lock);
    return obj;
}

/* Return a live slot; true if its page is now empty and off the lists. */
static bool pool_put_locked(struct page_info *pg, unsigned int cls,
                            unsigned int slot)
{
    bool was_full = !pg->heap_free;

    ASSERT_XMALLOC_LOCKED();
    BUG_ON(pg->heap_live == 0);         /* Counts and lists disagree. */
    slot_push(pg, cls, slot);
    if ( was_full )
        pool_list_add(cls, pg);
    if ( --pg->heap_live )
        return false;
    pool_list_del(cls, pg);
    return true;
}

static void pool_free(struct page_info *pg, paddr_t ma, void *p)
{
    unsigned int cls = pg->heap_class & ~HEAP_KIND_MASK;
    size_t offset = ma & ~PAGE_MASK;
    bool twice, empty = false;

    if ( cls >= HEAP_NR_CLASSES || offset % class_size(cls) )
        heap_bug("xfree", p, "not the start of an object");
    spin_lock(&xmalloc_lock);
    twice = slot_is_free_locked(pg, cls, offset / class_size(cls));
    if ( !twice )
        empty = pool_put_locked(pg, cls, offset / class_size(cls));
    spin_unlock(&xmalloc_lock);
    if ( twice )
        heap_bug("xfree", p, "already free");
    if ( empty )
        heap_block_free(pg, 0);
}

static void *large_alloc(size_t size)
{
    unsigned int order = large_order(size);
    struct page_info *pg;

    if ( order > MAX_ORDER )
        return NULL;
    pg = heap_block_alloc(order, HEAP_KIND_LARGE | order);
    return pg ? page_va(pg) : NULL;
}

static void large_free(struct page_info *pg, paddr_t ma, void *p)
{
    unsigned int order = pg->heap_class & ~HEAP_KIND_MASK;

    if ( (ma & ~PAGE_MASK) || order > MAX_ORDER )
        heap_bug("xfree", p, "not the start of an object");
    heap_block_free(pg, order);
}

void *xmalloc(size_t size)
{
    if ( size <= HEAP_POOL_MAX )
        return pool_alloc(size_class(size));
    return large_alloc(size);
}

void *xzalloc(size_t size)
{
    void *p = xmalloc(size);

    if ( p )
        memset(p, 0, size);
    return p;
}

void xfree(void *p)
{
    paddr_t ma;
    struct page_info *pg;

    if ( !p )
        return;
    ma = virt_to_maddr(p);
    pg = heap_page(ma, "xfree", p);
    switch ( pg->heap_class & HEAP_KIND_MASK )
    {
    case HEAP_KIND_POOL:
        pool_free(pg, ma, p);
        break;
    case HEAP_KIND_LARGE:
        large_free(pg, ma, p);
        break;
    default:
        heap_bug("xfree", p, "not from xmalloc()");
    }
}

void *alloc_xenheap_page(void)
{
    struct page_info *pg = heap_block_alloc(0, HEAP_KIND_PAGE);
    void *va;

    if ( !pg )
        return NULL;
    va = page_va(pg);
    memset(va, 0, PAGE_SIZE);
    return va;
}

void free_xenheap_page(void *va)
{
    paddr_t ma;
    struct page_info *pg;

    if ( !va )
        return;
    ma = virt_to_maddr(va);
    pg = heap_page(ma, "free_xenheap_page", va);
    if ( pg->heap_class != HEAP_KIND_PAGE || (ma & ~PAGE_MASK) )
        heap_bug("free_xenheap_page", va, "not from alloc_xenheap_page()");
    heap_block_free(pg, 0);
}
