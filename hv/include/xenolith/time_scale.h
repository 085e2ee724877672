/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fixed-point conversion between two clock rates, in the form Xen gives
 * guests in vcpu_time_info: ns = ((ticks << shift) * mul_frac) >> 32, with
 * a right shift when shift is negative (public/xen.h, "time_scale"). The
 * same pair converts TSC ticks to system time here, and will be handed to
 * guests unchanged, so hypervisor and guests agree to the nanosecond.
 *
 * mul_frac is chosen in [2^31, 2^32) (as Xen's set_time_scale() does) by
 * normalising the source rate with shift; unlike Xen, mul_frac is computed
 * from the exact rate rather than the shifted, truncated one, which keeps
 * the error below 0.5 ns per second for every rate (Xen's can reach 1.5).
 * Pure (tests/unit/test_time_scale.c).
 */
#ifndef XENOLITH_TIME_SCALE_H
#define XENOLITH_TIME_SCALE_H

#include <xenolith/compiler.h>
#include <xenolith/types.h>

struct time_scale {
    int shift;                  /* Applied to the delta first: -32..31. */
    uint32_t mul_frac;          /* Then multiplied by mul_frac / 2^32. */
};

/* Rates accepted by time_scale_init(): 1 Hz to 2^62 Hz. */
#define TIME_SCALE_MAX_HZ (1ULL << 62)

/*
 * Compute the scale turning ticks of a from_hz clock into ticks of a to_hz
 * clock (to_hz = 1e9 for nanoseconds). Returns 0, or -EINVAL when a rate
 * is 0 or above TIME_SCALE_MAX_HZ or the ratio needs a shift outside
 * -32..31; *ts is then left unchanged. Pure.
 */
int __must_check time_scale_init(struct time_scale *ts, uint64_t from_hz,
                                 uint64_t to_hz);

/*
 * Scale delta without 128-bit arithmetic (as Xen's scale_delta()): the
 * result is exact to within 2 ticks plus 0.5 ticks per 2^30 ticks of result
 * and always rounded down. A zeroed scale gives 0. The result is only
 * meaningful while delta << shift fits in 64 bits. Pure.
 */
static inline uint64_t time_scale_apply(uint64_t delta,
                                        const struct time_scale *ts)
{
    uint64_t lo, hi;

    if ( ts->shift < 0 )
        delta >>= -ts->shift;
    else
        delta <<= ts->shift;
    /* A 64x32 -> 96-bit product, keeping bits 32..95. */
    lo = ((delta & 0xffffffffULL) * ts->mul_frac) >> 32;
    hi = (delta >> 32) * ts->mul_frac;
    return hi + lo;
}

#endif /* XENOLITH_TIME_SCALE_H */
