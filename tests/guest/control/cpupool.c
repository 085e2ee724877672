/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * control, sysctl cpupool_op on a machine with one CPU and one pool
 * (Xen 4.17's cpupool_do_sysctl(), xen/common/sched/cpupool.c; the error
 * list in xen/sysctl.h):
 * - INFO of pool 0: 0, pool 0, the scheduler of sched_id, one domain
 *   (us), the CPU map 0x01 with the guest's bytes past it zeroed; INFO
 *   from pool 1 on: -ENOENT; a bad map pointer: -EFAULT, none needed for
 *   nr_bits 0;
 * - FREEINFO: 0, no CPU free;
 * - DESTROY pool 0: -EBUSY (CPUs and domains in it); another: -ENOENT;
 * - ADDCPU to pool 0 of CPU 0 or any: -ENODEV (none free); of CPU 4096:
 *   -EINVAL (no such CPU); to pool 7: -ENOENT;
 * - RMCPU from pool 0 of CPU 0 or any (which is CPU 0, the last): -EINVAL;
 *   of CPU 4096: -EINVAL; from pool 7: -ENOENT;
 * - MOVEDOMAIN of ourselves: -EPERM; of a missing domain: -ESRCH;
 * - an unknown op: -ENOSYS.
 */
#include <guest/differs.h>
#include <guest/string.h>
#include <guest/test.h>
#include "control.h"

static long cpupool(uint32_t sub, uint32_t pool, uint32_t cpu,
                    struct xen_sysctl_cpupool_op *out)
{
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_cpupool_op };
    long rc;

    op.u.cpupool_op.op = sub;
    op.u.cpupool_op.cpupool_id = pool;
    op.u.cpupool_op.cpu = cpu;
    op.u.cpupool_op.domid = cpu;
    if ( out )
        op.u.cpupool_op.cpumap = out->cpumap;
    rc = control_sysctl(&op);
    if ( out )
        *out = op.u.cpupool_op;
    return rc;
}

/* INFO or FREEINFO into an 8-byte map first filled with 0xff. */
static long cpumap_op(uint32_t sub, uint32_t pool, uint8_t *map,
                      uint32_t nr_bits, struct xen_sysctl_cpupool_op *out)
{
    memset(map, 0xff, 8);
    memset(out, 0, sizeof(*out));
    set_xen_guest_handle(out->cpumap.bitmap, map);
    out->cpumap.nr_bits = nr_bits;
    return cpupool(sub, pool, 0, out);
}

static void check_info(void)
{
    static const uint8_t want[8] = { 0x01 };
    struct xen_sysctl sched = { .cmd = XEN_SYSCTL_sched_id };
    struct xen_sysctl_cpupool_op info;
    uint8_t map[8];

    test_expect_rc("cpupool/sched_id", control_sysctl(&sched), 0);
    test_expect_rc("cpupool/info", cpumap_op(XEN_SYSCTL_CPUPOOL_OP_INFO, 0,
                                             map, 64, &info), 0);
    test_expect_eq("cpupool/info_id", info.cpupool_id, 0);
    test_expect_eq("cpupool/info_sched", info.sched_id,
                   sched.u.sched_id.sched_id);
    test_expect_eq("cpupool/info_n_dom", info.n_dom, 1);
    test_check(!memcmp(map, want, sizeof(want)), "cpupool/info_cpumap",
               "%02x %02x %02x", map[0], map[1], map[7]);
    test_expect_rc("cpupool/info_8_bits", cpumap_op(
                       XEN_SYSCTL_CPUPOOL_OP_INFO, 0, map, 8, &info), 0);
    test_check(map[0] == 1 && map[1] == 0xff, "cpupool/info_8_bits_map",
               "%02x %02x", map[0], map[1]);
    test_expect_rc("cpupool/info_from_1", cpumap_op(
                       XEN_SYSCTL_CPUPOOL_OP_INFO, 1, map, 64, &info),
                   -ENOENT);
    test_expect_rc("cpupool/info_any", cpumap_op(
                       XEN_SYSCTL_CPUPOOL_OP_INFO,
                       XEN_SYSCTL_CPUPOOL_PAR_ANY, map, 64, &info), -ENOENT);
    memset(&info, 0, sizeof(info));
    set_xen_guest_handle(info.cpumap.bitmap, (uint8_t *)TEST_ADDR_XEN);
    info.cpumap.nr_bits = 8;
    test_expect_rc("cpupool/info_bad_map", cpupool(
                       XEN_SYSCTL_CPUPOOL_OP_INFO, 0, 0, &info), -EFAULT);
    info.cpumap.nr_bits = 0;
    test_expect_rc("cpupool/info_no_map", cpupool(
                       XEN_SYSCTL_CPUPOOL_OP_INFO, 0, 0, &info), 0);
    test_expect_rc("cpupool/freeinfo", cpumap_op(
                       XEN_SYSCTL_CPUPOOL_OP_FREEINFO, 0, map, 64, &info), 0);
    test_check(!memcmp(map, (uint8_t[8]){ 0 }, 8), "cpupool/freeinfo_none",
               "%02x %02x", map[0], map[7]);
}

static void check_changes(void)
{
    const uint32_t any = XEN_SYSCTL_CPUPOOL_PAR_ANY;

    test_expect_rc("cpupool/destroy_0", cpupool(
                       XEN_SYSCTL_CPUPOOL_OP_DESTROY, 0, 0, NULL), -EBUSY);
    test_expect_rc("cpupool/destroy_5", cpupool(
                       XEN_SYSCTL_CPUPOOL_OP_DESTROY, 5, 0, NULL), -ENOENT);
    test_expect_rc("cpupool/addcpu_0", cpupool(
                       XEN_SYSCTL_CPUPOOL_OP_ADDCPU, 0, 0, NULL), -ENODEV);
    test_expect_rc("cpupool/addcpu_any", cpupool(
                       XEN_SYSCTL_CPUPOOL_OP_ADDCPU, 0, any, NULL), -ENODEV);
    test_expect_rc("cpupool/addcpu_4096", cpupool(
                       XEN_SYSCTL_CPUPOOL_OP_ADDCPU, 0, 4096, NULL), -EINVAL);
    test_expect_rc("cpupool/addcpu_pool_7", cpupool(
                       XEN_SYSCTL_CPUPOOL_OP_ADDCPU, 7, 0, NULL), -ENOENT);
    test_expect_rc("cpupool/rmcpu_0", cpupool(
                       XEN_SYSCTL_CPUPOOL_OP_RMCPU, 0, 0, NULL), -EINVAL);
    test_expect_rc("cpupool/rmcpu_any", cpupool(
                       XEN_SYSCTL_CPUPOOL_OP_RMCPU, 0, any, NULL), -EINVAL);
    test_expect_rc("cpupool/rmcpu_4096", cpupool(
                       XEN_SYSCTL_CPUPOOL_OP_RMCPU, 0, 4096, NULL), -EINVAL);
    test_expect_rc("cpupool/rmcpu_pool_7", cpupool(
                       XEN_SYSCTL_CPUPOOL_OP_RMCPU, 7, 0, NULL), -ENOENT);
    test_expect_rc("cpupool/movedomain_self", cpupool(
                       XEN_SYSCTL_CPUPOOL_OP_MOVEDOMAIN, 0, 0, NULL), -EPERM);
    test_expect_rc("cpupool/movedomain_missing", cpupool(
                       XEN_SYSCTL_CPUPOOL_OP_MOVEDOMAIN, 0, CONTROL_NO_DOMAIN,
                       NULL), -ESRCH);
    test_expect_rc("cpupool/unknown", cpupool(99, 0, 0, NULL), -ENOSYS);
}

void check_cpupool(void)
{
    check_info();
    check_changes();
}
