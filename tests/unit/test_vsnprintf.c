/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's formatter (hv/common/lib/vsnprintf.c, built here as
 * hv_vsnprintf/hv_snprintf) compared with the C library's on the subset it
 * supports, plus bounds and hostile formats.
 */
#include <stdarg.h>
#include <string.h>

#include "harness.h"

int hv_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int hv_snprintf(char *buf, size_t size, const char *fmt, ...);

#define SAME(...)                                                          \
    do {                                                                   \
        char ours[128], libc[128];                                         \
        int n1 = hv_snprintf(ours, sizeof(ours), __VA_ARGS__);             \
        int n2 = snprintf(libc, sizeof(libc), __VA_ARGS__);                \
        CHECK_STR(ours, libc);                                             \
        CHECK_EQ(n1, n2);                                                  \
    } while ( 0 )

TEST(integers_match_libc)
{
    SAME("%d %i %u", -42, 17, 4000000000u);
    SAME("%ld %lu %lx %lX", -1L, 18446744073709551615UL, 0xdeadbeefUL, 0xabcUL);
    SAME("%lld %llx", -9223372036854775807LL - 1, 0x1234567890abcdefULL);
    SAME("%hhu %hd %zu %zx", 300, -5, (size_t)77, (size_t)255);
    SAME("[%5d] [%-5d] [%05d] [%+d] [%x] [%#x] [%#o] [%o]", 42, 42, 42, 42,
         0, 255, 8, 8);
    SAME("[%08lx] [%016lx] [%.3d] [%5.2d]", 0xabUL, 0UL, 7, 3);
    SAME("%d %d", 0, -0);
}

TEST(strings_and_chars_match_libc)
{
    SAME("[%s] [%10s] [%-10s] [%.2s] [%c] [%3c]", "abc", "right", "left",
         "truncate", 'x', 'y');
    SAME("100%% done");
    SAME("[%*d] [%-*d] [%.*s]", 6, 1, 4, 2, 3, "abcdef");
}

TEST(pointer_is_fixed_width)
{
    char buf[64];

    hv_snprintf(buf, sizeof(buf), "%p", (void *)0xffff82d080200000UL);
    CHECK_STR(buf, "0xffff82d080200000");
    hv_snprintf(buf, sizeof(buf), "%p", (void *)0x10);
    CHECK_STR(buf, "0x0000000000000010");
}

TEST(null_string)
{
    char buf[16];
    const char *volatile null_string = NULL;

    hv_snprintf(buf, sizeof(buf), "%s", null_string);
    CHECK_STR(buf, "(null)");
}

TEST(truncation_terminates_and_counts)
{
    char buf[8];
    int n;

    memset(buf, 'Z', sizeof(buf));
    n = hv_snprintf(buf, sizeof(buf), "%s", "0123456789");
    CHECK_EQ(n, 10);
    CHECK_STR(buf, "0123456");
    n = hv_snprintf(buf, 1, "abc");
    CHECK_EQ(n, 3);
    CHECK_EQ(buf[0], '\0');
    n = hv_snprintf(NULL, 0, "%d", 12345);
    CHECK_EQ(n, 5);
}

TEST(unknown_and_truncated_conversions_echoed)
{
    static const char *const formats[] = { "a%qb", "end%", "x%-08" };
    char buf[32];
    unsigned int i;

    /* Through a table, so the compiler cannot check (and reject) them. */
    for ( i = 0; i < 3; i++ )
    {
        hv_snprintf(buf, sizeof(buf), formats[i]);
        CHECK_STR(buf, formats[i]);
    }
}

TEST(huge_width_is_bounded)
{
    char buf[16];
    int n = hv_snprintf(buf, sizeof(buf), "%999999999d", 1);

    CHECK(n <= 4096);
    CHECK_EQ(strlen(buf), 15);
}
