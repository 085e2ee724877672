/* SPDX-License-Identifier: GPL-2.0-only */
/* Command-line parsing (hv/common/cmdline.c): Xen's syntax, hostile input. */
#include <string.h>

#include "harness.h"

#include <xenolith/errno.h>
#include <xenolith/param.h>

static bool opt_flag;
static unsigned int opt_number;
static uint64_t opt_size;
static char opt_text[16];
static char custom_seen[64];
static int custom_calls;

static int parse_custom(const char *v)
{
    custom_calls++;
    if ( v && !strcmp(v, "bad") )
        return -EINVAL;
    snprintf(custom_seen, sizeof(custom_seen), "%s", v ? v : "(none)");
    return 0;
}

static const struct param_def table[] = {
    { .name = "flag", .kind = PARAM_BOOL, .var = &opt_flag },
    { .name = "dom0_mem", .kind = PARAM_SIZE, .var = &opt_size },
    { .name = "number", .kind = PARAM_UINT, .var = &opt_number },
    { .name = "text", .kind = PARAM_STRING, .var = opt_text,
      .size = sizeof(opt_text) },
    { .name = "custom", .kind = PARAM_CUSTOM, .parse = parse_custom },
};

static char reports[4096];
static void report(const char *msg)
{
    strncat(reports, msg, sizeof(reports) - strlen(reports) - 2);
    strcat(reports, "\n");
}

static unsigned int parse(const char *cmdline)
{
    opt_flag = false;
    opt_number = 0;
    opt_size = 0;
    opt_text[0] = '\0';
    custom_seen[0] = '\0';
    custom_calls = 0;
    reports[0] = '\0';
    return cmdline_parse(cmdline, table, sizeof(table) / sizeof(table[0]),
                         report);
}

TEST(empty_and_spaces)
{
    CHECK_EQ(parse(""), 0);
    CHECK_EQ(parse("    \t  "), 0);
    CHECK_EQ(reports[0], '\0');
}

TEST(booleans_and_negation)
{
    CHECK_EQ(parse("flag"), 0);
    CHECK(opt_flag);
    CHECK_EQ(parse("flag=no"), 0);
    CHECK(!opt_flag);
    CHECK_EQ(parse("flag=1 no-flag"), 0);
    CHECK(!opt_flag);
    CHECK_EQ(parse("flag=maybe"), 1);
    CHECK(strstr(reports, "bad value 'maybe'"));
}

TEST(numbers_and_sizes)
{
    CHECK_EQ(parse("number=42 dom0_mem=512M"), 0);
    CHECK_EQ(opt_number, 42);
    CHECK_EQ(opt_size, 512ULL << 20);
    CHECK_EQ(parse("number=0x10 dom0-mem=2G"), 0);
    CHECK_EQ(opt_number, 16);
    CHECK_EQ(opt_size, 2ULL << 30);
    CHECK_EQ(parse("number=99999999999"), 1);      /* Over 32 bits. */
    CHECK_EQ(parse("number=12abc"), 1);
    CHECK_EQ(parse("number="), 1);
    CHECK_EQ(parse("number"), 1);
    CHECK_EQ(parse("dom0_mem=17179869184T"), 1);   /* Overflows 64 bits. */
    CHECK_EQ(parse("dom0_mem=M"), 1);
}

TEST(unknown_options_reported_not_fatal)
{
    CHECK_EQ(parse("bogus number=7 also-bogus=1"), 2);
    CHECK_EQ(opt_number, 7);
    CHECK(strstr(reports, "unknown option 'bogus'"));
    CHECK(strstr(reports, "unknown option 'also-bogus=1'"));
}

TEST(strings_truncated_and_quoted)
{
    CHECK_EQ(parse("text=\"a b c\""), 0);
    CHECK_STR(opt_text, "a b c");
    CHECK_EQ(parse("text=0123456789abcdefXYZ"), 0);
    CHECK_STR(opt_text, "0123456789abcde");
    CHECK(strstr(reports, "truncated"));
    CHECK_EQ(parse("text=\"never closed number=5"), 1);
    CHECK(strstr(reports, "unterminated quote"));
    CHECK_EQ(opt_number, 0);
}

TEST(custom_gets_value_or_null)
{
    CHECK_EQ(parse("custom=x,y"), 0);
    CHECK_STR(custom_seen, "x,y");
    CHECK_EQ(parse("custom"), 0);
    CHECK_STR(custom_seen, "(none)");
    CHECK_EQ(parse("custom=bad"), 1);
    CHECK_EQ(custom_calls, 1);
}

TEST(overlong_token_ignored)
{
    char line[1200];

    memset(line, 'x', sizeof(line) - 1);
    line[sizeof(line) - 1] = '\0';
    memcpy(line, "number=", 7);
    CHECK_EQ(parse(line), 1);
    CHECK(strstr(reports, "longer than"));
    CHECK_EQ(opt_number, 0);
}

TEST(no_prefix_only_for_booleans)
{
    CHECK_EQ(parse("no-number"), 1);
    CHECK_EQ(parse("no-"), 1);
}

TEST(image_name_rule)
{
    CHECK_STR(cmdline_skip_image_name("/boot/xen.gz console=com1", "qemu"),
              "console=com1");
    CHECK_STR(cmdline_skip_image_name("  build/xenolith  a b", NULL), "a b");
    CHECK_STR(cmdline_skip_image_name("console=com1", "GRUB 2.06"),
              "console=com1");
    CHECK_STR(cmdline_skip_image_name("onlyname", "qemu"), "");
    CHECK_STR(cmdline_skip_image_name("", "qemu"), "");
}

TEST(parse_size_suffixes)
{
    uint64_t v;

    CHECK_EQ(parse_size("4096", &v), 0);
    CHECK_EQ(v, 4096);
    CHECK_EQ(parse_size("1k", &v), 0);
    CHECK_EQ(v, 1024);
    CHECK_EQ(parse_size("3T", &v), 0);
    CHECK_EQ(v, 3ULL << 40);
    CHECK_EQ(parse_size("1Q", &v), -EINVAL);
    CHECK_EQ(parse_size("", &v), -EINVAL);
}
