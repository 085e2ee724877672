/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * console_read: serial console input for the hardware domain, as Linux's
 * hvc_xen reads it in dom0: VIRQ_CONSOLE (xen/include/public/xen.h) says
 * characters arrived, HYPERVISOR_console_io(CONSOLEIO_read, count, buf)
 * returns up to count of them. Xen 4.17: xen/drivers/char/console.c
 * (__serial_rx(), do_console_io()); input goes to dom0 from the end of
 * boot ("*** Serial input to DOM0").
 *
 * The runner types what tests/guest/console_read/serial-input says, each
 * part after the line that asks for it:
 * 1. "Hello, Xen!\r": the VIRQ arrives (waited for with SCHEDOP_poll and
 *    a timeout); once the input is quiet, bad buffers are refused with
 *    -EFAULT and leave it unread; then reads of 5 characters at most
 *    return it in order, and an empty ring reads 0.
 * 2. 200 characters at once, read only when quiet: the ring holds 128
 *    (Xen's SERIAL_RX_SIZE) and drops the newer ones, so one read returns
 *    exactly the first 128, across the ring's wrap.
 *
 * Hostile, Xen 4.17's answers: with input waiting, a buffer that is
 * unmapped, in Xen's range (direct map or image), non-canonical, in a hole
 * of ours, read-only or running into an unmapped page is -EFAULT; count 0
 * is 0 whatever the buffer; a count of 2 GiB or more is -E2BIG; with no
 * input waiting nothing is copied, so any buffer reads 0.
 */
#include <guest/console.h>
#include <guest/events.h>
#include <guest/hypercall.h>
#include <guest/string.h>
#include <guest/test.h>
#include <guest/time.h>

const char test_name[] = "console_read";
const char test_title[] = "serial input: VIRQ_CONSOLE and CONSOLEIO_read";

#define MS              1000000ULL
#define INPUT_TIMEOUT   (20000 * MS)     /* For the runner to type. */
#define QUIET_TIME      (1000 * MS)      /* No event this long: all in. */
#define RING_SIZE       128              /* Xen's SERIAL_RX_SIZE. */
#define BURST_SIZE      200
#define ADDR_XEN_IMAGE  0xffff82d080000000UL

#define MIN(a, b)       ((a) < (b) ? (a) : (b))

static const char line1[] = "Hello, Xen!\r";

static evtchn_port_t console_port;
static char buffer[512];

static long console_read(unsigned int count, void *buf)
{
    return hypercall_console_io(CONSOLEIO_read, count, buf);
}

/* Sleep until the console port is pending or the deadline passes. */
static void wait_event(uint64_t deadline)
{
    evtchn_port_t ports[1] = { console_port };
    struct sched_poll p = { .nr_ports = 1, .timeout = deadline };

    set_xen_guest_handle(p.ports, ports);
    hypercall_sched_op(SCHEDOP_poll, &p);
}

/*
 * Wait for the first VIRQ_CONSOLE, then until none came for QUIET_TIME
 * (Xen sends one per character, even those it drops). Returns whether
 * input arrived at all.
 */
static bool wait_input_quiet(void)
{
    uint64_t limit = guest_time_now() + INPUT_TIMEOUT;

    wait_event(limit);
    if ( !guest_evtchn_is_pending(console_port) )
        return false;
    do
    {
        guest_evtchn_clear(console_port);
        wait_event(MIN(guest_time_now() + QUIET_TIME, limit));
    } while ( guest_evtchn_is_pending(console_port) &&
              guest_time_now() < limit );
    return true;
}

static void ask_for_input(unsigned int part)
{
    guest_events_consume();
    guest_evtchn_clear(console_port);
    guest_printf("console_read: type now (%u)\n", part);
}

static void check_setup(void)
{
    evtchn_port_t again;

    test_expect_rc("bind_virq",
                   guest_evtchn_bind_virq(VIRQ_CONSOLE, 0, &console_port), 0);
    test_expect_rc("bind_virq/again",
                   guest_evtchn_bind_virq(VIRQ_CONSOLE, 0, &again), -EEXIST);
}

/* Nothing typed yet: nothing to copy, so no buffer is looked at. */
static void check_empty(void)
{
    const struct test_bad_pointer *bad;
    unsigned int i, n;
    char check[48];

    test_expect_rc("empty", console_read(sizeof(buffer), buffer), 0);
    bad = test_bad_pointers(&n);
    for ( i = 0; i < n; i++ )
    {
        guest_snprintf(check, sizeof(check), "empty/%s", bad[i].name);
        test_expect_rc(check, console_read(16, bad[i].ptr), 0);
    }
    test_expect_rc("count/2GiB", console_read(0x80000000u, buffer), -E2BIG);
    test_expect_rc("count/4GiB-1", console_read(0xffffffffu, buffer),
                   -E2BIG);
    test_expect_rc("count/2GiB-1", console_read(0x7fffffffu, buffer), 0);
}

/* Input waiting: every bad buffer faults, and nothing is consumed. */
static void check_bad_buffers(void)
{
    const struct test_bad_pointer *bad;
    char *hole = test_unmapped_page();
    unsigned int i, n;
    char check[48];

    bad = test_bad_pointers(&n);
    for ( i = 0; i < n; i++ )
    {
        guest_snprintf(check, sizeof(check), "fault/%s", bad[i].name);
        test_expect_rc(check, console_read(4, bad[i].ptr), -EFAULT);
    }
    test_expect_rc("fault/xen_image", console_read(4, (void *)ADDR_XEN_IMAGE),
                   -EFAULT);
    test_expect_rc("fault/readonly", console_read(4, test_readonly_page()),
                   -EFAULT);
    test_expect_rc("fault/straddle", console_read(4, hole - 2), -EFAULT);
    test_expect_rc("fault/huge_unmapped",
                   console_read(0x7fffffffu, (void *)TEST_ADDR_UNMAPPED),
                   -EFAULT);
    test_expect_rc("zero_count", console_read(0, buffer), 0);
    test_expect_rc("zero_count/xen", console_read(0, (void *)TEST_ADDR_XEN),
                   0);
}

/*
 * Read line1 back in pieces of at most 5 characters (waiting for more if
 * the typist was slower than QUIET_TIME).
 */
static void check_pieces(void)
{
    uint64_t limit = guest_time_now() + INPUT_TIMEOUT;
    size_t want = sizeof(line1) - 1, got = 0;
    long rc;
    bool small = true;

    while ( got < want && guest_time_now() < limit )
    {
        guest_evtchn_clear(console_port);
        rc = console_read(5, buffer + got);
        if ( rc < 0 )
            break;
        if ( rc == 0 )
            wait_event(limit);
        small = small && rc <= 5;
        got += rc;
    }
    test_check(got == want && !memcmp(buffer, line1, want), "line",
               "read %lu characters \"%.*s\", want \"Hello, Xen!\\r\"",
               (unsigned long)got, (int)MIN(got, 32), buffer);
    test_check(small, "line/count_honoured", "a read returned more than 5");
    test_expect_rc("line/then_empty", console_read(sizeof(buffer), buffer),
                   0);
}

static void check_line(void)
{
    ask_for_input(1);
    if ( !test_check(wait_input_quiet(), "virq", "no VIRQ_CONSOLE within "
                     "%llu s of asking for input", INPUT_TIMEOUT / 1000000000) )
        return;
    check_bad_buffers();
    check_pieces();
}

/* More than the ring holds: Xen keeps the first RING_SIZE. */
static void check_overflow(void)
{
    char want[RING_SIZE];
    unsigned int i;
    long rc;

    ask_for_input(2);
    if ( !test_check(wait_input_quiet(), "overflow/virq", "no VIRQ_CONSOLE") )
        return;
    for ( i = 0; i < RING_SIZE; i++ )
        want[i] = 'A' + i % 26;
    memset(buffer, 0, sizeof(buffer));
    rc = console_read(sizeof(buffer), buffer);
    test_expect_rc("overflow/kept", rc, RING_SIZE);
    test_check(rc == RING_SIZE && !memcmp(buffer, want, RING_SIZE),
               "overflow/oldest_kept", "got \"%.*s\"",
               (int)MIN(rc < 0 ? 0 : rc, 40L), buffer);
    test_expect_rc("overflow/then_empty", console_read(sizeof(buffer), buffer),
                   0);
    test_note("typed %u characters, the ring kept %ld", BURST_SIZE, rc);
}

void test_main(void)
{
    check_setup();
    check_empty();
    check_line();
    check_overflow();
    guest_evtchn_close(console_port);
}
