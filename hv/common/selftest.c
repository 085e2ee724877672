/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Boot self-checks and deliberate faults (see xenolith/selftest.h).
 * The faults exist so the boot tests can prove, end to end, that an
 * unexpected exception gives a register dump, a symbolised backtrace and an
 * orderly halt or reboot, never a silent hang or a triple fault.
 */
#include <asm/processor.h>
#include <xenolith/console.h>
#include <xenolith/panic.h>
#include <xenolith/param.h>
#include <xenolith/selftest.h>
#include <xenolith/string.h>
#include <xenolith/time.h>

#define TIMER_CHECK_DELAY MILLISECS(10)

static char opt_fault[32];
string_param("selftest_fault", opt_fault);

static volatile bool timer_fired;
static volatile s_time_t timer_fired_at;

static void selftest_timer_fn(void *data)
{
    timer_fired_at = NOW();
    timer_fired = true;
}

/* Proves that the APIC timer interrupt reaches the soft-timer queue. */
static void check_soft_timer(void)
{
    struct timer t;
    s_time_t start = NOW(), deadline = start + TIMER_CHECK_DELAY;

    timer_init(&t, selftest_timer_fn, NULL);
    timer_set(&t, deadline);
    /* Test with interrupts off, then sti;hlt atomically: no lost wake-up. */
    while ( !timer_fired && NOW() < start + SECONDS(2) )
    {
        safe_halt();
        local_irq_disable();
    }
    timer_stop(&t);
    if ( !timer_fired )
        panic("soft timer did not fire within 2 s: no timer interrupts");
    printk("Time: soft timer set for +%lu us fired after %lu us\n",
           (unsigned long)(TIMER_CHECK_DELAY / 1000),
           (unsigned long)((timer_fired_at - start) / 1000));
}

/*
 * An NMI while GS_BASE holds a guest's value, as in the window between the
 * exit SWAPGS and IRETQ: the handler must still reach this CPU's data
 * (entry/exceptions.S), and the interrupted base must come back. The base
 * used here maps nothing, so a handler that trusted GS would fault.
 */
#define GUEST_LIKE_GS_BASE 0x00007f0000000000ULL

static void selftest_nmi_with_guest_gs(void)
{
    uint64_t flags = local_irq_save();
    uint64_t own = rdmsr(MSR_GS_BASE), seen;

    wrmsr(MSR_GS_BASE, GUEST_LIKE_GS_BASE);
    __asm__ __volatile__("int $2" ::: "memory");
    seen = rdmsr(MSR_GS_BASE);
    wrmsr(MSR_GS_BASE, own);
    local_irq_restore(flags);
    if ( seen != GUEST_LIKE_GS_BASE )
        panic("NMI exit left GS_BASE %#lx, not the interrupted %#llx", seen,
              GUEST_LIKE_GS_BASE);
    printk("Self-test: NMI with a guest's GS base handled, base restored\n");
}

/* Never set: hides the unbounded recursion from the compiler. */
static volatile bool recursion_stop;

/* Not inlined, so the backtrace shows named frames. */
static void __attribute__((noinline)) selftest_recurse(unsigned long depth)
{
    volatile char pad[256];

    pad[0] = (char)depth;
    if ( !recursion_stop )
        selftest_recurse(depth + 1);
    (void)pad[0];
}

/* Addresses to fault on, hidden from the compiler's bounds checks. */
static volatile uint64_t *volatile unmapped_address = (uint64_t *)0x10;
static volatile uint64_t *volatile noncanonical_address =
    (uint64_t *)0x8000000000000000ULL;

static void __attribute__((noinline)) selftest_fault(const char *kind)
{
    printk("Self-test: provoking fault '%s'\n", kind);
    if ( !strcmp(kind, "pagefault") )
        *unmapped_address = 1;
    else if ( !strcmp(kind, "ud2") )
        __asm__ __volatile__("ud2");
    else if ( !strcmp(kind, "divide") )
    {
        /* In assembly: the compiler may turn a division into a compare. */
        uint32_t eax = 1, edx = 0, zero = 0;

        __asm__ __volatile__("divl %2" : "+a"(eax), "+d"(edx) : "r"(zero));
    }
    else if ( !strcmp(kind, "gp") )
        *noncanonical_address = 1;
    else if ( !strcmp(kind, "stack_overflow") )
        selftest_recurse(0);
    else if ( !strcmp(kind, "nmi") )
    {
        __asm__ __volatile__("int $2");
        printk("Self-test: NMI handled, continuing\n");
        return;
    }
    else if ( !strcmp(kind, "nmi_guest_gs") )
    {
        selftest_nmi_with_guest_gs();
        return;
    }
    else if ( !strcmp(kind, "panic") )
        panic("self-test panic requested on the command line");
    else
    {
        printk(XENLOG_WARNING "selftest_fault=%s: unknown kind ignored\n", kind);
        return;
    }
    panic("self-test fault '%s' did not fault", kind);
}

void selftest_run(void)
{
    check_soft_timer();
    if ( opt_fault[0] )
        selftest_fault(opt_fault);
}
