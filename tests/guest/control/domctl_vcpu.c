/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * control, getvcpuinfo of our own vCPU (Xen 4.17's xen/common/domctl.c):
 * vCPU 0: 0, online, not blocked, running (it is making the call), on CPU
 * 0, its CPU time the runstate's running time: more than zero and at
 * most the domain's, read just after. A vCPU id at or above the domain's
 * max_vcpus (1 here): -EINVAL; a domain that does not exist: -ESRCH.
 */
#include <guest/console.h>
#include <guest/test.h>
#include "control.h"

static long getvcpuinfo(domid_t dom, uint32_t vcpu,
                        struct xen_domctl_getvcpuinfo *out)
{
    struct xen_domctl op;
    long rc;

    control_domctl_init(&op, XEN_DOMCTL_getvcpuinfo, dom);
    op.u.getvcpuinfo.vcpu = vcpu;
    rc = control_domctl(&op);
    *out = op.u.getvcpuinfo;
    return rc;
}

void check_domctl_vcpu(void)
{
    static const uint32_t bad[] = { 1, 2, 127, 4096, 0x7fffffff, ~0u };
    struct xen_domctl_getvcpuinfo info;
    struct vcpu_runstate_info rs;
    struct xen_domctl dom;
    unsigned int i;
    char check[40];

    test_expect_rc("getvcpuinfo", getvcpuinfo(0, 0, &info), 0);
    hypercall_vcpu_op(VCPUOP_get_runstate_info, 0, &rs);
    control_domctl_init(&dom, XEN_DOMCTL_getdomaininfo, 0);
    test_expect_rc("getvcpuinfo/domaininfo", control_domctl(&dom), 0);
    test_expect_eq("getvcpuinfo/vcpu", info.vcpu, 0);
    test_expect_eq("getvcpuinfo/online", info.online, 1);
    test_expect_eq("getvcpuinfo/blocked", info.blocked, 0);
    test_expect_eq("getvcpuinfo/running", info.running, 1);
    test_expect_eq("getvcpuinfo/cpu", info.cpu, 0);
    test_check(info.cpu_time > 0 &&
               info.cpu_time <= rs.time[RUNSTATE_running] &&
               info.cpu_time <= dom.u.getdomaininfo.cpu_time,
               "getvcpuinfo/cpu_time", "%lu, runstate %lu, domain %lu",
               (unsigned long)info.cpu_time,
               (unsigned long)rs.time[RUNSTATE_running],
               (unsigned long)dom.u.getdomaininfo.cpu_time);
    for ( i = 0; i < sizeof(bad) / sizeof(bad[0]); i++ )
    {
        guest_snprintf(check, sizeof(check), "getvcpuinfo/vcpu_%u", bad[i]);
        test_expect_rc(check, getvcpuinfo(0, bad[i], &info), -EINVAL);
    }
    test_expect_rc("getvcpuinfo/no_domain",
                   getvcpuinfo(CONTROL_NO_DOMAIN, 0, &info), -ESRCH);
}
