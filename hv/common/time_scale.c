/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Computing the fixed-point scale between two clock rates (see
 * xenolith/time_scale.h). The only division needed is (to_hz << n) / from_hz
 * with n up to 64, done by binary long division so that neither 128-bit
 * types nor libgcc helpers are needed. Pure.
 */
#include <xenolith/errno.h>
#include <xenolith/time_scale.h>

#define SHIFT_MIN (-32)
#define SHIFT_MAX 31

/*
 * floor(a * 2^n / d) for a < d * 2^32 (so the quotient fits) and
 * d < 2^63 (so the remainder can be doubled without overflow).
 */
static uint64_t div_shifted(uint64_t a, unsigned int n, uint64_t d)
{
    uint64_t q = a / d, r = a % d;

    while ( n-- )
    {
        q <<= 1;
        r <<= 1;
        if ( r >= d )
        {
            r -= d;
            q |= 1;
        }
    }
    return q;
}

/*
 * The shift s that puts from_hz * 2^s in (to_hz, 2 * to_hz], which makes
 * mul_frac = to_hz * 2^32 / (from_hz * 2^s) land in [2^31, 2^32).
 */
static int normalising_shift(uint64_t from_hz, uint64_t to_hz)
{
    int s = 0;

    /* Both at most 2^62: the doublings below cannot overflow. */
    while ( from_hz > 2 * to_hz )
    {
        to_hz <<= 1;
        s--;
    }
    while ( from_hz <= to_hz )
    {
        from_hz <<= 1;
        s++;
    }
    return s;
}

int time_scale_init(struct time_scale *ts, uint64_t from_hz, uint64_t to_hz)
{
    int s;

    if ( from_hz == 0 || to_hz == 0 || from_hz > TIME_SCALE_MAX_HZ ||
         to_hz > TIME_SCALE_MAX_HZ )
        return -EINVAL;
    s = normalising_shift(from_hz, to_hz);
    if ( s < SHIFT_MIN || s > SHIFT_MAX )
        return -EINVAL;
    /* mul = to * 2^(32 - s) / from, with 32 - s in 1..64. */
    ts->mul_frac = (uint32_t)div_shifted(to_hz, 32 - s, from_hz);
    ts->shift = s;
    return 0;
}
