/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The in-guest test API (the model is XTF's common/report.c).
 *
 * A test kernel is one directory tests/guest/<name>/ whose main.c defines
 * test_name (the directory name), test_title (one line) and test_main().
 * The library runs test_main() after setup, then prints the verdict and
 * powers off.
 *
 * Output, one line each, which tests/runner/run-guest-tests parses:
 *   TEST <name>: <title>
 *   PASS <name>/<check>
 *   FAIL <name>/<check>: <why>
 *   NOTE <name>: <text>          (a value worth recording; no verdict)
 *   SKIP <name>: <why>           (the test does not apply here)
 *   ERROR <name>: <why>          (the test or its environment is broken)
 *   VERDICT <name>: SUCCESS|SKIP|ERROR|FAILURE (<n> passed, <n> failed)
 * Verdicts rank success < skip < error < failure; the most severe wins. A
 * FAIL line makes it FAILURE; a test that ran no check at all and did not
 * skip ends in ERROR: every test must assert something positive.
 */
#ifndef GUEST_TEST_H
#define GUEST_TEST_H

#include <guest/xen.h>

/* Defined by each test's main.c. */
extern const char test_name[];
extern const char test_title[];
void test_main(void);

/* Run test_main(), print the verdict, power off. Called by guest_start(). */
void test_run(void) GUEST_NORETURN;

/*
 * Report check `check` (no spaces; '/' groups): PASS if ok, else FAIL with
 * the reason formatted from fmt. Returns ok.
 */
bool test_check(bool ok, const char *check, const char *fmt, ...)
    GUEST_PRINTF(3, 4);

/* PASS if got == want, else FAIL "got X, want Y" (decimal and hex). */
bool test_expect_eq(const char *check, long got, long want);

/* As test_expect_eq, for hypercall results: errno names in the reason. */
bool test_expect_rc(const char *check, long got, long want);

/* As test_expect_eq, for probe results: "#GP[0000]" in the reason. */
bool test_expect_probe(const char *check, uint32_t got, uint32_t want);

void test_note(const char *fmt, ...) GUEST_PRINTF(1, 2);
void test_skip(const char *fmt, ...) GUEST_PRINTF(1, 2);
void test_error(const char *fmt, ...) GUEST_PRINTF(1, 2);

/* "-EFAULT (-14)" for -14, "4096" for other values, into buf; returns buf. */
char *test_rc_format(long rc, char *buf, size_t size);

/*
 * Hostile guest addresses for the "bad pointer" half of hypercall tests.
 * Each must make a hypercall that reads or writes through it fail with
 * -EFAULT and leave the hypervisor running.
 */
#define TEST_ADDR_UNMAPPED      0x0000000000001000UL  /* No L4 entry. */
#define TEST_ADDR_XEN           0xffff830000000000UL  /* Xen's direct map. */
#define TEST_ADDR_NONCANONICAL  0x8000000000000000UL

struct test_bad_pointer
{
    const char *name;
    void *ptr;
};

/*
 * The hostile addresses above plus "hole", a page inside the kernel's own
 * mapped range whose PTE has been cleared. Sets *count.
 */
const struct test_bad_pointer *test_bad_pointers(unsigned int *count);

/* A page of ours, mapped not present (made on first call). */
void *test_unmapped_page(void);
/* A page of ours, mapped read-only (made on first call). */
void *test_readonly_page(void);

#endif /* GUEST_TEST_H */
