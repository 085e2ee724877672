/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * control, sysctls about the whole machine (Xen 4.17's xen/common/
 * sysctl.c, xen/arch/x86/sysctl.c):
 * - getdomaininfolist from 0: one record, ours; from 1: none;
 * - physinfo: one CPU, the PV capability, free frames at most the total,
 *   a TSC rate;
 * - sched_id: 0 and the scheduler's id. They differ on purpose
 *   (docs/XEN-DIFFERENCES.md): Xen 4.17 runs credit2
 *   (XEN_SCHEDULER_CREDIT2), Xenolith BVT (XENOLITH_SCHEDULER_BVT).
 */
#include <guest/differs.h>
#include <guest/string.h>
#include <guest/test.h>
#include <public/xenolith_sched_bvt.h>
#include "control.h"

static void check_domaininfolist(void)
{
    static struct xen_domctl_getdomaininfo list[4];
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_getdomaininfolist };

    op.u.getdomaininfolist.first_domain = 0;
    op.u.getdomaininfolist.max_domains = 4;
    set_xen_guest_handle(op.u.getdomaininfolist.buffer, list);
    test_expect_rc("domaininfolist", control_sysctl(&op), 0);
    test_expect_eq("domaininfolist/count", op.u.getdomaininfolist.num_domains,
                   1);
    test_expect_eq("domaininfolist/dom0", list[0].domain, 0);
    op.u.getdomaininfolist.first_domain = 1;
    test_expect_rc("domaininfolist/from_1", control_sysctl(&op), 0);
    test_expect_eq("domaininfolist/from_1_none",
                   op.u.getdomaininfolist.num_domains, 0);
}

static void check_physinfo(void)
{
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_physinfo };

    test_expect_rc("physinfo", control_sysctl(&op), 0);
    test_expect_eq("physinfo/nr_cpus", op.u.physinfo.nr_cpus, 1);
    test_check(op.u.physinfo.capabilities & XEN_SYSCTL_PHYSCAP_pv,
               "physinfo/pv", "capabilities %#x",
               op.u.physinfo.capabilities);
    test_check(op.u.physinfo.free_pages <= op.u.physinfo.total_pages &&
               op.u.physinfo.total_pages > 0, "physinfo/pages",
               "free %lu total %lu", (unsigned long)op.u.physinfo.free_pages,
               (unsigned long)op.u.physinfo.total_pages);
    test_check(op.u.physinfo.cpu_khz > 100000, "physinfo/cpu_khz", "%u",
               op.u.physinfo.cpu_khz);
}

static void check_sched_id(void)
{
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_sched_id };

    op.u.sched_id.sched_id = 0xdead;
    test_expect_rc("sched_id", control_sysctl(&op), 0);
    test_expect_rc_differs("sched_id/value", op.u.sched_id.sched_id,
                           XEN_SCHEDULER_CREDIT2, XENOLITH_SCHEDULER_BVT);
}

void check_sysctl(void)
{
    check_domaininfolist();
    check_physinfo();
    check_sched_id();
}
