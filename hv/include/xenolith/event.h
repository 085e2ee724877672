/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Event channels of a domain (xen/include/public/event_channel.h) over the
 * 2-level ABI (xenolith/evtchn_2l.h). Semantics and error codes are Xen
 * 4.17's (xen/common/event_channel.c), checked by tests/guest/evtchn.
 *
 * Model: a domain has up to EVTCHN_2L_NR_PORTS ports. Each is free,
 * reserved (port 0, never handed out, as Xen 4.17), unbound (waiting for a
 * remote domain), interdomain (connected to a port; today only loopback
 * within one domain), a VIRQ (the hypervisor sends on it) or an IPI (the
 * domain sends to one of its vCPUs). A port notifies one vCPU. Port
 * structures are allocated in buckets of EVTCHNS_PER_BUCKET, lowest free
 * port first; a port is "valid" (not -EINVAL) once its bucket exists,
 * exactly as in Xen, so a guest sees the same errors on both.
 *
 * Locking: d->event_lock, IRQ-safe (VIRQs are sent from timer interrupts),
 * protects the port table and every vCPU's events.virq_to_evtchn. The
 * shared bitmaps are changed with atomic operations under it.
 *
 * Functions taking a domain work on that domain; the hypercall wrapper
 * (evtchn_op.c) resolves DOMID_SELF and refuses other domains (-ESRCH).
 * Context: hypercall, unless said otherwise. Nothing changes on failure.
 */
#ifndef XENOLITH_EVENT_H
#define XENOLITH_EVENT_H

#include <xenolith/compiler.h>
#include <xenolith/evtchn_2l.h>
#include <xenolith/time.h>
#include <xenolith/types.h>
#include <xen/xen.h>
#include <xen/event_channel.h>

#define EVTCHNS_PER_BUCKET 64
#define EVTCHN_NR_BUCKETS  (EVTCHN_2L_NR_PORTS / EVTCHNS_PER_BUCKET)

struct domain;
struct vcpu;
struct evtchn_table;
struct page_info;

/*
 * Per vCPU: VIRQ bindings (under d->event_lock) and the wait state of
 * SCHEDOP_block/poll (only changed with interrupts off on the vCPU's CPU:
 * by the vCPU itself and by interrupts that wake it).
 */
struct vcpu_events {
    evtchn_port_t virq_to_evtchn[NR_VIRQS];   /* 0: not bound. */
    bool blocked;                 /* Waiting in block or poll. */
    bool polling;                 /* In SCHEDOP_poll. */
    int poll_port;                /* The one port polled, or -1: any. */
    struct timer poll_timer;      /* SCHEDOP_poll's timeout. */
    struct page_info *vcpu_info_page; /* register_vcpu_info: held frame. */
};

/*
 * Give d its port table (one bucket, port 0 reserved). Context: domain
 * creation. Returns 0 or -ENOMEM (nothing allocated).
 */
int __must_check evtchn_domain_init(struct domain *d);

/*
 * Free d's port table. The domain must be past using it (dying, or never
 * started). Context: domain destruction.
 */
void evtchn_domain_destroy(struct domain *d);

/*
 * The sub-operations. Each validates its port and vCPU arguments and
 * returns Xen's errno: -EINVAL for a port that is not valid or in the
 * wrong state, -ENOENT for a missing vCPU, -ENOSPC with every port in
 * use, -ENOMEM when a bucket can't be allocated.
 */
int __must_check evtchn_alloc_unbound(struct domain *d, domid_t remote_dom,
                                      evtchn_port_t *port);
/* -EINVAL: virq >= NR_VIRQS or a global VIRQ on a vCPU other than 0;
 * -EEXIST: already bound on that vCPU. */
int __must_check evtchn_bind_virq(struct domain *d, uint32_t virq,
                                  uint32_t vcpu_id, evtchn_port_t *port);
int __must_check evtchn_bind_ipi(struct domain *d, uint32_t vcpu_id,
                                 evtchn_port_t *port);
/* Connect a new port to d's own unbound port remote (which must name d as
 * its remote domain); the new port is left pending, as in Xen. */
int __must_check evtchn_bind_loopback(struct domain *d, evtchn_port_t remote,
                                      evtchn_port_t *port);
int __must_check evtchn_close(struct domain *d, evtchn_port_t port);
/* Unbound: dropped (0). VIRQ, free or reserved ports: -EINVAL. */
int __must_check evtchn_send(struct domain *d, evtchn_port_t port);
/* Fills status->status, vcpu and u from status->port. */
int __must_check evtchn_status(struct domain *d, struct evtchn_status *status);
/* Unbound, interdomain and global-VIRQ ports only, else -EINVAL. */
int __must_check evtchn_bind_vcpu(struct domain *d, evtchn_port_t port,
                                  uint32_t vcpu_id);
int __must_check evtchn_unmask(struct domain *d, evtchn_port_t port);
/* 2-level has no priorities: -ENOSYS for a valid port. */
int __must_check evtchn_set_priority(struct domain *d, evtchn_port_t port);
/* Close every port of d. */
int __must_check evtchn_reset(struct domain *d);

/*
 * Make port (a bound port of d) pending for the vCPU it notifies; mark that
 * vCPU's upcall and wake pollers as needed. For the VIRQ and send paths.
 * Context: any; the caller holds d->event_lock.
 */
void evtchn_set_pending_locked(struct domain *d, evtchn_port_t port);

/* Is port (< EVTCHN_2L_NR_PORTS) pending? Context: any. */
bool evtchn_port_is_pending(const struct domain *d, evtchn_port_t port);

/* Is virq one of those bound only on vCPU 0 (all but timer, debug, ...)? */
bool virq_is_global(uint32_t virq);

/*
 * Send VIRQ virq (a per-vCPU one) to v, if v has bound it. Context: any
 * (timer interrupts); takes d->event_lock.
 */
void send_guest_vcpu_virq(struct vcpu *v, uint32_t virq);

/*
 * Send global VIRQ virq to d, if d has bound it: the port notifies the
 * vCPU it is bound to (vCPU 0, or the one EVTCHNOP_bind_vcpu chose).
 * Context: any (device interrupts); takes d->event_lock.
 */
void send_guest_global_virq(struct domain *d, uint32_t virq);

/*
 * Set v's evtchn_upcall_pending; wake v if that changed it. Context: any,
 * d->event_lock held or not.
 */
void vcpu_mark_events_pending(struct vcpu *v);

#endif /* XENOLITH_EVENT_H */
