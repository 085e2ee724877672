/* SPDX-License-Identifier: GPL-2.0-only */
/* Documented differences between Xen 4.17 and Xenolith (guest/differs.h). */
#include <guest/differs.h>
#include <guest/hypercall.h>
#include <guest/string.h>
#include <guest/test.h>

bool test_on_xenolith(void)
{
    static int known = -1;
    xen_extraversion_t extra;

    if ( known < 0 )
    {
        memset(extra, 0, sizeof(extra));
        known = hypercall_xen_version(XENVER_extraversion, extra) == 0 &&
                strstr(extra, "xenolith") != NULL;
    }
    return known;
}

bool test_expect_rc_differs(const char *check, long got, long want_xen,
                            long want_xenolith)
{
    bool ours = test_on_xenolith();
    long want = ours ? want_xenolith : want_xen;
    char g[32], w[32];

    return test_check(got == want, check, "got %s, want %s on %s",
                      test_rc_format(got, g, sizeof(g)),
                      test_rc_format(want, w, sizeof(w)),
                      ours ? "Xenolith" : "Xen");
}
