/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * control: the control interface as dom0 sees it (xen/domctl.h,
 * xen/sysctl.h; Xen 4.17's do_domctl(), do_sysctl(), getdomaininfo()),
 * the part that exists while dom0 is the only domain.
 *
 * Xen 4.17's answers:
 * - domctl getdomaininfo for domain 0: 0, our id echoed, one vCPU online
 *   (max_vcpu_id 0), tot_pages our current reservation, shared_info_frame
 *   the frame start_info names, running; for domain 1 (none from there
 *   on): -ESRCH; for a reserved id: -EINVAL;
 * - sysctl getdomaininfolist from 0: one record, ours; from 1: none;
 * - sysctl physinfo: one CPU, the PV capability, free frames at most the
 *   total, a TSC rate;
 * - another interface version: -EACCES; an unknown command: -ENOSYS; an
 *   unreadable op: -EFAULT.
 */
#include <guest/hypercall.h>
#include <guest/setup.h>
#include <guest/string.h>
#include <guest/test.h>
#include <xen/domctl.h>
#include <xen/sysctl.h>

const char test_name[] = "control";
const char test_title[] = "domctl getdomaininfo, sysctl physinfo and lists";

static long domctl(struct xen_domctl *op)
{
    op->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    return GUEST_HYPERCALL(__HYPERVISOR_domctl, op, 0, 0, 0, 0);
}

static long sysctl(struct xen_sysctl *op)
{
    op->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    return GUEST_HYPERCALL(__HYPERVISOR_sysctl, op, 0, 0, 0, 0);
}

static void check_getdomaininfo(void)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_getdomaininfo, .domain = 0 };
    const struct xen_domctl_getdomaininfo *info = &op.u.getdomaininfo;
    long pages = hypercall_memory_op(XENMEM_current_reservation,
                                     &(domid_t){ DOMID_SELF });

    test_expect_rc("getdomaininfo", domctl(&op), 0);
    test_expect_eq("getdomaininfo/domain", op.domain, 0);
    test_expect_eq("getdomaininfo/info_domain", info->domain, 0);
    test_expect_eq("getdomaininfo/online", info->nr_online_vcpus, 1);
    test_expect_eq("getdomaininfo/max_vcpu_id", info->max_vcpu_id, 0);
    test_expect_eq("getdomaininfo/tot_pages", (long)info->tot_pages, pages);
    test_expect_eq("getdomaininfo/shared_info",
                   (long)info->shared_info_frame,
                   (long)(guest_start_info->shared_info >> 12));
    test_check(info->flags & XEN_DOMINF_running, "getdomaininfo/running",
               "flags %#x", info->flags);
    test_check(!(info->flags & (XEN_DOMINF_hvm_guest | XEN_DOMINF_shutdown |
                                XEN_DOMINF_dying)),
               "getdomaininfo/pv_alive", "flags %#x", info->flags);
    memset(&op, 0, sizeof(op));
    op.cmd = XEN_DOMCTL_getdomaininfo;
    op.domain = 1;
    test_expect_rc("getdomaininfo/none_from_1", domctl(&op), -ESRCH);
    op.domain = DOMID_FIRST_RESERVED;
    test_expect_rc("getdomaininfo/reserved", domctl(&op), -EINVAL);
}

static void check_sysctl(void)
{
    static struct xen_domctl_getdomaininfo list[4];
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_getdomaininfolist };

    op.u.getdomaininfolist.first_domain = 0;
    op.u.getdomaininfolist.max_domains = 4;
    set_xen_guest_handle(op.u.getdomaininfolist.buffer, list);
    test_expect_rc("domaininfolist", sysctl(&op), 0);
    test_expect_eq("domaininfolist/count", op.u.getdomaininfolist.num_domains,
                   1);
    test_expect_eq("domaininfolist/dom0", list[0].domain, 0);
    op.u.getdomaininfolist.first_domain = 1;
    test_expect_rc("domaininfolist/from_1", sysctl(&op), 0);
    test_expect_eq("domaininfolist/from_1_none",
                   op.u.getdomaininfolist.num_domains, 0);
    memset(&op, 0, sizeof(op));
    op.cmd = XEN_SYSCTL_physinfo;
    test_expect_rc("physinfo", sysctl(&op), 0);
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

static void check_refusals(void)
{
    struct xen_domctl dop = { .cmd = XEN_DOMCTL_getdomaininfo };
    struct xen_sysctl sop = { .cmd = XEN_SYSCTL_physinfo };

    dop.interface_version = XEN_DOMCTL_INTERFACE_VERSION - 1;
    test_expect_rc("domctl/old_version", GUEST_HYPERCALL(
                       __HYPERVISOR_domctl, &dop, 0, 0, 0, 0), -EACCES);
    sop.interface_version = XEN_SYSCTL_INTERFACE_VERSION + 1;
    test_expect_rc("sysctl/new_version", GUEST_HYPERCALL(
                       __HYPERVISOR_sysctl, &sop, 0, 0, 0, 0), -EACCES);
    test_expect_rc("domctl/bad_pointer", GUEST_HYPERCALL(
                       __HYPERVISOR_domctl, TEST_ADDR_NONCANONICAL, 0, 0, 0,
                       0), -EFAULT);
    test_expect_rc("sysctl/bad_pointer", GUEST_HYPERCALL(
                       __HYPERVISOR_sysctl, TEST_ADDR_NONCANONICAL, 0, 0, 0,
                       0), -EFAULT);
    dop.cmd = 999;
    test_expect_rc("domctl/unknown", domctl(&dop), -ENOSYS);
    sop.cmd = 999;
    test_expect_rc("sysctl/unknown", sysctl(&sop), -ENOSYS);
}

void test_main(void)
{
    check_getdomaininfo();
    check_sysctl();
    check_refusals();
}
