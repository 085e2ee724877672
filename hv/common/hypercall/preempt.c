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
#include <asm/processor.h>
#include <xenolith/domain.h>
#include <xenolith/hypercall.h>
#include <xenolith/time.h>

/*
 * Checked between every two items, so it must be cheap: one RDTSC against
 * a deadline in TSC cycles, set at the first check of the hypercall.
 */
bool hypercall_preempt_check(void)
{
    struct vcpu *v = current;
    uint64_t now;

    /* Boot (no vCPU yet, e.g. a failed build torn down) runs to the end. */
    if ( !v || v->hypercall_nested )
        return false;
    now = rdtsc();
    if ( !v->hypercall_deadline )
    {
        v->hypercall_deadline = now + cpu_khz() * (HYPERCALL_SLICE_NS /
                                                    1000000);
        return false;
    }
    return now >= v->hypercall_deadline;
}
