/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests of hv/common/memory/heap.c (xmalloc, xzalloc, xfree, xen-heap
 * pages) on the real buddy allocator and frame table, over the harness's
 * 64 MiB of fake RAM: frames 0..15 reserved, one chunk a hole (its table
 * entries poisoned for AddressSanitizer), the rest free.
 *
 * Checked: alignment by size, contents kept and objects disjoint, zeroing,
 * every frame back in the buddy allocator once everything is freed (pool
 * pages too), NULL for impossible sizes and on exhaustion with recovery,
 * xfree() of anything that is not a live object BUG()s without changing
 * anything, and a long random run against a shadow model.
 */
#include <sanitizer/asan_interface.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#include <xenolith/frame_table.h>
#include <xenolith/mm.h>

#define NR_FRAMES   (HARNESS_RAM_SIZE >> PAGE_SHIFT)
#define HOLE        8192                /* One invalid chunk here. */
#define FIRST_FREE  16

static struct page_info *table;
static uint64_t bitmap[NR_FRAMES / FRAME_TABLE_VALID_CHUNK / 64];
static uint64_t start_free;             /* Free frames after setup. */

static uint64_t rng_state;

static uint64_t rng(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dULL;
}

static struct page_info *page_of(const void *p)
{
    return mfn_to_page(maddr_to_mfn(virt_to_maddr(p)));
}

/* Once: the table, its hole, and all RAM above FIRST_FREE to the buddy. */
static void setup(void)
{
    uint64_t m;

    if ( table )
        return;
    table = aligned_alloc(PAGE_SIZE, NR_FRAMES * sizeof(*table));
    memset(table, 0, NR_FRAMES * sizeof(*table));
    frame_table_setup(table, NR_FRAMES, bitmap);
    frame_table_mark_valid(_mfn(0), HOLE);
    frame_table_mark_valid(_mfn(HOLE + FRAME_TABLE_VALID_CHUNK),
                           NR_FRAMES - HOLE - FRAME_TABLE_VALID_CHUNK);
    for ( m = HOLE; m < HOLE + FRAME_TABLE_VALID_CHUNK; m++ )
    {
        memset(&table[m], 0xff, sizeof(table[m]));
        ASAN_POISON_MEMORY_REGION(&table[m], sizeof(table[m]));
    }
    buddy_add_range(_mfn(FIRST_FREE), HOLE - FIRST_FREE);
    buddy_add_range(_mfn(HOLE + FRAME_TABLE_VALID_CHUNK),
                    NR_FRAMES - HOLE - FRAME_TABLE_VALID_CHUNK);
    start_free = buddy_free_frames();
}

/* Nothing leaked: every frame is back and no frame is marked as heap. */
static void check_no_leak(void)
{
    struct frame_accounting acc;

    CHECK_EQ(buddy_free_frames(), start_free);
    frame_table_account(&acc);
    CHECK_EQ(acc.free, start_free);
    CHECK_EQ(acc.xen_heap, 0);
}

static uint64_t xen_heap_frames(void)
{
    struct frame_accounting acc;

    frame_table_account(&acc);
    return acc.xen_heap;
}

static bool is_pow2(size_t x)
{
    return x && !(x & (x - 1));
}

/* The alignment mm.h promises for a request of size bytes. */
static size_t promised_align(size_t size)
{
    if ( is_pow2(size) && size <= PAGE_SIZE )
        return size < 16 ? 16 : size;
    return 16;
}

static void fill(void *p, size_t size, unsigned int seed)
{
    size_t i;

    for ( i = 0; i < size; i++ )
        ((unsigned char *)p)[i] = (unsigned char)(seed + i * 131 + (i >> 8));
}

static bool intact(const void *p, size_t size, unsigned int seed)
{
    size_t i;

    for ( i = 0; i < size; i++ )
        if ( ((const unsigned char *)p)[i] !=
             (unsigned char)(seed + i * 131 + (i >> 8)) )
            return false;
    return true;
}

static bool in_ram(const void *p, size_t size)
{
    const unsigned char *c = p;

    return c >= harness_ram + (FIRST_FREE << PAGE_SHIFT) &&
           c + size <= harness_ram + HARNESS_RAM_SIZE;
}

struct size_case {
    size_t size;
    size_t align;                       /* At least this. */
    unsigned int frames;                /* Taken from the buddy allocator. */
};

static const struct size_case size_cases[] = {
    { 0, 16, 1 }, { 1, 16, 1 }, { 8, 16, 1 }, { 15, 16, 1 }, { 16, 16, 1 },
    { 17, 32, 1 }, { 24, 32, 1 }, { 31, 32, 1 }, { 32, 32, 1 },
    { 33, 64, 1 }, { 48, 64, 1 }, { 64, 64, 1 }, { 100, 128, 1 },
    { 128, 128, 1 }, { 255, 256, 1 }, { 256, 256, 1 }, { 257, 512, 1 },
    { 512, 512, 1 }, { 1000, 1024, 1 }, { 1024, 1024, 1 },
    { 1025, 2048, 1 }, { 2047, 2048, 1 }, { 2048, 2048, 1 },
    { 2049, 4096, 1 }, { 3000, 4096, 1 }, { 4095, 4096, 1 },
    { 4096, 4096, 1 }, { 4097, 4096, 2 }, { 8192, 4096, 2 },
    { 8193, 4096, 4 }, { 12288, 4096, 4 }, { 65536, 4096, 16 },
    { 100000, 4096, 32 }, { 1 << 20, 4096, 256 },
    { (4 << 20) + 1, 4096, 2048 },
};

TEST(every_size_is_aligned_usable_and_given_back)
{
    const struct size_case *c;
    void *p;

    setup();
    for ( c = size_cases; c < size_cases + ARRAY_SIZE(size_cases); c++ )
    {
        p = xmalloc(c->size);
        if ( !p || (uintptr_t)p % c->align ||
             (uintptr_t)p % promised_align(c->size) || !in_ram(p, c->size) )
        {
            harness_fail(__FILE__, __LINE__, "xmalloc(%zu) = %p", c->size, p);
            continue;
        }
        CHECK_EQ(start_free - buddy_free_frames(), c->frames);
        CHECK_EQ(xen_heap_frames(), c->frames);
        fill(p, c->size, c->size);
        CHECK(intact(p, c->size, c->size));
        xfree(p);
        check_no_leak();
    }
}

TEST(impossible_sizes_return_null)
{
    static const size_t sizes[] = {
        SIZE_MAX, SIZE_MAX - PAGE_SIZE + 1, SIZE_MAX / 2, 1ULL << 40,
        (PAGE_SIZE << MAX_ORDER) + 1,
        128 << 20,                      /* Fits an order, not this RAM. */
    };
    unsigned int i;

    setup();
    for ( i = 0; i < ARRAY_SIZE(sizes); i++ )
    {
        CHECK(xmalloc(sizes[i]) == NULL);
        CHECK(xzalloc(sizes[i]) == NULL);
    }
    check_no_leak();
}

TEST(null_is_freed_quietly)
{
    setup();
    xfree(NULL);
    free_xenheap_page(NULL);
    check_no_leak();
}

TEST(xzalloc_zeroes_dirty_memory)
{
    static const size_t sizes[] = { 1, 16, 100, 2048, 5000, 70000 };
    unsigned char *p, *keep;
    unsigned int i;
    size_t j;

    setup();
    for ( i = 0; i < ARRAY_SIZE(sizes); i++ )
    {
        keep = xmalloc(sizes[i]);       /* Keeps a pool page alive. */
        p = xmalloc(sizes[i]);
        memset(p, 0xff, sizes[i]);
        xfree(p);
        p = xzalloc(sizes[i]);
        CHECK(p != NULL);
        for ( j = 0; p && j < sizes[i]; j++ )
            if ( p[j] )
            {
                harness_fail(__FILE__, __LINE__, "xzalloc(%zu)[%zu] = %#x",
                             sizes[i], j, p[j]);
                break;
            }
        xfree(p);
        xfree(keep);
    }
    check_no_leak();
}

TEST(xenheap_pages_are_zeroed_and_aligned)
{
    unsigned char *p, *q;
    size_t j;

    setup();
    p = alloc_xenheap_page();
    CHECK(p && (uintptr_t)p % PAGE_SIZE == 0 && in_ram(p, PAGE_SIZE));
    memset(p, 0xa5, PAGE_SIZE);
    CHECK_EQ(xen_heap_frames(), 1);
    free_xenheap_page(p);
    q = alloc_xenheap_page();
    CHECK(q == p);                      /* The same, dirty, frame. */
    for ( j = 0; j < PAGE_SIZE; j++ )
        if ( q[j] )
        {
            harness_fail(__FILE__, __LINE__, "byte %zu is %#x", j, q[j]);
            break;
        }
    free_xenheap_page(q);
    check_no_leak();
}

TEST(pool_pages_return_to_the_buddy_allocator)
{
    static void *objs[513];
    unsigned int i;

    setup();
    for ( i = 0; i < 256; i++ )         /* One page of 16-byte objects. */
        objs[i] = xmalloc(16);
    CHECK_EQ(start_free - buddy_free_frames(), 1);
    objs[256] = xmalloc(1);
    CHECK_EQ(start_free - buddy_free_frames(), 2);
    for ( i = 0; i < 257; i++ )
        xfree(objs[i]);
    check_no_leak();
    for ( i = 0; i < 5; i++ )           /* Two 2048-byte objects a page. */
        objs[i] = xmalloc(2048);
    CHECK_EQ(start_free - buddy_free_frames(), 3);
    for ( i = 0; i < 5; i++ )
        xfree(objs[4 - i]);
    check_no_leak();
}

TEST(frames_are_accounted_as_xen_heap)
{
    void *small, *large, *page;
    struct page_info *pg;

    setup();
    small = xmalloc(16);
    large = xmalloc(3 * PAGE_SIZE);
    page = alloc_xenheap_page();
    CHECK_EQ(xen_heap_frames(), 1 + 4 + 1);
    pg = page_of(large);
    CHECK(pg[3].count_info == (PGC_STATE_INUSE | PGC_XEN_HEAP));
    CHECK(pg->owner == NULL && pg->type_info == 0);
    xfree(small);
    xfree(large);
    free_xenheap_page(page);
    check_no_leak();
}

/* Live objects of a hostile case, released after the BUG. */
struct keep {
    void *objs[3];
    void *xenheap_page;
    struct page_info *buddy_page;
};

static void release(struct keep *k)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(k->objs); i++ )
        xfree(k->objs[i]);
    free_xenheap_page(k->xenheap_page);
    if ( k->buddy_page )
        buddy_free(k->buddy_page, 0);
}

static void *misaligned_1(struct keep *k)
{
    return (char *)(k->objs[0] = xmalloc(32)) + 1;
}

static void *misaligned_8(struct keep *k)
{
    return (char *)(k->objs[0] = xmalloc(32)) + 8;
}

static void *misaligned_16(struct keep *k)
{
    return (char *)(k->objs[0] = xmalloc(32)) + 16;
}

static void *never_allocated_slot(struct keep *k)
{
    return (char *)(k->objs[0] = xmalloc(64)) + 64;  /* A fresh page. */
}

static void *small_double_free(struct keep *k)
{
    void *p;

    k->objs[0] = xmalloc(16);           /* Keeps the page a pool page. */
    p = xmalloc(16);
    xfree(p);
    return p;
}

static void *small_double_free_released_page(struct keep *k)
{
    void *p = xmalloc(16);

    xfree(p);
    return p;
}

static void *large_double_free(struct keep *k)
{
    void *p = xmalloc(8192);

    xfree(p);
    return p;
}

static void *large_tail_page(struct keep *k)
{
    return (char *)(k->objs[0] = xmalloc(3 * PAGE_SIZE)) + PAGE_SIZE;
}

static void *large_inside(struct keep *k)
{
    return (char *)(k->objs[0] = xmalloc(3 * PAGE_SIZE)) + 16;
}

static void *xenheap_page(struct keep *k)
{
    return k->xenheap_page = alloc_xenheap_page();
}

static void *buddy_page(struct keep *k)
{
    k->buddy_page = buddy_alloc(0);
    return maddr_to_virt(mfn_to_maddr(page_to_mfn(k->buddy_page)));
}

static void *free_frame(struct keep *k)
{
    CHECK_EQ(page_state(&table[NR_FRAMES - 1]), PGC_STATE_FREE);
    return harness_ram + HARNESS_RAM_SIZE - PAGE_SIZE;
}

static void *reserved_frame(struct keep *k)
{
    return harness_ram + 16;
}

static void *frame_in_hole(struct keep *k)
{
    return harness_ram + ((uint64_t)HOLE << PAGE_SHIFT);
}

static void *outside_ram(struct keep *k)
{
    return harness_ram - PAGE_SIZE;
}

static void *past_ram(struct keep *k)
{
    return harness_ram + HARNESS_RAM_SIZE;
}

static void *small_object(struct keep *k)
{
    return k->objs[0] = xmalloc(16);
}

static void *page_sized_object(struct keep *k)
{
    return k->objs[0] = xmalloc(PAGE_SIZE);
}

static void *xenheap_page_inside(struct keep *k)
{
    return (char *)(k->xenheap_page = alloc_xenheap_page()) + 16;
}

static void *xenheap_double_free(struct keep *k)
{
    void *p = alloc_xenheap_page();

    free_xenheap_page(p);
    return p;
}

struct hostile_case {
    const char *name;
    void *(*make)(struct keep *k);
    bool page_api;                      /* free_xenheap_page(), not xfree(). */
    const char *why;                    /* In the message before the BUG. */
};

#define NOT_START   "not the start of an object"
#define TWICE       "already free"
#define NOT_HEAP    "not in a heap page"
#define NOT_RAM     "not in RAM"
#define NOT_XMALLOC "not from xmalloc()"
#define NOT_PAGE    "not from alloc_xenheap_page()"

static const struct hostile_case hostile_cases[] = {
    { "xfree: pool object + 1", misaligned_1, false, NOT_START },
    { "xfree: pool object + 8", misaligned_8, false, NOT_START },
    { "xfree: pool object + 16 (class 32)", misaligned_16, false, NOT_START },
    { "xfree: free slot never handed out", never_allocated_slot, false,
      TWICE },
    { "xfree: small double free", small_double_free, false, TWICE },
    { "xfree: double free, page released", small_double_free_released_page,
      false, NOT_HEAP },
    { "xfree: large double free", large_double_free, false, NOT_HEAP },
    { "xfree: tail page of a large object", large_tail_page, false,
      NOT_XMALLOC },
    { "xfree: inside a large object", large_inside, false, NOT_START },
    { "xfree: a xen-heap page", xenheap_page, false, NOT_XMALLOC },
    { "xfree: a buddy page", buddy_page, false, NOT_HEAP },
    { "xfree: a free frame", free_frame, false, NOT_HEAP },
    { "xfree: a reserved frame", reserved_frame, false, NOT_HEAP },
    { "xfree: a frame in a table hole", frame_in_hole, false, NOT_RAM },
    { "xfree: below RAM", outside_ram, false, NOT_RAM },
    { "xfree: past RAM", past_ram, false, NOT_RAM },
    { "page: a small object", small_object, true, NOT_PAGE },
    { "page: a page-sized object", page_sized_object, true, NOT_PAGE },
    { "page: inside a xen-heap page", xenheap_page_inside, true, NOT_PAGE },
    { "page: double free", xenheap_double_free, true, NOT_HEAP },
    { "page: a buddy page", buddy_page, true, NOT_HEAP },
    { "page: a free frame", free_frame, true, NOT_HEAP },
};

TEST(freeing_what_is_not_a_live_object_bugs)
{
    const struct hostile_case *c;
    struct keep k;
    void *bad;

    setup();
    for ( c = hostile_cases; c < hostile_cases + ARRAY_SIZE(hostile_cases);
          c++ )
    {
        memset(&k, 0, sizeof(k));
        bad = c->make(&k);
        harness_panic_message[0] = '\0';
        harness_log_clear();
        if ( c->page_api )
            EXPECT_PANIC(free_xenheap_page(bad));
        else
            EXPECT_PANIC(xfree(bad));
        if ( !strstr(harness_panic_message, "BUG") )
            harness_fail(__FILE__, __LINE__, "%s: no BUG", c->name);
        if ( !harness_log_contains(c->why) )
            harness_fail(__FILE__, __LINE__, "%s: expected \"%s\", got %s",
                         c->name, c->why, harness_log);
        release(&k);
        check_no_leak();
    }
    bad = xmalloc(40);                  /* The heap still works. */
    xfree(bad);
    check_no_leak();
}

TEST(live_object_that_looks_free_is_still_freed)
{
    uint64_t *p, *q, poison;
    void *keep, *more[300];
    unsigned int i;

    setup();
    keep = xmalloc(16);
    p = xmalloc(16);
    xfree(p);
    poison = p[1] ^ (uintptr_t)p;       /* Learn the free-object mark. */
    q = xmalloc(16);
    CHECK(q == p);
    q[0] = 1;                           /* A plausible next slot... */
    q[1] = poison ^ (uintptr_t)q;       /* ... and the mark. */
    xfree(q);                           /* Not on the free list: no BUG. */
    CHECK(xmalloc(16) == q);
    xfree(q);
    for ( i = 0; i < ARRAY_SIZE(more); i++ )
        more[i] = xmalloc(16);
    for ( i = 0; i < ARRAY_SIZE(more); i++ )
        xfree(more[i]);
    xfree(keep);
    check_no_leak();
}

/* A growable list of live objects with the pattern seed of each. */
struct live_obj {
    void *p;
    size_t size;
    unsigned int seed;
};

static struct live_obj *objs;
static size_t nr_objs, max_objs;

static void track(void *p, size_t size, unsigned int seed)
{
    if ( nr_objs == max_objs )
    {
        max_objs = max_objs ? 2 * max_objs : 1024;
        objs = realloc(objs, max_objs * sizeof(*objs));
    }
    objs[nr_objs++] = (struct live_obj){ p, size, seed };
}

/* Free object i, checking its contents first. */
static void untrack(size_t i)
{
    if ( !intact(objs[i].p, objs[i].size, objs[i].seed) )
        harness_fail(__FILE__, __LINE__, "object %p (%zu bytes) was changed",
                     objs[i].p, objs[i].size);
    xfree(objs[i].p);
    objs[i] = objs[--nr_objs];
}

TEST(exhaustion_returns_null_and_recovers)
{
    static const size_t sizes[] = { 1 << 20, 3 * PAGE_SIZE, PAGE_SIZE, 2048,
                                    16 };
    unsigned int i, seed = 0;
    void *p;

    setup();
    nr_objs = 0;
    for ( i = 0; i < ARRAY_SIZE(sizes); i++ )
        while ( (p = xmalloc(sizes[i])) != NULL )
        {
            fill(p, MIN(sizes[i], 64), ++seed);
            track(p, MIN(sizes[i], 64), seed);
        }
    CHECK_EQ(buddy_free_frames(), 0);
    CHECK(xmalloc(16) == NULL);
    CHECK(xzalloc(1) == NULL);
    CHECK(alloc_xenheap_page() == NULL);
    CHECK_EQ(xen_heap_frames(), start_free);
    while ( nr_objs )
        untrack(rng() % nr_objs);
    check_no_leak();
    p = xmalloc(1 << 20);
    CHECK(p != NULL);
    xfree(p);
    check_no_leak();
}

static size_t random_size(void)
{
    unsigned int r = rng() % 100;

    if ( r < 70 )
        return rng() % 2049;
    if ( r < 95 )
        return 2049 + rng() % 14336;
    return rng() % (256 << 10);
}

static bool overlaps_sorted(void)
{
    size_t i;

    for ( i = 1; i < nr_objs; i++ )
        if ( (char *)objs[i - 1].p + MAX(objs[i - 1].size, 1) >
             (char *)objs[i].p )
            return true;
    return false;
}

static int by_address(const void *a, const void *b)
{
    const struct live_obj *x = a, *y = b;

    return x->p < y->p ? -1 : x->p > y->p;
}

static void random_step(unsigned int step)
{
    size_t size = random_size();
    bool zero = rng() % 4 == 0;
    unsigned char *p = zero ? xzalloc(size) : xmalloc(size);
    size_t i;

    if ( !p )
        return;
    if ( (uintptr_t)p % promised_align(size) || !in_ram(p, size) )
        harness_fail(__FILE__, __LINE__, "xmalloc(%zu) = %p", size, p);
    for ( i = 0; zero && i < size; i++ )
        if ( p[i] )
        {
            harness_fail(__FILE__, __LINE__, "xzalloc(%zu) not zero", size);
            break;
        }
    fill(p, size, step);
    track(p, size, step);
}

TEST(random_sequences_keep_objects_disjoint_and_intact)
{
    unsigned int step;

    setup();
    rng_state = 42;
    nr_objs = 0;
    for ( step = 1; step <= 30000; step++ )
    {
        if ( nr_objs < 600 && (nr_objs == 0 || rng() % 100 < 52) )
            random_step(step);
        else
            untrack(rng() % nr_objs);
        if ( step % 3000 )
            continue;
        qsort(objs, nr_objs, sizeof(*objs), by_address);
        CHECK(!overlaps_sorted());
    }
    while ( nr_objs )
        untrack(rng() % nr_objs);
    check_no_leak();
}
