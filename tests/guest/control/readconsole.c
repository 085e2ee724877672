/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * control, sysctl readconsole: the hypervisor's console ring, as `xl
 * dmesg` reads it (Xen 4.17's read_console_ring(), xen/drivers/char/
 * console.c). The text differs between the hypervisors, so this checks
 * the mechanics, with no output of ours between the calls compared (on
 * Xenolith dom0's lines go into the ring; Xen keeps them out):
 * - a read from the start: 0, count the bytes copied (some, fewer than
 *   the buffer), index where it stopped; the text is Xen's ("(XEN) "
 *   prefixes) or Xenolith's ("Xenolith" in its banner);
 * - incremental from that index: nothing new; from an index outside the
 *   unread window (stale or hostile): as from the start;
 * - reads of 100 bytes, each from the index the last returned, give the
 *   same bytes as the one read; count 0: 0 bytes, the start index;
 * - a huge count into a big enough buffer: what there is;
 * - a buffer that cannot take the bytes (unmapped, Xen's, non-canonical,
 *   read-only, one running into an unmapped page): -EFAULT, and nothing
 *   is consumed;
 * - clear: the next read from the start gets nothing of what was read.
 */
#include <guest/differs.h>
#include <guest/console.h>
#include <guest/string.h>
#include <guest/test.h>
#include "control.h"

#define RING_BUFFER (64 * 1024)

static char whole[RING_BUFFER], pieces[RING_BUFFER];

struct read_result {
    long rc;
    uint32_t count, index;
};

static struct read_result readconsole(void *buffer, uint32_t count,
                                      bool incremental, uint32_t index,
                                      bool clear)
{
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_readconsole };
    struct read_result r;

    op.u.readconsole.clear = clear;
    op.u.readconsole.incremental = incremental;
    op.u.readconsole.index = index;
    op.u.readconsole.count = count;
    set_xen_guest_handle(op.u.readconsole.buffer, buffer);
    r.rc = control_sysctl(&op);
    r.count = op.u.readconsole.count;
    r.index = op.u.readconsole.index;
    return r;
}

static bool contains(const char *text, uint32_t len, const char *needle)
{
    size_t n = strlen(needle);
    uint32_t i;

    for ( i = 0; i + n <= len; i++ )
        if ( !memcmp(text + i, needle, n) )
            return true;
    return false;
}

static void check_reads(void)
{
    struct read_result all, again, hostile, zero, piece;
    uint32_t total = 0, start;

    all = readconsole(whole, sizeof(whole), false, 0, false);
    again = readconsole(pieces, sizeof(pieces), true, all.index, false);
    hostile = readconsole(pieces, sizeof(pieces), true, all.index + 12345,
                          false);
    start = all.index - all.count;
    zero = readconsole(pieces, 0, false, 0, false);
    piece.index = start;
    do
    {
        piece = readconsole(pieces + total, 100, total != 0, piece.index,
                            false);
        total += piece.count;
    } while ( !piece.rc && piece.count == 100 && total < sizeof(pieces) );

    test_expect_rc("readconsole", all.rc, 0);
    test_check(all.count > 0 && all.count < sizeof(whole),
               "readconsole/count", "%u bytes", all.count);
    test_note("console ring: %u bytes, index %#x", all.count, all.index);
    test_check(test_on_xenolith() ? contains(whole, all.count, "Xenolith")
                                  : contains(whole, all.count, "(XEN) "),
               "readconsole/text", "no banner in %u bytes", all.count);
    test_expect_rc("readconsole/again", again.rc, 0);
    test_expect_eq("readconsole/again_nothing", again.count, 0);
    test_expect_eq("readconsole/again_index", again.index, all.index);
    test_expect_rc("readconsole/hostile_index", hostile.rc, 0);
    test_expect_eq("readconsole/hostile_index_all", hostile.count, all.count);
    test_expect_rc("readconsole/count_0", zero.rc, 0);
    test_expect_eq("readconsole/count_0_nothing", zero.count, 0);
    test_expect_eq("readconsole/count_0_index", zero.index, start);
    test_expect_rc("readconsole/pieces", piece.rc, 0);
    test_expect_eq("readconsole/pieces_total", total, all.count);
    test_check(!memcmp(whole, pieces, all.count), "readconsole/pieces_same",
               "the pieces differ from the whole");
}

static void check_refusals(void)
{
    char *straddle = control_straddle(8);
    const struct test_bad_pointer *bad;
    struct read_result huge, fault, after;
    unsigned int count, i;
    char check[48];

    huge = readconsole(whole, ~0u, false, 0, false);
    test_expect_rc("readconsole/huge_count", huge.rc, 0);
    test_check(huge.count > 0 && huge.count < sizeof(whole),
               "readconsole/huge_count_bounded", "%u bytes", huge.count);
    bad = test_bad_pointers(&count);
    for ( i = 0; i < count; i++ )
    {
        guest_snprintf(check, sizeof(check), "readconsole/%s", bad[i].name);
        test_expect_rc(check, readconsole(bad[i].ptr, 16, false, 0,
                                          false).rc, -EFAULT);
    }
    test_expect_rc("readconsole/readonly", readconsole(
                       test_readonly_page(), 16, false, 0, true).rc, -EFAULT);
    fault = readconsole(straddle, 64, false, 0, true);
    after = readconsole(whole, sizeof(whole), false, 0, false);
    test_expect_rc("readconsole/straddle", fault.rc, -EFAULT);
    test_check(after.count >= huge.count, "readconsole/fault_clears_nothing",
               "%u bytes, had %u", after.count, huge.count);
}

static void check_clear(void)
{
    struct read_result cleared, after, inc;

    cleared = readconsole(whole, sizeof(whole), false, 0, true);
    after = readconsole(pieces, sizeof(pieces), false, 0, false);
    inc = readconsole(pieces, sizeof(pieces), true, cleared.index - 1,
                      false);
    test_expect_rc("readconsole/clear", cleared.rc, 0);
    test_check(cleared.count > 0, "readconsole/clear_read", "%u bytes",
               cleared.count);
    test_expect_rc("readconsole/cleared", after.rc, 0);
    test_expect_eq("readconsole/cleared_nothing", after.count, 0);
    test_expect_eq("readconsole/cleared_index", after.index, cleared.index);
    /* What was cleared is outside the window: read from the start. */
    test_expect_eq("readconsole/cleared_old_index", inc.count, 0);
}

void check_readconsole(void)
{
    check_reads();
    check_refusals();
    check_clear();
}
