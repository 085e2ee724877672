/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The frame table: one struct page_info per machine frame, at
 * FRAMETABLE_VIRT_START, mapped only where RAM exists (mfn_valid() tells).
 *
 * It carries what the validated MMU (issue 4) needs, as Xen's does: the
 * owner, a general reference count with state flags (count_info), and a
 * type with its own count (type_info: L1..L4 page table, descriptor page,
 * writable). A frame may be mapped writable by a guest only while its type
 * is PGT_writable; it may be used as a page table only while its type is
 * the matching PGT_l*; the type changes only when its type count is zero.
 * Reference counts keep a frame from being freed while anything uses it.
 *
 * Locking: a free frame belongs to the buddy allocator (heap_lock); an
 * allocated frame's count_info and type_info change with atomic
 * compare-and-exchange only, so they need no lock.
 */
#ifndef XENOLITH_FRAME_TABLE_H
#define XENOLITH_FRAME_TABLE_H

#include <xenolith/compiler.h>
#include <xenolith/types.h>

struct domain;

struct page_list_entry {
    struct page_info *next, *prev;
};

struct page_info {
    struct page_list_entry list;    /* Buddy free list, or the owner's list. */
    uint64_t count_info;            /* PGC_* state and flags, general refcount. */
    uint64_t type_info;             /* PGT_* type, flags, type refcount. */
    struct domain *owner;           /* NULL: the hypervisor (or nobody, if free). */
    uint32_t order;                 /* Free: order of the block this heads. */
    uint32_t heap_class;            /* Heap page: what it holds (heap.c). */
    uint16_t heap_live;             /* xmalloc pool page: objects handed out. */
    uint16_t heap_free;             /* xmalloc pool page: free slot + 1, or 0. */
    int16_t linear_pt_count;        /* Page table: > 0 linear entries it
                                       holds, < 0 uses as a linear table
                                       (arch/x86/mm/pt_linear.c). */
    uint16_t reserved16;            /* Unused. */
    uint32_t tlbflush_timestamp;    /* tlbflush_clock when its type count
                                       last fell to 0 (asm/flush.h). */
    uint32_t pt_held_next;          /* On a vCPU's list of tables held by
                                       prevalidation: next frame + 1, or 0
                                       (arch/x86/mm/pt_prevalidate.c). */
};

/* count_info: state in the top bits, a reference count below. */
#define PGC_STATE_SHIFT   60
#define PGC_STATE_MASK    (0xfULL << PGC_STATE_SHIFT)
#define PGC_STATE_RESERVED (0ULL << PGC_STATE_SHIFT)  /* Not RAM we manage. */
#define PGC_STATE_FREE     (1ULL << PGC_STATE_SHIFT)  /* In the buddy allocator. */
#define PGC_STATE_INUSE    (2ULL << PGC_STATE_SHIFT)  /* Allocated. */
#define PGC_STATE_BOOT     (3ULL << PGC_STATE_SHIFT)  /* Image, early tables, modules. */
#define PGC_HEAD          (1ULL << 59)    /* Free: first frame of a block. */
#define PGC_XEN_HEAP      (1ULL << 58)    /* Allocated for the hypervisor itself. */
#define PGC_ALLOCATED     (1ULL << 57)    /* Owned by a domain (holds a reference). */
#define PGC_COUNT_MASK    ((1ULL << 52) - 1)

/* type_info: the type in the top bits, flags, a type reference count. */
#define PGT_TYPE_SHIFT    60
#define PGT_TYPE_MASK     (0xfULL << PGT_TYPE_SHIFT)
#define PGT_NONE          (0ULL << PGT_TYPE_SHIFT)
#define PGT_L1_PAGE_TABLE (1ULL << PGT_TYPE_SHIFT)
#define PGT_L2_PAGE_TABLE (2ULL << PGT_TYPE_SHIFT)
#define PGT_L3_PAGE_TABLE (3ULL << PGT_TYPE_SHIFT)
#define PGT_L4_PAGE_TABLE (4ULL << PGT_TYPE_SHIFT)
#define PGT_SEG_DESC_PAGE (5ULL << PGT_TYPE_SHIFT)
#define PGT_WRITABLE_PAGE (7ULL << PGT_TYPE_SHIFT)
#define PGT_VALIDATED     (1ULL << 59)
#define PGT_PINNED        (1ULL << 58)
#define PGT_COUNT_MASK    ((1ULL << 52) - 1)

/* The table and its bounds. Set up by frame_table_init(); read-only after. */
extern struct page_info *frame_table;
extern uint64_t max_page;                /* One past the highest RAM frame. */

/* Is there a page_info for this frame (RAM, inside the table)? Context: any. */
bool mfn_valid(mfn_t mfn);

static inline struct page_info *mfn_to_page(mfn_t mfn)
{
    return frame_table + mfn_x(mfn);
}

static inline mfn_t page_to_mfn(const struct page_info *pg)
{
    return _mfn((uint64_t)(pg - frame_table));
}

static inline uint64_t page_state(const struct page_info *pg)
{
    return pg->count_info & PGC_STATE_MASK;
}

/*
 * Record that frames [first, first+nr) have page_info entries (their table
 * pages are mapped). Validity has a granularity of FRAME_TABLE_VALID_CHUNK
 * frames: every chunk the range touches becomes valid. The part of the range
 * at or above max_page is ignored (such frames are never valid). Context:
 * boot. Used by the arch code that maps the table, and by host tests with an
 * ordinary array.
 */
void frame_table_mark_valid(mfn_t first, uint64_t nr);

/*
 * Set the table base, its bound and the validity bitmap storage (one bit per
 * FRAME_TABLE_VALID_CHUNK frames, zeroed by the caller). Context: boot.
 */
#define FRAME_TABLE_VALID_CHUNK 64
void frame_table_setup(struct page_info *table, uint64_t nr_frames,
                       uint64_t *valid_bitmap);

/*
 * Frame accounting, by state, over every valid frame below max_page:
 * total = free + inuse + boot + reserved, and xen_heap counts the frames of
 * inuse that carry PGC_XEN_HEAP. A snapshot, not atomic with respect to
 * concurrent allocation. A frame in no known state is table corruption:
 * BUG(). Context: any.
 */
struct frame_accounting {
    uint64_t total, free, inuse, xen_heap, boot, reserved;
};
void frame_table_account(struct frame_accounting *acc);

#endif /* XENOLITH_FRAME_TABLE_H */
