/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * When a long hypercall should give the CPU back (contract in
 * xenolith/hypercall.h). Xen 4.17 asks whether a softirq or an event is
 * pending; hypercalls here run with interrupts off, so we bound the time
 * instead: once a hypercall has run HYPERCALL_SLICE_NS since its first
 * check, it stops at its next item and continues after the vCPU has been
 * back in guest context, where pending interrupts (timers, serial) and
 * events are taken. One guest can then hold the CPU for about a slice.
 */
#include <xenolith/domain.h>
#include <xenolith/hypercall.h>
#include <xenolith/time.h>

bool hypercall_preempt_check(void)
{
    struct vcpu *v = current;
    uint64_t now;

    if ( v->hypercall_nested )
        return false;
    now = get_s_time();
    if ( !v->hypercall_start_ns )
    {
        v->hypercall_start_ns = now ? now : 1;
        return false;
    }
    return now - v->hypercall_start_ns >= HYPERCALL_SLICE_NS;
}
