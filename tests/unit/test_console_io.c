/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests of hv/common/hypercall/console_io.c against a fake guest
 * (fake_guest.h): what reaches printk() for dom0 and for other domains,
 * Xen's 127-byte chunks when a buffer turns bad part way, the cap on one
 * write, CONSOLEIO_read's answers, and the argument widths Xen 4.17 uses;
 * the serial input ring behind CONSOLEIO_read (hv/common/console_rx.c):
 * nothing before the focus is given, Xen's drop-the-newest when full, a
 * VIRQ_CONSOLE per character, reads in pieces and across the wrap, and
 * what a bad buffer leaves unread.
 */
#include <string.h>

#include "fake_guest.h"
#include "harness.h"

#include <xenolith/console_rx.h>
#include <xenolith/errno.h>
#include <xenolith/event.h>
#include <xenolith/hypercall.h>

/* console_rx.c's notification, counted instead of sent. */
static unsigned int virq_console_sent;

void send_guest_global_virq(struct domain *d, uint32_t virq)
{
    if ( d == &fake_domain && virq == VIRQ_CONSOLE )
        virq_console_sent++;
}

/* Characters CONSOLEIO_read has returned: where the ring's reader is. */
static unsigned long rx_consumed;

static long console_io(unsigned long cmd, unsigned long count,
                       unsigned long buffer)
{
    long rc = do_console_io(cmd, count, buffer, 0, 0);

    if ( (unsigned int)cmd == CONSOLEIO_read && rc > 0 )
        rx_consumed += rc;
    return rc;
}

/* The calling domain, a console domain (dom0 or a boot-time domain). */
static void console_domain_reset(domid_t domid, bool privileged)
{
    fake_guest_reset(domid, privileged);
    fake_domain.is_console = true;
}

/* Put s at the start of page 0, mapped read-only; returns its address. */
static uint64_t guest_string(const char *s)
{
    uint64_t va = fake_guest_page(0);

    fake_guest_map(va, 4096, false);
    memcpy(fake_guest_ptr(va), s, strlen(s));
    return va;
}

TEST(dom0_line_printed_bare)
{
    console_domain_reset(0, true);
    CHECK_EQ(console_io(CONSOLEIO_write, 6, guest_string("hello\n")), 0);
    CHECK_STR(harness_log, "hello\n");
}

TEST(domu_line_prefixed_and_filtered)
{
    console_domain_reset(3, false);
    CHECK_EQ(console_io(CONSOLEIO_write, 9, guest_string("he\x1bllo\r\nx")),
             0);
    CHECK_STR(harness_log, "(d3) hello\n");
    CHECK_EQ(fake_domain.console_len, 1);
}

TEST(domain_with_a_ring_may_not_write)
{
    fake_guest_reset(5, false);               /* Not a console domain. */
    CHECK_EQ(console_io(CONSOLEIO_write, 6, guest_string("hello\n")),
             -EPERM);
    CHECK_STR(harness_log, "");
    CHECK_EQ(fake_domain.console_len, 0);
}

TEST(partial_line_waits_for_its_newline)
{
    uint64_t va;

    console_domain_reset(3, false);
    va = guest_string("a line in two writes\n");
    CHECK_EQ(console_io(CONSOLEIO_write, 10, va), 0);
    CHECK_STR(harness_log, "");
    CHECK_EQ(console_io(CONSOLEIO_write, 11, va + 10), 0);
    CHECK_STR(harness_log, "(d3) a line in two writes\n");
}

/* dom0 may be a shell: its prompt, with no newline, goes out at once. */
TEST(dom0_partial_line_goes_out_at_once)
{
    uint64_t va;

    console_domain_reset(0, true);
    va = guest_string("dom0:~# ls\n");
    CHECK_EQ(console_io(CONSOLEIO_write, 8, va), 0);
    CHECK_STR(harness_log, "dom0:~# ");
    CHECK_EQ(fake_domain.console_len, 0);
    CHECK_EQ(console_io(CONSOLEIO_write, 3, va + 8), 0);
    CHECK_STR(harness_log, "dom0:~# ls\n");
}

TEST(several_lines_in_one_write)
{
    console_domain_reset(0, true);
    CHECK_EQ(console_io(CONSOLEIO_write, 8, guest_string("one\ntwo\n")), 0);
    CHECK_STR(harness_log, "one\ntwo\n");
}

TEST(zero_count_touches_nothing)
{
    console_domain_reset(0, true);
    CHECK_EQ(console_io(CONSOLEIO_write, 0, fake_guest_page(1)), 0);
    CHECK_EQ(console_io(CONSOLEIO_write, 0, FAKE_ADDR_XEN), 0);
    CHECK_EQ(console_io(CONSOLEIO_write, 0, FAKE_ADDR_NONCANONICAL), 0);
}

TEST(bad_buffers_fault)
{
    console_domain_reset(0, true);
    CHECK_EQ(console_io(CONSOLEIO_write, 16, fake_guest_page(1)), -EFAULT);
    CHECK_EQ(console_io(CONSOLEIO_write, 16, FAKE_ADDR_XEN), -EFAULT);
    CHECK_EQ(console_io(CONSOLEIO_write, 16, FAKE_ADDR_NONCANONICAL),
             -EFAULT);
    CHECK_EQ(console_io(CONSOLEIO_write, 16, 0), -EFAULT);
    CHECK_EQ(console_io(CONSOLEIO_write, 0xffffffffu, fake_guest_page(1)),
             -EFAULT);
    /* 8 readable bytes, then the hole: the only chunk fails. */
    guest_string("");
    CHECK_EQ(console_io(CONSOLEIO_write, 16, fake_guest_page(1) - 8),
             -EFAULT);
    CHECK_STR(harness_log, "");
}

/* Xen 4.17: the chunks before the bad one are printed. */
TEST(chunks_before_a_fault_are_printed)
{
    uint64_t va = fake_guest_page(1) - 200;
    char *p = fake_guest_ptr(va);

    console_domain_reset(0, true);
    fake_guest_map(fake_guest_page(0), 4096, false);
    memset(p, 'x', 200);
    memcpy(p, "first\n", 6);
    p[126] = '\n';
    CHECK_EQ(console_io(CONSOLEIO_write, 400, va), -EFAULT);
    CHECK(harness_log_contains("first\n"));
    CHECK_EQ(strlen(harness_log), 127);
    /* Bytes 127..199 were readable, but their chunk was not. */
    CHECK_EQ(fake_domain.console_len, 0);
}

TEST(long_line_split_at_buffer_size)
{
    uint64_t va = fake_guest_page(0);
    char want[GUEST_CONSOLE_LINE + 8];

    console_domain_reset(3, false);
    fake_guest_map(va, 4096, false);
    memset(fake_guest_ptr(va), 'y', GUEST_CONSOLE_LINE + 1);
    CHECK_EQ(console_io(CONSOLEIO_write, GUEST_CONSOLE_LINE + 1, va), 0);
    strcpy(want, "(d3) ");
    memset(want + 5, 'y', GUEST_CONSOLE_LINE);
    strcpy(want + 5 + GUEST_CONSOLE_LINE, "\n");
    CHECK_STR(harness_log, want);
    CHECK_EQ(fake_domain.console_len, 1);
}

/* dom0's output is a stream: no line to split, nothing kept back. */
TEST(dom0_long_output_is_not_split)
{
    uint64_t va = fake_guest_page(0);

    console_domain_reset(0, true);
    fake_guest_map(va, 4096, false);
    memset(fake_guest_ptr(va), 'y', GUEST_CONSOLE_LINE + 1);
    CHECK_EQ(console_io(CONSOLEIO_write, GUEST_CONSOLE_LINE + 1, va), 0);
    CHECK_EQ(strlen(harness_log), GUEST_CONSOLE_LINE + 1);
    CHECK_EQ(fake_domain.console_len, 0);
}

TEST(huge_write_is_cut)
{
    uint64_t va = fake_guest_page(0);
    unsigned int i;

    console_domain_reset(0, true);
    fake_guest_map(va, FAKE_GUEST_SIZE, false);
    for ( i = 0; i < FAKE_GUEST_SIZE; i++ )
        ((char *)fake_guest_ptr(va))[i] = i % 64 == 63 ? '\n' : 'z';
    /* Past the cap the buffer is never read, so its end is not noticed. */
    CHECK_EQ(console_io(CONSOLEIO_write, 0xffffffffu, va), 0);
    CHECK(harness_log_contains("console_io write of 4294967295 bytes cut "
                               "to 16384"));
    CHECK_EQ(console_io(CONSOLEIO_write, 16384, va), 0);
}

TEST(read_returns_no_input_for_dom0)
{
    console_domain_reset(0, true);
    fake_guest_map(fake_guest_page(0), 4096, true);
    CHECK_EQ(console_io(CONSOLEIO_read, 64, fake_guest_page(0)), 0);
    CHECK_EQ(console_io(CONSOLEIO_read, 0, fake_guest_page(0)), 0);
    CHECK_EQ(console_io(CONSOLEIO_read, 0x7fffffff, fake_guest_page(0)), 0);
    CHECK_EQ(console_io(CONSOLEIO_read, 0x80000000u, fake_guest_page(0)),
             -E2BIG);
    CHECK_EQ(console_io(CONSOLEIO_read, 0xffffffffu, fake_guest_page(0)),
             -E2BIG);
}

TEST(read_refused_to_domu)
{
    console_domain_reset(1, false);
    CHECK_EQ(console_io(CONSOLEIO_read, 64, fake_guest_page(0)), -EPERM);
    CHECK_EQ(console_io(CONSOLEIO_read, 0x80000000u, fake_guest_page(0)),
             -EPERM);
}

TEST(unknown_command)
{
    console_domain_reset(0, true);
    CHECK_EQ(console_io(2, 1, fake_guest_page(0)), -ENOSYS);
    CHECK_EQ(console_io(0x7fffffff, 1, fake_guest_page(0)), -ENOSYS);
    CHECK_EQ(console_io(0xffffffffu, 1, fake_guest_page(0)), -ENOSYS);
}

/* Xen 4.17 takes cmd and count as unsigned int. */
TEST(upper_halves_ignored)
{
    console_domain_reset(0, true);
    CHECK_EQ(console_io((1UL << 32) | CONSOLEIO_write, (1UL << 32) | 3,
                        guest_string("ok\n")),
             0);
    CHECK_STR(harness_log, "ok\n");
    CHECK_EQ(console_io(CONSOLEIO_read, (1UL << 32) | 1, fake_guest_page(0)),
             0);
}

static void rx_string(const char *s)
{
    while ( *s )
        console_rx_char(*s++);
}

/* Read everything waiting into guest page 2; returns the count. */
static long rx_drain(void)
{
    long rc, total = 0;

    fake_guest_map(fake_guest_page(2), 4096, true);
    while ( (rc = console_io(CONSOLEIO_read, 4096, fake_guest_page(2))) > 0 )
        total += rc;
    return total;
}

/* Registered first of the ring's tests: the focus is not given yet. */
TEST(rx_dropped_before_focus)
{
    console_domain_reset(0, true);
    virq_console_sent = 0;
    rx_string("lost");
    CHECK_EQ(virq_console_sent, 0);
    CHECK_EQ(rx_drain(), 0);
    console_rx_set_focus(&fake_domain);
    CHECK(harness_log_contains("*** Serial input to DOM0\n"));
}

TEST(rx_read_in_pieces)
{
    uint64_t buf = fake_guest_page(0);

    console_domain_reset(0, true);
    console_rx_set_focus(&fake_domain);
    fake_guest_map(buf, 4096, true);
    virq_console_sent = 0;
    rx_string("hello\r");
    CHECK_EQ(virq_console_sent, 6);
    CHECK_EQ(console_io(CONSOLEIO_read, 0, FAKE_ADDR_XEN), 0);
    CHECK_EQ(console_io(CONSOLEIO_read, 4, buf), 4);
    CHECK(!memcmp(fake_guest_ptr(buf), "hell", 4));
    CHECK_EQ(console_io(CONSOLEIO_read, 100, buf + 4), 2);
    CHECK(!memcmp(fake_guest_ptr(buf), "hello\r", 6));
    CHECK_EQ(console_io(CONSOLEIO_read, 100, buf), 0);
    /* Nothing waiting: no copy is tried, so a bad buffer is no error. */
    CHECK_EQ(console_io(CONSOLEIO_read, 100, FAKE_ADDR_XEN), 0);
}

TEST(rx_full_ring_drops_newest_and_still_notifies)
{
    uint64_t buf = fake_guest_page(0);
    char want[CONSOLE_RX_SIZE];
    unsigned int i;

    console_domain_reset(0, true);
    console_rx_set_focus(&fake_domain);
    rx_drain();
    /* Start part way round, so the full ring wraps. */
    rx_string("0123456789");
    CHECK_EQ(rx_drain(), 10);
    virq_console_sent = 0;
    for ( i = 0; i < CONSOLE_RX_SIZE + 40; i++ )
        console_rx_char('a' + i % 26);
    CHECK_EQ(virq_console_sent, CONSOLE_RX_SIZE + 40);
    fake_guest_map(buf, 4096, true);
    CHECK_EQ(console_io(CONSOLEIO_read, 0x7fffffff, buf), CONSOLE_RX_SIZE);
    for ( i = 0; i < CONSOLE_RX_SIZE; i++ )
        want[i] = 'a' + i % 26;
    CHECK(!memcmp(fake_guest_ptr(buf), want, CONSOLE_RX_SIZE));
    CHECK_EQ(rx_drain(), 0);
}

TEST(rx_bad_buffer_leaves_input_unread)
{
    uint64_t buf = fake_guest_page(0);

    console_domain_reset(0, true);
    console_rx_set_focus(&fake_domain);
    rx_drain();
    rx_string("keep");
    CHECK_EQ(console_io(CONSOLEIO_read, 4, FAKE_ADDR_XEN), -EFAULT);
    CHECK_EQ(console_io(CONSOLEIO_read, 4, FAKE_ADDR_NONCANONICAL), -EFAULT);
    CHECK_EQ(console_io(CONSOLEIO_read, 4, fake_guest_page(1)), -EFAULT);
    fake_guest_map(buf, 4096, false);
    CHECK_EQ(console_io(CONSOLEIO_read, 4, buf), -EFAULT);
    /* Straddling into an unmapped page: the one piece fails. */
    fake_guest_map(buf, 4096, true);
    CHECK_EQ(console_io(CONSOLEIO_read, 4, fake_guest_page(1) - 2), -EFAULT);
    CHECK_EQ(console_io(CONSOLEIO_read, 0x80000000u, buf), -E2BIG);
    CHECK_EQ(console_io(CONSOLEIO_read, 4, buf), 4);
    CHECK(!memcmp(fake_guest_ptr(buf), "keep", 4));
}

/* Xen 4.17: a piece copied before the faulting one stays consumed. */
TEST(rx_fault_in_second_piece_keeps_the_first_consumed)
{
    uint64_t end = fake_guest_page(1);
    unsigned int i;

    console_domain_reset(0, true);
    console_rx_set_focus(&fake_domain);
    rx_drain();
    /* Move the (empty) ring's reader to 3 slots before the end. */
    for ( i = 0; (rx_consumed + i) % CONSOLE_RX_SIZE != CONSOLE_RX_SIZE - 3;
          i++ )
        console_rx_char('x');
    rx_drain();
    rx_string("abcdef");                  /* "abc" at the end, "def" at 0. */
    fake_guest_map(fake_guest_page(0), 4096, true);
    CHECK_EQ(console_io(CONSOLEIO_read, 6, end - 3), -EFAULT);
    CHECK(!memcmp(fake_guest_ptr(end - 3), "abc", 3));
    CHECK_EQ(console_io(CONSOLEIO_read, 6, fake_guest_page(0)), 3);
    CHECK(!memcmp(fake_guest_ptr(fake_guest_page(0)), "def", 3));
}

TEST(rx_refused_to_domu)
{
    console_domain_reset(1, false);
    console_rx_set_focus(&fake_domain);
    rx_string("x");
    CHECK_EQ(console_io(CONSOLEIO_read, 1, fake_guest_page(0)), -EPERM);
    console_domain_reset(0, true);
    CHECK_EQ(rx_drain(), 1);
}
