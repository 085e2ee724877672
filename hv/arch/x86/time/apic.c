/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The local APIC, as far as time needs it: enabled in xAPIC mode (MMIO
 * registers, mapped uncached), a spurious-interrupt vector, end of
 * interrupt, and the timer that drives soft timers. Register layout and
 * timer modes from the Intel SDM vol. 3A, chapter 11 (APIC).
 *
 * Timer: TSC-deadline mode when CPUID says so, as Xen prefers (and, as in
 * Xen, "no-tdt" on the command line turns it off): the deadline is written
 * as an absolute TSC value, no calibration needed. Otherwise one-shot
 * mode with divide-by-1, its rate measured against the (already
 * calibrated) TSC; a deadline becomes a count from now, rounded up so the
 * interrupt is never early, and clamped to 32 bits (a long wait becomes
 * several interrupts, each re-arming). Either way the handler acknowledges
 * the interrupt and hands over to the soft-timer queue (common/timer.c).
 */
#include <asm/mmio.h>
#include <asm/cpufeature.h>
#include <asm/io.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/time.h>
#include <asm/traps.h>
#include <xenolith/arch_time.h>
#include <xenolith/console.h>
#include <xenolith/panic.h>
#include <xenolith/param.h>
#include <xenolith/time_scale.h>

#define APIC_ID              0x020
#define APIC_VERSION         0x030
#define APIC_TPR             0x080
#define APIC_EOI             0x0b0
#define APIC_SVR             0x0f0
#define APIC_ESR             0x280
#define APIC_LVT_TIMER       0x320
#define APIC_TIMER_INITIAL   0x380
#define APIC_TIMER_CURRENT   0x390
#define APIC_TIMER_DIVIDE    0x3e0

#define APIC_SVR_ENABLE      (1U << 8)
#define APIC_LVT_MASKED      (1U << 16)
#define APIC_LVT_ONESHOT     (0U << 17)
#define APIC_LVT_TSC_DEADLINE (2U << 17)
#define APIC_DIVIDE_BY_1     0xb

#define APIC_BASE_EXTD       (1ULL << 10)
#define APIC_BASE_ENABLE     (1ULL << 11)
#define APIC_BASE_ADDR_MASK  0x000ffffffffff000ULL

#define CALIBRATE_US         20000
#define ONESHOT_MAX_NS       SECONDS(10)

static bool opt_tdt = true;
boolean_param("tdt", opt_tdt);

static volatile uint8_t *apic_regs;
static bool tsc_deadline_mode;
static struct time_scale ns_to_apic;    /* One-shot mode only. */

static uint32_t apic_read(unsigned int reg)
{
    return mmio_read32(apic_regs + reg);
}

static void apic_write(unsigned int reg, uint32_t v)
{
    mmio_write32(apic_regs + reg, v);
}

void apic_eoi(void)
{
    apic_write(APIC_EOI, 0);
}

/* Enable xAPIC mode in APIC_BASE; returns the registers' physical address. */
static paddr_t apic_enable_xapic(void)
{
    uint64_t msr = rdmsr(MSR_APIC_BASE);

    /* x2APIC to xAPIC must pass through "disabled" (SDM 11.12.5). */
    if ( msr & APIC_BASE_EXTD )
    {
        msr &= ~(APIC_BASE_EXTD | APIC_BASE_ENABLE);
        wrmsr(MSR_APIC_BASE, msr);
    }
    if ( !(msr & APIC_BASE_ENABLE) )
        wrmsr(MSR_APIC_BASE, msr | APIC_BASE_ENABLE);
    return msr & APIC_BASE_ADDR_MASK;
}

static void apic_map(paddr_t madt_address)
{
    paddr_t base = apic_enable_xapic();

    if ( madt_address && madt_address != base )
        printk(XENLOG_WARNING "APIC: the MADT says %#lx but APIC_BASE says "
               "%#lx; using %#lx\n", madt_address, base, base);
    apic_regs = ioremap(base, PAGE_SIZE);
    if ( !apic_regs )
        panic("cannot map the local APIC at %#lx", base);
    mmio_guard_add(base, PAGE_SIZE);
    /* Accept every priority; software-enable with our spurious vector. */
    apic_write(APIC_TPR, 0);
    apic_write(APIC_SVR, APIC_SVR_ENABLE | SPURIOUS_VECTOR);
    /* The error status register is cleared by back-to-back writes. */
    apic_write(APIC_ESR, 0);
    apic_write(APIC_ESR, 0);
    printk("APIC: local APIC at %#lx, ID %u, version %#x\n", base,
           apic_read(APIC_ID) >> 24, apic_read(APIC_VERSION) & 0xff);
}

/* The one-shot count rate in Hz, measured against the TSC; 0 if stuck. */
static uint64_t apic_timer_measure_hz(void)
{
    uint32_t left;
    s_time_t start, ns;

    apic_write(APIC_TIMER_DIVIDE, APIC_DIVIDE_BY_1);
    apic_write(APIC_LVT_TIMER, APIC_LVT_MASKED | APIC_LVT_ONESHOT |
                               TIMER_VECTOR);
    apic_write(APIC_TIMER_INITIAL, UINT32_MAX);
    start = NOW();
    udelay(CALIBRATE_US);
    left = apic_read(APIC_TIMER_CURRENT);
    ns = NOW() - start;
    apic_write(APIC_TIMER_INITIAL, 0);
    if ( left == 0 || left == UINT32_MAX || ns <= 0 )
        return 0;
    /* At most 2^32 ticks times 10^9: no overflow. */
    return (uint64_t)(UINT32_MAX - left) * NS_PER_SEC / (uint64_t)ns;
}

static void apic_timer_oneshot_init(void)
{
    uint64_t hz = apic_timer_measure_hz();

    if ( hz == 0 || time_scale_init(&ns_to_apic, NS_PER_SEC, hz) )
        panic("the local APIC timer does not count (measured %lu Hz); no "
              "timer interrupts", hz);
    apic_write(APIC_LVT_TIMER, APIC_LVT_ONESHOT | TIMER_VECTOR);
    printk("APIC: timer in one-shot mode, %lu.%03lu MHz\n", hz / 1000000,
           hz / 1000 % 1000);
}

static void apic_timer_deadline_init(void)
{
    uint32_t eax, ebx, ecx, edx;

    tsc_deadline_mode = true;
    wrmsr(MSR_TSC_DEADLINE, 0);
    apic_write(APIC_LVT_TIMER, APIC_LVT_TSC_DEADLINE | TIMER_VECTOR);
    /*
     * In xAPIC mode the MMIO write selecting the mode and a later WRMSR to
     * IA32_TSC_DEADLINE are not ordered (SDM, "TSC-Deadline Mode"; Linux
     * puts an MFENCE here): CPUID, serialising, keeps the first deadline.
     */
    cpuid_count(0, 0, &eax, &ebx, &ecx, &edx);
    printk("APIC: timer in TSC-deadline mode\n");
}

static void apic_timer_interrupt(struct trap_frame *frame)
{
    apic_eoi();
    timer_interrupt();
}

void apic_init(paddr_t madt_address)
{
    if ( !cpu_has(X86_FEATURE_APIC) )
        panic("this CPU has no local APIC: no timer interrupts");
    apic_map(madt_address);
    irq_set_handler(TIMER_VECTOR, apic_timer_interrupt);
    if ( cpu_has(X86_FEATURE_TSC_DEADLINE) && opt_tdt )
        apic_timer_deadline_init();
    else
        apic_timer_oneshot_init();
}

void arch_timer_program(s_time_t deadline)
{
    s_time_t delta;
    uint64_t ticks;

    if ( tsc_deadline_mode )
    {
        /* Never 0 (which disarms): tsc_from_stime(0) is the boot TSC. */
        wrmsr(MSR_TSC_DEADLINE, tsc_from_stime(deadline));
        return;
    }
    delta = deadline - NOW();
    delta = delta < 0 ? 0 : delta > ONESHOT_MAX_NS ? ONESHOT_MAX_NS : delta;
    /* The scaling rounds down by up to 2 ticks; never 0 (that stops it). */
    ticks = time_scale_apply((uint64_t)delta, &ns_to_apic) + 2;
    apic_write(APIC_TIMER_INITIAL, ticks > UINT32_MAX ? UINT32_MAX : ticks);
}

void arch_timer_stop(void)
{
    if ( tsc_deadline_mode )
        wrmsr(MSR_TSC_DEADLINE, 0);
    else
        apic_write(APIC_TIMER_INITIAL, 0);
}
