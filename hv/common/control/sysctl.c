/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * HYPERVISOR_sysctl(op): questions about the whole machine (Xen 4.17's
 * do_sysctl(), xen/common/sysctl.c and arch/x86/sysctl.c; xen/sysctl.h).
 * The same checks as domctl (xenolith/control.h): -EFAULT, -EACCES for
 * another interface version, -EPERM without control rights, -ENOSYS for
 * a command not implemented. Implemented so far:
 *  - XEN_SYSCTL_physinfo: one CPU, one node, the TSC rate, the frame
 *    counts (total: RAM frames; free: the allocator's), the PV
 *    capability, CPUID leaf 1's feature words (Xen's featureset words 0
 *    and 1; the others are left 0);
 *  - XEN_SYSCTL_getdomaininfolist: up to max_domains records of domains
 *    from first_domain on, num_domains written back (-EFAULT if the
 *    buffer cannot take them);
 *  - XEN_SYSCTL_sched_id: the scheduler's id, XENOLITH_SCHEDULER_BVT
 *    (Xen 4.17 answers its default, credit2: a difference);
 *  - XEN_SYSCTL_readconsole: the console ring (readconsole.c);
 *  - XEN_SYSCTL_cpupool_op: one pool (cpupool.c).
 */
#include <asm/cpufeature.h>
#include <public/xenolith_sched_bvt.h>
#include <xenolith/control.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/frame_table.h>
#include <xenolith/guest_access.h>
#include <xenolith/hypercall.h>
#include <xenolith/string.h>
#include <xenolith/time.h>
#include <xen/sysctl.h>
#include "sysctl_ops.h"

static void physinfo(struct xen_sysctl_physinfo *pi)
{
    struct frame_accounting acc;

    frame_table_account(&acc);
    memset(pi, 0, sizeof(*pi));
    pi->threads_per_core = 1;
    pi->cores_per_socket = 1;
    pi->nr_cpus = CONTROL_NR_CPUS;
    pi->nr_nodes = 1;
    pi->cpu_khz = (uint32_t)cpu_khz();
    pi->capabilities = XEN_SYSCTL_PHYSCAP_pv;
    pi->total_pages = acc.total - acc.reserved;
    pi->free_pages = acc.free;
    pi->max_mfn = max_page - 1;
    /* Xen's featureset words 0 and 1: CPUID leaf 1 EDX and ECX. */
    pi->hw_cap[0] = boot_cpu_data.words[CPUID_1_EDX];
    pi->hw_cap[1] = boot_cpu_data.words[CPUID_1_ECX];
}

static long getdomaininfolist(struct xen_sysctl_getdomaininfolist *l)
{
    struct xen_domctl_getdomaininfo info;
    struct domain *d;
    uint64_t buffer = (uint64_t)(unsigned long)l->buffer.p;
    uint32_t n = 0;
    domid_t next = l->first_domain;

    while ( n < l->max_domains && (d = domain_get_next(next)) )
    {
        domain_get_info(d, &info);
        next = d->domain_id + 1;
        domain_put(d);
        if ( copy_to_guest(buffer + (uint64_t)n * sizeof(info), &info,
                           sizeof(info)) )
            return -EFAULT;
        n++;
        if ( next == DOMID_FIRST_RESERVED )
            break;
    }
    l->num_domains = n;
    return 0;
}

long do_sysctl(unsigned long arg, unsigned long a2, unsigned long a3,
               unsigned long a4, unsigned long a5)
{
    struct xen_sysctl op;
    long rc;

    rc = control_op_fetch(arg, &op, sizeof(op), XEN_SYSCTL_INTERFACE_VERSION);
    if ( rc )
        return rc;
    switch ( op.cmd )
    {
    case XEN_SYSCTL_physinfo:
        physinfo(&op.u.physinfo);
        rc = 0;
        break;
    case XEN_SYSCTL_getdomaininfolist:
        rc = getdomaininfolist(&op.u.getdomaininfolist);
        break;
    case XEN_SYSCTL_sched_id:
        op.u.sched_id.sched_id = XENOLITH_SCHEDULER_BVT;
        rc = 0;
        break;
    case XEN_SYSCTL_readconsole:
        rc = sysctl_readconsole(&op.u.readconsole);
        break;
    case XEN_SYSCTL_cpupool_op:
        rc = sysctl_cpupool_op(&op.u.cpupool_op);
        break;
    default:
        return -ENOSYS;
    }
    if ( !rc && copy_to_guest(arg, &op, sizeof(op)) )
        rc = -EFAULT;
    return rc;
}
