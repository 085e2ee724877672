/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Tests for hv/common/time_scale.c: the tsc_to_system_mul/tsc_shift pair
 * for rates from 1 MHz to 10 GHz, checked against exact 128-bit arithmetic
 * (at most 2 ns plus 1 ns per 2^30 ns off, never above), the shift checked
 * against Xen's set_time_scale() rule (guests see it), and bad rates.
 */
#include <string.h>

#include "harness.h"

#include <xenolith/errno.h>
#include <xenolith/time_scale.h>

#define NS_PER_SEC 1000000000ULL

static const uint64_t rates[] = {
    1000000, 1193182, 3579545, 10000000, 14318180, 25000000, 100000000,
    999999999, 1000000000, 1000000001, 1500000000, 1999999999, 2000000000,
    2000000001, 2400000000ULL, 2893437000ULL, 3000000001ULL, 3600000000ULL,
    4294967295ULL, 4294967296ULL, 5000000000ULL, 7999999999ULL,
    10000000000ULL,
};

static uint64_t lcg_state = 0x2545f4914f6cdd1dULL;

static uint64_t lcg_next(void)
{
    lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return lcg_state >> 11;
}

/* Xen's normalisation of a rate (semantics of set_time_scale()). */
static int xen_shift(uint64_t tps)
{
    int shift = 0;

    while ( tps > 2 * NS_PER_SEC )
    {
        tps >>= 1;
        shift--;
    }
    while ( tps <= NS_PER_SEC )
    {
        tps <<= 1;
        shift++;
    }
    return shift;
}

/* Checks one conversion against the exact value; returns false on error. */
static bool check_delta(const struct time_scale *ts, uint64_t from,
                        uint64_t to, uint64_t delta)
{
    unsigned __int128 exact = (unsigned __int128)delta * to / from;
    uint64_t ref = (uint64_t)exact, got = time_scale_apply(delta, ts);

    if ( got <= ref && ref - got <= 2 + ref / (1ULL << 30) )
        return true;
    harness_fail(__FILE__, __LINE__,
                 "%llu ticks at %llu Hz -> %llu Hz: got %llu, exact %llu",
                 (unsigned long long)delta, (unsigned long long)from,
                 (unsigned long long)to, (unsigned long long)got,
                 (unsigned long long)ref);
    return false;
}

/* Deltas from 0 to a day of from-ticks, fixed and random. */
static void check_rates(uint64_t from, uint64_t to)
{
    struct time_scale ts;
    uint64_t day = from * 86400, fixed[] = { 0, 1, 2, 3, from / 1000,
                                             from - 1, from, from + 1,
                                             from * 60, from * 3600, day };
    unsigned int i;

    CHECK_EQ(time_scale_init(&ts, from, to), 0);
    CHECK(ts.mul_frac >= (1U << 31));
    CHECK(ts.shift >= -32 && ts.shift <= 31);
    for ( i = 0; i < ARRAY_SIZE(fixed); i++ )
        if ( !check_delta(&ts, from, to, fixed[i]) )
            return;
    for ( i = 0; i < 2000; i++ )
        if ( !check_delta(&ts, from, to, lcg_next() % day) )
            return;
}

TEST(ticks_to_ns_from_1mhz_to_10ghz)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(rates); i++ )
        check_rates(rates[i], NS_PER_SEC);
}

TEST(ns_to_ticks_for_timer_programming)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(rates); i++ )
        check_rates(NS_PER_SEC, rates[i]);
}

TEST(random_rates)
{
    unsigned int i;

    for ( i = 0; i < 200; i++ )
        check_rates(1000000 + lcg_next() % 9999000000ULL, NS_PER_SEC);
}

/*
 * Xen normalises the truncated, shifted rate, so just above a power-of-two
 * boundary (2000000001 Hz) its shift is one higher than ours; elsewhere
 * the two agree.
 */
TEST(shift_matches_xen)
{
    struct time_scale ts;
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(rates); i++ )
    {
        int xen = xen_shift(rates[i]);

        CHECK_EQ(time_scale_init(&ts, rates[i], NS_PER_SEC), 0);
        if ( rates[i] == 2000000001 )
            CHECK_EQ(ts.shift, xen - 1);
        else
            CHECK_EQ(ts.shift, xen);
    }
}

TEST(exact_rates_give_xen_values)
{
    struct time_scale ts;

    CHECK_EQ(time_scale_init(&ts, 1000000000, NS_PER_SEC), 0);
    CHECK_EQ(ts.shift, 1);
    CHECK_EQ(ts.mul_frac, 1U << 31);
    CHECK_EQ(time_scale_init(&ts, 2000000000, NS_PER_SEC), 0);
    CHECK_EQ(ts.shift, 0);
    CHECK_EQ(ts.mul_frac, 1U << 31);
    CHECK_EQ(time_scale_init(&ts, 3000000000ULL, NS_PER_SEC), 0);
    CHECK_EQ(ts.shift, -1);
    CHECK_EQ(ts.mul_frac, 2863311530U);
    CHECK_EQ(time_scale_apply(3000000000ULL, &ts), NS_PER_SEC - 1);
}

TEST(bad_rates_refused_and_scale_unchanged)
{
    struct time_scale ts = { .shift = 7, .mul_frac = 1234 };

    CHECK_EQ(time_scale_init(&ts, 0, NS_PER_SEC), -EINVAL);
    CHECK_EQ(time_scale_init(&ts, NS_PER_SEC, 0), -EINVAL);
    CHECK_EQ(time_scale_init(&ts, TIME_SCALE_MAX_HZ + 1, NS_PER_SEC),
             -EINVAL);
    CHECK_EQ(time_scale_init(&ts, 1, 10000000000ULL), -EINVAL);
    CHECK_EQ(time_scale_init(&ts, TIME_SCALE_MAX_HZ, 1), -EINVAL);
    CHECK_EQ(ts.shift, 7);
    CHECK_EQ(ts.mul_frac, 1234);
}

TEST(extreme_but_valid_ratios)
{
    struct time_scale ts;

    CHECK_EQ(time_scale_init(&ts, 1, 1U << 30), 0);
    CHECK_EQ(ts.shift, 31);
    CHECK(check_delta(&ts, 1, 1U << 30, 12345));
    CHECK_EQ(time_scale_init(&ts, 1, 1U << 31), -EINVAL);
    CHECK_EQ(time_scale_init(&ts, 1ULL << 40, 1U << 9), 0);
    CHECK(check_delta(&ts, 1ULL << 40, 1U << 9, 1ULL << 60));
}

TEST(zeroed_scale_gives_zero)
{
    struct time_scale ts;

    memset(&ts, 0, sizeof(ts));
    CHECK_EQ(time_scale_apply(123456789, &ts), 0);
}
