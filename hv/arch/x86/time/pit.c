/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TSC calibration against the 8254 PIT, channel 2: the one channel whose
 * gate (port 0x61 bit 0) and output (port 0x61 bit 5) software can reach
 * without an interrupt. Mode 0 counts down once from the loaded value and
 * raises OUT2 at terminal count; the TSC ticks seen meanwhile give its
 * rate. The method is Xen's and Linux's (init_pit_and_calibrate_tsc(),
 * pit_calibrate_tsc()). Three runs, the median kept, so that one run
 * stretched by a preempted (emulated) CPU does not decide.
 *
 * Every wait is bounded twice: by TSC ticks, and by the number of polls in
 * case the TSC itself does not move. A missing PIT reads as 0xff (OUT2
 * "high" at once) or 0x00 (never high); both are refused.
 */
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/time.h>

#define PIT_HZ              1193182
#define PIT_CH2             0x42
#define PIT_MODE            0x43
#define PORT_B              0x61
#define PORT_B_GATE2        0x01
#define PORT_B_SPEAKER      0x02
#define PORT_B_OUT2         0x20
#define PIT_CH2_MODE0_LOHI  0xb0        /* Channel 2, lo/hi byte, mode 0. */

#define CALIBRATE_MS        25
#define CALIBRATE_LATCH     (PIT_HZ * CALIBRATE_MS / 1000)
#define CALIBRATE_RUNS      3
#define MAX_TSC_TICKS       (1ULL << 30)
#define MAX_POLLS           (1UL << 26)
#define MIN_POLLS           100         /* Fewer: OUT2 was high at once. */

/*
 * One run: the TSC ticks seen during CALIBRATE_LATCH PIT ticks, or 0. Each
 * end is the middle of the TSC reads around the port access that starts
 * the count or sees it end, so a delayed access skews both ends alike.
 */
static uint64_t pit_run(void)
{
    uint64_t before, start, now;
    unsigned long polls;

    /* Gate on, speaker off; then mode 0, which drives OUT2 low. */
    outb((inb(PORT_B) & ~PORT_B_SPEAKER) | PORT_B_GATE2, PORT_B);
    outb(PIT_CH2_MODE0_LOHI, PIT_MODE);
    outb(CALIBRATE_LATCH & 0xff, PIT_CH2);
    before = rdtsc();
    outb(CALIBRATE_LATCH >> 8, PIT_CH2);        /* Counting starts here. */
    start = before + (rdtsc() - before) / 2;
    for ( polls = 0; ; polls++ )
    {
        before = rdtsc();
        if ( inb(PORT_B) & PORT_B_OUT2 )
            break;
        if ( polls == MAX_POLLS || before - start > MAX_TSC_TICKS )
            return 0;
    }
    now = before + (rdtsc() - before) / 2;
    if ( polls < MIN_POLLS )
        return 0;
    return now - start;
}

uint64_t pit_measure_tsc_hz(void)
{
    uint64_t ticks[CALIBRATE_RUNS];
    unsigned int i;

    BUILD_BUG_ON(CALIBRATE_RUNS != 3);
    for ( i = 0; i < CALIBRATE_RUNS; i++ )
    {
        ticks[i] = pit_run();
        if ( ticks[i] == 0 )
            return 0;
    }
    /* At most about 2^30 * 1193182: no overflow. */
    return time_median3(ticks[0], ticks[1], ticks[2]) * PIT_HZ /
           CALIBRATE_LATCH;
}
