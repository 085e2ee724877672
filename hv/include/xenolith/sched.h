/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Waking vCPUs that wait in SCHEDOP_block or SCHEDOP_poll (hv/common/
 * sched_op.c). One vCPU runs per CPU, so waiting is halting that CPU with
 * interrupts on until something clears v->events.blocked; the scheduler
 * of issue 5 replaces the halt with a switch to another vCPU.
 */
#ifndef XENOLITH_SCHED_H
#define XENOLITH_SCHED_H

#include <xenolith/types.h>
#include <xen/xen.h>
#include <xen/event_channel.h>

struct domain;
struct vcpu;

/* End v's block or poll. Context: any, interrupts off. */
void vcpu_kick(struct vcpu *v);

/*
 * port of d just became pending: wake the vCPUs polling it (or polling
 * several ports), as Xen's evtchn_check_pollers(). Context: any,
 * interrupts off.
 */
void sched_wake_pollers(struct domain *d, evtchn_port_t port);

/* Prepare v's poll timeout timer. Context: vCPU creation. */
void sched_vcpu_init(struct vcpu *v);

#endif /* XENOLITH_SCHED_H */
