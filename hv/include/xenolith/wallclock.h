/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Calendar time from a PC real-time clock's registers (the MC146818
 * layout QEMU and every PC emulate: seconds, minutes, hours, day, month,
 * two-digit year; BCD or binary as status register B says, 12- or 24-hour
 * hours), as seconds since the Unix epoch. Years 70-99 are 19xx, 00-69
 * 20xx, as Xen's get_cmos_time() reads them. Pure
 * (tests/unit/test_wallclock.c); the registers are read by
 * hv/arch/x86/time/rtc.c.
 */
#ifndef XENOLITH_WALLCLOCK_H
#define XENOLITH_WALLCLOCK_H

#include <xenolith/compiler.h>
#include <xenolith/types.h>

#define RTC_STATUS_B_24H    0x02
#define RTC_STATUS_B_BINARY 0x04
#define RTC_HOUR_PM         0x80    /* 12-hour mode: set after noon. */

struct rtc_registers {
    uint8_t sec, min, hour, day, month, year;
    uint8_t status_b;
};

/*
 * Seconds since 1970-01-01 00:00:00 UTC of the date the registers hold.
 * Returns 0, or -EINVAL for a value out of range (a clock that was never
 * set, or BCD digits above 9); *secs is then unchanged.
 */
int __must_check wallclock_from_rtc(const struct rtc_registers *r,
                                    uint64_t *secs);

/* Days from 1970-01-01 to year-month-day (proleptic Gregorian). Pure. */
int64_t wallclock_days_from_civil(int64_t year, unsigned int month,
                                  unsigned int day);

#endif /* XENOLITH_WALLCLOCK_H */
