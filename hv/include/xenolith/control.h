/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The control interface: domctl and sysctl (Xen 4.17's do_domctl() and
 * do_sysctl(), xen/common/domctl.c and sysctl.c; structures and interface
 * versions from xen/domctl.h and xen/sysctl.h). The hypervisor offers the
 * mechanisms; the privileged domain decides.
 */
#ifndef XENOLITH_CONTROL_H
#define XENOLITH_CONTROL_H

#include <xenolith/types.h>
#include <xen/domctl.h>

struct domain;

/*
 * The one permission check of the control interface: may domain d use
 * domctl and sysctl, and act on other domains (their event channels,
 * memory reservations, frames in MMU operations: a domain builder's
 * work)? Today the privileged domain (dom0) only, as Xen's default XSM
 * policy for these calls. Callers answer -EPERM when not.
 */
bool control_permitted(const struct domain *d);

/*
 * The common start of domctl and sysctl: read the size-byte op at arg
 * (-EFAULT), check its interface version (the op's second word, as both
 * structures have it) against want (-EACCES), then the caller's rights
 * (-EPERM). Returns 0 when the op may go on.
 */
long control_op_fetch(uint64_t arg, void *op, size_t size, uint32_t want);

/*
 * The physical CPUs the control interface reports (physinfo, cpupool):
 * one today. TODO(#5): the online CPUs, with SMP.
 */
#define CONTROL_NR_CPUS 1

/*
 * Xen's cpumask_to_xenctl_bitmap(): write the CPU set cpus (bit n: CPU n,
 * nr_cpus of them, at most 64) into the guest's bitmap of map->nr_bits
 * bits, truncated to its size; the guest's bytes beyond nr_cpus are
 * zeroed. Returns 0 or -EFAULT (bytes before the bad one are written).
 * Context: hypercall.
 */
int __must_check control_copy_cpumap(struct xenctl_bitmap *map,
                                     uint64_t cpus, unsigned int nr_cpus);

/* Xen's getdomaininfo(): what domctl and sysctl report of d. */
void domain_get_info(struct domain *d, struct xen_domctl_getdomaininfo *info);

#endif /* XENOLITH_CONTROL_H */
