/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The command-line parser: pure logic over a table of option descriptors
 * (see xenolith/param.h for the syntax, which is Xen's). The command line
 * comes from the boot loader and may hold anything: every path here is
 * bounded, and problems are reported, never fatal.
 */
#include <xenolith/errno.h>
#include <xenolith/lib.h>
#include <xenolith/param.h>
#include <xenolith/string.h>

#define OPTION_MAX 256           /* Longest "name=value" token we keep. */

static bool name_char_equal(char a, char b)
{
    if ( a == '_' )
        a = '-';
    if ( b == '_' )
        b = '-';
    return a == b;
}

/* Does name (NUL-terminated) equal the first len characters of s? */
static bool name_matches(const char *name, const char *s, size_t len)
{
    size_t i;

    for ( i = 0; i < len; i++ )
        if ( !name[i] || !name_char_equal(name[i], s[i]) )
            return false;
    return name[len] == '\0';
}

int parse_bool(const char *s, bool *out)
{
    static const char *const yes[] = { "1", "yes", "on", "true", "enable" };
    static const char *const no[] = { "0", "no", "off", "false", "disable" };
    size_t i;

    for ( i = 0; i < ARRAY_SIZE(yes); i++ )
    {
        if ( !strcmp(s, yes[i]) )
            return *out = true, 0;
        if ( !strcmp(s, no[i]) )
            return *out = false, 0;
    }
    return -EINVAL;
}

int parse_size(const char *s, uint64_t *bytes)
{
    const char *end;
    uint64_t v = simple_strtoull(s, &end, 0);
    unsigned int shift = 0;

    if ( end == s )
        return -EINVAL;
    switch ( *end )
    {
    case 'T': case 't': shift = 40; end++; break;
    case 'G': case 'g': shift = 30; end++; break;
    case 'M': case 'm': shift = 20; end++; break;
    case 'K': case 'k': shift = 10; end++; break;
    case 'B': case 'b': end++; break;
    default: break;
    }
    if ( *end != '\0' || v == UINT64_MAX || (shift && v >> (64 - shift)) )
        return -EINVAL;
    *bytes = v << shift;
    return 0;
}

static int parse_uint(const char *s, unsigned int *out)
{
    const char *end;
    uint64_t v;

    if ( !s || !*s )
        return -EINVAL;
    v = simple_strtoull(s, &end, 0);
    if ( *end != '\0' || v > UINT32_MAX )
        return -EINVAL;
    *out = (unsigned int)v;
    return 0;
}

static void report_fmt(cmdline_report_fn report, const char *fmt, ...)
    __printf(2, 3);

static void report_fmt(cmdline_report_fn report, const char *fmt, ...)
{
    char msg[OPTION_MAX + 96];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    report(msg);
}

/* Applies one option; value is NULL when the token had no '='. */
static int apply_option(const struct param_def *p, const char *value,
                        bool negated, cmdline_report_fn report)
{
    switch ( p->kind )
    {
    case PARAM_BOOL:
    {
        bool b = true;

        if ( value && parse_bool(value, &b) )
            return -EINVAL;
        *(bool *)p->var = negated ? !b : b;
        return 0;
    }
    case PARAM_UINT:
        return parse_uint(value, (unsigned int *)p->var);
    case PARAM_SIZE:
        if ( !value )
            return -EINVAL;
        return parse_size(value, (uint64_t *)p->var);
    case PARAM_STRING:
        if ( !value )
            value = "";
        if ( strlcpy(p->var, value, p->size) >= p->size )
            report_fmt(report, "option '%s': value truncated to %zu characters",
                       p->name, p->size - 1);
        return 0;
    case PARAM_CUSTOM:
        return p->parse(value);
    }
    return -EINVAL;
}

/* Handles one token "name", "no-name" or "name=value". */
static bool parse_token(char *token, const struct param_def *table, size_t n,
                        cmdline_report_fn report)
{
    char *eq = strchr(token, '=');
    const char *value = eq ? eq + 1 : NULL;
    size_t name_len = eq ? (size_t)(eq - token) : strlen(token);
    bool negated = false;
    size_t i;

    for ( i = 0; i < n; i++ )
    {
        if ( name_matches(table[i].name, token, name_len) )
            break;
        if ( table[i].kind == PARAM_BOOL && !eq && name_len > 3 &&
             !strncmp(token, "no-", 3) &&
             name_matches(table[i].name, token + 3, name_len - 3) )
        {
            negated = true;
            break;
        }
    }
    if ( i == n )
    {
        report_fmt(report, "unknown option '%s' ignored", token);
        return false;
    }
    if ( apply_option(&table[i], value, negated, report) )
    {
        report_fmt(report, "option '%s': bad value '%s' ignored",
                   table[i].name, value ? value : "");
        return false;
    }
    return true;
}

unsigned int cmdline_parse(const char *cmdline, const struct param_def *table,
                           size_t n, cmdline_report_fn report)
{
    char token[OPTION_MAX];
    unsigned int problems = 0;
    const char *p = cmdline;

    while ( *p )
    {
        size_t len = 0;
        bool quoted = false, overlong = false;

        while ( *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' )
            p++;
        if ( !*p )
            break;
        for ( ; *p && (quoted || (*p != ' ' && *p != '\t' && *p != '\n' &&
                                  *p != '\r')); p++ )
        {
            if ( *p == '"' )
            {
                quoted = !quoted;
                continue;
            }
            if ( len + 1 < sizeof(token) )
                token[len++] = *p;
            else
                overlong = true;
        }
        token[len] = '\0';
        if ( quoted )
        {
            report_fmt(report, "unterminated quote in option '%s' ignored",
                       token);
            problems++;
            continue;
        }
        if ( overlong )
        {
            report_fmt(report, "option '%.32s...' longer than %zu characters "
                       "ignored", token, sizeof(token) - 1);
            problems++;
            continue;
        }
        if ( !parse_token(token, table, n, report) )
            problems++;
    }
    return problems;
}

const char *cmdline_skip_image_name(const char *cmdline, const char *loader)
{
    const char *p = cmdline;

    while ( *p == ' ' )
        p++;
    if ( loader && !strncmp(loader, "GRUB 2", 6) )
        return p;
    while ( *p && *p != ' ' )
        p++;
    while ( *p == ' ' )
        p++;
    return p;
}
