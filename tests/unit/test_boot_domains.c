/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Boot-time domain module lines (hv/common/boot_domain_config.c,
 * xenolith/boot_domains.h): what asks for a domain, the options, the
 * guest's command line after "--", and the refusals.
 */
#include <string.h>

#include "harness.h"

#include <xenolith/boot_domains.h>
#include <xenolith/errno.h>

static struct boot_domain_config cfg;
static const char *why;

static int parse(const char *line)
{
    why = NULL;
    memset(&cfg, 0xa5, sizeof(cfg));
    return boot_domain_parse(line, &cfg, &why);
}

TEST(requested_only_by_the_word_domU)
{
    CHECK(boot_domain_requested("domU"));
    CHECK(boot_domain_requested("  domU mem=4M"));
    CHECK(boot_domain_requested("domU\t-- x"));
    CHECK(!boot_domain_requested(""));
    CHECK(!boot_domain_requested("domUx"));
    CHECK(!boot_domain_requested("domu"));
    CHECK(!boot_domain_requested("console=hvc0 domU"));
    CHECK(!boot_domain_requested("initrd-arg=42"));
}

TEST(defaults)
{
    CHECK_EQ(parse("domU"), 0);
    CHECK_EQ(cfg.mem_bytes, BOOT_DOMAIN_DEFAULT_MEM);
    CHECK_EQ(cfg.count, 1);
    CHECK_STR(cfg.guest_cmdline, "");
}

TEST(options_and_guest_line)
{
    CHECK_EQ(parse("domU mem=4M count=3 -- role=tick  x=1"), 0);
    CHECK_EQ(cfg.mem_bytes, 4UL << 20);
    CHECK_EQ(cfg.count, 3);
    CHECK_STR(cfg.guest_cmdline, "role=tick  x=1");
    CHECK_EQ(parse("domU   --   "), 0);
    CHECK_STR(cfg.guest_cmdline, "");
    /* After "--" everything is the guest's, options included. */
    CHECK_EQ(parse("domU -- mem=1 count=0 bogus"), 0);
    CHECK_EQ(cfg.mem_bytes, BOOT_DOMAIN_DEFAULT_MEM);
    CHECK_STR(cfg.guest_cmdline, "mem=1 count=0 bogus");
}

TEST(refusals_say_why)
{
    CHECK_EQ(parse("domU mem="), -EINVAL);
    CHECK(why && strstr(why, "mem="));
    CHECK_EQ(parse("domU mem=12Q"), -EINVAL);
    CHECK_EQ(parse("domU mem=512K"), -EINVAL);
    CHECK(why && strstr(why, "1 MiB"));
    CHECK_EQ(parse("domU mem=99999999999999999999G"), -EINVAL);
    CHECK_EQ(parse("domU count=0"), -EINVAL);
    CHECK(why && strstr(why, "count="));
    CHECK_EQ(parse("domU count=4097"), -EINVAL);
    CHECK_EQ(parse("domU count=-1"), -EINVAL);
    CHECK_EQ(parse("domU count=2x"), -EINVAL);
    CHECK_EQ(parse("domU count="), -EINVAL);
    CHECK_EQ(parse("domU weight=3"), -EINVAL);
    CHECK(why && strstr(why, "unknown option"));
    CHECK_EQ(parse("not-a-domain"), -EINVAL);
    CHECK_EQ(parse("domU count=4096"), 0);
    CHECK_EQ(cfg.count, 4096);
}

TEST(long_words_are_refused_not_cut)
{
    char line[256] = "domU mem=";

    memset(line + strlen(line), '1', 120);
    CHECK_EQ(parse(line), -EINVAL);
    CHECK(why && strstr(why, "too long"));
}
