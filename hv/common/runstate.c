/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vCPU runstate (xen/include/public/vcpu.h, struct vcpu_runstate_info):
 * the current state, when it was entered, and the time spent in each
 * state, whose sum never drifts from system time. Semantics are Xen
 * 4.17's (xen/common/sched/core.c vcpu_runstate_change/get,
 * xen/arch/x86/domain.c update_runstate_area). A vCPU is running from its
 * creation and blocked while it waits in SCHEDOP_block or poll; with one
 * vCPU per CPU it is never runnable-but-waiting.
 *
 * The guest's area is rewritten at every change, with the
 * XEN_RUNSTATE_UPDATE bit set in state_entry_time during the write when
 * the domain enabled VMASST_TYPE_runstate_update_flag. Failures to write
 * it are ignored, as Xen ignores them.
 */
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/guest_access.h>
#include <xenolith/vcpu_time.h>

static void write_barrier(void)
{
    __atomic_thread_fence(__ATOMIC_RELEASE);
}

static void update_area(struct vcpu *v)
{
    struct vcpu_runstate_info r = v->time.runstate;
    uint64_t area = v->time.runstate_area;
    uint64_t entry = area + __builtin_offsetof(struct vcpu_runstate_info,
                                               state_entry_time);
    bool flag = v->domain->vm_assist &
                (1UL << VMASST_TYPE_runstate_update_flag);

    /*
     * A guest address means something only in v's own page tables, which
     * are loaded only while v is current; a vCPU off the CPU gets its area
     * written when it is switched back in (sched/core.c), as in Xen.
     */
    if ( !area || v != current )
        return;
    if ( flag )
    {
        r.state_entry_time |= XEN_RUNSTATE_UPDATE;
        if ( copy_to_guest(entry, &r.state_entry_time, sizeof(uint64_t)) )
            return;
        write_barrier();
    }
    if ( copy_to_guest(area, &r, sizeof(r)) || !flag )
        return;
    write_barrier();
    r.state_entry_time &= ~XEN_RUNSTATE_UPDATE;
    if ( copy_to_guest(entry, &r.state_entry_time, sizeof(uint64_t)) )
        return;                         /* Best effort, as in Xen. */
}

void runstate_init(struct vcpu *v)
{
    /* Xen: a new vCPU is offline until the scheduler first runs it. */
    v->time.runstate.state = RUNSTATE_offline;
    v->time.runstate.state_entry_time = NOW();
}

void runstate_change(struct vcpu *v, int state)
{
    struct vcpu_runstate_info *r = &v->time.runstate;
    s_time_t now = NOW();

    r->time[r->state] += now - r->state_entry_time;
    r->state = state;
    r->state_entry_time = now;
    update_area(v);
}

void runstate_get(const struct vcpu *v, struct vcpu_runstate_info *out)
{
    *out = v->time.runstate;
    out->time[out->state] += NOW() - out->state_entry_time;
}

/* Xen copies the runstate as last recorded, without the ongoing time. */
int runstate_register_area(struct vcpu *v, uint64_t addr)
{
    if ( !guest_range_ok(addr, sizeof(struct vcpu_runstate_info)) )
        return -EFAULT;
    v->time.runstate_area = addr;
    update_area(v);
    return 0;
}
