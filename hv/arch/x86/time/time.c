/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * time_init() for x86: put the legacy PICs away, measure the TSC against
 * the PIT and, when ACPI lists one, the HPET, start system time, then bring
 * up the local APIC timer and this CPU's soft-timer queue.
 *
 * The PIT's figure is used (as Xen does by default) unless it is
 * implausible, then the HPET's; a disagreement above 2% between the two is
 * reported, since one of the sources (or the emulator) is then unreliable,
 * but does not stop the boot. No plausible figure at all does: without a
 * TSC rate there is no system time.
 */
#include <asm/acpi.h>
#include <asm/cpufeature.h>
#include <asm/time.h>
#include <xenolith/arch_time.h>
#include <xenolith/console.h>
#include <xenolith/panic.h>

#define TSC_MIN_HZ          100000000UL         /* 100 MHz */
#define TSC_MAX_HZ          20000000000UL       /* 20 GHz */
#define MAX_DIFF_BP         200                 /* 2%, in basis points. */

static bool plausible(uint64_t hz)
{
    return hz >= TSC_MIN_HZ && hz <= TSC_MAX_HZ;
}

/* Report one measurement (0: the source gave none). */
static void print_rate(const char *source, uint64_t hz)
{
    if ( hz )
        printk("Time: TSC measured against the %s: %lu.%03lu MHz%s\n",
               source, hz / 1000000, hz / 1000 % 1000,
               plausible(hz) ? "" : " (implausible)");
    else
        printk("Time: no TSC measurement against the %s\n", source);
}

static uint64_t hpet_tsc_hz(void)
{
    const struct acpi_table_header *t = acpi_find_table("HPET");
    paddr_t base;

    if ( !t )
    {
        printk("Time: ACPI lists no HPET\n");
        return 0;
    }
    if ( acpi_hpet_base(t, &base) )
    {
        printk(XENLOG_WARNING "Time: the ACPI HPET table is unusable\n");
        return 0;
    }
    return hpet_init(base) ? 0 : hpet_measure_tsc_hz();
}

static void compare(uint64_t pit_hz, uint64_t hpet_hz)
{
    uint64_t diff = pit_hz > hpet_hz ? pit_hz - hpet_hz : hpet_hz - pit_hz;
    /* Basis points of the HPET figure; diff < 2^35, no overflow. */
    uint64_t bp = diff * 10000 / hpet_hz;

    printk("Time: PIT and HPET differ by %lu.%02lu%%\n", bp / 100, bp % 100);
    if ( bp > MAX_DIFF_BP )
        printk(XENLOG_WARNING "Time: the PIT and HPET disagree by more "
               "than 2%% about the TSC rate; using the PIT's\n");
}

static uint64_t choose_tsc_hz(uint64_t pit_hz, uint64_t hpet_hz)
{
    print_rate("PIT", pit_hz);
    print_rate("HPET", hpet_hz);
    if ( plausible(pit_hz) && plausible(hpet_hz) )
        compare(pit_hz, hpet_hz);
    if ( plausible(pit_hz) )
        return pit_hz;
    if ( plausible(hpet_hz) )
    {
        printk(XENLOG_WARNING "Time: PIT calibration failed; using the "
               "HPET's\n");
        return hpet_hz;
    }
    panic("cannot calibrate the TSC: neither the PIT nor an HPET gave a "
          "rate between %lu and %lu MHz", TSC_MIN_HZ / 1000000,
          TSC_MAX_HZ / 1000000);
}

static paddr_t madt_apic_address(void)
{
    const struct acpi_table_header *t = acpi_find_table("APIC");
    paddr_t address;

    if ( t && acpi_madt_lapic(t, &address) == 0 )
        return address;
    printk("Time: no usable MADT; the local APIC address comes from "
           "APIC_BASE\n");
    return 0;
}

void time_init(void)
{
    uint64_t pit_hz, hpet_hz, hz;

    if ( !cpu_has(X86_FEATURE_TSC) )
        panic("this CPU has no TSC");
    i8259_disable();
    acpi_init(0);
    pit_hz = pit_measure_tsc_hz();
    hpet_hz = hpet_tsc_hz();
    hz = choose_tsc_hz(pit_hz, hpet_hz);
    tsc_set_frequency(hz);
    printk("Time: system time from the TSC at %lu kHz (%sinvariant)\n",
           cpu_khz(), cpu_has(X86_FEATURE_INVARIANT_TSC) ? "" : "not ");
    apic_init(madt_apic_address());
    timer_cpu_init();
}
