/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Tests for hv/common/timer_heap.c: timers come out in expiry order,
 * removal from any position keeps the heap valid, re-setting moves a timer,
 * a full heap refuses, and a long run of random operations (fixed seed)
 * agrees at every step with a plain array model.
 */
#include <string.h>

#include "harness.h"

#include <xenolith/errno.h>
#include <xenolith/timer_heap.h>

#define CAPACITY 64

static struct timer timers[CAPACITY + 1];
static struct timer *slots[CAPACITY + 1];
static struct timer_heap heap;

static void reset(unsigned int capacity)
{
    memset(timers, 0, sizeof(timers));
    memset(slots, 0, sizeof(slots));
    timer_heap_init(&heap, slots, capacity);
}

static void add(unsigned int i, s_time_t expires)
{
    timers[i].expires = expires;
    CHECK_EQ(timer_heap_add(&heap, &timers[i]), 0);
    CHECK(timer_heap_valid(&heap));
}

/* Removes the first timer; returns its index in timers[] or -1. */
static int pop(void)
{
    struct timer *t = timer_heap_first(&heap);

    if ( !t )
        return -1;
    CHECK_EQ(timer_heap_remove(&heap, t), 0);
    CHECK_EQ(t->heap_index, 0);
    CHECK(timer_heap_valid(&heap));
    return (int)(t - timers);
}

TEST(empty_heap)
{
    reset(CAPACITY);
    CHECK(timer_heap_first(&heap) == NULL);
    CHECK(timer_heap_valid(&heap));
    CHECK_EQ(timer_heap_remove(&heap, &timers[0]), -ENOENT);
}

TEST(timers_come_out_in_expiry_order)
{
    static const s_time_t expires[] = { 50, 10, 40, 10, 90, -5, 30, 70, 20 };
    s_time_t last = INT64_MIN;
    unsigned int i;
    int n;

    reset(CAPACITY);
    for ( i = 0; i < ARRAY_SIZE(expires); i++ )
        add(i, expires[i]);
    CHECK_EQ(heap.nr, ARRAY_SIZE(expires));
    for ( i = 0; (n = pop()) >= 0; i++ )
    {
        CHECK(timers[n].expires >= last);
        last = timers[n].expires;
    }
    CHECK_EQ(i, ARRAY_SIZE(expires));
    CHECK_EQ(last, 90);
}

TEST(stop_from_the_middle)
{
    unsigned int i;
    int n;

    reset(CAPACITY);
    for ( i = 0; i < 15; i++ )
        add(i, (s_time_t)(i * 7 % 15));
    /* Timer 6 (expires 12) sits inside the tree, neither root nor last. */
    CHECK(timers[6].heap_index > 1 && timers[6].heap_index < heap.nr);
    CHECK_EQ(timer_heap_remove(&heap, &timers[6]), 0);
    CHECK_EQ(timers[6].heap_index, 0);
    CHECK(!timer_heap_contains(&heap, &timers[6]));
    CHECK(timer_heap_valid(&heap));
    CHECK_EQ(timer_heap_remove(&heap, &timers[6]), -ENOENT);
    while ( (n = pop()) >= 0 )
        CHECK(n != 6);
}

TEST(remove_needing_sift_up)
{
    static const s_time_t expires[] = { 1, 2, 100, 3, 4, 101, 102, 5 };
    unsigned int i;

    reset(CAPACITY);
    /* Each lands in its own slot: slot 6 (101) under slot 3 (100). */
    for ( i = 0; i < ARRAY_SIZE(expires); i++ )
        add(i, expires[i]);
    CHECK_EQ(timers[5].heap_index, 6);
    /* The last timer (5) fills slot 6 and must rise above 100. */
    CHECK_EQ(timer_heap_remove(&heap, &timers[5]), 0);
    CHECK(timer_heap_valid(&heap));
    CHECK_EQ(timers[7].heap_index, 3);
    CHECK_EQ(pop(), 0);
}

TEST(reset_moves_a_timer)
{
    reset(CAPACITY);
    add(0, 100);
    add(1, 200);
    add(2, 300);
    CHECK(timer_heap_first(&heap) == &timers[0]);
    CHECK_EQ(timer_heap_remove(&heap, &timers[2]), 0);
    add(2, 50);
    CHECK(timer_heap_first(&heap) == &timers[2]);
    CHECK_EQ(timer_heap_remove(&heap, &timers[2]), 0);
    add(2, 500);
    CHECK_EQ(pop(), 0);
    CHECK_EQ(pop(), 1);
    CHECK_EQ(pop(), 2);
    CHECK_EQ(pop(), -1);
}

TEST(full_heap_refuses)
{
    unsigned int i;

    reset(4);
    for ( i = 0; i < 4; i++ )
        add(i, (s_time_t)i);
    timers[4].expires = -1;
    CHECK_EQ(timer_heap_add(&heap, &timers[4]), -ENOSPC);
    CHECK_EQ(timers[4].heap_index, 0);
    CHECK_EQ(heap.nr, 4);
    CHECK(timer_heap_first(&heap) == &timers[0]);
}

TEST(remove_of_foreign_timer_refused)
{
    struct timer other = { .heap_index = 1 };

    reset(CAPACITY);
    add(0, 1);
    CHECK_EQ(timer_heap_remove(&heap, &other), -ENOENT);
    other.heap_index = 7;
    CHECK_EQ(timer_heap_remove(&heap, &other), -ENOENT);
    CHECK_EQ(heap.nr, 1);
}

static uint64_t lcg_state = 42;

static unsigned int rnd(unsigned int n)
{
    lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned int)((lcg_state >> 33) % n);
}

/* The model: which timers are armed and when; the earliest is a scan. */
static bool model_active[CAPACITY];

static s_time_t model_min(void)
{
    s_time_t min = INT64_MAX;
    unsigned int i;

    for ( i = 0; i < CAPACITY; i++ )
        if ( model_active[i] && timers[i].expires < min )
            min = timers[i].expires;
    return min;
}

static bool random_step(void)
{
    unsigned int i = rnd(CAPACITY), op = rnd(4);
    struct timer *first;

    if ( op == 0 && (first = timer_heap_first(&heap)) )
    {
        if ( first->expires != model_min() )
            return false;
        model_active[first - timers] = false;
        return timer_heap_remove(&heap, first) == 0;
    }
    if ( model_active[i] && op == 1 )
    {
        model_active[i] = false;
        return timer_heap_remove(&heap, &timers[i]) == 0;
    }
    /* Set or re-set, with few distinct times so that ties are common. */
    if ( model_active[i] && timer_heap_remove(&heap, &timers[i]) )
        return false;
    timers[i].expires = (s_time_t)rnd(100) - 20;
    model_active[i] = true;
    return timer_heap_add(&heap, &timers[i]) == 0;
}

TEST(random_operations_match_model)
{
    unsigned int step, i, active;

    reset(CAPACITY);
    memset(model_active, 0, sizeof(model_active));
    for ( step = 0; step < 200000; step++ )
    {
        if ( !random_step() || !timer_heap_valid(&heap) )
        {
            harness_fail(__FILE__, __LINE__, "diverged at step %u", step);
            return;
        }
        for ( i = 0, active = 0; i < CAPACITY; i++ )
        {
            active += model_active[i];
            if ( timer_heap_contains(&heap, &timers[i]) != model_active[i] )
            {
                harness_fail(__FILE__, __LINE__, "timer %u at step %u", i,
                             step);
                return;
            }
        }
        CHECK_EQ(heap.nr, active);
        if ( active )
            CHECK_EQ(timer_heap_first(&heap)->expires, model_min());
    }
}
