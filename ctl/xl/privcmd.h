/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hypercalls from dom0's user space through Linux's /dev/xen/privcmd
 * (the xen-privcmd module; IOCTL_PRIVCMD_HYPERCALL, xen/sys/privcmd.h).
 */
#ifndef CTL_XL_PRIVCMD_H
#define CTL_XL_PRIVCMD_H

/*
 * Issue hypercall op with one pointer argument; the device is opened on
 * first use. Returns the hypercall's result, or -errno (the hypercall's
 * error, or the device's: -ENOENT without the module).
 */
long xl_privcmd_hypercall(unsigned int op, void *arg);

#endif /* CTL_XL_PRIVCMD_H */
