/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The 2-level event channel ABI's bits (xen/include/public/xen.h, "Event
 * channels"): a port is pending while its bit in shared_info's
 * evtchn_pending is set and masked while its bit in evtchn_mask is; a
 * vCPU's evtchn_pending_sel has one bit per word of evtchn_pending that
 * holds an unmasked pending port notified to it, and evtchn_upcall_pending
 * says "look at the selector". 64-bit guests: 4096 ports, 64 words of 64.
 *
 * Setting follows Xen 4.17 (xen/common/event_2l.c) in its strict order:
 * the port bit, then (if unmasked) the selector bit, then upcall_pending;
 * each step only if the previous one changed something, so a guest that
 * clears them in the reverse order never loses an event. Every access is
 * an atomic read-modify-write: the guest changes these words at any time.
 *
 * Pure (no locks, no hardware): the caller holds d->event_lock and turns
 * the returned flags into a wake-up. Host tests: tests/unit/test_evtchn.c.
 */
#ifndef XENOLITH_EVTCHN_2L_H
#define XENOLITH_EVTCHN_2L_H

#include <xenolith/compiler.h>
#include <xenolith/types.h>
#include <xen/xen.h>
#include <xen/event_channel.h>

#define EVTCHN_2L_BITS_PER_WORD (8 * sizeof(xen_ulong_t))
#define EVTCHN_2L_NR_PORTS \
    (EVTCHN_2L_BITS_PER_WORD * EVTCHN_2L_BITS_PER_WORD)

/* evtchn_2l_set_pending() results. */
#define EVTCHN_2L_NEWLY_PENDING  (1u << 0)  /* The port bit was clear. */
#define EVTCHN_2L_NOTIFY         (1u << 1)  /* A selector bit went 0 -> 1: */
                                            /* mark the vCPU's upcall. */

/*
 * Make port pending for the vCPU whose vcpu_info is vi. Returns
 * EVTCHN_2L_* flags. port < EVTCHN_2L_NR_PORTS (the caller checked).
 */
unsigned int evtchn_2l_set_pending(shared_info_t *s, struct vcpu_info *vi,
                                   evtchn_port_t port);

/* Clear port's pending bit (a port being freed). */
void evtchn_2l_clear_pending(shared_info_t *s, evtchn_port_t port);

/*
 * Clear port's mask bit (EVTCHNOP_unmask). Returns true when that made a
 * pending port visible through a selector bit that was clear: mark the
 * upcall of the vCPU whose vcpu_info is vi.
 */
bool evtchn_2l_unmask(shared_info_t *s, struct vcpu_info *vi,
                      evtchn_port_t port);

bool evtchn_2l_is_pending(const shared_info_t *s, evtchn_port_t port);
bool evtchn_2l_is_masked(const shared_info_t *s, evtchn_port_t port);

/*
 * Set evtchn_upcall_pending. Returns true if it was clear (the vCPU must
 * be woken to notice).
 */
bool evtchn_2l_mark_upcall(struct vcpu_info *vi);

/* upcall_pending && !upcall_mask: the guest would take an upcall now. */
bool evtchn_2l_upcall_deliverable(const struct vcpu_info *vi);

#endif /* XENOLITH_EVTCHN_2L_H */
