/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Checks whose answer differs on purpose between the reference Xen 4.17
 * and Xenolith. Each such difference is listed, with its reason, in
 * docs/XEN-DIFFERENCES.md; a test marks it by expecting both values, one
 * per hypervisor, so that neither run hides a regression.
 */
#ifndef GUEST_DIFFERS_H
#define GUEST_DIFFERS_H

#include <guest/xen.h>

/*
 * Is the hypervisor under test Xenolith? Decided once, from
 * XENVER_extraversion, which Xenolith sets to "-xenolith-<version>".
 */
bool test_on_xenolith(void);

/*
 * As test_expect_rc(), expecting want_xen on Xen and want_xenolith on
 * Xenolith; the reason of a FAIL says which hypervisor ran.
 */
bool test_expect_rc_differs(const char *check, long got, long want_xen,
                            long want_xenolith);

#endif /* GUEST_DIFFERS_H */
