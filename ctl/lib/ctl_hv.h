/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * How the toolstack reaches the hypervisor from dom0's user space: an ops
 * table, so that the domain builder and the xl commands run unchanged
 * against Linux's devices (ctl_hv_linux.c: /dev/xen/privcmd for
 * hypercalls and foreign mappings, /dev/xen/evtchn for event channels)
 * or against a fake hypervisor in the unit tests.
 *
 * Every operation returns 0 (or a hypercall's non-negative result) or a
 * negative errno (Linux's numbers, which equal Xen's for every error a
 * hypercall returns here). Typed wrappers for the hypercalls follow the
 * table; they fill in interface versions and never retry.
 */
#ifndef CTL_LIB_CTL_HV_H
#define CTL_LIB_CTL_HV_H

#include <stdint.h>

#include <xen/xen.h>
#include <xen/domctl.h>
#include <xen/event_channel.h>
#include <xen/sysctl.h>

struct ctl_hv {
    /*
     * Hypercall op with up to five arguments (pointers are to this
     * process's memory, which must stay resident: xl_main mlocks it).
     * Returns the hypercall's result or -errno.
     */
    long (*hypercall)(const struct ctl_hv *hv, unsigned int op, uint64_t a1,
                      uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5);

    /*
     * Map n frames of domain domid, read-write, contiguously: for a PV
     * domain the frame numbers are machine frames (MMAPBATCH_V2). Returns
     * the mapping, or NULL with *rc set (the first frame's error if one
     * frame failed).
     */
    void *(*map_foreign)(const struct ctl_hv *hv, domid_t domid,
                         const xen_pfn_t *mfns, unsigned int n, int *rc);
    /* Undo map_foreign (addr and n as returned and given). */
    void (*unmap_foreign)(const struct ctl_hv *hv, void *addr,
                          unsigned int n);

    /*
     * dom0's user-space event channels. evtchn_bind binds a local port to
     * remote_port of domain domid (an interdomain channel; the remote port
     * must be unbound and allocated for dom0). evtchn_wait waits up to
     * timeout_ms for one of the bound ports to fire or for input_fd (-1:
     * none) to become readable; it returns 1 and the fired port in *port
     * (unmasked again), 2 for input, 0 for a timeout, or -errno.
     */
    int (*evtchn_bind)(const struct ctl_hv *hv, domid_t domid,
                       evtchn_port_t remote_port, evtchn_port_t *local);
    int (*evtchn_notify)(const struct ctl_hv *hv, evtchn_port_t local);
    int (*evtchn_wait)(const struct ctl_hv *hv, int input_fd, int timeout_ms,
                       evtchn_port_t *port);
    void (*evtchn_unbind)(const struct ctl_hv *hv, evtchn_port_t local);

    void *priv;     /* the implementation's */
};

#define CTL_EVTCHN_TIMEOUT 0
#define CTL_EVTCHN_FIRED   1
#define CTL_EVTCHN_INPUT   2

/* domctl op->cmd on op->domain; sets interface_version. */
long ctl_domctl(const struct ctl_hv *hv, struct xen_domctl *op);

/* sysctl op->cmd; sets interface_version. */
long ctl_sysctl(const struct ctl_hv *hv, struct xen_sysctl *op);

/* HYPERVISOR_memory_op(cmd, arg). */
long ctl_memory_op(const struct ctl_hv *hv, unsigned int cmd, void *arg);

/* HYPERVISOR_event_channel_op(cmd, arg). */
long ctl_evtchn_op(const struct ctl_hv *hv, unsigned int cmd, void *arg);

/* HYPERVISOR_mmuext_op(ops, count, NULL, foreigndom). */
long ctl_mmuext_op(const struct ctl_hv *hv, struct mmuext_op *ops,
                   unsigned int count, domid_t foreigndom);

/* HYPERVISOR_sched_op(cmd, arg). */
long ctl_sched_op(const struct ctl_hv *hv, unsigned int cmd, void *arg);

/* HYPERVISOR_xen_version(cmd, arg). */
long ctl_xen_version(const struct ctl_hv *hv, unsigned int cmd, void *arg);

/*
 * domctl getdomaininfo for exactly domid (Xen answers with the next
 * domain at or above it): -ESRCH if domid itself does not exist.
 */
long ctl_domain_info(const struct ctl_hv *hv, domid_t domid,
                     struct xen_domctl_getdomaininfo *info);

/* A one-domain domctl without arguments (pause, unpause, destroy). */
long ctl_domctl_simple(const struct ctl_hv *hv, unsigned int cmd,
                       domid_t domid);

/*
 * domctl destroydomain, repeated while Xen answers -EAGAIN (it frees the
 * domain's memory in preemptible steps), as libxc's xc_domain_destroy.
 */
long ctl_domain_destroy(const struct ctl_hv *hv, domid_t domid);

#endif /* CTL_LIB_CTL_HV_H */
