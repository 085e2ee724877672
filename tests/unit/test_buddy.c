/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests of hv/common/memory/buddy.c over a frame table that is an
 * ordinary array for the harness's 16384 fake frames, with holes: the
 * entries of invalid chunks are garbage that looks like free blocks, and
 * are poisoned for AddressSanitizer, so reading one (as an unmapped table
 * page would fault) fails the test.
 *
 * After every step that matters check_blocks() walks the table: each free
 * block is aligned, wholly free, headed correctly, never left unmerged with
 * a free buddy, and the blocks add up to buddy_free_frames() and to the
 * free count of frame_table_account(). Free blocks are compared as strings
 * "mfn:order ...", lowest mfn first.
 *
 * The allocator keeps its free lists between cases; reset() first empties
 * them by allocating everything, then lays out a new table.
 */
#include <sanitizer/asan_interface.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "harness.h"

#include <xenolith/frame_table.h>
#include <xenolith/mm.h>

#define NR_FRAMES   (HARNESS_RAM_SIZE >> PAGE_SHIFT)
#define CHUNK       FRAME_TABLE_VALID_CHUNK
#define BIG_FRAMES  (2ULL << MAX_ORDER)
#define NO_HOLE     0, 0

static struct page_info *table;         /* NR_FRAMES entries. */
static uint64_t bitmap[BIG_FRAMES / CHUNK / 64];
static uint64_t table_size;             /* Entries behind frame_table. */

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rng(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dULL;
}

static uint64_t mfn_of(const struct page_info *pg)
{
    return mfn_x(page_to_mfn(pg));
}

/* Allocate every free frame, largest blocks first, so the lists are empty. */
static void drain(void)
{
    int order;

    for ( order = MAX_ORDER; order >= 0; order-- )
        while ( buddy_alloc(order) )
            ;
    CHECK_EQ(buddy_free_frames(), 0);
}

static void poison_entry(uint64_t m)
{
    table[m] = (struct page_info){ .count_info = PGC_STATE_FREE | PGC_HEAD,
                                   .order = m ? __builtin_ctzll(m) % 7 : 6 };
    ASAN_POISON_MEMORY_REGION(&table[m], sizeof(table[m]));
}

/*
 * A new table of nr_frames, every chunk valid except the chunk-aligned hole
 * [hole, hole + hole_nr); all frames reserved, with stale type and owner
 * that allocation must clear. Entries past nr_frames are poisoned too.
 */
static void reset(uint64_t nr_frames, uint64_t hole, uint64_t hole_nr)
{
    uint64_t m;

    if ( !table )
        table = aligned_alloc(PAGE_SIZE, NR_FRAMES * sizeof(*table));
    drain();
    ASAN_UNPOISON_MEMORY_REGION(table, NR_FRAMES * sizeof(*table));
    memset(table, 0, NR_FRAMES * sizeof(*table));
    memset(bitmap, 0, sizeof(bitmap));
    frame_table_setup(table, nr_frames, bitmap);
    table_size = NR_FRAMES;
    frame_table_mark_valid(_mfn(0), hole_nr ? hole : nr_frames);
    if ( hole_nr )
        frame_table_mark_valid(_mfn(hole + hole_nr),
                               nr_frames - hole - hole_nr);
    for ( m = 0; m < NR_FRAMES; m++ )
    {
        if ( m >= nr_frames || !mfn_valid(_mfn(m)) )
            poison_entry(m);
        else
        {
            table[m].type_info = PGT_WRITABLE_PAGE | 5;
            table[m].owner = (struct domain *)&table;
        }
    }
}

/* The free blocks as "mfn:order ..." after checking every invariant. */
static const char *check_blocks(void)
{
    static char out[4096];
    struct frame_accounting acc;
    uint64_t m = 0, seen = 0, i, buddy;
    size_t len = 0;
    unsigned int order;

    out[0] = '\0';
    while ( m < max_page )
    {
        const struct page_info *pg = &frame_table[m];

        if ( !mfn_valid(_mfn(m)) || page_state(pg) != PGC_STATE_FREE )
        {
            m++;
            continue;
        }
        order = pg->order;
        if ( pg->count_info != (PGC_STATE_FREE | PGC_HEAD) ||
             order > MAX_ORDER || !IS_ALIGNED(m, 1ULL << order) ||
             (1ULL << order) > max_page - m )
        {
            harness_fail(__FILE__, __LINE__, "bad free head at %#lx", m);
            return "corrupt";
        }
        for ( i = 1; i < (1ULL << order); i++ )
            if ( !mfn_valid(_mfn(m + i)) ||
                 frame_table[m + i].count_info != PGC_STATE_FREE )
            {
                harness_fail(__FILE__, __LINE__, "block %#lx:%u, frame %#lx",
                             m, order, m + i);
                return "corrupt";
            }
        buddy = m ^ (1ULL << order);
        if ( order < MAX_ORDER && mfn_valid(_mfn(buddy)) &&
             frame_table[buddy].count_info == (PGC_STATE_FREE | PGC_HEAD) &&
             frame_table[buddy].order == order )
            harness_fail(__FILE__, __LINE__, "unmerged buddies %#lx, %#lx:%u",
                         m, buddy, order);
        if ( len < sizeof(out) - 32 )
            len += snprintf(out + len, sizeof(out) - len, "%s%lu:%u",
                            len ? " " : "", m, order);
        seen += 1ULL << order;
        m += 1ULL << order;
    }
    CHECK_EQ(seen, buddy_free_frames());
    frame_table_account(&acc);
    CHECK_EQ(acc.free, seen);
    return out;
}

static void add(uint64_t first, uint64_t nr)
{
    buddy_add_range(_mfn(first), nr);
}

struct split_case {
    uint64_t first, nr;
    const char *blocks;
};

static const struct split_case split_cases[] = {
    { 0, 1, "0:0" },
    { 3, 13, "3:0 4:2 8:3" },
    { 5, 11, "5:0 6:1 8:3" },
    { 6, 3, "6:1 8:0" },
    { 7, 2, "7:0 8:0" },
    { 64, 64, "64:6" },
    { 100, 0, "" },
    { 16383, 1, "16383:0" },
    { 0, NR_FRAMES, "0:14" },
    { 1, NR_FRAMES - 1, "1:0 2:1 4:2 8:3 16:4 32:5 64:6 128:7 256:8 512:9 "
                        "1024:10 2048:11 4096:12 8192:13" },
    { 1, NR_FRAMES - 2, "1:0 2:1 4:2 8:3 16:4 32:5 64:6 128:7 256:8 512:9 "
                        "1024:10 2048:11 4096:12 8192:12 12288:11 14336:10 "
                        "15360:9 15872:8 16128:7 16256:6 16320:5 16352:4 "
                        "16368:3 16376:2 16380:1 16382:0" },
};

TEST(add_range_splits_into_maximal_aligned_blocks)
{
    const struct split_case *c;

    for ( c = split_cases; c < split_cases + ARRAY_SIZE(split_cases); c++ )
    {
        reset(NR_FRAMES, NO_HOLE);
        add(c->first, c->nr);
        CHECK_STR(check_blocks(), c->blocks);
        CHECK_EQ(buddy_free_frames(), c->nr);
    }
}

struct merge_case {
    struct { uint64_t first, nr; } adds[4];
    const char *blocks;
};

static const struct merge_case merge_cases[] = {
    { { { 1, 1 }, { 0, 1 } }, "0:1" },
    { { { 0, 2 }, { 2, 2 } }, "0:2" },
    { { { 4, 4 }, { 0, 3 } }, "0:1 2:0 4:2" },
    { { { 4, 4 }, { 0, 3 }, { 3, 1 } }, "0:3" },
    { { { 8, 8 }, { 0, 7 }, { 7, 1 } }, "0:4" },
    { { { 0, 32 }, { 64, 32 }, { 32, 32 } }, "0:6 64:5" },
    { { { 0, 32 }, { 96, 32 }, { 64, 32 }, { 32, 32 } }, "0:7" },
    { { { 16, 16 }, { 48, 16 }, { 0, 16 }, { 32, 16 } }, "0:6" },
    { { { 3, 1 }, { 5, 1 }, { 4, 1 } }, "3:0 4:1" },
};

TEST(add_range_merges_with_free_neighbours)
{
    const struct merge_case *c;
    unsigned int i;

    for ( c = merge_cases; c < merge_cases + ARRAY_SIZE(merge_cases); c++ )
    {
        reset(NR_FRAMES, NO_HOLE);
        for ( i = 0; i < ARRAY_SIZE(c->adds); i++ )
            add(c->adds[i].first, c->adds[i].nr);
        CHECK_STR(check_blocks(), c->blocks);
    }
}

/* One step of a scripted run: alloc (want mfn, or NULL) or free. */
struct step {
    enum { ALLOC, FREE } op;
    unsigned int order;
    int64_t mfn;                        /* -1: alloc must fail. */
    const char *blocks;
};

static const struct step split_steps[] = {
    { ALLOC, 0, 32, "0:4 33:0" },       /* Smallest block that fits. */
    { ALLOC, 0, 33, "0:4" },
    { ALLOC, 2, 0, "4:2 8:3" },         /* Split 0:4, upper halves kept. */
    { ALLOC, 2, 4, "8:3" },
    { ALLOC, 4, -1, "8:3" },
    { FREE, 2, 0, "0:2 8:3" },          /* Buddy 4 in use: no merge. */
    { FREE, 2, 4, "0:4" },              /* Merges twice. */
    { FREE, 0, 33, "0:4 33:0" },
    { FREE, 0, 32, "0:4 32:1" },        /* Buddy of 32:1 (34) not ours. */
    { ALLOC, 5, -1, "0:4 32:1" },
};

TEST(alloc_splits_and_free_merges_scripted)
{
    const struct step *s;
    struct page_info *pg;

    reset(NR_FRAMES, NO_HOLE);
    add(0, 16);
    add(32, 2);
    CHECK_STR(check_blocks(), "0:4 32:1");
    for ( s = split_steps; s < split_steps + ARRAY_SIZE(split_steps); s++ )
    {
        if ( s->op == FREE )
            buddy_free(mfn_to_page(_mfn(s->mfn)), s->order);
        else
        {
            pg = buddy_alloc(s->order);
            CHECK_EQ(pg ? (int64_t)mfn_of(pg) : -1, s->mfn);
        }
        CHECK_STR(check_blocks(), s->blocks);
    }
}

TEST(frees_in_any_order_merge_back)
{
    struct page_info *pgs[64], *t;
    unsigned int i, j, round;

    for ( round = 0; round < 8; round++ )
    {
        reset(NR_FRAMES, NO_HOLE);
        add(64, 64);
        for ( i = 0; i < 64; i++ )
            CHECK((pgs[i] = buddy_alloc(0)) != NULL);
        CHECK(buddy_alloc(0) == NULL);
        for ( i = 63; i > 0; i-- )      /* Shuffle. */
        {
            j = rng() % (i + 1);
            t = pgs[i];
            pgs[i] = pgs[j];
            pgs[j] = t;
        }
        for ( i = 0; i < 64; i++ )
        {
            buddy_free(pgs[i], 0);
            check_blocks();
        }
        CHECK_STR(check_blocks(), "64:6");
    }
}

TEST(freeing_parts_of_an_allocation_merges_back)
{
    static const unsigned int frames[8] = { 7, 0, 3, 5, 1, 6, 2, 4 };
    struct page_info *pg;
    unsigned int i;

    reset(NR_FRAMES, NO_HOLE);
    add(8, 8);
    pg = buddy_alloc(3);
    CHECK(pg && mfn_of(pg) == 8);
    for ( i = 0; i < 8; i++ )
        buddy_free(pg + frames[i], 0);
    CHECK_STR(check_blocks(), "8:3");
    pg = buddy_alloc(3);
    buddy_free(pg + 4, 2);
    buddy_free(pg, 1);
    buddy_free(pg + 2, 1);
    CHECK_STR(check_blocks(), "8:3");
}

TEST(no_merge_across_an_invalid_chunk)
{
    reset(256, 128, 64);                /* Chunk 2 is a hole. */
    add(0, 128);
    add(192, 64);
    CHECK_STR(check_blocks(), "0:7 192:6");
    CHECK_EQ(mfn_of(buddy_alloc(7)), 0);
    CHECK(buddy_alloc(7) == NULL);
    CHECK_EQ(mfn_of(buddy_alloc(6)), 192);
    CHECK(buddy_alloc(0) == NULL);
    buddy_free(mfn_to_page(_mfn(192)), 6);
    buddy_free(mfn_to_page(_mfn(0)), 7);
    CHECK_STR(check_blocks(), "0:7 192:6");
}

TEST(no_merge_beyond_max_page)
{
    reset(200, NO_HOLE);                /* Frames 200..255 are poisoned. */
    add(0, 200);
    CHECK_STR(check_blocks(), "0:7 128:6 192:3");
    CHECK_EQ(mfn_of(buddy_alloc(3)), 192);
    buddy_free(mfn_to_page(_mfn(192)), 3);
    CHECK_STR(check_blocks(), "0:7 128:6 192:3");
}

TEST(no_merge_across_a_reserved_frame)
{
    struct page_info *pgs[64];
    unsigned int i, n = 0;
    uint64_t m;

    reset(NR_FRAMES, NO_HOLE);
    for ( m = 10; m < 20; m++ )
        table[m].count_info = PGC_STATE_BOOT;
    add(0, 5);
    add(6, 58);
    CHECK_STR(check_blocks(), "0:2 4:0 6:1 8:3 16:4 32:5");
    while ( n < 64 && (pgs[n] = buddy_alloc(0)) != NULL )
    {
        CHECK(mfn_of(pgs[n]) != 5);
        n++;
    }
    CHECK_EQ(n, 63);
    for ( i = 0; i < n; i++ )
        buddy_free(pgs[i], 0);
    CHECK_STR(check_blocks(), "0:2 4:0 6:1 8:3 16:4 32:5");
    add(5, 1);                          /* Reserved frame given late. */
    CHECK_STR(check_blocks(), "0:6");
}

struct bad_add {
    const char *name;
    uint64_t first, nr;
};

static const struct bad_add bad_adds[] = {
    { "a free frame (added twice)", 8, 1 },
    { "overlapping free frames", 15, 2 },
    { "a frame in use", 50, 1 },
    { "range reaching a frame in use", 40, 11 },
    { "range into a hole", 120, 16 },
    { "a frame in a hole", 130, 1 },
    { "range past max_page", 250, 10 },
    { "frame at max_page", 256, 1 },
    { "range that wraps", UINT64_MAX - 1, 4 },
    { "huge count", 200, UINT64_MAX },
    { "INVALID_MFN", UINT64_MAX, 1 },
};

TEST(add_range_refuses_bad_frames_and_changes_nothing)
{
    const struct bad_add *c;

    reset(256, 128, 64);
    add(0, 16);
    table[50].count_info = PGC_STATE_INUSE;
    for ( c = bad_adds; c < bad_adds + ARRAY_SIZE(bad_adds); c++ )
    {
        EXPECT_PANIC(add(c->first, c->nr));
        if ( !harness_log_contains("buddy: adding frames") )
            harness_fail(__FILE__, __LINE__, "%s: no message", c->name);
        harness_log_clear();
        CHECK_STR(check_blocks(), "0:4");
        CHECK_EQ(page_state(&table[40]), PGC_STATE_RESERVED);
        CHECK_EQ(page_state(&table[20]), PGC_STATE_RESERVED);
    }
    table[60].count_info = 5ULL << PGC_STATE_SHIFT;    /* Unknown state. */
    EXPECT_PANIC(add(60, 1));
    table[60].count_info = PGC_STATE_RESERVED;
    CHECK_STR(check_blocks(), "0:4");
    add(16, 16);                        /* Still works. */
    CHECK_STR(check_blocks(), "0:5");
}

struct bad_free {
    const char *name;
    int64_t mfn;
    unsigned int byte_offset, order;
};

static const struct bad_free bad_frees[] = {
    { "block covering free frames", 0, 0, 4 },
    { "a free frame", 8, 0, 0 },
    { "a free frame, whole block", 8, 0, 3 },
    { "misaligned block", 1, 0, 1 },
    { "order above MAX_ORDER", 0, 0, MAX_ORDER + 1 },
    { "order far above MAX_ORDER", 0, 0, 63 },
    { "pointer inside an entry", 0, 1, 0 },
    { "pointer inside an entry (8)", 0, 8, 0 },
    { "a reserved frame", 64, 0, 0 },
    { "a frame in a hole", 128, 0, 0 },
    { "frame at max_page", 256, 0, 0 },
    { "block past max_page", 192, 0, 7 },
    { "entry before the table", -1, 0, 0 },
    { "far before the table", -(1LL << 40), 0, 0 },
};

static struct page_info *entry_at(int64_t mfn, unsigned int byte_offset)
{
    /* Integer arithmetic: these pointers are outside the array on purpose. */
    return (struct page_info *)((uintptr_t)frame_table +
                                (uintptr_t)mfn * sizeof(struct page_info) +
                                byte_offset);
}

TEST(free_refuses_bad_blocks_and_changes_nothing)
{
    const struct bad_free *c;
    struct page_info *pg;

    reset(256, 128, 64);
    add(0, 64);
    pg = buddy_alloc(3);
    CHECK_EQ(mfn_of(pg), 0);
    for ( c = bad_frees; c < bad_frees + ARRAY_SIZE(bad_frees); c++ )
    {
        EXPECT_PANIC(buddy_free(entry_at(c->mfn, c->byte_offset), c->order));
        if ( !harness_log_contains("buddy: freeing") )
            harness_fail(__FILE__, __LINE__, "%s: no message", c->name);
        harness_log_clear();
        CHECK_STR(check_blocks(), "8:3 16:4 32:5");
    }
    EXPECT_PANIC(buddy_free(NULL, 0));
    buddy_free(pg, 3);
    CHECK_STR(check_blocks(), "0:6");
}

TEST(double_free_bugs)
{
    struct page_info *pg, *other;

    reset(NR_FRAMES, NO_HOLE);
    add(0, 64);
    pg = buddy_alloc(0);
    other = buddy_alloc(2);
    buddy_free(pg, 0);
    EXPECT_PANIC(buddy_free(pg, 0));
    CHECK(strstr(harness_panic_message, "BUG") != NULL);
    buddy_free(other, 2);
    EXPECT_PANIC(buddy_free(other, 2));
    EXPECT_PANIC(buddy_free(other + 1, 0));     /* Part of it, too. */
    CHECK_STR(check_blocks(), "0:6");
    CHECK_EQ(buddy_free_frames(), 64);
}

/* How many naturally aligned 2^order blocks fit in [first, first + nr)? */
static uint64_t aligned_blocks(uint64_t first, uint64_t nr, unsigned int order)
{
    uint64_t size = 1ULL << order;
    uint64_t lo = ROUNDUP(first, size), hi = ROUNDDOWN(first + nr, size);

    return hi > lo ? (hi - lo) / size : 0;
}

static void check_allocated(struct page_info *pg, unsigned int order,
                            unsigned char *used)
{
    uint64_t m = mfn_of(pg), i;

    if ( !IS_ALIGNED(m, 1ULL << order) )
        harness_fail(__FILE__, __LINE__, "%#lx misaligned, order %u", m, order);
    for ( i = 0; i < (1ULL << order); i++, pg++ )
    {
        if ( !mfn_valid(_mfn(m + i)) || used[m + i] ||
             pg->count_info != PGC_STATE_INUSE || pg->type_info ||
             pg->owner )
        {
            harness_fail(__FILE__, __LINE__, "frame %#lx of block %#lx:%u",
                         m + i, m, order);
            return;
        }
        used[m + i] = 1;
    }
}

TEST(every_order_allocates_aligned_blocks_until_exhausted)
{
    static const unsigned int orders[] = { 0, 1, 2, 3, 5, 6, 8, 10, 12, 13,
                                           14 };
    static struct page_info *pgs[NR_FRAMES];
    static unsigned char used[NR_FRAMES];
    unsigned int i, o, n;
    uint64_t start;
    char before[4096];

    reset(NR_FRAMES, 4096, 64);
    add(16, 4096 - 16);
    add(4160, NR_FRAMES - 4160);
    start = buddy_free_frames();
    CHECK_EQ(start, NR_FRAMES - 16 - 64);
    snprintf(before, sizeof(before), "%s", check_blocks());
    for ( i = 0; i < ARRAY_SIZE(orders); i++ )
    {
        o = orders[i];
        memset(used, 0, sizeof(used));
        for ( n = 0; (pgs[n] = buddy_alloc(o)) != NULL; n++ )
            check_allocated(pgs[n], o, used);
        CHECK_EQ(n, aligned_blocks(16, 4096 - 16, o) +
                    aligned_blocks(4160, NR_FRAMES - 4160, o));
        check_blocks();
        while ( n-- )
            buddy_free(pgs[n], o);
        CHECK_EQ(buddy_free_frames(), start);
        CHECK_STR(check_blocks(), before);
    }
}

TEST(orders_above_max_return_null)
{
    reset(NR_FRAMES, NO_HOLE);
    add(0, NR_FRAMES);
    CHECK(buddy_alloc(MAX_ORDER + 1) == NULL);
    CHECK(buddy_alloc(64) == NULL);
    CHECK(buddy_alloc(~0u) == NULL);
    CHECK(buddy_alloc(15) == NULL);     /* Larger than all memory. */
    CHECK_STR(check_blocks(), "0:14");
}

TEST(exhaustion_returns_null_and_recovers)
{
    struct page_info *pg[3];

    reset(NR_FRAMES, NO_HOLE);
    add(0, 3);
    CHECK_STR(check_blocks(), "0:1 2:0");
    pg[0] = buddy_alloc(0);
    pg[1] = buddy_alloc(0);
    pg[2] = buddy_alloc(0);
    CHECK(pg[0] && pg[1] && pg[2]);
    CHECK(buddy_alloc(0) == NULL);
    CHECK(buddy_alloc(1) == NULL);
    CHECK_EQ(buddy_free_frames(), 0);
    buddy_free(mfn_to_page(_mfn(0)), 0);
    buddy_free(mfn_to_page(_mfn(2)), 0);
    CHECK(buddy_alloc(1) == NULL);      /* 0 and 2 are not buddies. */
    CHECK_STR(check_blocks(), "0:0 2:0");
    buddy_free(mfn_to_page(_mfn(1)), 0);
    CHECK_STR(check_blocks(), "0:1 2:0");
    CHECK_EQ(mfn_of(buddy_alloc(1)), 0);
    CHECK_EQ(mfn_of(buddy_alloc(0)), 2);
    CHECK(buddy_alloc(0) == NULL);
    buddy_free(mfn_to_page(_mfn(0)), 1);
    buddy_free(mfn_to_page(_mfn(2)), 0);
    CHECK_EQ(buddy_free_frames(), 3);
}

/*
 * The shadow model: owner[m] is 0 for a free frame we gave the allocator,
 * an allocation id when allocated, NOT_OURS otherwise. With merging always
 * complete, an allocation of order k fails exactly when no aligned 2^k
 * block is wholly free in the shadow.
 */
#define NOT_OURS UINT32_MAX
#define MAX_LIVE 4096

struct live_block {
    uint64_t mfn;
    unsigned int order;
};

static uint32_t shadow[NR_FRAMES];
static struct live_block live[MAX_LIVE];
static unsigned int nr_live, nr_refused;

static bool shadow_has_free_block(unsigned int order)
{
    uint64_t m, i, size = 1ULL << order;

    for ( m = 0; m + size <= NR_FRAMES; m += size )
    {
        for ( i = 0; i < size && shadow[m + i] == 0; i++ )
            ;
        if ( i == size )
            return true;
    }
    return false;
}

static void shadow_set(uint64_t mfn, unsigned int order, uint32_t want,
                       uint32_t set)
{
    uint64_t i;

    for ( i = 0; i < (1ULL << order); i++ )
    {
        if ( shadow[mfn + i] != want )
            harness_fail(__FILE__, __LINE__, "frame %#lx is %u, expected %u",
                         mfn + i, shadow[mfn + i], want);
        shadow[mfn + i] = set;
    }
}

static void random_alloc(uint32_t id)
{
    unsigned int order = rng() % 100 < 90 ? rng() % 5 : rng() % 12;
    struct page_info *pg = buddy_alloc(order);

    if ( !pg )
    {
        CHECK(!shadow_has_free_block(order));
        nr_refused++;
        return;
    }
    CHECK(IS_ALIGNED(mfn_of(pg), 1ULL << order));
    shadow_set(mfn_of(pg), order, 0, id);
    live[nr_live++] = (struct live_block){ mfn_of(pg), order };
}

/* Free a random live block, sometimes as two halves. */
static void random_free(void)
{
    unsigned int i = rng() % nr_live;
    struct live_block b = live[i];
    uint64_t half = b.order ? 1ULL << (b.order - 1) : 0;

    live[i] = live[--nr_live];
    shadow_set(b.mfn, b.order, shadow[b.mfn], 0);
    if ( half && rng() % 4 == 0 )
    {
        buddy_free(mfn_to_page(_mfn(b.mfn + half)), b.order - 1);
        buddy_free(mfn_to_page(_mfn(b.mfn)), b.order - 1);
    }
    else
        buddy_free(mfn_to_page(_mfn(b.mfn)), b.order);
}

TEST(random_sequences_match_a_shadow_model)
{
    uint64_t m, start, shadow_free;
    unsigned int step;
    char before[4096];

    rng_state = 12345;
    reset(NR_FRAMES, 8192, 64);
    add(0, 1000);
    add(1001, 8192 - 1001);
    add(8256, NR_FRAMES - 8256);
    for ( m = 0; m < NR_FRAMES; m++ )
        shadow[m] = (m == 1000 || (m >= 8192 && m < 8256)) ? NOT_OURS : 0;
    start = buddy_free_frames();
    snprintf(before, sizeof(before), "%s", check_blocks());
    nr_live = nr_refused = 0;
    for ( step = 1; step <= 20000; step++ )
    {
        if ( nr_live < MAX_LIVE && (nr_live == 0 || rng() % 100 < 55) )
            random_alloc(step);
        else
            random_free();
        if ( step % 500 )
            continue;
        check_blocks();
        for ( m = 0, shadow_free = 0; m < NR_FRAMES; m++ )
            shadow_free += shadow[m] == 0;
        CHECK_EQ(buddy_free_frames(), shadow_free);
    }
    CHECK(nr_refused > 100);            /* Memory did run out, often. */
    while ( nr_live )
        random_free();
    CHECK_EQ(buddy_free_frames(), start);
    CHECK_STR(check_blocks(), before);
}

/* Enough frames for two blocks of MAX_ORDER, from mmap (128 MiB). */
TEST(merging_stops_at_max_order)
{
    struct page_info *big, *a, *b;

    reset(NR_FRAMES, NO_HOLE);
    drain();
    big = mmap(NULL, BIG_FRAMES * sizeof(*big), PROT_READ | PROT_WRITE,
               MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    CHECK(big != MAP_FAILED);
    if ( big == MAP_FAILED )
        return;
    memset(bitmap, 0, sizeof(bitmap));
    frame_table_setup(big, BIG_FRAMES, bitmap);
    frame_table_mark_valid(_mfn(0), BIG_FRAMES);
    add(1ULL << MAX_ORDER, 1ULL << MAX_ORDER);
    add(0, 1ULL << MAX_ORDER);
    CHECK_STR(check_blocks(), "0:20 1048576:20");
    a = buddy_alloc(MAX_ORDER);
    b = buddy_alloc(MAX_ORDER);
    CHECK(a && b && a != b);
    CHECK(buddy_alloc(MAX_ORDER) == NULL);
    CHECK(buddy_alloc(0) == NULL);
    buddy_free(a, MAX_ORDER);
    buddy_free(b, MAX_ORDER);
    CHECK_STR(check_blocks(), "0:20 1048576:20");
    drain();
    memset(big, 0, BIG_FRAMES * sizeof(*big));      /* All reserved again. */
    add(1, BIG_FRAMES - 2);
    CHECK_EQ(buddy_free_frames(), BIG_FRAMES - 2);
    check_blocks();
    drain();
    munmap(big, BIG_FRAMES * sizeof(*big));
    frame_table_setup(table, 0, bitmap);    /* The next reset() sets it up. */
}
