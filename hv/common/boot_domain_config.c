/* SPDX-License-Identifier: GPL-2.0-only */
/* Parsing a boot-time domain's module line (xenolith/boot_domains.h). */
#include <xenolith/boot_domains.h>
#include <xenolith/errno.h>
#include <xenolith/lib.h>
#include <xenolith/param.h>
#include <xenolith/string.h>

#define BOOT_DOMAIN_WORD "domU"
#define OPTION_MAX 64

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

static const char *skip_spaces(const char *s)
{
    while ( is_space(*s) )
        s++;
    return s;
}

/* The word at s (up to a space or the end), copied into out; s after it. */
static const char *next_word(const char *s, char *out, size_t size,
                             bool *truncated)
{
    size_t n = 0;

    *truncated = false;
    while ( *s && !is_space(*s) )
    {
        if ( n + 1 < size )
            out[n++] = *s;
        else
            *truncated = true;
        s++;
    }
    out[n] = '\0';
    return s;
}

bool boot_domain_requested(const char *cmdline)
{
    size_t n = strlen(BOOT_DOMAIN_WORD);

    cmdline = skip_spaces(cmdline);
    return !strncmp(cmdline, BOOT_DOMAIN_WORD, n) &&
           (cmdline[n] == '\0' || is_space(cmdline[n]));
}

static int parse_option(const char *word, struct boot_domain_config *cfg,
                        const char **why)
{
    if ( !strncmp(word, "mem=", 4) )
    {
        if ( parse_size(word + 4, &cfg->mem_bytes) )
            return *why = "mem= wants a size such as 16M", -EINVAL;
        if ( cfg->mem_bytes < BOOT_DOMAIN_MIN_MEM )
            return *why = "mem= is below the 1 MiB a domain needs", -EINVAL;
        return 0;
    }
    if ( !strncmp(word, "count=", 6) )
    {
        const char *end;
        uint64_t n = simple_strtoull(word + 6, &end, 10);

        if ( end == word + 6 || *end || n < 1 || n > BOOT_DOMAIN_MAX_COUNT )
            return *why = "count= wants a number from 1 to 4096", -EINVAL;
        cfg->count = (unsigned int)n;
        return 0;
    }
    *why = "unknown option (known: mem=SIZE, count=N, then -- and the "
           "guest's command line)";
    return -EINVAL;
}

int boot_domain_parse(const char *cmdline, struct boot_domain_config *cfg,
                      const char **why)
{
    char word[OPTION_MAX];
    bool truncated;
    const char *s;

    cfg->mem_bytes = BOOT_DOMAIN_DEFAULT_MEM;
    cfg->count = 1;
    cfg->guest_cmdline = "";
    if ( !boot_domain_requested(cmdline) )
        return *why = "the line does not start with domU", -EINVAL;
    s = skip_spaces(cmdline) + strlen(BOOT_DOMAIN_WORD);
    for ( ;; )
    {
        s = skip_spaces(s);
        if ( !*s )
            return 0;
        s = next_word(s, word, sizeof(word), &truncated);
        if ( truncated )
            return *why = "an option is too long", -EINVAL;
        if ( !strcmp(word, "--") )
        {
            cfg->guest_cmdline = skip_spaces(s);
            return 0;
        }
        if ( parse_option(word, cfg, why) )
            return -EINVAL;
    }
}
