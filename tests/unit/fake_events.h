/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The world around hv/common/event/ for host tests: the fake calling guest
 * (fake_guest.h) as one domain, a second domain FAKE_OTHER_ID with one
 * vCPU, the allocator, and recorders for the scheduler's wake-ups. The
 * second domain is found by domain_get_by_id() only after
 * fake_events_add_other(), so tests of one domain see no other.
 */
#ifndef TESTS_UNIT_FAKE_EVENTS_H
#define TESTS_UNIT_FAKE_EVENTS_H

#include "fake_guest.h"

#define FAKE_OTHER_ID 4

extern struct domain fake_other;
extern shared_info_t fake_shared, fake_other_shared;

/* vcpu_kick() and sched_wake_pollers() calls, and the last polled port. */
extern unsigned int fake_kicks, fake_poll_wakes;
extern evtchn_port_t fake_last_poll_port;
/* Last vCPU kicked. */
extern struct vcpu *fake_last_kicked;

/* What domain_paused_by_controller() answers for fake_other. */
extern bool fake_other_paused;

/*
 * Destroy both port tables, make the calling guest domid (privileged or
 * not) with a fresh table and shared_info, the other domain unregistered
 * with a fresh table, and clear the recorders.
 */
void fake_events_reset(domid_t domid, bool privileged);

/* Let domain_get_by_id(FAKE_OTHER_ID) find fake_other. */
void fake_events_add_other(void);

#endif /* TESTS_UNIT_FAKE_EVENTS_H */
