/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Check lines and the verdict of a guest test (guest/include/guest/test.h).
 * One vCPU, no events: plain globals are enough.
 */
#include <guest/console.h>
#include <guest/probe.h>
#include <guest/setup.h>
#include <guest/test.h>
#include <guest/traps.h>

enum test_verdict
{
    VERDICT_SUCCESS,
    VERDICT_SKIP,
    VERDICT_ERROR,
    VERDICT_FAILURE,
};

static const char *const verdict_names[] = {
    [VERDICT_SUCCESS] = "SUCCESS",
    [VERDICT_SKIP] = "SKIP",
    [VERDICT_ERROR] = "ERROR",
    [VERDICT_FAILURE] = "FAILURE",
};

static const struct
{
    int value;
    const char *name;
} errno_names[] = {
#define XEN_ERRNO(name, value) { value, #name },
#include <xen/errno.h>
};

static enum test_verdict verdict = VERDICT_SUCCESS;
static unsigned int passed, failed;

static void raise_verdict(enum test_verdict v)
{
    if ( v > verdict )
        verdict = v;
}

static void report_line(const char *kind, const char *fmt, va_list args)
{
    char buf[400];

    guest_vsnprintf(buf, sizeof(buf), fmt, args);
    guest_printf("%s %s: %s\n", kind, test_name, buf);
}

bool test_check(bool ok, const char *check, const char *fmt, ...)
{
    char why[300];
    va_list args;

    if ( ok )
    {
        passed++;
        guest_printf("PASS %s/%s\n", test_name, check);
        return true;
    }
    va_start(args, fmt);
    guest_vsnprintf(why, sizeof(why), fmt, args);
    va_end(args);
    failed++;
    raise_verdict(VERDICT_FAILURE);
    guest_printf("FAIL %s/%s: %s\n", test_name, check, why);
    return false;
}

bool test_expect_eq(const char *check, long got, long want)
{
    return test_check(got == want, check, "got %ld (%#lx), want %ld (%#lx)",
                      got, got, want, want);
}

char *test_rc_format(long rc, char *buf, size_t size)
{
    unsigned int i;

    for ( i = 0; rc < 0 && i < ARRAY_SIZE(errno_names); i++ )
        if ( errno_names[i].value == -rc )
        {
            guest_snprintf(buf, size, "-%s (%ld)", errno_names[i].name, rc);
            return buf;
        }
    guest_snprintf(buf, size, "%ld", rc);
    return buf;
}

bool test_expect_rc(const char *check, long got, long want)
{
    char g[32], w[32];

    return test_check(got == want, check, "got %s, want %s",
                      test_rc_format(got, g, sizeof(g)),
                      test_rc_format(want, w, sizeof(w)));
}

char *test_probe_format(uint32_t probe, char *buf, size_t size)
{
    if ( probe == PROBE_NONE )
        guest_snprintf(buf, size, "none");
    else
        guest_snprintf(buf, size, "#%s[%04x]",
                       guest_vector_name(PROBE_VECTOR(probe)),
                       PROBE_ERROR_CODE(probe));
    return buf;
}

bool test_expect_probe(const char *check, uint32_t got, uint32_t want)
{
    char g[24], w[24];

    return test_check(got == want, check, "got %s, want %s",
                      test_probe_format(got, g, sizeof(g)),
                      test_probe_format(want, w, sizeof(w)));
}

void test_note(const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    report_line("NOTE", fmt, args);
    va_end(args);
}

void test_skip(const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    report_line("SKIP", fmt, args);
    va_end(args);
    raise_verdict(VERDICT_SKIP);
}

void test_error(const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    report_line("ERROR", fmt, args);
    va_end(args);
    raise_verdict(VERDICT_ERROR);
}

void test_run(void)
{
    guest_printf("TEST %s: %s\n", test_name, test_title);
    test_main();
    if ( verdict == VERDICT_SUCCESS && passed == 0 )
        test_error("no check ran");
    guest_printf("VERDICT %s: %s (%u passed, %u failed)\n", test_name,
                 verdict_names[verdict], passed, failed);
    if ( guest_cmdline_has("linger") )
        guest_linger();
    /*
     * dom0 powers off (ending the machine); another domain tells whoever
     * watches it (tests/guest/domains) how it went by its shutdown reason.
     */
    guest_shutdown((guest_start_info->flags & SIF_INITDOMAIN) ||
                   verdict <= VERDICT_SKIP ? SHUTDOWN_poweroff
                                           : SHUTDOWN_crash);
}
