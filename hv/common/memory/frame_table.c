/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The frame table's bookkeeping: where it is (frame_table), how far it
 * reaches (max_page), which parts of it exist (mfn_valid()), and a count of
 * frames by state. Pure logic: the arch code maps the table pages
 * (hv/arch/x86/mm/frame_table_map.c) and reports each mapped range here;
 * host tests use an ordinary array.
 *
 * The table is mapped only where RAM is, one 4 KiB page of entries per
 * FRAME_TABLE_VALID_CHUNK frames, so validity is one bit per chunk. An entry
 * whose chunk bit is clear must never be read: its page may not be mapped.
 * Xen's mfn_valid() (xen/common/pdx.c) plays the same role.
 */
#include <xenolith/console.h>
#include <xenolith/frame_table.h>
#include <xenolith/panic.h>

/* A chunk of entries is exactly one page of the table. */
BUILD_BUG_ON(sizeof(struct page_info) * FRAME_TABLE_VALID_CHUNK != PAGE_SIZE);

#define BITMAP_WORD_BITS 64

/* Written at boot by frame_table_setup() and frame_table_mark_valid() only. */
struct page_info *frame_table;
uint64_t max_page;
static uint64_t *valid_bitmap;

static bool chunk_valid(uint64_t chunk)
{
    return valid_bitmap[chunk / BITMAP_WORD_BITS] &
           (1ULL << (chunk % BITMAP_WORD_BITS));
}

bool mfn_valid(mfn_t mfn)
{
    uint64_t m = mfn_x(mfn);

    return m < max_page && chunk_valid(m / FRAME_TABLE_VALID_CHUNK);
}

void frame_table_setup(struct page_info *table, uint64_t nr_frames,
                       uint64_t *bitmap)
{
    BUG_ON(nr_frames && (!table || !bitmap));
    frame_table = table;
    max_page = nr_frames;
    valid_bitmap = bitmap;
}

void frame_table_mark_valid(mfn_t first, uint64_t nr)
{
    uint64_t f = mfn_x(first), chunk, last;

    if ( f >= max_page || nr == 0 )
        return;
    nr = MIN(nr, max_page - f);         /* Also keeps f + nr from wrapping. */
    last = (f + nr - 1) / FRAME_TABLE_VALID_CHUNK;
    for ( chunk = f / FRAME_TABLE_VALID_CHUNK; chunk <= last; chunk++ )
        valid_bitmap[chunk / BITMAP_WORD_BITS] |=
            1ULL << (chunk % BITMAP_WORD_BITS);
}

static void account_frame(struct frame_accounting *acc, uint64_t mfn)
{
    /* Free frames change under heap_lock, which we don't take: a snapshot. */
    uint64_t count_info = __atomic_load_n(&frame_table[mfn].count_info,
                                          __ATOMIC_RELAXED);

    acc->total++;
    switch ( count_info & PGC_STATE_MASK )
    {
    case PGC_STATE_FREE:
        acc->free++;
        break;
    case PGC_STATE_INUSE:
        acc->inuse++;
        if ( count_info & PGC_XEN_HEAP )
            acc->xen_heap++;
        break;
    case PGC_STATE_BOOT:
        acc->boot++;
        break;
    case PGC_STATE_RESERVED:
        acc->reserved++;
        break;
    default:
        printk(XENLOG_ERR "frame %#lx: unknown state, count_info %#lx\n",
               mfn, count_info);
        BUG();
    }
}

void frame_table_account(struct frame_accounting *acc)
{
    uint64_t chunk, mfn, end;
    uint64_t nr_chunks = (max_page + FRAME_TABLE_VALID_CHUNK - 1) /
                         FRAME_TABLE_VALID_CHUNK;

    *acc = (struct frame_accounting){ 0 };
    for ( chunk = 0; chunk < nr_chunks; chunk++ )
    {
        if ( !chunk_valid(chunk) )
            continue;
        mfn = chunk * FRAME_TABLE_VALID_CHUNK;
        end = MIN(mfn + FRAME_TABLE_VALID_CHUNK, max_page);
        for ( ; mfn < end; mfn++ )
            account_frame(acc, mfn);
    }
}
