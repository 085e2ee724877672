/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests of hv/common/memory/frame_table.c: validity by chunk
 * (FRAME_TABLE_VALID_CHUNK frames share one bit, nothing at or above
 * max_page is valid, ranges past max_page are clipped as the arch code
 * relies on), and accounting by state over valid frames only.
 *
 * Tables are allocated at exactly max_page entries and invalid chunks are
 * poisoned for AddressSanitizer, so reading an entry that mfn_valid()
 * rejects, as an unmapped table page would fault, fails the test.
 */
#include <sanitizer/asan_interface.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#include <xenolith/frame_table.h>

#define CHUNK       FRAME_TABLE_VALID_CHUNK
#define MAX_FRAMES  16384
#define NO_MFN      UINT64_MAX

static uint64_t bitmap[MAX_FRAMES / CHUNK / 64];
static struct page_info *table;

/* A fresh table of exactly nr entries, all reserved, nothing valid. */
static void fresh_table(uint64_t nr)
{
    free(table);
    table = nr ? calloc(nr, sizeof(*table)) : NULL;
    memset(bitmap, 0, sizeof(bitmap));
    frame_table_setup(table, nr, bitmap);
}

/* Make the entries of invalid chunks garbage, then unreadable. */
static void poison_invalid(void)
{
    uint64_t m;

    for ( m = 0; m < max_page; m++ )
        if ( !mfn_valid(_mfn(m)) )
        {
            memset(&table[m], 0xff, sizeof(table[m]));
            ASAN_POISON_MEMORY_REGION(&table[m], sizeof(table[m]));
        }
}

static void unpoison_all(void)
{
    if ( table )
        ASAN_UNPOISON_MEMORY_REGION(table, max_page * sizeof(*table));
}

TEST(nothing_is_valid_without_a_table)
{
    unpoison_all();
    fresh_table(0);
    CHECK(!mfn_valid(_mfn(0)));
    CHECK(!mfn_valid(INVALID_MFN));
    frame_table_mark_valid(_mfn(0), 64);     /* Beyond max_page: ignored. */
    CHECK(!mfn_valid(_mfn(0)));
}

TEST(nothing_is_valid_before_marking)
{
    uint64_t m;

    unpoison_all();
    fresh_table(256);
    for ( m = 0; m < 300; m++ )
        CHECK(!mfn_valid(_mfn(m)));
}

enum probe { END, INVALID, VALID };     /* END: zero, so lists end alone. */

struct mark_case {
    const char *name;
    uint64_t nr_frames;
    struct { uint64_t first, nr; } marks[3];
    struct { uint64_t mfn; enum probe want; } probes[7];
};

static const struct mark_case mark_cases[] = {
    { "first chunk", 256, { { 0, 64 } },
      { { 0, VALID }, { 63, VALID }, { 64, INVALID }, { 255, INVALID },
        { 256, INVALID }, { NO_MFN, INVALID } } },
    { "one frame marks its chunk", 256, { { 70, 1 } },
      { { 63, INVALID }, { 64, VALID }, { 127, VALID }, { 128, INVALID } } },
    { "range across a chunk edge", 256, { { 63, 2 } },
      { { 0, VALID }, { 127, VALID }, { 128, INVALID } } },
    { "chunk straddling max_page", 100, { { 64, 64 } },
      { { 63, INVALID }, { 64, VALID }, { 99, VALID }, { 100, INVALID },
        { 127, INVALID } } },
    { "range at max_page", 100, { { 100, 10 } },
      { { 99, INVALID }, { 100, INVALID } } },
    { "empty range", 256, { { 0, 0 } },
      { { 0, INVALID } } },
    { "huge nr is clipped", 256, { { 200, UINT64_MAX } },
      { { 191, INVALID }, { 192, VALID }, { 255, VALID }, { 256, INVALID } } },
    { "wrapping range", 256, { { UINT64_MAX - 5, 10 } },
      { { 0, INVALID }, { 3, INVALID }, { 255, INVALID } } },
    { "bitmap word edge", MAX_FRAMES, { { 4090, 20 } },
      { { 4031, INVALID }, { 4032, VALID }, { 4159, VALID },
        { 4160, INVALID } } },
    { "several ranges", MAX_FRAMES, { { 0, 64 }, { 8192, 1 }, { 16383, 1 } },
      { { 8191, INVALID }, { 8192, VALID }, { 8255, VALID }, { 8256, INVALID },
        { 16320, VALID }, { 16319, INVALID } } },
};

TEST(mark_valid_table)
{
    const struct mark_case *c;
    unsigned int i;

    for ( c = mark_cases; c < mark_cases + ARRAY_SIZE(mark_cases); c++ )
    {
        unpoison_all();
        fresh_table(c->nr_frames);
        for ( i = 0; i < ARRAY_SIZE(c->marks); i++ )
            frame_table_mark_valid(_mfn(c->marks[i].first), c->marks[i].nr);
        for ( i = 0; i < ARRAY_SIZE(c->probes) && c->probes[i].want; i++ )
            if ( mfn_valid(_mfn(c->probes[i].mfn)) !=
                 (c->probes[i].want == VALID) )
                harness_fail(__FILE__, __LINE__, "%s: mfn_valid(%#lx) wrong",
                             c->name, (unsigned long)c->probes[i].mfn);
    }
}

/* Independent classification, for comparison. */
static void expect_frame(struct frame_accounting *acc, uint64_t count_info)
{
    acc->total++;
    if ( (count_info >> PGC_STATE_SHIFT) == 1 )
        acc->free++;
    else if ( (count_info >> PGC_STATE_SHIFT) == 2 )
    {
        acc->inuse++;
        acc->xen_heap += !!(count_info & PGC_XEN_HEAP);
    }
    else if ( (count_info >> PGC_STATE_SHIFT) == 3 )
        acc->boot++;
    else
        acc->reserved++;
}

static const uint64_t frame_states[] = {
    PGC_STATE_FREE | PGC_HEAD,
    PGC_STATE_FREE,
    PGC_STATE_INUSE,
    PGC_STATE_INUSE | PGC_XEN_HEAP,
    PGC_STATE_INUSE | PGC_ALLOCATED | 3,    /* Flags and a count: inuse. */
    PGC_STATE_BOOT,
    PGC_STATE_RESERVED,
    PGC_STATE_RESERVED | PGC_COUNT_MASK,
};

TEST(account_counts_valid_frames_by_state)
{
    struct frame_accounting acc, want = { 0 };
    uint64_t m;

    unpoison_all();
    fresh_table(300);               /* The last chunk straddles max_page. */
    frame_table_mark_valid(_mfn(0), 128);
    frame_table_mark_valid(_mfn(192), 300 - 192);
    for ( m = 0; m < 300; m++ )
    {
        table[m].count_info = frame_states[m % ARRAY_SIZE(frame_states)];
        if ( mfn_valid(_mfn(m)) )
            expect_frame(&want, table[m].count_info);
    }
    poison_invalid();               /* Chunk 2 would BUG if read. */
    frame_table_account(&acc);
    CHECK_EQ(acc.total, 300 - 64);
    CHECK_EQ(acc.total, want.total);
    CHECK_EQ(acc.free, want.free);
    CHECK_EQ(acc.inuse, want.inuse);
    CHECK_EQ(acc.xen_heap, want.xen_heap);
    CHECK_EQ(acc.boot, want.boot);
    CHECK_EQ(acc.reserved, want.reserved);
    CHECK_EQ(acc.free + acc.inuse + acc.boot + acc.reserved, acc.total);
}

TEST(account_of_nothing_is_zero)
{
    struct frame_accounting acc;

    unpoison_all();
    fresh_table(256);
    memset(&acc, 0x55, sizeof(acc));
    frame_table_account(&acc);
    CHECK_EQ(acc.total, 0);
    CHECK_EQ(acc.free + acc.inuse + acc.xen_heap + acc.boot + acc.reserved, 0);
    fresh_table(0);
    frame_table_account(&acc);
    CHECK_EQ(acc.total, 0);
}

TEST(account_bugs_on_an_unknown_state)
{
    static const uint64_t bad_states[] = { 4, 7, 15 };
    struct frame_accounting acc;
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(bad_states); i++ )
    {
        unpoison_all();
        fresh_table(64);
        frame_table_mark_valid(_mfn(0), 64);
        table[17].count_info = bad_states[i] << PGC_STATE_SHIFT;
        EXPECT_PANIC(frame_table_account(&acc));
        CHECK(strstr(harness_panic_message, "BUG") != NULL);
        CHECK(harness_log_contains("frame 0x11"));
    }
}
