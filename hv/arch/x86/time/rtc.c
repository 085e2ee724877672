/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The CMOS real-time clock (MC146818 registers through ports 0x70/0x71),
 * read once for the guests' wallclock. Registers change once a second;
 * while status A's "update in progress" bit is set they may be mid-change,
 * so the reader waits for it to clear and then reads everything twice
 * until two reads agree (Xen's get_cmos_time() waits for the update edge
 * instead, for sub-second accuracy, at the cost of up to a second).
 * Decoding is pure: hv/common/wallclock.c.
 */
#include <asm/io.h>
#include <asm/time.h>
#include <xenolith/errno.h>
#include <xenolith/spinlock.h>
#include <xenolith/string.h>
#include <xenolith/wallclock.h>

#define RTC_INDEX       0x70
#define RTC_DATA        0x71
#define RTC_NMI_OFF     0x80          /* Index bit 7: keep NMIs masked. */
#define RTC_SECONDS     0x00
#define RTC_MINUTES     0x02
#define RTC_HOURS       0x04
#define RTC_DAY         0x07
#define RTC_MONTH       0x08
#define RTC_YEAR        0x09
#define RTC_STATUS_A    0x0a
#define RTC_STATUS_B    0x0b
#define RTC_UIP         0x80          /* Status A: update in progress. */
#define RTC_MAX_POLLS   1000000
#define RTC_MAX_READS   10

/* Index then data must not be split by another user (dom0's accesses). */
static DEFINE_SPINLOCK(rtc_lock);

static uint8_t rtc_read(uint8_t reg)
{
    uint64_t flags = spin_lock_irqsave(&rtc_lock);
    uint8_t val;

    outb(reg | RTC_NMI_OFF, RTC_INDEX);
    val = inb(RTC_DATA);
    spin_unlock_irqrestore(&rtc_lock, flags);
    return val;
}

uint8_t rtc_cmos_read(uint8_t index)
{
    return rtc_read(index & 0x7f);
}

void rtc_cmos_write(uint8_t index, uint8_t val)
{
    uint64_t flags = spin_lock_irqsave(&rtc_lock);

    outb((index & 0x7f) | RTC_NMI_OFF, RTC_INDEX);
    outb(val, RTC_DATA);
    spin_unlock_irqrestore(&rtc_lock, flags);
}

/* Bounded wait for the end of an update (one takes under 2 ms). */
static bool wait_update_done(void)
{
    unsigned int i;

    for ( i = 0; i < RTC_MAX_POLLS; i++ )
        if ( !(rtc_read(RTC_STATUS_A) & RTC_UIP) )
            return true;
    return false;
}

static void read_registers(struct rtc_registers *r)
{
    r->sec = rtc_read(RTC_SECONDS);
    r->min = rtc_read(RTC_MINUTES);
    r->hour = rtc_read(RTC_HOURS);
    r->day = rtc_read(RTC_DAY);
    r->month = rtc_read(RTC_MONTH);
    r->year = rtc_read(RTC_YEAR);
    r->status_b = rtc_read(RTC_STATUS_B);
}

int rtc_read_seconds(uint64_t *secs)
{
    struct rtc_registers a, b;
    unsigned int i;

    for ( i = 0; i < RTC_MAX_READS; i++ )
    {
        if ( !wait_update_done() )
            return -EIO;
        read_registers(&a);
        if ( !wait_update_done() )
            return -EIO;
        read_registers(&b);
        if ( memcmp(&a, &b, sizeof(a)) == 0 )
            return wallclock_from_rtc(&a, secs);
    }
    return -EIO;
}
