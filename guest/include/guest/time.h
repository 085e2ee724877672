/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Time in a PV guest (xen/include/public/xen.h, struct vcpu_time_info and
 * shared_info's wallclock; the model is Linux's arch/x86/xen/time.c and
 * pvclock): system time is
 *   system_time + ((tsc - tsc_timestamp) << tsc_shift) * tsc_to_system_mul
 *   >> 32
 * read under the version protocol (retry while the version is odd or
 * changed during the read); the wallclock at system time 0 is
 * wc_sec_hi:wc_sec.wc_nsec under wc_version. The record read is the one in
 * the vcpu_info in use (guest_events_vcpu_info()).
 */
#ifndef GUEST_TIME_H
#define GUEST_TIME_H

#include <guest/xen.h>

static inline uint64_t guest_rdtsc(void)
{
    uint32_t lo, hi;

    asm volatile ( "rdtsc" : "=a" (lo), "=d" (hi) );
    return ((uint64_t)hi << 32) | lo;
}

/* ((delta << shift) * mul) >> 32, with a right shift for negative shift. */
uint64_t guest_time_scale(uint64_t delta, uint32_t mul, int8_t shift);

/*
 * A consistent copy of this vCPU's vcpu_time_info and the TSC read inside
 * the same version window. Returns the number of retries it took.
 */
unsigned int guest_time_snapshot(struct vcpu_time_info *out, uint64_t *tsc);

/* System time now, in ns since the hypervisor booted. */
uint64_t guest_time_now(void);

/* The wallclock at system time 0: seconds since the epoch and ns. */
void guest_wallclock_base(uint64_t *sec, uint32_t *nsec);

/* Seconds since the epoch now (wallclock base + system time). */
uint64_t guest_wallclock_now(void);

/* Civil date of epoch seconds (proleptic Gregorian, UTC). */
void guest_time_civil(uint64_t secs, unsigned int *year, unsigned int *month,
                      unsigned int *day);

/* Spin (hypercall-free) until system time reaches deadline. */
void guest_time_wait_until(uint64_t deadline);

#endif /* GUEST_TIME_H */
