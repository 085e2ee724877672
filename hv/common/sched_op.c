/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * HYPERVISOR_sched_op for a single running vCPU: yield, block, shutdown.
 * With one vCPU per CPU there is nothing to switch to, so yield returns at
 * once and block waits for the next interrupt. The scheduler proper (BVT)
 * and SCHEDOP_poll with event channels come with issue 5.
 */
#include <asm/processor.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/guest_access.h>
#include <xenolith/hypercall.h>
#include <xen/sched.h>

static long sched_shutdown(unsigned long arg)
{
    struct sched_shutdown sd;

    if ( copy_from_guest(&sd, arg, sizeof(sd)) )
        return -EFAULT;
    domain_shutdown(current->domain, sd.reason);
    return 0;
}

long do_sched_op(unsigned long cmd, unsigned long arg, unsigned long a3,
                 unsigned long a4, unsigned long a5)
{
    struct vcpu *v = current;

    switch ( cmd )
    {
    case SCHEDOP_yield:
        return 0;
    case SCHEDOP_block:
        /* Unmasks events (Xen) and sleeps until something happens. */
        v->vcpu_info->evtchn_upcall_mask = 0;
        if ( !v->vcpu_info->evtchn_upcall_pending )
        {
            safe_halt();
            local_irq_disable();
        }
        return 0;
    case SCHEDOP_shutdown:
        return sched_shutdown(arg);
    default:
        return -ENOSYS;
    }
}
