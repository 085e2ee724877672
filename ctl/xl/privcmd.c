/* SPDX-License-Identifier: GPL-2.0-only */
/* /dev/xen/privcmd (contract in privcmd.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/types.h>
#include <xen/xen.h>
#include <xen/sys/privcmd.h>

#include "privcmd.h"

long xl_privcmd_hypercall(unsigned int op, void *arg)
{
    static int fd = -1;
    privcmd_hypercall_t call = { .op = op, .arg = { (uintptr_t)arg } };
    long rc;

    if ( fd < 0 )
    {
        fd = open("/dev/xen/privcmd", O_RDWR | O_CLOEXEC);
        if ( fd < 0 )
            return -errno;
    }
    rc = ioctl(fd, IOCTL_PRIVCMD_HYPERCALL, &call);
    return rc < 0 ? -errno : rc;
}
