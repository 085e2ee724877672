/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Event channels of a domain (xen/include/public/event_channel.h) over the
 * 2-level ABI (xenolith/evtchn_2l.h). Semantics and error codes are Xen
 * 4.17's (xen/common/event_channel.c), checked by tests/guest/evtchn.
 *
 * Model: a domain has ports 0 up to its maximum (createdomain's
 * max_evtchn_port; at most EVTCHN_2L_NR_PORTS - 1). Each is free,
 * reserved (port 0, never handed out, as Xen 4.17), unbound (reserved for
 * one remote domain, which may connect to it), interdomain (connected to
 * a port of another domain or of its own), a VIRQ (the hypervisor sends on
 * it) or an IPI (the domain sends to one of its vCPUs). A port notifies
 * one vCPU. Port structures are allocated in buckets of
 * EVTCHNS_PER_BUCKET, lowest free port first; a port is "valid" (not
 * -EINVAL) once its bucket exists, exactly as in Xen, so a guest sees the
 * same errors on both.
 *
 * Locking: d->event_lock, IRQ-safe (VIRQs are sent from timer interrupts),
 * protects the port table and every vCPU's events.virq_to_evtchn. The
 * shared bitmaps are changed with atomic operations under it. Both ends
 * of an interdomain channel change only with both domains' locks, taken
 * lower domid first (details: hv/common/event/evtchn_table.h).
 *
 * Functions taking a domain work on that domain's ports and check no
 * permission: the hypercall wrapper (evtchn_op.c) resolves DOMID_SELF,
 * finds other domains and decides who may act on which (Xen's default
 * XSM policy: a domain on itself, the control domain on any).
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
/* A new domain's maximum port: every port of the 2-level ABI (Xen's dom0). */
#define EVTCHN_DEFAULT_MAX_PORT (EVTCHN_2L_NR_PORTS - 1)

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
 * Give d its port table (one bucket, port 0 reserved), with maximum port
 * EVTCHN_DEFAULT_MAX_PORT. Context: domain creation. Returns 0 or -ENOMEM
 * (nothing allocated).
 */
int __must_check evtchn_domain_init(struct domain *d);

/*
 * Set the highest port d may be given (XEN_DOMCTL_createdomain's
 * max_evtchn_port; values past INT_MAX are INT_MAX, as in Xen 4.17, and
 * anything from 4095 up means every port of the 2-level ABI). Allocation
 * past it is -ENOSPC; ports already bound stay. Context: domain creation,
 * after evtchn_domain_init(), before the domain runs. Takes d->event_lock.
 */
void evtchn_set_max_port(struct domain *d, uint32_t max_port);

/*
 * Tear down d's ports (Xen's evtchn_destroy() and evtchn_destroy_final()):
 * refuse new ports of d and new bindings to its ports (-EINVAL, Xen's
 * answer for a dying domain), close every port, so that the remote end of
 * each interdomain channel becomes unbound, reserved for d's id, forget d
 * as a global VIRQ handler, and free the table. Afterwards every
 * operation on d's ports is -EINVAL; calling it again does nothing.
 * Context: domain destruction, d paused (its vCPUs run no hypercall), its
 * vCPUs and shared_info still allocated, no lock held. Other domains may
 * keep running and sending: their interdomain ports to d are disconnected
 * under both locks. Takes d->event_lock and, one by one, its peers'.
 */
void evtchn_domain_destroy(struct domain *d);

/*
 * The sub-operations. Each validates its port and vCPU arguments and
 * returns Xen's errno: -EINVAL for a port that is not valid or in the
 * wrong state, -ENOENT for a missing vCPU, -ENOSPC with every port in
 * use, -ENOMEM when a bucket can't be allocated.
 */
/*
 * Allocate an unbound port of d that domain remote_domid (already
 * resolved from DOMID_SELF; need not exist) may bind to. -EINVAL: d dying.
 */
int __must_check evtchn_alloc_unbound(struct domain *d, domid_t remote_domid,
                                      evtchn_port_t *port);
/* -EINVAL: virq >= NR_VIRQS or a global VIRQ on a vCPU other than 0;
 * -EEXIST: already bound on that vCPU. */
int __must_check evtchn_bind_virq(struct domain *d, uint32_t virq,
                                  uint32_t vcpu_id, evtchn_port_t *port);
int __must_check evtchn_bind_ipi(struct domain *d, uint32_t vcpu_id,
                                 evtchn_port_t *port);
/*
 * Connect a new port of ld to rd's port rport (rd may be ld), which must
 * be unbound and reserved for ld's id, else -EINVAL (also when rd is
 * dying); ld's new port is left pending, as in Xen. -ENOSPC for a full ld
 * wins over a bad rport (Xen 4.17 allocates first). Takes both
 * event_locks, lower domid first.
 */
int __must_check evtchn_bind_interdomain(struct domain *ld, struct domain *rd,
                                         evtchn_port_t rport,
                                         evtchn_port_t *lport);
/*
 * Free port of d; the other end of an interdomain port becomes unbound,
 * reserved for d's id, keeping its notify vCPU and pending bit (Xen).
 * -EINVAL: invalid, free or reserved port. Takes d's lock and the peer's.
 */
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
/* Close every port of d (as evtchn_close() each). Always 0. */
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
 * Send system-wide global VIRQ virq (VIRQ_DOM_EXC, ...) to its handler:
 * the domain set by evtchn_set_global_virq_handler(), else the hardware
 * domain (dom0); delivered if that domain bound it, on the vCPU its port
 * notifies (Xen 4.17's send_global_virq()). A per-vCPU or out-of-range
 * virq is ignored. Context: any; takes the handlers' lock, then the
 * domain's event_lock.
 */
void send_global_virq(uint32_t virq);

/*
 * Make d the receiver of global VIRQ virq (XEN_DOMCTL_set_virq_handler).
 * Returns 0, or -EINVAL for a per-vCPU or out-of-range virq. A dying
 * domain is forgotten by evtchn_domain_destroy(). Context: hypercall.
 */
int __must_check evtchn_set_global_virq_handler(struct domain *d,
                                                uint32_t virq);

/*
 * Interface expected from the domain lifecycle (issue 5), stubbed in
 * hv/common/event/controller_pause.c until pausedomain exists: is d paused
 * by the control domain (Xen's d->controller_pause_count != 0)? Xen 4.17
 * resets another domain's ports only then (-EINVAL otherwise).
 */
bool domain_paused_by_controller(const struct domain *d);

/*
 * Set v's evtchn_upcall_pending; wake v if that changed it. Context: any,
 * d->event_lock held or not.
 */
void vcpu_mark_events_pending(struct vcpu *v);

#endif /* XENOLITH_EVENT_H */
