/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Real-time-clock registers to epoch seconds (xenolith/wallclock.h). The
 * day count is Howard Hinnant's days_from_civil (eras of 400 years), exact
 * for every date this clock can hold.
 */
#include <xenolith/errno.h>
#include <xenolith/wallclock.h>

int64_t wallclock_days_from_civil(int64_t year, unsigned int month,
                                  unsigned int day)
{
    int64_t y = year - (month <= 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t mp = month > 2 ? month - 3 : month + 9;
    int64_t doy = (153 * mp + 2) / 5 + day - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

    return era * 146097 + doe - 719468;
}

/* A register's value, decoded from BCD unless the clock runs in binary. */
static int decode(uint8_t raw, bool binary, unsigned int *out)
{
    if ( binary )
    {
        *out = raw;
        return 0;
    }
    if ( (raw & 0xf) > 9 || (raw >> 4) > 9 )
        return -EINVAL;
    *out = (raw >> 4) * 10 + (raw & 0xf);
    return 0;
}

/* Hours in 0-23 from either mode (12 AM is 0, 12 PM is 12). */
static int decode_hour(const struct rtc_registers *r, bool binary,
                       unsigned int *hour)
{
    bool pm = !(r->status_b & RTC_STATUS_B_24H) && (r->hour & RTC_HOUR_PM);
    uint8_t raw = r->status_b & RTC_STATUS_B_24H ? r->hour
                                                 : r->hour & ~RTC_HOUR_PM;

    if ( decode(raw, binary, hour) )
        return -EINVAL;
    if ( !(r->status_b & RTC_STATUS_B_24H) )
    {
        if ( *hour < 1 || *hour > 12 )
            return -EINVAL;
        *hour = *hour % 12 + (pm ? 12 : 0);
    }
    return 0;
}

int wallclock_from_rtc(const struct rtc_registers *r, uint64_t *secs)
{
    bool binary = r->status_b & RTC_STATUS_B_BINARY;
    unsigned int sec, min, hour, day, month, year;
    int64_t days;

    if ( decode(r->sec, binary, &sec) || decode(r->min, binary, &min) ||
         decode_hour(r, binary, &hour) || decode(r->day, binary, &day) ||
         decode(r->month, binary, &month) || decode(r->year, binary, &year) )
        return -EINVAL;
    if ( sec > 59 || min > 59 || hour > 23 || day < 1 || day > 31 ||
         month < 1 || month > 12 || year > 99 )
        return -EINVAL;
    year += year < 70 ? 2000 : 1900;
    days = wallclock_days_from_civil(year, month, day);
    *secs = (uint64_t)days * 86400 + hour * 3600 + min * 60 + sec;
    return 0;
}
