/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * x86 time hardware, as used by time_init() (hv/arch/x86/time/time.c): the
 * legacy PICs (masked), the PIT and HPET (TSC calibration only), the TSC
 * (system time) and the local APIC timer (soft-timer interrupts). Internal
 * to hv/arch/x86/time/; everything else uses xenolith/time.h.
 */
#ifndef ASM_TIME_H
#define ASM_TIME_H

#include <xenolith/compiler.h>
#include <xenolith/time.h>
#include <xenolith/types.h>

#define NS_PER_SEC 1000000000ULL

/* The median of three measurements. */
static inline uint64_t time_median3(uint64_t a, uint64_t b, uint64_t c)
{
    if ( a > b )
        return b > c ? b : (a < c ? a : c);
    return a > c ? a : (b < c ? b : c);
}

/*
 * Remap the 8259 PICs to vectors 0x20-0x2f, so a stray legacy interrupt
 * cannot look like an exception, and mask every line. Context: boot,
 * interrupts off.
 */
void i8259_disable(void);

/*
 * Measure the TSC rate against PIT channel 2 (the median of three 25 ms
 * runs). Returns Hz, or 0 when the PIT did not behave like one (no
 * terminal count, or one reached at once). Bounded: gives up after about
 * 2^30 TSC ticks or 2^26 polls per run. Context: boot, interrupts off.
 */
uint64_t pit_measure_tsc_hz(void);

/*
 * Map the HPET at base (from ACPI), check its period and start its main
 * counter. Returns 0, -ENOMEM (no mapping) or -ENODEV (no plausible HPET
 * there). Context: boot.
 */
int hpet_init(paddr_t base);

/*
 * Measure the TSC rate against the HPET main counter (the median of three
 * 25 ms runs). Returns Hz, or 0 if hpet_init() did not succeed or the
 * counter does not advance.
 * Bounded like pit_measure_tsc_hz(). Context: boot, interrupts off.
 */
uint64_t hpet_measure_tsc_hz(void);

/*
 * Start system time at 0 now, with the TSC running at hz. Panics if hz is
 * outside what the scaling can express. Context: boot, once.
 */
void tsc_set_frequency(uint64_t hz);

/*
 * One TSC read, the system time at it, and the TSC-to-ns scale NOW() uses
 * (for guests' vcpu_time_info). Context: any.
 */
struct time_scale;
void tsc_stamp(uint64_t *tsc, s_time_t *stime, struct time_scale *scale);

/*
 * Read the CMOS real-time clock as seconds since the epoch (rtc.c).
 * Returns 0, -EIO (the clock never settles) or -EINVAL (nonsense in its
 * registers). Context: boot or any, interrupts off; slow (port I/O).
 */
int rtc_read_seconds(uint64_t *secs);

/*
 * One CMOS register (index 0-127) for the hardware domain, as Xen 4.17's
 * rtc_guest_read/rtc_guest_write mediate dom0's ports 0x70/0x71: the
 * index/data pair is never split by another user, and NMIs stay masked.
 */
uint8_t rtc_cmos_read(uint8_t index);
void rtc_cmos_write(uint8_t index, uint8_t val);

/* The TSC value at system time t (t clamped to [0, 2^55 ns]). Context: any. */
uint64_t tsc_from_stime(s_time_t t);

/*
 * Enable this CPU's local APIC in xAPIC mode and set up its timer on
 * TIMER_VECTOR: TSC-deadline mode when the CPU has it (and "tdt" is not
 * turned off on the command line), else one-shot mode calibrated against
 * the TSC. madt_address is the MADT's APIC address, 0 if unknown; the
 * APIC_BASE MSR wins if they differ. Needs tsc_set_frequency(). Panics when
 * there is no usable APIC timer. Context: boot, interrupts off.
 */
void apic_init(paddr_t madt_address);

/* Signal end of interrupt to the local APIC. Context: IRQ. */
void apic_eoi(void);

#endif /* ASM_TIME_H */
