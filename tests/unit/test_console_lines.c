/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests of hv/common/hypercall/console_line.c, the line assembly
 * behind CONSOLEIO_write: a newline completes a line and is consumed, a
 * full line is printed when the next byte arrives (so no empty line
 * follows it), NUL is always dropped, and domains other than dom0 keep
 * only printable ASCII and tab (Xen's guest_console_write() filter).
 */
#include <string.h>

#include "harness.h"

#include "../../hv/common/hypercall/console_line.h"

#define SIZE 8

static char line[SIZE];
static unsigned int len;
static bool complete;

static size_t feed(const char *s, size_t n, bool printable_only)
{
    return console_line_feed(line, &len, SIZE, s, n, printable_only,
                             &complete);
}

static void check_line(const char *want)
{
    CHECK_EQ(len, strlen(want));
    CHECK(!memcmp(line, want, strlen(want)));
}

TEST(newline_completes_and_is_consumed)
{
    len = 0;
    CHECK_EQ(feed("ab\ncd", 5, false), 3);
    CHECK(complete);
    check_line("ab");
    len = 0;
    CHECK_EQ(feed("cd", 2, false), 2);
    CHECK(!complete);
    check_line("cd");
}

TEST(partial_lines_accumulate)
{
    len = 0;
    CHECK_EQ(feed("ab", 2, true), 2);
    CHECK(!complete);
    CHECK_EQ(feed("c\n", 2, true), 2);
    CHECK(complete);
    check_line("abc");
}

TEST(empty_input_and_empty_line)
{
    len = 0;
    CHECK_EQ(feed("", 0, false), 0);
    CHECK(!complete);
    CHECK_EQ(feed("\n", 1, false), 1);
    CHECK(complete);
    check_line("");
}

TEST(full_line_waits_for_next_byte)
{
    len = 0;
    CHECK_EQ(feed("12345678", 8, false), 8);
    CHECK(!complete);
    check_line("12345678");
    /* Its newline ends it: no empty line after a full one. */
    CHECK_EQ(feed("\nx", 2, false), 1);
    CHECK(complete);
    check_line("12345678");
}

TEST(full_line_printed_before_overflowing_byte)
{
    len = 0;
    CHECK_EQ(feed("123456789", 9, false), 8);
    CHECK(complete);
    check_line("12345678");
    len = 0;
    CHECK_EQ(feed("9", 1, false), 1);
    check_line("9");
}

TEST(dropped_bytes_do_not_fill_the_line)
{
    len = 0;
    CHECK_EQ(feed("1234567\0\0\0" "8", 11, false), 11);
    CHECK(!complete);
    check_line("12345678");
}

TEST(dom0_keeps_control_characters_but_not_nul)
{
    len = 0;
    CHECK_EQ(feed("a\r\x1b[m\0b\n", 8, false), 8);
    CHECK(complete);
    check_line("a\r\x1b[mb");
}

TEST(domu_keeps_printable_and_tab_only)
{
    len = 0;
    CHECK_EQ(feed("a\tb\r\x1b\x7f\x80\xff~ \n", 11, true), 11);
    CHECK(complete);
    check_line("a\tb~ ");
}
