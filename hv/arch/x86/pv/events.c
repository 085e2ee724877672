/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Event upcalls on the way back to a PV guest (life of an event:
 * asm/pv.h). Xen 4.17 checks on every exit to a PV guest
 * (xen/arch/x86/x86_64/entry.S test_guest_events): if the vCPU's
 * evtchn_upcall_pending is set and evtchn_upcall_mask clear, it bounces
 * the guest to its event callback as for an interrupt (TBF_INTERRUPT): the
 * bounce frame of a trap without error code, events masked on entry. The
 * guest unmasks them again with HYPERVISOR_iret, whose own exit comes
 * back here, so events that arrived meanwhile are delivered then.
 *
 * The vCPU's time area is also refreshed here, when the guest is about to
 * run in kernel mode (its area may be mapped by the kernel's page tables
 * only), as Xen does on its next switch to kernel mode.
 */
#include <asm/pv.h>
#include <xenolith/domain.h>
#include <xenolith/evtchn_2l.h>
#include <xenolith/vcpu_time.h>

static void deliver_upcall(struct trap_frame *f, struct vcpu *v)
{
    if ( !evtchn_2l_upcall_deliverable(v->vcpu_info) ||
         !v->arch.event_callback )
        return;
    if ( pv_bounce_to(f, v->arch.event_callback, false, 0, true) )
        domain_crash(v->domain, "cannot deliver an event upcall: guest "
                     "kernel stack unwritable");
}

void pv_deliver_pending_events(struct trap_frame *f)
{
    struct vcpu *v = current;

    if ( !v || v->domain->is_shutting_down )
        return;
    deliver_upcall(f, v);
    /* After the bounce: it may have switched to kernel mode. */
    if ( v->arch.kernel_mode && !v->domain->is_shutting_down )
        vcpu_time_flush_area(v);
}
