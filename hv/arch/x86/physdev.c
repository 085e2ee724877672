/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * HYPERVISOR_physdev_op(cmd, arg): a domain's access to physical devices
 * (xen/include/public/physdev.h; Xen 4.17: do_physdev_op() in
 * xen/arch/x86/physdev.c). Only PHYSDEVOP_set_iopl exists yet: the vCPU's
 * virtual I/O privilege level, which port-I/O emulation checks
 * (pv/emul_io.c). Xen 4.17 takes cmd as an int (the upper half of the
 * register is ignored) and answers -ENOSYS to sub-ops it does not know;
 * interrupts, PCI and the I/O bitmap come with devices.
 */
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/guest_access.h>
#include <xenolith/hypercall.h>
#include <xen/physdev.h>

/* Xen 4.17: -EFAULT for an unreadable argument, -EINVAL above 3. */
static long physdev_set_iopl(unsigned long arg)
{
    struct physdev_set_iopl set_iopl;

    if ( copy_from_guest(&set_iopl, arg, sizeof(set_iopl)) )
        return -EFAULT;
    if ( set_iopl.iopl > 3 )
        return -EINVAL;
    current->arch.priv.iopl = set_iopl.iopl;
    return 0;
}

long do_physdev_op(unsigned long cmd, unsigned long arg, unsigned long a3,
                   unsigned long a4, unsigned long a5)
{
    switch ( (int)cmd )
    {
    case PHYSDEVOP_set_iopl:
        return physdev_set_iopl(arg);
    default:
        return -ENOSYS;
    }
}
