/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Time for guests: each vCPU's vcpu_time_info and optional copy of it in
 * guest memory, the domain's wallclock in shared_info, the singleshot and
 * periodic timers that send VIRQ_TIMER, and the runstate (time spent
 * running and blocked). Semantics are Xen 4.17's: xen/arch/x86/time.c
 * (update_vcpu_system_time, update_domain_wallclock_time),
 * xen/common/sched/core.c (timers, runstate), xen/common/domain.c
 * (vcpu_op), checked by tests/guest/time and tests/guest/vcpu_op.
 *
 * vcpu_time_info: system_time and tsc_timestamp are a pair taken at one
 * TSC read, with the hypervisor's own tsc_to_system_mul/tsc_shift, so a
 * guest computes exactly the hypervisor's NOW() (to a few ns of rounding).
 * The record is rewritten under the version protocol (odd while
 * changing) when the vCPU is created, before each VIRQ_TIMER, when the
 * vCPU wakes from block or poll, and on the register calls.
 *
 * Timers (Xen 4.17): a PV vCPU starts with a 10 ms periodic timer; the
 * periodic timer runs only while the vCPU runs (stopped while it blocks,
 * caught up with one event when it wakes); a singleshot deadline in the
 * past fires at once; VCPU_SSHOTTMR_future is ignored, as in current Xen.
 *
 * Concurrency: a vCPU's fields here change only on its own CPU with
 * interrupts off (its hypercalls, and timer interrupts while it runs or
 * waits), so they need no lock.
 */
#ifndef XENOLITH_VCPU_TIME_H
#define XENOLITH_VCPU_TIME_H

#include <xenolith/compiler.h>
#include <xenolith/time.h>
#include <xenolith/types.h>
#include <xen/xen.h>
#include <xen/vcpu.h>

#define VCPU_DEFAULT_PERIOD  MILLISECS(10)     /* Xen 4.17 for PV vCPUs */
#define VCPU_MIN_PERIOD      MILLISECS(1)
#define VCPU_MAX_PERIOD      ((s_time_t)(~0ULL >> 2))  /* STIME_DELTA_MAX */

struct domain;
struct vcpu;

struct vcpu_time {
    struct timer singleshot;
    struct timer periodic;
    s_time_t period;                  /* 0: no periodic timer. */
    s_time_t last_periodic;           /* When it last sent an event. */
    uint64_t time_area;               /* Guest address, 0: none. */
    bool time_area_stale;             /* Record changed since last copy. */
    struct vcpu_runstate_info runstate;
    uint64_t runstate_area;           /* Guest address, 0: none. */
};

/*
 * Set up v's timers (the default periodic one armed), runstate and first
 * time record. Context: domain creation, on the CPU that will run v.
 */
void vcpu_time_init(struct vcpu *v);

/*
 * Publish the wallclock (wc_*) in d's shared_info: the platform's, plus
 * d->time_offset_seconds (domctl settimeoffset), under the version
 * protocol. Context: creation, XENPF_settime, settimeoffset; takes the
 * wallclock lock.
 */
void domain_wallclock_init(struct domain *d);

/*
 * Rewrite v's vcpu_time_info from the clock now; the guest copy becomes
 * stale. Context: any, on v's CPU, interrupts off.
 */
void vcpu_time_update(struct vcpu *v);

/*
 * Copy the record to v's registered time area if stale. Failures are
 * ignored (Xen: the area is best effort). Context: v running in guest
 * kernel mode, its page tables loaded (hypercall, or the exit path).
 */
void vcpu_time_flush_area(struct vcpu *v);

/*
 * VCPUOP_register_vcpu_time_memory_area: the guest address (0 to stop).
 * Returns -EFAULT if the range isn't a guest range, else 0, having copied
 * the current record there (as far as it is mapped). Context: hypercall.
 */
int __must_check vcpu_time_register_area(struct vcpu *v, uint64_t addr);

/* Singleshot timer to system time deadline (past: send now). */
void vcpu_set_singleshot_timer(struct vcpu *v, s_time_t deadline);
void vcpu_stop_singleshot_timer(struct vcpu *v);
/* Periodic timer every period ns (validated by the caller), 0 to stop. */
void vcpu_set_periodic_timer(struct vcpu *v, s_time_t period);

/*
 * v stops running until an event (block, poll): its periodic timer stops;
 * and starts again (the periodic timer catches up, the time record is
 * refreshed). Context: v's hypercall, interrupts off.
 */
void vcpu_timers_sleep(struct vcpu *v);
void vcpu_timers_wake(struct vcpu *v);

/*
 * Runstate. change: account the time since the last change to the old
 * state and enter state (RUNSTATE_*), then refresh the guest's area.
 * get: the current runstate, the ongoing state's time included.
 * register_area: -EFAULT if addr is not a guest range, else 0, having
 * copied the runstate there (best effort; 0 stops updates).
 * Context: hypercall of v (change, register), any (get).
 */
void runstate_init(struct vcpu *v);
void runstate_change(struct vcpu *v, int state);
void runstate_get(const struct vcpu *v, struct vcpu_runstate_info *out);
int __must_check runstate_register_area(struct vcpu *v, uint64_t addr);

/*
 * HYPERVISOR_set_timer_op lives in vcpu_timer.c; vcpu_op in vcpu_op.c.
 *
 * Arch hooks (hv/arch/x86/time/pvclock.c and rtc.c):
 * arch_time_stamp: fill tsc_timestamp, system_time, tsc_to_system_mul,
 * tsc_shift and flags (not version) from one TSC read. Context: any.
 * arch_wallclock_at_boot: the wallclock at system time 0, read from the
 * platform clock on first use; 0 if the clock is unreadable.
 * Context: any after time_init().
 */
void arch_time_stamp(struct vcpu_time_info *t);
void arch_wallclock_at_boot(uint64_t *sec, uint32_t *nsec);
/*
 * The wallclock was sec.nsec when system time was system_time (dom0's
 * XENPF_settime): what arch_wallclock_at_boot() answers from now on.
 */
void arch_wallclock_set(uint64_t sec, uint32_t nsec, s_time_t system_time);

#endif /* XENOLITH_VCPU_TIME_H */
