/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * How a PV guest tells the hypervisor where to enter it: the trap table,
 * the event/failsafe/syscall callbacks, the kernel stack for bounces, its
 * segment bases and lazy-FPU flag. Semantics are Xen 4.17's
 * (xen/arch/x86/pv/traps.c, pv/callback.c, x86_64/mm.c do_stack_switch,
 * do_set_segment_base; the selectors themselves: pv/segments.c). Every
 * address a guest registers must be canonical: anything else would fault
 * on our IRETQ, in the hypervisor.
 */
#include <asm/fpu.h>
#include <asm/processor.h>
#include <asm/pv.h>
#include <asm/pv_segments.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/guest_access.h>
#include <xenolith/hypercall.h>
#include <xenolith/mm.h>
#include <xenolith/string.h>
#include <xen/callback.h>

#define MAX_TRAP_TABLE_ENTRIES (4 * NR_GUEST_TRAPS)

static bool canonical(uint64_t va)
{
    return ((int64_t)(va << 16) >> 16) == (int64_t)va;
}

/*
 * Decode the whole table first, so a bad entry leaves the old table in
 * force (Xen 4.17 installs entries up to the bad one; the guest tests only
 * rely on the old handlers still working).
 */
long do_set_trap_table(unsigned long traps, unsigned long a2,
                       unsigned long a3, unsigned long a4, unsigned long a5)
{
    struct vcpu *v = current;
    struct trap_info *table, ti;
    unsigned int i;
    long rc = 0;

    if ( traps == 0 )
    {
        memset(v->arch.traps, 0, sizeof(v->arch.traps));
        return 0;
    }
    table = xmalloc(sizeof(v->arch.traps));
    if ( !table )
        return -ENOMEM;
    memcpy(table, v->arch.traps, sizeof(v->arch.traps));
    for ( i = 0; ; i++ )
    {
        if ( i == MAX_TRAP_TABLE_ENTRIES )
        {
            rc = -E2BIG;                   /* No terminator in sight. */
            break;
        }
        if ( copy_from_guest(&ti, traps + i * sizeof(ti), sizeof(ti)) )
        {
            rc = -EFAULT;
            break;
        }
        if ( ti.address == 0 )
            break;
        if ( !canonical(ti.address) )
        {
            rc = -EINVAL;
            break;
        }
        table[ti.vector] = ti;
    }
    if ( rc == 0 )
        memcpy(v->arch.traps, table, sizeof(v->arch.traps));
    xfree(table);
    return rc;
}

static long register_callback(struct vcpu *v, const struct callback_register *cb)
{
    bool mask = cb->flags & CALLBACKF_mask_events;

    if ( !canonical(cb->address) )
        return -EINVAL;
    switch ( cb->type )
    {
    case CALLBACKTYPE_event:
        v->arch.event_callback = cb->address;
        return 0;
    case CALLBACKTYPE_failsafe:
        v->arch.failsafe_callback = cb->address;
        v->arch.failsafe_disables_events = mask;
        return 0;
    case CALLBACKTYPE_syscall:
        v->arch.syscall_callback = cb->address;
        v->arch.syscall_disables_events = mask;
        return 0;
    case CALLBACKTYPE_syscall32:
    case CALLBACKTYPE_sysenter:
    case CALLBACKTYPE_nmi:
        /* Accepted and recorded nowhere: no 32-bit user code, no guest NMIs yet. */
        return 0;
    default:
        return -EINVAL;
    }
}

long do_callback_op(unsigned long cmd, unsigned long arg, unsigned long a3,
                    unsigned long a4, unsigned long a5)
{
    struct callback_register reg;
    struct callback_unregister unreg;

    switch ( cmd )
    {
    case CALLBACKOP_register:
        if ( copy_from_guest(&reg, arg, sizeof(reg)) )
            return -EFAULT;
        return register_callback(current, &reg);
    case CALLBACKOP_unregister:
        if ( copy_from_guest(&unreg, arg, sizeof(unreg)) )
            return -EFAULT;
        /* Xen 4.17: only the NMI callback can be unregistered. */
        return unreg.type == CALLBACKTYPE_nmi ? 0 : -EINVAL;
    default:
        return -ENOSYS;
    }
}

long do_set_callbacks(unsigned long event, unsigned long failsafe,
                      unsigned long syscall, unsigned long a4, unsigned long a5)
{
    struct callback_register e = { CALLBACKTYPE_event, 0, event };
    struct callback_register f = { CALLBACKTYPE_failsafe, 0, failsafe };
    struct callback_register s = { CALLBACKTYPE_syscall, 0, syscall };
    struct vcpu *v = current;

    if ( !canonical(event) || !canonical(failsafe) || !canonical(syscall) )
        return -EINVAL;
    return register_callback(v, &e) ?: register_callback(v, &f) ?:
           register_callback(v, &s);
}

long do_stack_switch(unsigned long ss, unsigned long sp, unsigned long a3,
                     unsigned long a4, unsigned long a5)
{
    struct vcpu *v = current;

    v->arch.kernel_ss = (ss & ~3UL) ? (ss | 3) : FLAT_KERNEL_SS;
    v->arch.kernel_sp = sp;
    return 0;
}

/*
 * The guest's CR0.TS (asm/fpu.h). Xen 4.17 takes the argument as an int:
 * only the low 32 bits count.
 */
long do_fpu_taskswitch(unsigned long set, unsigned long a2, unsigned long a3,
                       unsigned long a4, unsigned long a5)
{
    vcpu_fpu_set_ts(current, (uint32_t)set != 0);
    return 0;
}

/*
 * Xen 4.17: the base cases write the live base (FS's is the hardware's;
 * hypercalls come from guest kernel mode, whose active GS base is the
 * kernel one, in SHADOW_GS_BASE while we run). The selector case takes the
 * low 16 bits of base, whatever the rest, and never fails.
 */
long do_set_segment_base(unsigned long which, unsigned long base,
                         unsigned long a3, unsigned long a4, unsigned long a5)
{
    struct vcpu *v = current;

    /* Xen 4.17's which is an unsigned int: bits above 31 are ignored. */
    which = (unsigned int)which;
    switch ( which )
    {
    case SEGBASE_FS:
    case SEGBASE_GS_USER:
    case SEGBASE_GS_KERNEL:
        if ( !canonical(base) )
            return -EINVAL;
        break;
    case SEGBASE_GS_USER_SEL:
        pv_load_user_gs_selector(v, (uint16_t)base);
        return 0;
    default:
        return -EINVAL;
    }
    if ( which == SEGBASE_FS )
        wrmsr(MSR_FS_BASE, base);
    else if ( (which == SEGBASE_GS_KERNEL) == v->arch.kernel_mode )
        wrmsr(MSR_SHADOW_GS_BASE, base);
    else if ( which == SEGBASE_GS_KERNEL )
        v->arch.gs_base_kernel = base;
    else
        v->arch.gs_base_user = base;
    return 0;
}
