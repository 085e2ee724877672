/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * HYPERVISOR_domctl(op): control of one domain (Xen 4.17's do_domctl(),
 * xen/common/domctl.c and xen/arch/x86/domctl.c; xen/domctl.h). The
 * dispatcher does what every command shares, in Xen's order where it
 * matters to a guest:
 *  1. fetch: an unreadable op is -EFAULT, an interface version other than
 *     XEN_DOMCTL_INTERFACE_VERSION -EACCES, a caller without control rights
 *     -EPERM (control_op_fetch());
 *  2. look up op->domain (-ESRCH if no such domain), except for commands
 *     that find their domain themselves;
 *  3. refuse the caller's own domain for the commands that may not act on
 *     it (-EINVAL, domctl_refuses_self());
 *  4. run the command's handler (domctl_ops.h) under the domctl lock, which
 *     serialises domctls as Xen's does; a command not built is -ENOSYS;
 *  5. copy the op back when the command returns results, on success;
 *     a command that stopped to be preempted (PT_ERESTART, destroydomain)
 *     is continued: the guest re-issues the same op (Xen 4.17).
 * The domain looked up is referenced for the command's run, so it cannot
 * go away under it, even when the command destroys it.
 * Differs from Xen: the permission check comes before the lookup, so a
 * caller without rights gets -EPERM whether the domain exists or not (Xen
 * answers -ESRCH first); docs/XEN-DIFFERENCES.md.
 */
#include <asm/guest_pt.h>
#include <xenolith/control.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/guest_access.h>
#include <xenolith/hypercall.h>
#include <xenolith/spinlock.h>
#include "domctl_ops.h"

/* The command finds its domain itself (d is NULL). */
#define DOMCTL_OWN_LOOKUP  (1u << 0)
/* The command writes results into the op: copy it back on success. */
#define DOMCTL_COPYBACK    (1u << 1)

struct domctl_command {
    uint32_t cmd;
    long (*handler)(struct domain *d, struct xen_domctl *op);
    unsigned int flags;
};

static const struct domctl_command domctl_commands[] = {
    { XEN_DOMCTL_createdomain, domctl_createdomain,
      DOMCTL_OWN_LOOKUP | DOMCTL_COPYBACK },
    { XEN_DOMCTL_destroydomain, domctl_destroydomain, 0 },
    { XEN_DOMCTL_max_vcpus, domctl_max_vcpus, 0 },
    { XEN_DOMCTL_setvcpucontext, domctl_setvcpucontext, 0 },
    { XEN_DOMCTL_getvcpucontext, domctl_getvcpucontext, 0 },
    { XEN_DOMCTL_getdomaininfo, domctl_getdomaininfo,
      DOMCTL_OWN_LOOKUP | DOMCTL_COPYBACK },
    { XEN_DOMCTL_shadow_op, domctl_shadow_op, DOMCTL_COPYBACK },
    { XEN_DOMCTL_max_mem, domctl_max_mem, 0 },
    { XEN_DOMCTL_getvcpuinfo, domctl_getvcpuinfo, DOMCTL_COPYBACK },
    { XEN_DOMCTL_setdomainhandle, domctl_setdomainhandle, 0 },
    { XEN_DOMCTL_settimeoffset, domctl_settimeoffset, 0 },
    { XEN_DOMCTL_set_address_size, domctl_set_address_size, 0 },
    { XEN_DOMCTL_get_address_size, domctl_get_address_size,
      DOMCTL_COPYBACK },
    { XEN_DOMCTL_getpageframeinfo3, domctl_getpageframeinfo3, 0 },
    { XEN_DOMCTL_pausedomain, domctl_pausedomain, 0 },
    { XEN_DOMCTL_unpausedomain, domctl_unpausedomain, 0 },
    { XEN_DOMCTL_scheduler_op, domctl_scheduler_op, DOMCTL_COPYBACK },
    { XEN_DOMCTL_hypercall_init, domctl_hypercall_init, 0 },
};

static DEFINE_SPINLOCK(domctl_lock);

/*
 * The one place that says which commands refuse the caller's own domain
 * (-EINVAL, Xen 4.17): those that pause the domain they act on, which
 * would pause the caller mid-hypercall, and those that tear it down. Every
 * other command may target the caller. Commands listed here before they
 * are implemented get the rule when they land.
 */
static bool domctl_refuses_self(uint32_t cmd)
{
    switch ( cmd )
    {
    case XEN_DOMCTL_destroydomain:     /* domain_kill() */
    case XEN_DOMCTL_pausedomain:
    case XEN_DOMCTL_resumedomain:
    case XEN_DOMCTL_setvcpucontext:    /* pauses the domain */
    case XEN_DOMCTL_max_vcpus:         /* Xen <= 4.11, same reason */
    case XEN_DOMCTL_soft_reset:
    case XEN_DOMCTL_shadow_op:         /* paging_domctl() */
        return true;
    default:
        return false;
    }
}

static const struct domctl_command *domctl_command(uint32_t cmd)
{
    size_t i;

    for ( i = 0; i < ARRAY_SIZE(domctl_commands); i++ )
        if ( domctl_commands[i].cmd == cmd )
            return &domctl_commands[i];
    return NULL;
}

long do_domctl(unsigned long arg, unsigned long a2, unsigned long a3,
               unsigned long a4, unsigned long a5)
{
    const struct domctl_command *command;
    struct xen_domctl op;
    struct domain *d = NULL;
    long rc;

    rc = control_op_fetch(arg, &op, sizeof(op), XEN_DOMCTL_INTERFACE_VERSION);
    if ( rc )
        return rc;
    command = domctl_command(op.cmd);
    /* Xen looks the domain up before it knows the command. */
    if ( !command || !(command->flags & DOMCTL_OWN_LOOKUP) )
    {
        d = domain_get_by_id(op.domain);
        if ( !d )
            return -ESRCH;
    }
    /* Before -ENOSYS: the rule holds for commands not built yet too. */
    if ( d == current->domain && domctl_refuses_self(op.cmd) )
        rc = -EINVAL;
    else if ( !command )
        rc = -ENOSYS;
    else
    {
        spin_lock(&domctl_lock);
        rc = command->handler(d, &op);
        spin_unlock(&domctl_lock);
    }
    if ( d )
        domain_put(d);
    /* A long command (destroydomain) goes on where it stopped. */
    if ( rc == PT_ERESTART )
        return hypercall_create_continuation(__HYPERVISOR_domctl, 1, &arg);
    if ( !rc && command && (command->flags & DOMCTL_COPYBACK) &&
         copy_to_guest(arg, &op, sizeof(op)) )
        rc = -EFAULT;
    return rc;
}
