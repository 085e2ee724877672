/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sysctl commands that have a file of their own, called by do_sysctl()
 * (sysctl.c) after it has fetched the op and checked the caller's rights.
 * A handler validates its fields, writes its results into the op (copied
 * back on success) and returns 0 or a negative Xen errno.
 */
#ifndef CONTROL_SYSCTL_OPS_H
#define CONTROL_SYSCTL_OPS_H

#include <xen/sysctl.h>

/*
 * readconsole.c: Xen's read_console_ring() (xen/drivers/char/console.c).
 * Copies up to count bytes of the hypervisor's console ring to buffer,
 * oldest first, from the oldest byte kept or, if incremental and index
 * lies in the ring's unread window, from index; then, if clear, later
 * reads start after what was read. Writes back count (bytes copied) and
 * index (the next byte). -EFAULT if the buffer cannot take the bytes
 * (nothing is written back, nothing cleared).
 */
long sysctl_readconsole(struct xen_sysctl_readconsole *op);

/*
 * cpupool.c: Xen's cpupool_do_sysctl() (xen/common/sched/cpupool.c) on a
 * machine with one pool, 0, holding every CPU and every domain.
 */
long sysctl_cpupool_op(struct xen_sysctl_cpupool_op *op);

#endif /* CONTROL_SYSCTL_OPS_H */
