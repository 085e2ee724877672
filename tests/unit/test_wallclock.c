/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests of hv/common/wallclock.c: day counts of known dates, RTC
 * registers in BCD and binary, 12- and 24-hour modes, the 1970-2069 year
 * window, and garbage refused with -EINVAL and the output untouched.
 */
#include "harness.h"

#include <xenolith/errno.h>
#include <xenolith/wallclock.h>

TEST(days_from_civil_known_dates)
{
    CHECK_EQ(wallclock_days_from_civil(1970, 1, 1), 0);
    CHECK_EQ(wallclock_days_from_civil(1969, 12, 31), -1);
    CHECK_EQ(wallclock_days_from_civil(2000, 3, 1), 11017);
    CHECK_EQ(wallclock_days_from_civil(2024, 2, 29), 19782);
    CHECK_EQ(wallclock_days_from_civil(2038, 1, 19), 24855);
    CHECK_EQ(wallclock_days_from_civil(2100, 3, 1), 47541);
}

static const struct rtc_registers bcd_24h = {
    .sec = 0x18, .min = 0x50, .hour = 0x18, .day = 0x24, .month = 0x11,
    .year = 0x24, .status_b = RTC_STATUS_B_24H,
};

TEST(bcd_24_hour)
{
    uint64_t secs = 0;

    CHECK_EQ(wallclock_from_rtc(&bcd_24h, &secs), 0);
    CHECK_EQ(secs, 1732474218);                 /* 2024-11-24 18:50:18 */
}

TEST(binary_mode)
{
    struct rtc_registers r = {
        .sec = 18, .min = 50, .hour = 18, .day = 24, .month = 11, .year = 24,
        .status_b = RTC_STATUS_B_24H | RTC_STATUS_B_BINARY,
    };
    uint64_t secs = 0;

    CHECK_EQ(wallclock_from_rtc(&r, &secs), 0);
    CHECK_EQ(secs, 1732474218);
}

TEST(twelve_hour_mode)
{
    struct rtc_registers r = bcd_24h;
    uint64_t secs = 0, midnight = 1732406400;   /* 2024-11-24 00:00:00 */

    r.status_b = 0;
    r.min = r.sec = 0;
    r.hour = 0x12;                              /* 12 AM */
    CHECK_EQ(wallclock_from_rtc(&r, &secs), 0);
    CHECK_EQ(secs, midnight);
    r.hour = 0x12 | RTC_HOUR_PM;                /* 12 PM */
    CHECK_EQ(wallclock_from_rtc(&r, &secs), 0);
    CHECK_EQ(secs, midnight + 12 * 3600);
    r.hour = 0x06 | RTC_HOUR_PM;                /* 6 PM */
    CHECK_EQ(wallclock_from_rtc(&r, &secs), 0);
    CHECK_EQ(secs, midnight + 18 * 3600);
    r.hour = 0x00;                              /* No hour 0 in 12-hour mode. */
    CHECK_EQ(wallclock_from_rtc(&r, &secs), -EINVAL);
}

TEST(year_window)
{
    struct rtc_registers r = {
        .day = 1, .month = 1, .status_b = RTC_STATUS_B_24H,
    };
    uint64_t secs = 0;

    r.year = 0x70;
    CHECK_EQ(wallclock_from_rtc(&r, &secs), 0);
    CHECK_EQ(secs, 0);
    r.year = 0x69;
    CHECK_EQ(wallclock_from_rtc(&r, &secs), 0);
    CHECK_EQ(secs, 3124224000ULL);              /* 2069-01-01 */
}

TEST(garbage_refused)
{
    static const struct { unsigned int field; uint8_t value; } bad[] = {
        { 0, 0x1a }, { 0, 0x60 }, { 1, 0x60 }, { 2, 0x24 }, { 3, 0x00 },
        { 3, 0x32 }, { 4, 0x00 }, { 4, 0x13 }, { 5, 0xa0 },
    };
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(bad); i++ )
    {
        struct rtc_registers r = bcd_24h;
        uint8_t *fields[] = { &r.sec, &r.min, &r.hour, &r.day, &r.month,
                              &r.year };
        uint64_t secs = 42;

        *fields[bad[i].field] = bad[i].value;
        CHECK_EQ(wallclock_from_rtc(&r, &secs), -EINVAL);
        CHECK_EQ(secs, 42);
    }
}
