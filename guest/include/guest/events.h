/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Event delivery to a PV guest: the event callback registered with
 * CALLBACKOP_register (xen/include/public/callback.h), the two-level
 * pending scan over shared_info (xen/include/public/xen.h, "Event
 * channels") and typed wrappers of HYPERVISOR_event_channel_op
 * (xen/include/public/event_channel.h).
 *
 * Events stay masked (vcpu_info.evtchn_upcall_mask) unless a test unmasks
 * them. The hypervisor delivers a pending event only on its way back to the
 * guest, so unmasking with an event already pending needs a hypercall to
 * see it delivered (guest_events_enable() makes one, as Linux's
 * xen_force_evtchn_callback() does).
 *
 * The callback records, per port, how many times it consumed that port,
 * and whether the hypervisor had masked events on entry as the ABI says.
 */
#ifndef GUEST_EVENTS_H
#define GUEST_EVENTS_H

#include <guest/xen.h>

/* Ports the delivery record tracks; higher ports are only counted. */
#define GUEST_EVENTS_TRACKED_PORTS 4096

/*
 * Register the event and failsafe callbacks. Context: boot. Panics if the
 * hypervisor refuses.
 */
void guest_events_init(void);

/*
 * The event callback's work: clear upcall_pending, then every pending and
 * unmasked port, recording each. Context: event callback (events masked).
 */
void guest_events_handle(void);

/*
 * Consume what is pending as the callback would (recording the ports),
 * outside it: with events masked, to start from a clean state.
 */
void guest_events_consume(void);

/* Number of ports consumed so far. */
unsigned long guest_events_count(void);

/* Number of times the event callback ran. */
unsigned long guest_events_upcalls(void);

/* Times the callback consumed port (0 for untracked ports). */
unsigned int guest_events_port_count(evtchn_port_t port);

/* Callbacks entered with evtchn_upcall_mask clear (the ABI says never). */
unsigned long guest_events_unmasked_entries(void);

/*
 * Call hook(port) for every port the event callback consumes, inside the
 * callback (events masked); NULL removes it.
 */
void guest_events_on_port(void (*hook)(evtchn_port_t port));

/* Forget the per-port counts (the totals above keep counting). */
void guest_events_forget(void);

/*
 * The vcpu_info of vCPU 0 in use: in shared_info until the test moves it
 * with VCPUOP_register_vcpu_info and calls guest_events_use_vcpu_info().
 */
struct vcpu_info *guest_events_vcpu_info(void);
void guest_events_use_vcpu_info(struct vcpu_info *vi);

/* Clear evtchn_upcall_mask, then have pending events delivered. */
void guest_events_enable(void);
/* Set evtchn_upcall_mask. */
void guest_events_disable(void);

/* Port bits in shared_info. */
bool guest_evtchn_is_pending(evtchn_port_t port);
bool guest_evtchn_is_masked(evtchn_port_t port);
void guest_evtchn_mask(evtchn_port_t port);
void guest_evtchn_clear(evtchn_port_t port);

/*
 * EVTCHNOP wrappers: 0 (and the port) or the hypervisor's negative errno.
 * Ports are written only on success.
 */
int guest_evtchn_alloc_unbound(domid_t remote_dom, evtchn_port_t *port);
int guest_evtchn_bind_virq(uint32_t virq, uint32_t vcpu, evtchn_port_t *port);
int guest_evtchn_bind_ipi(uint32_t vcpu, evtchn_port_t *port);
int guest_evtchn_bind_loopback(evtchn_port_t remote, evtchn_port_t *port);
int guest_evtchn_send(evtchn_port_t port);
int guest_evtchn_close(evtchn_port_t port);
int guest_evtchn_unmask(evtchn_port_t port);
int guest_evtchn_bind_vcpu(evtchn_port_t port, uint32_t vcpu);
int guest_evtchn_status(evtchn_port_t port, struct evtchn_status *status);

/*
 * Block (SCHEDOP_poll) until port is pending, then clear it and return
 * true; false once system time reaches deadline (GUEST_TIME_NEVER: wait
 * for ever). Events may stay masked: poll needs no upcall.
 */
#define GUEST_TIME_NEVER (~0ULL >> 2)
bool guest_evtchn_wait(evtchn_port_t port, uint64_t deadline);

/* Address of the entry stubs, for tests that register them again. */
void guest_event_entry(void);
void guest_failsafe_entry(void);

#endif /* GUEST_EVENTS_H */
