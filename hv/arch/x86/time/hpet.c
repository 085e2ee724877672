/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The HPET, used only to cross-check the PIT's TSC calibration (and to
 * stand in for it when the PIT's result is implausible). Registers from the
 * IA-PC HPET specification 1.0a, 2.3: the capabilities register gives the
 * counter period in femtoseconds; setting ENABLE_CNF starts the main
 * counter. Only the low 32 bits of the counter are read (with wrapping
 * arithmetic), which works for 32- and 64-bit counters alike and lasts
 * 42 s at 100 MHz, far longer than a measurement. Legacy replacement
 * routing and the comparators are left as firmware set them.
 *
 * The measurement mirrors the PIT's: three 25 ms runs, the median kept,
 * each end a counter read tightly bracketed by TSC reads; waits bounded by
 * TSC ticks and by the number of polls.
 */
#include <asm/mmio.h>
#include <asm/io.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/time.h>
#include <xenolith/console.h>
#include <xenolith/errno.h>

#define HPET_MMIO_SIZE      1024
#define HPET_CAP_LO         0x000
#define HPET_CAP_PERIOD     0x004       /* High half: period in fs. */
#define HPET_CONFIG         0x010
#define HPET_COUNTER        0x0f0
#define HPET_CONFIG_ENABLE  0x1
#define HPET_MAX_PERIOD_FS  100000000U  /* The specification's maximum. */
#define FS_PER_NS           1000000ULL

#define CALIBRATE_MS        25
#define CALIBRATE_RUNS      3
#define SAMPLE_TRIES        8
#define MAX_TSC_TICKS       (1ULL << 30)
#define MAX_POLLS           (1UL << 26)

static volatile uint8_t *hpet;          /* NULL until hpet_init() succeeds. */
static uint32_t period_fs;

static uint32_t hpet_read(unsigned int reg)
{
    return mmio_read32(hpet + reg);
}

int hpet_init(paddr_t base)
{
    volatile uint8_t *regs = ioremap(base, HPET_MMIO_SIZE);
    uint32_t period;

    if ( !regs )
        return -ENOMEM;
    mmio_guard_add(base, HPET_MMIO_SIZE);
    /* All ones is what reads from nothing look like: fails the range check. */
    period = mmio_read32(regs + HPET_CAP_PERIOD);
    if ( period == 0 || period > HPET_MAX_PERIOD_FS )
    {
        printk(XENLOG_WARNING "HPET at %#lx: implausible period %u fs; "
               "not used\n", base, period);
        return -ENODEV;
    }
    mmio_write32(regs + HPET_CONFIG,
                 mmio_read32(regs + HPET_CONFIG) | HPET_CONFIG_ENABLE);
    period_fs = period;
    hpet = regs;
    printk("HPET at %#lx: %u.%03u MHz, %u comparators\n", base,
           (unsigned int)(1000000000U / period),
           (unsigned int)(1000000000000ULL / period % 1000),
           ((mmio_read32(regs + HPET_CAP_LO) >> 8) & 0x1f) + 1);
    return 0;
}

/*
 * A (counter, TSC) pair taken as close together as we can: of a few tries,
 * the one whose counter read the TSC brackets most tightly, with the TSC
 * at the middle of the bracket. An emulated HPET read can be held up (host
 * preemption, a device lock), which would otherwise skew the pair.
 */
static void hpet_sample(uint32_t *count, uint64_t *tsc)
{
    uint64_t best = UINT64_MAX, before, after;
    unsigned int i;
    uint32_t c;

    *count = 0;
    *tsc = 0;
    for ( i = 0; i < SAMPLE_TRIES; i++ )
    {
        before = rdtsc();
        c = hpet_read(HPET_COUNTER);
        after = rdtsc();
        if ( after - before < best )
        {
            best = after - before;
            *count = c;
            *tsc = before + best / 2;
        }
    }
}

/* One run: the TSC rate over CALIBRATE_MS of HPET time, or 0. */
static uint64_t hpet_run(void)
{
    uint64_t want = CALIBRATE_MS * 1000 * FS_PER_NS / period_fs;
    uint64_t t0, t1, ns;
    uint32_t h0, h1;
    unsigned long polls;

    hpet_sample(&h0, &t0);
    for ( polls = 0; (uint32_t)(hpet_read(HPET_COUNTER) - h0) < want;
          polls++ )
        if ( polls == MAX_POLLS || rdtsc() - t0 > MAX_TSC_TICKS )
            return 0;
    hpet_sample(&h1, &t1);
    /* At most 2^32 ticks of at most 10^8 fs each: no overflow. */
    ns = (uint64_t)(uint32_t)(h1 - h0) * period_fs / FS_PER_NS;
    return ns ? (t1 - t0) * NS_PER_SEC / ns : 0;
}

uint64_t hpet_measure_tsc_hz(void)
{
    uint64_t hz[CALIBRATE_RUNS];
    unsigned int i;

    BUILD_BUG_ON(CALIBRATE_RUNS != 3);
    if ( !hpet )
        return 0;
    for ( i = 0; i < CALIBRATE_RUNS; i++ )
        if ( (hz[i] = hpet_run()) == 0 )
            return 0;
    return time_median3(hz[0], hz[1], hz[2]);
}
