/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * System time from the TSC: NOW() is the TSC ticks since calibration scaled
 * to nanoseconds with the tsc_to_system_mul/tsc_shift pair guests will get
 * in vcpu_time_info (xenolith/time_scale.h), so both sides compute the
 * same time. One CPU today: there is no per-CPU TSC offset to correct yet.
 *
 * Busy-waits spin on the TSC. Before calibration they assume the fastest
 * plausible TSC (TSC_EARLY_MAX_MHZ), so they wait at least as long as asked
 * (panic() may need mdelay() that early); they also bound the number of
 * spins by the same tick count, which ends the wait even if the TSC does not
 * move, since every spin takes more than one tick of a working TSC.
 */
#include <asm/processor.h>
#include <asm/time.h>
#include <xenolith/panic.h>
#include <xenolith/time_scale.h>

#define TSC_EARLY_MAX_MHZ   6000
#define STIME_TSC_MAX       (1LL << 55)         /* About 417 days. */

/* Set by tsc_set_frequency() at boot, before interrupts; read-only after. */
static struct time_scale tsc_to_ns, ns_to_tsc;
static uint64_t tsc_at_zero;
static uint64_t tsc_khz;

void tsc_set_frequency(uint64_t hz)
{
    struct time_scale to_ns, to_tsc;

    if ( time_scale_init(&to_ns, hz, NS_PER_SEC) ||
         time_scale_init(&to_tsc, NS_PER_SEC, hz) )
        panic("cannot scale a TSC rate of %lu Hz", hz);
    tsc_to_ns = to_ns;
    ns_to_tsc = to_tsc;
    tsc_khz = hz / 1000;
    tsc_at_zero = rdtsc();
}

s_time_t get_s_time(void)
{
    uint64_t delta = rdtsc() - tsc_at_zero;

    /* A TSC read before tsc_at_zero was taken: still time 0. */
    if ( (int64_t)delta < 0 )
        return 0;
    return (s_time_t)time_scale_apply(delta, &tsc_to_ns);
}

void tsc_stamp(uint64_t *tsc, s_time_t *stime, struct time_scale *scale)
{
    uint64_t now = rdtsc(), delta = now - tsc_at_zero;

    *tsc = now;
    *stime = (int64_t)delta < 0 ? 0
                                : (s_time_t)time_scale_apply(delta, &tsc_to_ns);
    *scale = tsc_to_ns;
}

uint64_t tsc_from_stime(s_time_t t)
{
    if ( t < 0 )
        t = 0;
    if ( t > STIME_TSC_MAX )
        t = STIME_TSC_MAX;
    return tsc_at_zero + time_scale_apply((uint64_t)t, &ns_to_tsc);
}

uint64_t cpu_khz(void)
{
    return tsc_khz;
}

static void tsc_spin(uint64_t ticks, uint64_t max_spins)
{
    uint64_t start = rdtsc();

    while ( rdtsc() - start < ticks && max_spins-- )
        cpu_relax();
}

void udelay(unsigned long usecs)
{
    uint64_t khz = tsc_khz;

    if ( khz )
        tsc_spin(usecs * khz / 1000, UINT64_MAX);
    else
        tsc_spin(usecs * TSC_EARLY_MAX_MHZ, usecs * TSC_EARLY_MAX_MHZ);
}

void mdelay(unsigned long msecs)
{
    while ( msecs-- )
        udelay(1000);
}
