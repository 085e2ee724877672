/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Min-heap of timers by expiry (see xenolith/timer_heap.h): the usual
 * implicit binary tree over slot[1..nr], parent of i at i / 2, children at
 * 2i and 2i + 1, each timer remembering its slot so it can be removed from
 * the middle in O(log n) (as Xen's common/timer.c does). Pure.
 */
#include <xenolith/errno.h>
#include <xenolith/timer_heap.h>

static void place(struct timer_heap *h, unsigned int i, struct timer *t)
{
    h->slot[i] = t;
    t->heap_index = i;
}

/* Move the timer at i towards the root until its parent is not later. */
static void sift_up(struct timer_heap *h, unsigned int i)
{
    struct timer *t = h->slot[i];

    while ( i > 1 && h->slot[i / 2]->expires > t->expires )
    {
        place(h, i, h->slot[i / 2]);
        i /= 2;
    }
    place(h, i, t);
}

/* Move the timer at i towards the leaves until no child is earlier. */
static void sift_down(struct timer_heap *h, unsigned int i)
{
    struct timer *t = h->slot[i];
    unsigned int child;

    while ( (child = 2 * i) <= h->nr )
    {
        if ( child < h->nr &&
             h->slot[child + 1]->expires < h->slot[child]->expires )
            child++;
        if ( h->slot[child]->expires >= t->expires )
            break;
        place(h, i, h->slot[child]);
        i = child;
    }
    place(h, i, t);
}

void timer_heap_init(struct timer_heap *h, struct timer **slots,
                     unsigned int capacity)
{
    h->slot = slots;
    h->nr = 0;
    h->capacity = capacity;
}

int timer_heap_add(struct timer_heap *h, struct timer *t)
{
    if ( h->nr == h->capacity )
        return -ENOSPC;
    h->nr++;
    place(h, h->nr, t);
    sift_up(h, h->nr);
    return 0;
}

bool timer_heap_contains(const struct timer_heap *h, const struct timer *t)
{
    return t->heap_index >= 1 && t->heap_index <= h->nr &&
           h->slot[t->heap_index] == t;
}

int timer_heap_remove(struct timer_heap *h, struct timer *t)
{
    unsigned int i = t->heap_index;
    struct timer *last;

    if ( !timer_heap_contains(h, t) )
        return -ENOENT;
    last = h->slot[h->nr];
    h->slot[h->nr--] = NULL;
    t->heap_index = 0;
    if ( last == t )
        return 0;
    /* The last timer fills the hole, then moves whichever way it must. */
    place(h, i, last);
    if ( i > 1 && h->slot[i / 2]->expires > last->expires )
        sift_up(h, i);
    else
        sift_down(h, i);
    return 0;
}

bool timer_heap_valid(const struct timer_heap *h)
{
    unsigned int i;

    if ( h->nr > h->capacity )
        return false;
    for ( i = 1; i <= h->nr; i++ )
    {
        if ( !h->slot[i] || h->slot[i]->heap_index != i )
            return false;
        if ( i > 1 && h->slot[i / 2]->expires > h->slot[i]->expires )
            return false;
    }
    return true;
}
