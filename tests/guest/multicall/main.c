/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * multicall: HYPERVISOR_multicall(call_list, nr_calls)
 * (xen/include/public/xen.h, struct multicall_entry; Xen's handler is
 * do_multicall() in xen/common/multicall.c, the per-entry dispatch
 * arch_do_multicall_call() in xen/arch/x86/pv/hypercall.c).
 *
 * Each entry runs as if it were a hypercall of its own and its return
 * value is written back to that entry's `result`; the multicall itself
 * returns 0 once every entry ran, whatever the entries returned. Only
 * `result` is defined afterwards (a debug Xen poisons the rest).
 *
 * Xen 4.17's answers to the hostile cases:
 * - an entry whose op is itself multicall gets result -EINVAL ("Multicall
 *   reentry is disallowed") and its inner entries do not run; the outer
 *   multicall goes on and returns 0;
 * - unknown hypercall numbers in an entry get -ENOSYS, as they do when
 *   called directly (63 through the hypercall page, 0x1000 by a bare
 *   syscall);
 * - a list pointer that is unmapped, in Xen's range, non-canonical or in
 *   a page with a cleared PTE makes the multicall return -EFAULT;
 * - a list that runs into an unmapped page runs the entries before it,
 *   with their results written, then returns -EFAULT;
 * - nr_calls 0 reads nothing, but 4.17 still checks the list's start
 *   address: -EFAULT if it is in Xen's range or non-canonical, 0 if it is
 *   merely unmapped.
 */
#include <guest/arch/page.h>
#include <guest/console.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/string.h>
#include <guest/test.h>

const char test_name[] = "multicall";
const char test_title[] = "multicall batches, nesting and hostile lists";

#define POISON 0xdeadbeefUL

/* Two pages; the second is unmapped by check_straddling_list(). */
static char list_pages[2][PAGE_SIZE]
    __attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));

static multicall_entry_t calls[8];
static multicall_entry_t inner[2];

static void set_entry(multicall_entry_t *e, unsigned long op, unsigned long a0,
                      unsigned long a1, unsigned long a2)
{
    memset(e, 0, sizeof(*e));
    e->op = op;
    e->result = POISON;
    e->args[0] = a0;
    e->args[1] = a1;
    e->args[2] = a2;
}

static void check_batch(void)
{
    static const char msg[] = "multicall: written by an entry\n";
    long version = hypercall_xen_version(XENVER_version, NULL);

    set_entry(&calls[0], __HYPERVISOR_xen_version, XENVER_version, 0, 0);
    set_entry(&calls[1], __HYPERVISOR_xen_version, XENVER_pagesize, 0, 0);
    set_entry(&calls[2], __HYPERVISOR_console_io, CONSOLEIO_write,
              sizeof(msg) - 1, (unsigned long)msg);
    set_entry(&calls[3], __HYPERVISOR_xen_version, XENVER_extraversion,
              TEST_ADDR_UNMAPPED, 0);
    set_entry(&calls[4], 63, 0, 0, 0);
    set_entry(&calls[5], 0x1000, 0, 0, 0);
    test_expect_rc("batch/rc", hypercall_multicall(calls, 6), 0);
    test_expect_eq("batch/xen_version", (long)calls[0].result, version);
    test_expect_rc("batch/pagesize", (long)calls[1].result, 4096);
    test_expect_rc("batch/console_io", (long)calls[2].result, 0);
    test_expect_rc("batch/efault_entry", (long)calls[3].result, -EFAULT);
    test_expect_rc("batch/unknown_op", (long)calls[4].result, -ENOSYS);
    test_expect_rc("batch/op_out_of_range", (long)calls[5].result, -ENOSYS);
}

/* The same unknown numbers as plain hypercalls: the same answer. */
static void check_unknown_direct(void)
{
    test_expect_rc("direct/unknown_op", hypercall_by_number(63, 0, 0, 0, 0, 0),
                   -ENOSYS);
    test_expect_rc("direct/op_out_of_range",
                   hypercall_by_number(0x1000, 0, 0, 0, 0, 0), -ENOSYS);
}

static void check_nested(void)
{
    set_entry(&inner[0], __HYPERVISOR_xen_version, XENVER_version, 0, 0);
    set_entry(&calls[0], __HYPERVISOR_xen_version, XENVER_pagesize, 0, 0);
    set_entry(&calls[1], __HYPERVISOR_multicall, (unsigned long)inner, 1, 0);
    set_entry(&calls[2], __HYPERVISOR_xen_version, XENVER_pagesize, 0, 0);
    test_expect_rc("nested/rc", hypercall_multicall(calls, 3), 0);
    test_expect_rc("nested/before", (long)calls[0].result, 4096);
    test_expect_rc("nested/refused", (long)calls[1].result, -EINVAL);
    test_check(inner[0].result == POISON, "nested/inner_not_run",
               "inner result %#lx", (unsigned long)inner[0].result);
    test_expect_rc("nested/after", (long)calls[2].result, 4096);
}

static void check_bad_lists(void)
{
    const struct test_bad_pointer *bad;
    unsigned int i, n;
    char check[48];
    long want;

    bad = test_bad_pointers(&n);
    for ( i = 0; i < n; i++ )
    {
        guest_snprintf(check, sizeof(check), "list/%s", bad[i].name);
        test_expect_rc(check, hypercall_multicall(bad[i].ptr, 1), -EFAULT);
        guest_snprintf(check, sizeof(check), "list/%s/huge", bad[i].name);
        test_expect_rc(check, hypercall_multicall(bad[i].ptr, 0xffffffffu),
                       -EFAULT);
        /*
         * Xen 4.17 checks the start of the list against its own range
         * before the loop, even for no entries, but reads nothing.
         */
        guest_snprintf(check, sizeof(check), "list/%s/zero", bad[i].name);
        want = (bad[i].ptr == (void *)TEST_ADDR_XEN ||
                bad[i].ptr == (void *)TEST_ADDR_NONCANONICAL) ? -EFAULT : 0;
        test_expect_rc(check, hypercall_multicall(bad[i].ptr, 0), want);
    }
    test_expect_rc("list/empty", hypercall_multicall(calls, 0), 0);
}

/* Entry 0 in the last 64 bytes of a mapped page, entry 1 in a hole. */
static void check_straddling_list(void)
{
    multicall_entry_t *list = (multicall_entry_t *)list_pages[1] - 1;
    long version = hypercall_xen_version(XENVER_version, NULL);
    int rc = guest_mm_unmap(list_pages[1]);

    if ( rc )
    {
        test_error("unmapping a list page: %d", rc);
        return;
    }
    set_entry(&list[0], __HYPERVISOR_xen_version, XENVER_version, 0, 0);
    test_expect_rc("straddle/rc", hypercall_multicall(list, 2), -EFAULT);
    test_expect_eq("straddle/first_entry_ran", (long)list[0].result, version);
}

void test_main(void)
{
    check_batch();
    check_unknown_direct();
    check_nested();
    check_bad_lists();
    check_straddling_list();
    test_check(hypercall_xen_version(XENVER_version, NULL) > 0, "alive",
               "xen_version failed after the hostile calls");
}
