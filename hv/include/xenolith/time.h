/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * System time and soft timers.
 *
 * System time is nanoseconds since the TSC was calibrated at boot (s_time_t,
 * as Xen's NOW()), derived from the TSC with a fixed-point multiplier, the
 * same scaling (tsc_to_system_mul/shift) that guests will get in
 * vcpu_time_info. Soft timers fire from the local APIC timer interrupt, in
 * deadline order, on the CPU they were set on.
 */
#ifndef XENOLITH_TIME_H
#define XENOLITH_TIME_H

#include <xenolith/compiler.h>
#include <xenolith/types.h>

typedef int64_t s_time_t;

#define MILLISECS(ms) ((s_time_t)(ms) * 1000000)
#define MICROSECS(us) ((s_time_t)(us) * 1000)
#define SECONDS(s)    ((s_time_t)(s) * 1000000000)

/* Nanoseconds since boot; 0 before time_init(). Context: any. */
s_time_t get_s_time(void);
#define NOW() get_s_time()

/* Busy-wait. Context: any (used before interrupts work). */
void udelay(unsigned long usecs);
void mdelay(unsigned long msecs);

/* The calibrated TSC frequency in kHz (0 before time_init()). */
uint64_t cpu_khz(void);

/*
 * Calibrate the TSC against the PIT and cross-check against the HPET when
 * ACPI lists one; set up system time and the local APIC timer. Context: boot.
 */
void time_init(void);

/*
 * Soft timers. A timer belongs to the CPU it is set on; its function runs
 * in interrupt context with interrupts off, once per timer_set().
 */
struct timer {
    s_time_t expires;
    void (*function)(void *data);
    void *data;
    unsigned int heap_index;           /* Position in the CPU's heap; 0: inactive. */
};

/* Prepare a timer; must be called before any other use. */
void timer_init(struct timer *t, void (*function)(void *), void *data);
/*
 * Promise room on this CPU's timer heap for n more timers that may be
 * active at once (growing it if need be), or give it back. Whoever creates
 * timers reserves for them first (vCPU creation: VCPU_TIMERS), so that
 * timer_set() never finds the heap full and never allocates. Returns 0 or
 * -ENOMEM. Context: may allocate (not in interrupt handlers).
 */
int __must_check timer_reserve(unsigned int n);
void timer_unreserve(unsigned int n);
/* (Re)arm to fire at system time deadline (past deadlines fire at once). */
void timer_set(struct timer *t, s_time_t deadline);
/* Disarm; harmless if not armed. */
void timer_stop(struct timer *t);
bool timer_is_active(const struct timer *t);

#endif /* XENOLITH_TIME_H */
