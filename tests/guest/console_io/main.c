/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * console_io: HYPERVISOR_console_io(cmd, count, buffer)
 * (xen/include/public/xen.h; Xen's handler is do_console_io() in
 * xen/drivers/char/console.c).
 *
 * CONSOLEIO_write returns 0 once the whole buffer is written (the ABI says
 * so); Xen copies it in chunks of 127 bytes, so a buffer that becomes
 * unmapped part way has its first chunks printed before -EFAULT. A write
 * of 0 bytes touches nothing and returns 0, whatever the pointer (Xen
 * 4.17). CONSOLEIO_read (hardware domain only) returns the number of
 * characters read, 0 with no input pending; a count of 2 GiB or more is
 * -E2BIG ("the maximum buffer size supported is 2GB"). Unknown commands
 * are -ENOSYS.
 *
 * Hostile: writes of 16 bytes from each bad pointer of test_bad_pointers()
 * and from a buffer that runs into an unmapped page return -EFAULT; a
 * huge count from an unmapped address too. Xen keeps running after all of
 * them, which the final write shows.
 */
#include <guest/console.h>
#include <guest/hypercall.h>
#include <guest/test.h>

const char test_name[] = "console_io";
const char test_title[] = "console_io write and read, hostile buffers";

static char read_buffer[64];

static void check_write(void)
{
    static const char line[] = "console_io: a line through CONSOLEIO_write\n";
    static const char part1[] = "console_io: a line in ";
    static const char part2[] = "two writes\n";
    long rc1, rc2;

    test_expect_rc("write", hypercall_console_io(CONSOLEIO_write,
                                                 sizeof(line) - 1, line),
                   0);
    /* Both halves first: a PASS line between them would split the line. */
    rc1 = hypercall_console_io(CONSOLEIO_write, sizeof(part1) - 1, part1);
    rc2 = hypercall_console_io(CONSOLEIO_write, sizeof(part2) - 1, part2);
    test_expect_rc("write/partial_line", rc1, 0);
    test_expect_rc("write/rest_of_line", rc2, 0);
    test_expect_rc("write/zero", hypercall_console_io(CONSOLEIO_write, 0, line),
                   0);
}

static void check_write_hostile(void)
{
    const struct test_bad_pointer *bad;
    unsigned int i, n;
    char check[48];
    char *hole = test_unmapped_page();

    bad = test_bad_pointers(&n);
    for ( i = 0; i < n; i++ )
    {
        guest_snprintf(check, sizeof(check), "write/%s", bad[i].name);
        test_expect_rc(check,
                       hypercall_console_io(CONSOLEIO_write, 16, bad[i].ptr),
                       -EFAULT);
        guest_snprintf(check, sizeof(check), "write/zero/%s", bad[i].name);
        test_expect_rc(check,
                       hypercall_console_io(CONSOLEIO_write, 0, bad[i].ptr), 0);
    }
    /* 8 readable bytes, then the hole: the first (only) chunk fails. */
    test_expect_rc("write/straddle",
                   hypercall_console_io(CONSOLEIO_write, 16, hole - 8),
                   -EFAULT);
    test_expect_rc("write/huge/unmapped",
                   hypercall_console_io(CONSOLEIO_write, 0xffffffffu,
                                        (void *)TEST_ADDR_UNMAPPED),
                   -EFAULT);
}

static void check_read(void)
{
    long rc = hypercall_console_io(CONSOLEIO_read, sizeof(read_buffer),
                                   read_buffer);

    test_check(rc >= 0 && rc <= (long)sizeof(read_buffer), "read",
               "rc %ld", rc);
    test_expect_rc("read/zero",
                   hypercall_console_io(CONSOLEIO_read, 0, read_buffer), 0);
    test_expect_rc("read/2GiB",
                   hypercall_console_io(CONSOLEIO_read, 0x80000000u,
                                        read_buffer),
                   -E2BIG);
}

static void check_unknown(void)
{
    test_expect_rc("unknown_cmd",
                   hypercall_console_io(2, 1, read_buffer), -ENOSYS);
    test_expect_rc("unknown_cmd/large",
                   hypercall_console_io(0x7fffffff, 1, read_buffer), -ENOSYS);
}

void test_main(void)
{
    static const char after[] = "console_io: still alive\n";

    check_write();
    check_write_hostile();
    check_read();
    check_unknown();
    test_expect_rc("write/after_hostile",
                   hypercall_console_io(CONSOLEIO_write, sizeof(after) - 1,
                                        after),
                   0);
}
