/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Scheduling vCPUs (hv/common/sched/core.c), the part everyone else sees;
 * policies see xenolith/sched_if.h.
 *
 * The model. A vCPU is runnable when it has a context (is_initialised),
 * is not blocked (SCHEDOP_block/poll), and neither it nor its domain is
 * paused or shut down. Whoever changes one of those inputs calls
 * vcpu_sched_update(), which tells the policy (wake or sleep) when the
 * answer changed, and asks for a reschedule when the policy says so.
 *
 * Switching happens in one place only: on the way back to a guest
 * (sched_exit_to_guest(), called with the frame at the top of the CPU's
 * stack, where a vCPU's registers live while it runs). A hypercall that
 * blocks therefore returns normally; its vCPU is switched out before the
 * IRET, so no hypervisor stack frame ever belongs to a vCPU that is not
 * running, and the CPU's one stack serves every vCPU. With nothing
 * runnable the CPU idles right there (interrupts on, halted) until a
 * wake-up.
 */
#ifndef XENOLITH_SCHED_H
#define XENOLITH_SCHED_H

#include <xenolith/compiler.h>
#include <xenolith/types.h>
#include <xen/xen.h>
#include <xen/event_channel.h>

struct domain;
struct trap_frame;
struct vcpu;
struct xen_domctl_scheduler_op;

/* Set up the scheduler and this CPU's run queue. Context: boot. */
void sched_init(void);

/*
 * The policy's state for a new domain / vCPU (a vCPU starts not
 * runnable: no context yet). Return 0 or -ENOMEM. The destroy functions
 * undo them; the vCPU must not be running. Context: domain creation and
 * destruction.
 */
int __must_check sched_init_domain(struct domain *d);
int __must_check sched_init_vcpu(struct vcpu *v);
void sched_destroy_vcpu(struct vcpu *v);
void sched_destroy_domain(struct domain *d);

/*
 * One of v's runnability inputs changed: tell the policy if the answer
 * did, and reschedule if it says so. Context: any, interrupts any; takes
 * the scheduler lock of v's CPU.
 */
void vcpu_sched_update(struct vcpu *v);

/* End v's block or poll (an event or a timeout). Context: any. */
void vcpu_kick(struct vcpu *v);

/*
 * Keep v (or every vCPU of d) off the CPU until the matching unpause;
 * pauses nest. With one CPU, a vCPU other than the caller's is never on
 * a CPU while its pauser runs, so pausing returns with it stopped (SMP
 * will have to wait for it, as Xen's vcpu_sleep_sync()).
 */
void vcpu_pause(struct vcpu *v);
void vcpu_unpause(struct vcpu *v);
void domain_pause(struct domain *d);
void domain_unpause(struct domain *d);

/* This CPU should choose again before it returns to a guest. */
void sched_raise(void);

/*
 * On the way back to a guest, f = guest_regs() of the running vCPU (or of
 * none, at start): switch to what the policy chooses if a reschedule was
 * asked for, idling while nothing is runnable. Returns with current the
 * vCPU whose registers are now in f. Context: interrupts off.
 */
void sched_exit_to_guest(struct trap_frame *f);

/* Run the first vCPU the policy chooses on this CPU. Context: boot. */
void sched_start(void) __noreturn;

/* SCHEDOP_yield for v = current. */
void sched_yield(struct vcpu *v);

/* XEN_DOMCTL_scheduler_op on d: op is the hypervisor's copy. */
long sched_adjust(struct domain *d, struct xen_domctl_scheduler_op *op);

/* The policy's XEN_SCHEDULER_* number (sysctl sched_id). */
unsigned int sched_id(void);

/*
 * port of d just became pending: wake the vCPUs polling it (or polling
 * several ports), as Xen's evtchn_check_pollers(). Context: any,
 * interrupts off.
 */
void sched_wake_pollers(struct domain *d, evtchn_port_t port);

/* Prepare v's poll timeout timer. Context: vCPU creation. */
void sched_vcpu_init(struct vcpu *v);

#endif /* XENOLITH_SCHED_H */
