/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The x86 side of guests' time (xenolith/vcpu_time.h): vcpu_time_info's
 * stamp from the TSC, and the wallclock at boot from the CMOS real-time
 * clock (rtc.c). System time is the TSC scaled (tsc.c), so the stamp is one
 * TSC read with the system time at it and the very scale NOW() uses.
 * XEN_PVCLOCK_TSC_STABLE_BIT: one TSC is the only clock source, so every
 * vCPU's record gives the same, monotonic time.
 */
#include <asm/time.h>
#include <xenolith/console.h>
#include <xenolith/time_scale.h>
#include <xenolith/vcpu_time.h>

#define NS_PER_SEC_U64 1000000000ULL

/* Set on first use (boot, one CPU, interrupts off); read-only after. */
static bool wallclock_known;
static uint64_t wallclock_boot_ns;

void arch_time_stamp(struct vcpu_time_info *t)
{
    struct time_scale scale;
    uint64_t tsc;
    s_time_t now;

    tsc_stamp(&tsc, &now, &scale);
    t->tsc_timestamp = tsc;
    t->system_time = (uint64_t)now;
    t->tsc_to_system_mul = scale.mul_frac;
    t->tsc_shift = (int8_t)scale.shift;
    t->flags = XEN_PVCLOCK_TSC_STABLE_BIT;
}

void arch_wallclock_at_boot(uint64_t *sec, uint32_t *nsec)
{
    uint64_t rtc;

    if ( !wallclock_known )
    {
        wallclock_known = true;
        if ( rtc_read_seconds(&rtc) == 0 &&
             rtc * NS_PER_SEC_U64 >= (uint64_t)NOW() )
            wallclock_boot_ns = rtc * NS_PER_SEC_U64 - (uint64_t)NOW();
        else
            printk(XENLOG_WARNING "Time: the CMOS clock is unreadable; "
                   "guests' wallclock starts at 1970\n");
    }
    *sec = wallclock_boot_ns / NS_PER_SEC_U64;
    *nsec = (uint32_t)(wallclock_boot_ns % NS_PER_SEC_U64);
}

void arch_wallclock_set(uint64_t sec, uint32_t nsec, s_time_t system_time)
{
    uint64_t ns = sec * NS_PER_SEC_U64 + nsec;

    wallclock_known = true;
    wallclock_boot_ns = ns > (uint64_t)system_time
                        ? ns - (uint64_t)system_time : 0;
}
