/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests of hv/common/hypercall/console_io.c against a fake guest
 * (fake_guest.h): what reaches printk() for dom0 and for other domains,
 * Xen's 127-byte chunks when a buffer turns bad part way, the cap on one
 * write, CONSOLEIO_read's answers, and the argument widths Xen 4.17 uses.
 */
#include <string.h>

#include "fake_guest.h"
#include "harness.h"

#include <xenolith/errno.h>
#include <xenolith/hypercall.h>

static long console_io(unsigned long cmd, unsigned long count,
                       unsigned long buffer)
{
    return do_console_io(cmd, count, buffer, 0, 0);
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
    fake_guest_reset(0, true);
    CHECK_EQ(console_io(CONSOLEIO_write, 6, guest_string("hello\n")), 0);
    CHECK_STR(harness_log, "hello\n");
}

TEST(domu_line_prefixed_and_filtered)
{
    fake_guest_reset(3, false);
    CHECK_EQ(console_io(CONSOLEIO_write, 9, guest_string("he\x1bllo\r\nx")),
             0);
    CHECK_STR(harness_log, "(d3) hello\n");
    CHECK_EQ(fake_domain.console_len, 1);
}

TEST(partial_line_waits_for_its_newline)
{
    uint64_t va;

    fake_guest_reset(0, true);
    va = guest_string("a line in two writes\n");
    CHECK_EQ(console_io(CONSOLEIO_write, 10, va), 0);
    CHECK_STR(harness_log, "");
    CHECK_EQ(console_io(CONSOLEIO_write, 11, va + 10), 0);
    CHECK_STR(harness_log, "a line in two writes\n");
}

TEST(several_lines_in_one_write)
{
    fake_guest_reset(0, true);
    CHECK_EQ(console_io(CONSOLEIO_write, 8, guest_string("one\ntwo\n")), 0);
    CHECK_STR(harness_log, "one\ntwo\n");
}

TEST(zero_count_touches_nothing)
{
    fake_guest_reset(0, true);
    CHECK_EQ(console_io(CONSOLEIO_write, 0, fake_guest_page(1)), 0);
    CHECK_EQ(console_io(CONSOLEIO_write, 0, FAKE_ADDR_XEN), 0);
    CHECK_EQ(console_io(CONSOLEIO_write, 0, FAKE_ADDR_NONCANONICAL), 0);
}

TEST(bad_buffers_fault)
{
    fake_guest_reset(0, true);
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

    fake_guest_reset(0, true);
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
    char want[GUEST_CONSOLE_LINE + 2];

    fake_guest_reset(0, true);
    fake_guest_map(va, 4096, false);
    memset(fake_guest_ptr(va), 'y', GUEST_CONSOLE_LINE + 1);
    CHECK_EQ(console_io(CONSOLEIO_write, GUEST_CONSOLE_LINE + 1, va), 0);
    memset(want, 'y', GUEST_CONSOLE_LINE);
    strcpy(want + GUEST_CONSOLE_LINE, "\n");
    CHECK_STR(harness_log, want);
    CHECK_EQ(fake_domain.console_len, 1);
}

TEST(huge_write_is_cut)
{
    uint64_t va = fake_guest_page(0);
    unsigned int i;

    fake_guest_reset(0, true);
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
    fake_guest_reset(0, true);
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
    fake_guest_reset(1, false);
    CHECK_EQ(console_io(CONSOLEIO_read, 64, fake_guest_page(0)), -EPERM);
    CHECK_EQ(console_io(CONSOLEIO_read, 0x80000000u, fake_guest_page(0)),
             -EPERM);
}

TEST(unknown_command)
{
    fake_guest_reset(0, true);
    CHECK_EQ(console_io(2, 1, fake_guest_page(0)), -ENOSYS);
    CHECK_EQ(console_io(0x7fffffff, 1, fake_guest_page(0)), -ENOSYS);
    CHECK_EQ(console_io(0xffffffffu, 1, fake_guest_page(0)), -ENOSYS);
}

/* Xen 4.17 takes cmd and count as unsigned int. */
TEST(upper_halves_ignored)
{
    fake_guest_reset(0, true);
    CHECK_EQ(console_io((1UL << 32) | CONSOLEIO_write, (1UL << 32) | 3,
                        guest_string("ok\n")),
             0);
    CHECK_STR(harness_log, "ok\n");
    CHECK_EQ(console_io(CONSOLEIO_read, (1UL << 32) | 1, fake_guest_page(0)),
             0);
}
