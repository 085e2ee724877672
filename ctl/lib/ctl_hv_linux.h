/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * struct ctl_hv on Linux dom0's devices: /dev/xen/privcmd (xen-privcmd:
 * IOCTL_PRIVCMD_HYPERCALL, IOCTL_PRIVCMD_MMAPBATCH_V2) and
 * /dev/xen/evtchn (xen-evtchn), from xen/sys/privcmd.h and evtchn.h.
 * Each device is opened on first use; a missing module shows as -ENOENT.
 */
#ifndef CTL_LIB_CTL_HV_LINUX_H
#define CTL_LIB_CTL_HV_LINUX_H

#include "ctl_hv.h"

/* The process's one instance. */
extern const struct ctl_hv ctl_hv_linux;

#endif /* CTL_LIB_CTL_HV_LINUX_H */
