/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * domain_lifecycle, reclamation: many create/max_mem/max_vcpus/populate/
 * destroy rounds, then physinfo's free_pages must be exactly what it was
 * before (every frame back: the domains' memory, shared_info pages, and
 * whatever the hypervisor allocated for them). Xen 4.17 frees a domain's
 * structure after an RCU grace period, so the count may lag: the start
 * value is taken once the count has held still for 100 ms (domains
 * destroyed earlier in the test may still be going), the end value once
 * it is back, or after a second. 1000 rounds on both hypervisors (about
 * 1 ms each under QEMU TCG, noted), then one 32 MiB domain, whose destroy
 * is long enough to be preempted and continued.
 */
#include <guest/test.h>
#include <guest/time.h>
#include "lifecycle.h"

#define ROUND_FRAMES 64
#define SETTLE_NS    1000000000ULL
#define STILL_NS     100000000ULL
#define ROUNDS       1000

#define BIG_FRAMES   8192            /* 32 MiB: a destroy long enough to preempt. */

static xen_pfn_t frames[BIG_FRAMES];

static long one_round(unsigned int nr)
{
    domid_t id;
    long rc = lc_create_default(&id);

    if ( rc )
        return rc;
    rc = lc_max_mem(id, nr * 4);
    if ( !rc )
        rc = lc_max_vcpus(id, 1);
    if ( !rc && lc_populate(id, frames, nr) != nr )
        rc = -ENOMEM;
    if ( lc_destroy(id) && !rc )
        rc = -EBUSY;
    return rc;
}

/* free_pages once it equals want or a second has passed. */
static uint64_t settled_free_pages(uint64_t want)
{
    uint64_t deadline = guest_time_now() + SETTLE_NS, now = lc_free_pages();

    while ( now != want && guest_time_now() < deadline )
    {
        hypercall_sched_op(SCHEDOP_yield, NULL);
        now = lc_free_pages();
    }
    return now;
}

/* free_pages once it has not changed for STILL_NS (at most SETTLE_NS). */
static uint64_t still_free_pages(void)
{
    uint64_t end = guest_time_now() + SETTLE_NS, since = guest_time_now();
    uint64_t last = lc_free_pages(), now;

    while ( guest_time_now() < end && guest_time_now() - since < STILL_NS )
    {
        hypercall_sched_op(SCHEDOP_yield, NULL);
        now = lc_free_pages();
        if ( now != last )
        {
            last = now;
            since = guest_time_now();
        }
    }
    return last;
}

void check_rounds(void)
{
    unsigned int rounds = ROUNDS, i;
    uint64_t before = still_free_pages(), start, spent, after;
    long rc = 0;

    start = guest_time_now();
    for ( i = 0; i < rounds && rc == 0; i++ )
        rc = one_round(ROUND_FRAMES);
    spent = guest_time_now() - start;
    test_expect_rc("rounds/all_done", rc, 0);
    test_expect_eq("rounds/count", i, rounds);
    test_note("%u create/populate(%u pages)/destroy rounds: %lu us each",
              i, ROUND_FRAMES, (unsigned long)(i ? spent / i / 1000 : 0));
    after = settled_free_pages(before);
    test_check(after == before, "rounds/free_pages",
               "free_pages %lu before, %lu after", (unsigned long)before,
               (unsigned long)after);
    start = guest_time_now();
    test_expect_rc("big/round", one_round(BIG_FRAMES), 0);
    test_note("a %u-page domain: created, populated, destroyed in %lu us",
              BIG_FRAMES, (unsigned long)((guest_time_now() - start) / 1000));
    after = settled_free_pages(before);
    test_check(after == before, "big/free_pages",
               "free_pages %lu before, %lu after", (unsigned long)before,
               (unsigned long)after);
}
