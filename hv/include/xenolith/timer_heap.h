/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A binary min-heap of soft timers ordered by expiry, the structure behind
 * each CPU's timer queue (hv/common/timer.c). Storage is an array the
 * caller provides; slots are numbered from 1 so that a timer's heap_index
 * of 0 can mean "not in any heap" (struct timer, xenolith/time.h). Equal
 * expiry times come out in no particular order. No locking: the caller
 * serialises. Pure (tests/unit/test_timer_heap.c).
 */
#ifndef XENOLITH_TIMER_HEAP_H
#define XENOLITH_TIMER_HEAP_H

#include <xenolith/compiler.h>
#include <xenolith/time.h>

struct timer_heap {
    struct timer **slot;        /* slot[1..nr] hold the timers. */
    unsigned int nr;
    unsigned int capacity;      /* slot has capacity + 1 entries. */
};

/* Make an empty heap using slots[0..capacity]. */
void timer_heap_init(struct timer_heap *h, struct timer **slots,
                     unsigned int capacity);

/*
 * Insert t, which must not be in a heap (heap_index 0), keyed by
 * t->expires. Returns 0, or -ENOSPC when the heap is full (t unchanged).
 */
int __must_check timer_heap_add(struct timer_heap *h, struct timer *t);

/*
 * Remove t from h and clear its heap_index. Returns 0, or -ENOENT when t is
 * not in h (nothing changes).
 */
int timer_heap_remove(struct timer_heap *h, struct timer *t);

/* Whether t is in h. */
bool timer_heap_contains(const struct timer_heap *h, const struct timer *t);

/* The timer with the earliest expiry, or NULL if h is empty. */
static inline struct timer *timer_heap_first(const struct timer_heap *h)
{
    return h->nr ? h->slot[1] : NULL;
}

/* Check the heap order and every heap_index; for tests and debugging. */
bool timer_heap_valid(const struct timer_heap *h);

#endif /* XENOLITH_TIMER_HEAP_H */
