/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The xl.cfg reader (ctl/xl/cfg_*.c, domain_config*.c): xl's syntax
 * (quotes, escapes, lists over several lines, comments, +=, last
 * assignment wins), typed keys with xl's defaults and root/extra folding,
 * every error with its line and nothing produced, printing back, and
 * hostile input (NUL bytes, deep nesting, random bytes).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#include "cfg_parse.h"
#include "domain_config.h"

static struct domain_config dc;
static struct cfg_error err;

static int parse_with(const char *text,
                      const struct domain_config_limits *limits)
{
    memset(&dc, 0x5a, sizeof(dc));  /* must be untouched on failure */
    memset(&err, 0, sizeof(err));
    return domain_config_parse(&dc, "t.cfg", text, strlen(text), limits,
                               &err);
}

static int parse(const char *text)
{
    return parse_with(text, NULL);
}

#define MINIMAL "name = \"d\"\nkernel = \"/k\"\n"

TEST(minimal_config_gets_xl_defaults)
{
    CHECK_EQ(parse(MINIMAL), 0);
    CHECK_STR(dc.name, "d");
    CHECK_STR(dc.kernel, "/k");
    CHECK(dc.ramdisk == NULL);
    CHECK(dc.cmdline == NULL);
    CHECK_EQ(dc.memory_mib, 32);
    CHECK_EQ(dc.maxmem_mib, 32);
    CHECK_EQ(dc.vcpus, 1);
    CHECK_EQ(dc.maxvcpus, 1);
    CHECK_EQ(dc.on_poweroff, DOMAIN_ACTION_DESTROY);
    CHECK_EQ(dc.on_reboot, DOMAIN_ACTION_RESTART);
    CHECK_EQ(dc.on_crash, DOMAIN_ACTION_DESTROY);
    CHECK_EQ(dc.bvt.mcu_advance, XENOLITH_BVT_MCU_ADVANCE_DEFAULT);
    CHECK_EQ(dc.bvt.warp, 0);
    CHECK_EQ(dc.disks.count, 0);
    CHECK_STR(dc.warnings, "");
    domain_config_free(&dc);
}

TEST(full_config)
{
    const char *text =
        "# A guest\n"
        "name = 'web'   # trailing comment\n"
        "kernel = \"/boot/vmlinuz\"\n"
        "ramdisk = \"/boot/initrd\"\n"
        "cmdline = \"console=hvc0 quiet\"\n"
        "memory = 512; maxmem = 1024\n"
        "vcpus = 2\n"
        "maxvcpus = 4\n"
        "on_poweroff = \"preserve\"\n"
        "on_reboot = 'rename-restart'\n"
        "on_crash = \"coredump-restart\"\n"
        "mcu_advance = 4\n"
        "warp = 40\n"
        "warp_limit = 10000\n"
        "unwarp = 50000\n"
        "disk = [ 'phy:/dev/vg/web,xvda,w',\n"
        "\n"
        "         # a comment inside a list\n"
        "         \"file:/srv/data.img,xvdb,r\", ]\n"
        "vif = []\n";

    CHECK_EQ(parse(text), 0);
    CHECK_STR(dc.name, "web");
    CHECK_STR(dc.ramdisk, "/boot/initrd");
    CHECK_STR(dc.cmdline, "console=hvc0 quiet");
    CHECK_EQ(dc.memory_mib, 512);
    CHECK_EQ(dc.maxmem_mib, 1024);
    CHECK_EQ(dc.vcpus, 2);
    CHECK_EQ(dc.maxvcpus, 4);
    CHECK_EQ(dc.on_poweroff, DOMAIN_ACTION_PRESERVE);
    CHECK_EQ(dc.on_reboot, DOMAIN_ACTION_RENAME_RESTART);
    CHECK_EQ(dc.on_crash, DOMAIN_ACTION_COREDUMP_RESTART);
    CHECK_EQ(dc.bvt.mcu_advance, 4);
    CHECK_EQ(dc.bvt.warp, 40);
    CHECK_EQ(dc.bvt.warp_limit_us, 10000);
    CHECK_EQ(dc.bvt.unwarp_us, 50000);
    CHECK_EQ(dc.disks.count, 2);
    CHECK_STR(dc.disks.items[0], "phy:/dev/vg/web,xvda,w");
    CHECK_STR(dc.disks.items[1], "file:/srv/data.img,xvdb,r");
    CHECK_EQ(dc.vifs.count, 0);
    domain_config_free(&dc);
}

TEST(root_and_extra_fold_into_cmdline_as_xl)
{
    CHECK_EQ(parse(MINIMAL "root = \"/dev/xvda1 ro\"\nextra = \"quiet\"\n"),
             0);
    CHECK_STR(dc.cmdline, "root=/dev/xvda1 ro quiet");
    domain_config_free(&dc);

    CHECK_EQ(parse(MINIMAL "root = \"/dev/xvda1\"\n"), 0);
    CHECK_STR(dc.cmdline, "root=/dev/xvda1");
    domain_config_free(&dc);

    CHECK_EQ(parse(MINIMAL "extra = \"init=/bin/sh\"\n"), 0);
    CHECK_STR(dc.cmdline, "init=/bin/sh");
    domain_config_free(&dc);

    /* cmdline wins, with xl's warning naming the line. */
    CHECK_EQ(parse(MINIMAL "cmdline = \"a\"\nextra = \"b\"\n"), 0);
    CHECK_STR(dc.cmdline, "a");
    CHECK(strstr(dc.warnings, "t.cfg:4: warning: ignoring root= and extra= "
                              "in favour of cmdline=") != NULL);
    domain_config_free(&dc);
}

TEST(memory_and_vcpu_defaults_follow_each_other)
{
    /* libxl: only maxmem given -> memory = maxmem. */
    CHECK_EQ(parse(MINIMAL "maxmem = 64\n"), 0);
    CHECK_EQ(dc.memory_mib, 64);
    CHECK_EQ(dc.maxmem_mib, 64);
    domain_config_free(&dc);

    CHECK_EQ(parse(MINIMAL "memory = 128\nvcpus = 3\n"), 0);
    CHECK_EQ(dc.maxmem_mib, 128);
    CHECK_EQ(dc.maxvcpus, 3);
    domain_config_free(&dc);
}

TEST(integers_are_read_as_xl_reads_them)
{
    /* strtol base 0: hex, octal; quoted digits are numbers too. */
    CHECK_EQ(parse(MINIMAL "memory = 0x40\n"), 0);
    CHECK_EQ(dc.memory_mib, 64);
    domain_config_free(&dc);
    CHECK_EQ(parse(MINIMAL "memory = 010\n"), 0);
    CHECK_EQ(dc.memory_mib, 8);
    domain_config_free(&dc);
    CHECK_EQ(parse(MINIMAL "memory = \"96\"\n"), 0);
    CHECK_EQ(dc.memory_mib, 96);
    domain_config_free(&dc);
}

TEST(last_assignment_wins_and_plus_equals_appends)
{
    CHECK_EQ(parse(MINIMAL "memory = 64\nmemory = 128\n"), 0);
    CHECK_EQ(dc.memory_mib, 128);
    domain_config_free(&dc);

    CHECK_EQ(parse(MINIMAL "cmdline = \"a\"\ncmdline += \" b\"\n"
                           "disk = [\"x\"]\ndisk += [\"y\", \"z\"]\n"),
             0);
    CHECK_STR(dc.cmdline, "a b");
    CHECK_EQ(dc.disks.count, 3);
    CHECK_STR(dc.disks.items[0], "x");
    CHECK_STR(dc.disks.items[2], "z");
    domain_config_free(&dc);

    /* += with nothing before is a plain assignment. */
    CHECK_EQ(parse(MINIMAL "extra += \"q\"\n"), 0);
    CHECK_STR(dc.cmdline, "q");
    domain_config_free(&dc);
}

TEST(string_escapes)
{
    CHECK_EQ(parse(MINIMAL "cmdline = \"a\\\"b\\\\c\\td\\x41\\101\\n\"\n"),
             0);
    CHECK_STR(dc.cmdline, "a\"b\\c\tdAA\n");
    domain_config_free(&dc);
    CHECK_EQ(parse(MINIMAL "cmdline = 'it\\'s'\n"), 0);
    CHECK_STR(dc.cmdline, "it's");
    domain_config_free(&dc);
}

TEST(last_line_needs_no_newline_and_crlf_is_accepted)
{
    CHECK_EQ(parse("name = \"d\"\r\nkernel = \"/k\""), 0);
    CHECK_STR(dc.kernel, "/k");
    domain_config_free(&dc);
}

/* Each bad config: the error's line and a word of its message. */
static const struct {
    const char *text;
    unsigned int line;
    const char *message;
} bad_configs[] = {
    { MINIMAL "colour = \"red\"\n", 3, "unknown key `colour'" },
    { MINIMAL "Memory = 5\n", 3, "keys are lower case" },
    { MINIMAL "memory 5\n", 3, "expected `=' or `+='" },
    { MINIMAL "memory = \n", 3, "expected a value" },
    { MINIMAL "memory = 5 6\n", 3, "end of the statement" },
    { MINIMAL "= 5\n", 3, "expected a key" },
    { MINIMAL "name = \"abc\n", 3, "unterminated string" },
    { MINIMAL "name = \"a\\qb\"\n", 3, "invalid character after backslash" },
    { MINIMAL "name = \"a\\x4\"\n", 3, "two hex digits" },
    { MINIMAL "name = \"a\\0b\"\n", 3, "NUL byte" },
    { MINIMAL "name = \"a\\400\"\n", 3, "above \\377" },
    { MINIMAL "memory = -5\n", 3, "unexpected character `-'" },
    { MINIMAL "memory = \"-5\"\n", 3, "out of range" },
    { MINIMAL "memory = \"lots\"\n", 3, "is not a number" },
    { MINIMAL "memory = 5m\n", 3, "end of the statement" },
    { MINIMAL "memory = 0\n", 3, "out of range" },
    { MINIMAL "memory = 99999999999999999999\n", 3, "out of range" },
    { MINIMAL "memory = [ 5 ]\n", 3, "is a list but should be a single" },
    { MINIMAL "memory = 5\nmemory += 6\n", 4, "can't use += with numbers" },
    { MINIMAL "kernel += [\"x\"]\n", 3, "can't add a list to a single" },
    { MINIMAL "disk = \"phy:x\"\n", 3, "is a single value but should be a "
                                       "list" },
    { MINIMAL "disk = [ [\"a\"] ]\n", 3, "item 1 is a list" },
    { MINIMAL "disk = [ \"a\"\n\n  \"b\" ]\n", 5, "`,' or `]'" },
    { MINIMAL "disk = [ \"a\",\n", 4, "expected a value" },
    { MINIMAL "vcpus = 0\n", 3, "out of range" },
    { MINIMAL "vcpus = 129\n", 3, "out of range" },
    { MINIMAL "vcpus = 4\nmaxvcpus = 2\n", 4, "below vcpus" },
    { MINIMAL "memory = 256\nmaxmem = 128\n", 4, "below memory" },
    { MINIMAL "on_crash = \"explode\"\n", 3, "unknown action \"explode\"" },
    { MINIMAL "mcu_advance = 0\n", 3, "out of range" },
    { MINIMAL "mcu_advance = 1048577\n", 3, "out of range" },
    { MINIMAL "warp = 4294967296\n", 3, "out of range" },
    { MINIMAL "unwarp = -1\n", 3, "unexpected character `-'" },
    { MINIMAL "cpu_weight = 256\n", 3, "unknown key `cpu_weight'" },
    { MINIMAL "name = 'x'\n\n\n\n  ?\n", 7, "unexpected character `?'" },
    { "kernel = \"/k\"\n", 0, "`name' is missing" },
    { "name = \"d\"\n", 0, "`kernel' is missing" },
    { "name = \"\"\nkernel = \"/k\"\n", 0, "`name' is missing" },
};

TEST(errors_name_the_line_and_produce_nothing)
{
    unsigned int i;

    for ( i = 0; i < sizeof(bad_configs) / sizeof(bad_configs[0]); i++ )
    {
        int rc = parse(bad_configs[i].text);

        if ( rc != -EINVAL || err.line != bad_configs[i].line ||
             !strstr(err.message, bad_configs[i].message) )
        {
            harness_fail(__FILE__, __LINE__,
                         "case %u: rc %d, line %u, \"%s\"; expected line "
                         "%u, \"%s\"", i, rc, err.line, err.message,
                         bad_configs[i].line, bad_configs[i].message);
            return;
        }
        /* Nothing produced: the caller's struct is as it was. */
        CHECK_EQ(dc.name, (char *)(uintptr_t)0x5a5a5a5a5a5a5a5aULL);
        if ( bad_configs[i].line )
            CHECK_STR(err.source, "t.cfg");
    }
}

TEST(memory_above_the_host_is_refused)
{
    struct domain_config_limits host = { .host_memory_mib = 4096,
                                         .max_vcpus = 8 };

    CHECK_EQ(parse_with(MINIMAL "memory = 4096\n", &host), 0);
    domain_config_free(&dc);
    CHECK_EQ(parse_with(MINIMAL "\nmemory = 4097\n", &host), -EINVAL);
    CHECK_EQ(err.line, 4);
    CHECK(strstr(err.message, "4097 MiB is more than the host's 4096 MiB"));
    CHECK_EQ(parse_with(MINIMAL "vcpus = 9\n", &host), -EINVAL);
    CHECK(strstr(err.message, "more than the host allows (8)"));
    CHECK_EQ(parse_with(MINIMAL "vcpus = 2\nmaxvcpus = 9\n", &host), -EINVAL);
    CHECK_EQ(err.line, 4);
}

TEST(command_line_vars_override_the_file)
{
    struct cfg_file cfg = CFG_FILE_INIT;
    const char *file = MINIMAL "memory = 64\n";
    const char *var = "memory=256";

    CHECK_EQ(cfg_parse(&cfg, "t.cfg", file, strlen(file), &err), 0);
    CHECK_EQ(cfg_parse(&cfg, "<command line>", var, strlen(var), &err), 0);
    CHECK_EQ(domain_config_from_cfg(&dc, &cfg, NULL, &err), 0);
    CHECK_EQ(dc.memory_mib, 256);
    domain_config_free(&dc);

    /* A bad var leaves the settings as they were and names its source. */
    CHECK_EQ(cfg_parse(&cfg, "<command line>", "bad", 3, &err), -EINVAL);
    CHECK_STR(err.source, "<command line>");
    CHECK_EQ(cfg_find(&cfg, "memory")->line, 1);
    cfg_file_free(&cfg);
}

TEST(printed_config_parses_back_to_the_same)
{
    const char *text = MINIMAL "cmdline = \"q\\\"uote\\\\ \\x01\\t\"\n"
                               "memory = 100\nmaxmem = 200\nvcpus = 2\n"
                               "on_reboot = \"soft-reset\"\nwarp = 7\n"
                               "disk = [\"a\", 'b\"c']\n";
    struct domain_config first;
    char *buf = NULL;
    size_t len = 0;
    FILE *f;

    CHECK_EQ(parse(text), 0);
    first = dc;
    f = open_memstream(&buf, &len);
    CHECK(f != NULL);
    CHECK_EQ(domain_config_print(&first, f), 0);
    fclose(f);
    CHECK(strstr(buf, "memory = 100\n") != NULL);
    CHECK(strstr(buf, "on_reboot = \"soft-reset\"\n") != NULL);

    CHECK_EQ(parse(buf), 0);
    CHECK_STR(dc.cmdline, first.cmdline);
    CHECK_EQ(dc.memory_mib, 100);
    CHECK_EQ(dc.maxmem_mib, 200);
    CHECK_EQ(dc.vcpus, 2);
    CHECK_EQ(dc.on_reboot, DOMAIN_ACTION_SOFT_RESET);
    CHECK_EQ(dc.bvt.warp, 7);
    CHECK_EQ(dc.disks.count, 2);
    CHECK_STR(dc.disks.items[1], "b\"c");
    domain_config_free(&dc);
    domain_config_free(&first);
    free(buf);
}

TEST(hostile_nul_bytes_and_deep_lists)
{
    static const char with_nul[] = "name = \"d\"\nkernel = \"/k\0x\"\n";
    char deep[256];
    unsigned int i;

    memset(&err, 0, sizeof(err));
    CHECK_EQ(domain_config_parse(&dc, "t.cfg", with_nul, sizeof(with_nul) - 1,
                                 NULL, &err), -EINVAL);
    CHECK_EQ(err.line, 2);

    strcpy(deep, MINIMAL "disk = ");
    for ( i = 0; i < 40; i++ )
        strcat(deep, "[");
    CHECK_EQ(parse(deep), -EINVAL);
    CHECK(strstr(err.message, "nested more than") != NULL);
}

/* Random bytes from a fixed seed: any result but a crash or a leak. */
TEST(random_bytes_never_crash)
{
    static const char alphabet[] = "ab_=+[],;#\"'\\\n x0123456789\t\r?";
    char text[128];
    unsigned int seed = 12345, round, i;

    for ( round = 0; round < 20000; round++ )
    {
        size_t len = (seed = seed * 1103515245u + 12345u) % sizeof(text);

        for ( i = 0; i < len; i++ )
        {
            seed = seed * 1103515245u + 12345u;
            text[i] = (seed >> 16) & 1 ? alphabet[(seed >> 8) %
                                                  (sizeof(alphabet) - 1)]
                                       : (char)(seed >> 20);
        }
        memset(&err, 0, sizeof(err));
        if ( domain_config_parse(&dc, "t.cfg", text, len, NULL, &err) == 0 )
            domain_config_free(&dc);
    }
    CHECK(1);
}
