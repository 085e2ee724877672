/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Domains and vCPUs. Nothing in the hypervisor is "the guest": every piece
 * of guest state hangs off a struct domain or struct vcpu, so many domains
 * (issue 5) need no rewrite. Today one domain, dom0, with one vCPU runs.
 *
 * Memory ownership: a domain owns the frames on its page_list (owner field
 * in the frame table set to it, PGC_ALLOCATED with one general reference
 * held by the allocation). tot_pages counts them; max_pages bounds them.
 */
#ifndef XENOLITH_DOMAIN_H
#define XENOLITH_DOMAIN_H

#include <asm/domain.h>
#include <asm/percpu.h>
#include <xenolith/compiler.h>
#include <xenolith/frame_table.h>
#include <xenolith/spinlock.h>
#include <xenolith/types.h>
#include <xen/xen.h>

#define MAX_DOMAIN_VCPUS 1          /* One until SMP guests (issue 5+). */
#define GUEST_CONSOLE_LINE 256

struct vcpu {
    unsigned int vcpu_id;
    struct domain *domain;
    struct vcpu_info *vcpu_info;      /* In shared_info until re-registered. */
    struct arch_vcpu arch;
};

struct domain {
    domid_t domain_id;
    bool is_privileged;               /* dom0: SIF_PRIVILEGED */

    spinlock_t page_alloc_lock;       /* Protects the fields below. */
    struct page_info *page_list;      /* Owned frames, linked by list. */
    uint64_t tot_pages, max_pages;

    shared_info_t *shared_info;       /* A hypervisor page the domain may map. */
    mfn_t shared_info_mfn;

    struct vcpu *vcpus[MAX_DOMAIN_VCPUS];
    unsigned int max_vcpus;

    bool is_shutting_down;
    unsigned int shutdown_code;       /* SHUTDOWN_* */

    /*
     * Bit n set: the domain enabled VMASST_TYPE n (vm_assist hypercall,
     * hypercall/vm_assist.c, which lists the types accepted). Changed only
     * with atomic bit operations; readers test bits without a lock. Code
     * that a type changes honours it: runstate_update_flag (whoever writes
     * the runstate area), m2p_strict (the guest-visible M2P, issue 4).
     */
    unsigned long vm_assist;

    /* console_io output is collected per line so domains' lines don't mix. */
    char console_line[GUEST_CONSOLE_LINE];
    unsigned int console_len;

    struct arch_domain arch;
};

static inline struct vcpu *current_vcpu(void)
{
    return this_cpu()->curr_vcpu;
}
#define current current_vcpu()

/*
 * Create a domain with one vCPU and a zeroed shared_info page. Context: boot
 * (dom0) or domctl later. Returns 0 and *out, or -ENOMEM (nothing left).
 */
int domain_create(domid_t domid, bool privileged, struct domain **out);

/*
 * Allocate one frame for d, owned by it (PGC_ALLOCATED, one reference).
 * Returns NULL when d is at max_pages or memory is exhausted.
 */
struct page_info *domain_alloc_page(struct domain *d);

/* Is this frame owned by d? Context: any. */
bool page_owned_by(const struct page_info *pg, const struct domain *d);

/*
 * The guest asked to stop (SCHEDOP_shutdown) or must be stopped
 * (domain_crash). For dom0 this ends the machine, as in Xen. Never returns
 * to the guest when it stops the machine.
 */
void domain_shutdown(struct domain *d, unsigned int reason);

/* The domain's state can't be trusted: log why and shut it down (crash). */
void domain_crash(struct domain *d, const char *fmt, ...) __printf(2, 3);

#endif /* XENOLITH_DOMAIN_H */
