/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The domctl commands, one handler each, called by do_domctl()
 * (domctl.c) after it has fetched the op, checked the caller's rights,
 * looked up the target domain d and applied the self rule, with the
 * domctl lock held. A handler validates every other field of op itself,
 * changes nothing when it fails, and may write results into op, which the
 * dispatcher copies back when the command's entry says so. Returns 0 or a
 * negative Xen errno. Semantics: Xen 4.17's do_domctl() and
 * arch_do_domctl() (xen/common/domctl.c, xen/arch/x86/domctl.c).
 */
#ifndef CONTROL_DOMCTL_OPS_H
#define CONTROL_DOMCTL_OPS_H

#include <xenolith/control.h>

struct domain;

/*
 * domctl_domain.c. getdomaininfo takes d == NULL: it walks the registry
 * itself from op->domain (-EINVAL for a reserved id, -ESRCH when no
 * domain is at or above it). setdomainhandle and settimeoffset store what
 * they are given (any value is valid). set_address_size: 64 is the
 * domain's width (0); 32 would switch it to the compat ABI, which Xenolith
 * lacks (-EOPNOTSUPP, as Xen without 32-bit PV); anything else -EINVAL.
 * get_address_size: 64.
 */
long domctl_getdomaininfo(struct domain *d, struct xen_domctl *op);
long domctl_setdomainhandle(struct domain *d, struct xen_domctl *op);
long domctl_settimeoffset(struct domain *d, struct xen_domctl *op);
long domctl_set_address_size(struct domain *d, struct xen_domctl *op);
long domctl_get_address_size(struct domain *d, struct xen_domctl *op);

/*
 * domctl_memory.c. max_mem: max_pages from KiB (rounded down, at most
 * 2^32 - 1 as Xen's 32-bit field); below tot_pages is allowed (the domain
 * may then only give memory back). getpageframeinfo3: the type of each of
 * num (at most 1024, else -E2BIG) frames in the guest array, in place;
 * -EFAULT if the array cannot be read or written (entries before the bad
 * one are done). shadow_op: Xen's answers for a PV domain that is not in
 * shadow mode, see the file.
 */
long domctl_max_mem(struct domain *d, struct xen_domctl *op);
long domctl_getpageframeinfo3(struct domain *d, struct xen_domctl *op);
long domctl_shadow_op(struct domain *d, struct xen_domctl *op);

/*
 * domctl_vcpu.c. getvcpuinfo: online, blocked, running, CPU time and CPU
 * of one vCPU; -EINVAL for an id at or above max_vcpus, -ESRCH for an id
 * without a vCPU.
 */
long domctl_getvcpuinfo(struct domain *d, struct xen_domctl *op);

/*
 * setvcpucontext: vCPU op->u.vcpucontext.vcpu of d gets the context at
 * ctxt (arch_set_info_guest(): its checks and errors), d paused meanwhile;
 * a NULL ctxt resets the vCPU (no context: it cannot run). -EINVAL for a
 * vCPU that does not exist, -EFAULT for an unreadable context.
 * getvcpucontext: the context written to ctxt; -EINVAL (no such vCPU, or
 * the caller's own), -ENODATA (no context yet), -EFAULT (unwritable).
 */
long domctl_setvcpucontext(struct domain *d, struct xen_domctl *op);
long domctl_getvcpucontext(struct domain *d, struct xen_domctl *op);

/*
 * domctl_lifecycle.c. pausedomain: one more controller pause (-EOVERFLOW
 * past 255, Xen's bound); the domain's vCPUs are off the CPU when it
 * returns. unpausedomain: one less (-EINVAL if the controller holds none).
 * scheduler_op: the policy's getinfo/putinfo (-EINVAL for another
 * policy's sched_id or an unknown cmd; the policy checks the values).
 */
long domctl_pausedomain(struct domain *d, struct xen_domctl *op);

/*
 * domctl_create.c. createdomain (d is NULL): a new domain from
 * op->u.createdomain, checked as Xen 4.17 on a PV-only host (-EINVAL for
 * unknown or unavailable flags, HVM, IOMMU or vPMU requests, no vCPU or
 * more than MAX_DOMAIN_VCPUS, processor trace, a grant version 0 or above
 * 2, 0 grant frames, unknown misc flags or emulation bits; -EOPNOTSUPP
 * for emulation a PV domain can't have; -ENOENT for a cpupool but 0),
 * its id from domid_choose() (-EEXIST, -ENOMEM); it starts paused by the
 * controller, with no vCPU and no memory; op->domain gets its id.
 * max_vcpus: create the vCPUs, op->u.max_vcpus.max of them, which must be
 * createdomain's max_vcpus (-EINVAL), not initialised (-ENOMEM: those
 * made stay). destroydomain: domain_kill(); PT_ERESTART asks the
 * dispatcher for a continuation.
 */
long domctl_createdomain(struct domain *d, struct xen_domctl *op);
long domctl_max_vcpus(struct domain *d, struct xen_domctl *op);
long domctl_destroydomain(struct domain *d, struct xen_domctl *op);
long domctl_unpausedomain(struct domain *d, struct xen_domctl *op);
long domctl_scheduler_op(struct domain *d, struct xen_domctl *op);

/* domctl_hypercall_init.c: the hypercall page into a frame of d. */
long domctl_hypercall_init(struct domain *d, struct xen_domctl *op);

#endif /* CONTROL_DOMCTL_OPS_H */
