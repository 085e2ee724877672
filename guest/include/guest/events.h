/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Event delivery to a PV guest: the event callback registered with
 * CALLBACKOP_register (xen/include/public/callback.h) and the two-level
 * pending scan over shared_info (xen/include/public/xen.h, "Event
 * channels"). Events stay masked (vcpu_info.evtchn_upcall_mask) unless a
 * test unmasks them.
 */
#ifndef GUEST_EVENTS_H
#define GUEST_EVENTS_H

#include <guest/xen.h>

/*
 * Register the event and failsafe callbacks. Context: boot. Panics if the
 * hypervisor refuses.
 */
void guest_events_init(void);

/*
 * The event callback's work: clear upcall_pending, then every pending and
 * unmasked port, counting them. Context: event callback (events masked).
 */
void guest_events_handle(void);

/* Number of ports the callback has consumed so far. */
unsigned long guest_events_count(void);

/* Address of the entry stubs, for tests that register them again. */
void guest_event_entry(void);
void guest_failsafe_entry(void);

#endif /* GUEST_EVENTS_H */
