/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * HYPERVISOR_memory_op (xen/include/public/memory.h): the common handler
 * (hv/common/memory_op.c), the reservation operations it runs
 * (hv/common/memory/reservation.c) and the sub-ops the architecture
 * answers (hv/arch/x86/mm/arch_memory_op.c). Semantics are Xen 4.17's
 * xen/common/memory.c and xen/arch/x86/mm.c, checked against the
 * reference Xen by tests/guest/memory_op.
 *
 * A PV domain's "guest frame numbers" are machine frame numbers: it sees
 * machine frames in its page tables, so increase_reservation hands it
 * MFNs and decrease_reservation takes MFNs back.
 */
#ifndef XENOLITH_MEMORY_OP_H
#define XENOLITH_MEMORY_OP_H

#include <xenolith/compiler.h>
#include <xenolith/types.h>
#include <xen/memory.h>

struct domain;

/* Xen 4.17's largest extent order for a control domain, and for others. */
#define MEMOP_MAX_ORDER_PRIVILEGED 18   /* CONFIG_CTLDOM_MAX_ORDER */
#define MEMOP_MAX_ORDER_DOMU       9    /* CONFIG_DOMU_MAX_ORDER */

/* One increase/decrease/populate request, decoded (Xen's memop_args). */
struct memop_args {
    struct domain *d;            /* The domain whose memory changes. */
    uint64_t extent_list;        /* Guest address of xen_pfn_t[]; 0: none. */
    unsigned int nr_extents;
    unsigned int extent_order;
    uint64_t mfn_limit;          /* Extents must lie below this frame. */
    bool no_memory;              /* Exact request for a node we lack. */
    bool populate_on_demand;     /* XENMEMF_populate_on_demand given. */
    unsigned int nr_done;        /* In: first extent; out: extents done. */
};

/*
 * Decode r's flags into a (whose d the caller has set): address bits and
 * NUMA node, as Xen's construct_memop_from_reservation(). Returns 0, or
 * -EINVAL (address bits of 12 or fewer; a node beyond the 64 Xen allows;
 * an exact node request from an unprivileged caller), leaving a partly
 * filled. Pure, but reads the calling domain's privilege. Context:
 * hypercall.
 */
int __must_check
memop_decode_reservation(const struct xen_memory_reservation *r,
                         struct memop_args *a);

/* Largest extent order the calling domain may ask for (Xen: max_order()). */
unsigned int memop_max_order(const struct domain *caller);

/*
 * The domain a memory_op names (DOMID_SELF or an id; Xen:
 * rcu_lock_domain_by_any_id()), referenced (the caller puts it), or NULL.
 * Context: hypercall.
 */
struct domain *memop_domain(domid_t domid);

/* Xen's XSM_TARGET default: oneself, or anyone for a privileged caller. */
bool memop_may_target(const struct domain *d);

/*
 * The reservation operations on extents [a->nr_done, a->nr_extents) of
 * a->extent_list, for the calling vCPU. Each stops at the first extent it
 * cannot do and leaves in a->nr_done the index of that extent (all of
 * them done: nr_extents), which memory_op returns. Like Xen they stop
 * without doing anything if the order is too large for the caller or the
 * list's range is not guest memory; an unreadable or unwritable entry
 * stops them at that extent.
 *  - increase: allocate extents, writing each first MFN to the list
 *    (unless the list is NULL). An extent whose MFN cannot be written back
 *    is freed again (Xen leaves it to the domain; XEN-DIFFERENCES.md).
 *  - decrease: give back the extents whose first MFNs the list holds,
 *    frame by frame: each loses its allocation reference and is freed
 *    once nothing maps or uses it (domain_free_page()). A frame that is
 *    not a valid frame of the domain stops it (frames of that extent
 *    before it are already given back, as in Xen).
 *  - populate: as increase, the list holding the pseudo-physical frame
 *    of each extent on entry and its first MFN on return.
 * Context: hypercall. Takes the domain's page_alloc_lock and heap_lock.
 */
void memop_increase_reservation(struct memop_args *a);
void memop_decrease_reservation(struct memop_args *a);
void memop_populate_physmap(struct memop_args *a);

/*
 * XENMEM_exchange (hv/common/memory/exchange.c), arg the guest address of
 * a struct xen_memory_exchange, as Xen 4.17's memory_exchange(): frames
 * of in.domid named by in.extent_start (machine frames for a PV domain,
 * each with nothing but its allocation holding it: not mapped, not typed)
 * are given back, and as many new ones handed out in extents of
 * out.extent_order below out.mem_flags' address bits, their first MFNs
 * written over out.extent_start (which held the pseudo-physical frames
 * to put in the M2P for them). Returns 0, or -EFAULT (argument or list
 * unreadable, or nr_exchanged unwritable), -EPERM (an order above the
 * caller's maximum, or no permission), -EINVAL (inconsistent sizes or
 * domains, a frame that is not the domain's or still referenced, more
 * frames than the domain owns), -ESRCH (no such domain), -ENOMEM (no
 * memory below the limit). Unless the argument was unreadable, or nothing
 * was left to do, nr_exchanged is written back: the input extents of the
 * chunks committed. Context: hypercall. Takes the domain's
 * page_alloc_lock and heap_lock.
 */
long memop_exchange(uint64_t arg);

/*
 * The memory_op sub-ops the architecture answers: cmd as the guest gave
 * it (sub-op and start-extent bits), arg its guest address. Returns the
 * sub-op's result, -ENOSYS for an unknown cmd (with start-extent bits set
 * nothing is known, as in Xen). Context: hypercall.
 */
long arch_memory_op(unsigned long cmd, uint64_t arg);

/*
 * XENMEM_maximum_gpfn of d. For a PV domain Xen answers from the max_pfn
 * the guest itself keeps in shared_info (arch.max_pfn, a count of frames):
 * max_pfn - 1, or 0 while it is 0. Context: any.
 */
long arch_domain_max_gpfn(const struct domain *d);

#endif /* XENOLITH_MEMORY_OP_H */
