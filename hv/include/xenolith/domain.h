/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Domains and vCPUs. Nothing in the hypervisor is "the guest": every piece
 * of guest state hangs off a struct domain or struct vcpu, so many domains
 * need no rewrite. Domains have one vCPU each until SMP guests.
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
#include <xenolith/event.h>
#include <xenolith/frame_table.h>
#include <xenolith/sched_if.h>
#include <xenolith/spinlock.h>
#include <xenolith/types.h>
#include <xenolith/vcpu_time.h>
#include <xen/xen.h>

#define MAX_DOMAIN_VCPUS 1          /* One until SMP guests (issue 5+). */
/* Soft timers of a vCPU: singleshot, periodic (vcpu_timer.c), poll. */
#define VCPU_TIMERS 3
#define GUEST_CONSOLE_LINE 256

struct vcpu {
    unsigned int vcpu_id;
    struct domain *domain;
    struct vcpu_info *vcpu_info;      /* In shared_info until re-registered. */
    struct vcpu_events events;        /* VIRQs, block, poll (event.h). */
    struct vcpu_time time;            /* Timers, time areas (vcpu_time.h). */
    /*
     * The hypercall this vCPU is in (hypercall/preempt.c): the TSC value
     * after which it should stop (0: not checked yet), and whether it runs
     * as a multicall entry, which is never preempted.
     */
    uint64_t hypercall_deadline;
    bool hypercall_nested;
    /*
     * Scheduling (hv/common/sched/core.c; model in xenolith/sched.h).
     * Changed with the scheduler lock of the vCPU's CPU held, except
     * is_initialised, set once before the vCPU is first made runnable.
     */
    struct sched_vcpu sched;          /* The policy's view. */
    unsigned int pause_count;         /* vcpu_pause(): > 0 keeps it off. */
    bool is_initialised;              /* Has a context to run. */
    bool is_running;                  /* Its registers are on a CPU now. */
    bool sched_runnable;              /* What the policy was told last. */
    struct arch_vcpu arch;
};

/* Where a domain is in its life (Xen's is_dying): see domain_kill(). */
enum domain_dying {
    DOMAIN_ALIVE,                     /* Created, may run. */
    DOMAIN_DYING,                     /* Being torn down: never runs again. */
    DOMAIN_DEAD,                      /* Torn down; a zombie while referenced. */
};

struct domain {
    domid_t domain_id;
    struct domain *next_in_list;      /* The registry, by domid (registry.c). */
    bool is_privileged;               /* dom0: SIF_PRIVILEGED */
    /*
     * May write the hypervisor console with console_io (Xen's is_console):
     * dom0 and boot-time domains, which have no console ring. A domain a
     * toolstack builds has a ring and gets -EPERM, as from Xen 4.17.
     */
    bool is_console;
    /*
     * References (domain_get()/domain_put(), hv/common/domain_registry.c):
     * one for being alive (dropped when domain_kill() finishes), one while
     * it owns frames (tot_pages > 0), one while its shared_info page is
     * mapped anywhere, one per holder of a pointer across a preemption
     * point or in a table (lookups, the global VIRQ handlers). The last
     * put unlinks and frees it. Atomic; 0 means "being freed".
     */
    unsigned int refcnt;
    enum domain_dying is_dying;       /* Changed under page_alloc_lock. */
    /* A preempted domain_relinquish_memory()'s pass and place in it. */
    unsigned int relinquish_pass;
    struct page_info *relinquish_cursor;
    bool creation_finished;           /* First unpause by the controller. */

    spinlock_t page_alloc_lock;       /* Protects the fields below. */
    struct page_info *page_list;      /* Owned frames, doubly linked by list. */
    uint64_t tot_pages, max_pages;

    shared_info_t *shared_info;       /* A hypervisor page the domain may map. */

    spinlock_t event_lock;            /* IRQ-safe; the ports (event.h). */
    struct evtchn_table *evtchn;
    mfn_t shared_info_mfn;

    struct vcpu *vcpus[MAX_DOMAIN_VCPUS]; /* [0, max_vcpus); NULL: not yet. */
    unsigned int max_vcpus;

    /* createdomain's limits, kept for the grant tables to come. */
    int32_t max_grant_frames, max_maptrack_frames;

    bool is_shutting_down;
    unsigned int shutdown_code;       /* SHUTDOWN_* */

    struct sched_domain sched;        /* The policy's view (sched/core.c). */
    unsigned int pause_count;         /* domain_pause(): > 0 keeps it off. */
    unsigned int controller_pause_count; /* Of those, domctl pausedomain's. */

    /*
     * Bit n set: the domain enabled VMASST_TYPE n (vm_assist hypercall,
     * hypercall/vm_assist.c, which lists the types accepted). Changed only
     * with atomic bit operations; readers test bits without a lock. Code
     * that a type changes honours it: runstate_update_flag (whoever writes
     * the runstate area), m2p_strict (the guest-visible M2P, issue 4).
     */
    unsigned long vm_assist;

    /*
     * Set by the control domain (hv/common/control/domctl_domain.c) under
     * the domctl lock; read by getdomaininfo and the wallclock.
     */
    xen_domain_handle_t handle;       /* setdomainhandle: the toolstack's id. */
    int64_t time_offset_seconds;      /* settimeoffset: added to wc_sec. */

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
 * Creating a domain, in steps (domain.c). domain_alloc(): a domain d with
 * id domid, no vCPU yet (room for max_vcpus, at most MAX_DOMAIN_VCPUS), a
 * zeroed shared_info page, its port table and scheduler state, one
 * reference (its life), not in the registry; NULL when memory is short
 * (nothing left behind). vcpu_create(): vCPU id of d, not initialised (no
 * context: it cannot run), with its FPU, timers and scheduler state;
 * -ENOMEM (nothing changed) or -EEXIST. domain_publish(): put d in the
 * registry, where lookups find it; -EEXIST if the id is taken (d is left
 * unpublished for domain_free()). domain_free(): free an unpublished
 * domain, or the last reference's. Context: boot or hypercall.
 */
struct domain *domain_alloc(domid_t domid, bool privileged,
                            unsigned int max_vcpus);
int __must_check vcpu_create(struct domain *d, unsigned int id);
int __must_check domain_publish(struct domain *d);
void domain_free(struct domain *d);

/*
 * All of the above for a boot-time domain with one vCPU (dom0, boot-time
 * domains). Returns 0 and *out, -ENOMEM or -EEXIST (nothing left).
 */
/*
 * Stop all of v's soft timers (singleshot, periodic, poll: VCPU_TIMERS),
 * whose handlers take v, before v is torn down or freed. Context: v not
 * running.
 */
void vcpu_stop_timers(struct vcpu *v);

int domain_create(domid_t domid, bool privileged, struct domain **out);

/*
 * References (domain_registry.c; who holds them: struct domain). A pointer
 * to a domain stays valid while its holder has a reference.
 * domain_get() takes one unless d is already being freed (false);
 * domain_get_alive() when the caller knows d holds others (it has one
 * itself, or owns a frame of d). domain_put() drops one; the last unlinks
 * d from the registry and frees it (domain_free()). Context: any;
 * domain_put() not in an interrupt handler.
 */
bool __must_check domain_get(struct domain *d);
void domain_get_alive(struct domain *d);
void domain_put(struct domain *d);

/*
 * The registry of domains, ordered by id. domain_get_by_id() finds one,
 * domain_get_next() the first whose id is at least min (Xen's
 * getdomaininfo walk); each returns it with a reference the caller drops
 * with domain_put(), or NULL if none. Dying and dead (zombie) domains
 * are found too, as in Xen. domain_get_by_any_id(): DOMID_SELF is the
 * caller's domain (Xen's rcu_lock_domain_by_any_id()). Context: any; the
 * registry lock is taken inside.
 */
struct domain *domain_get_by_id(domid_t id);
struct domain *domain_get_next(domid_t min);
struct domain *domain_get_by_any_id(domid_t id);

/*
 * Xen's createdomain id rule (domain_registry.c): a free id below
 * DOMID_FIRST_RESERVED other than 0 is taken as asked (-EEXIST if used);
 * 0 or a reserved id means "choose": the first free id after the last one
 * chosen, wrapping past DOMID_FIRST_RESERVED - 1 to 1 (-ENOMEM when none
 * is free). Returns the id or a negative errno. Context: the domctl lock
 * (the rover is not otherwise protected); the id stays free only until
 * domain_publish(), which checks again.
 */
long domid_choose(domid_t wanted);

/*
 * Tear d down (Xen's domain_kill(), hv/common/domain_kill.c): mark it
 * dying, pause it for good, close its event channels, stop its timers,
 * release what its vCPUs hold (page-table bases, GDT and LDT frames,
 * vcpu_info), give back its memory (preemptibly), then drop its life's
 * reference and tell dom0 (VIRQ_DOM_EXC). Returns 0 (d is dead; freed when
 * its last reference goes, which is now unless another domain maps its
 * frames) or PT_ERESTART (call again: progress is kept in d). Calling it
 * for a dead domain returns 0. Context: hypercall of another domain,
 * holding a reference to d; or boot, tearing down a domain whose build
 * failed (nothing is preempted there, and d may be freed on return).
 */
int __must_check domain_kill(struct domain *d);

/*
 * vCPU v forgets its context (Xen's vcpu_reset(), setvcpucontext with a
 * NULL context): page-table bases, GDT, LDT released, not initialised, so
 * it cannot run until given a new context. Context: v not running (its
 * domain paused), hypercall.
 */
void vcpu_reset(struct vcpu *v);

/*
 * Frames of a domain (hv/common/memory/domain_page.c). Allocate 2^order
 * contiguous frames for d, zeroed, each owned by d, on its page_list,
 * counted in tot_pages, holding one reference for the allocation
 * (PGC_ALLOCATED). Returns the first frame, or NULL (nothing changed) when
 * the extent would take d past max_pages, order is beyond MAX_ORDER or
 * memory is exhausted. Takes d->page_alloc_lock, then heap_lock.
 * Context: any but NMI and IRQ.
 */
struct page_info *domain_alloc_pages(struct domain *d, unsigned int order);
struct page_info *domain_alloc_page(struct domain *d);

/*
 * Give d a block of 2^order frames from buddy_alloc(), zeroed, as
 * domain_alloc_pages() does but without the max_pages check: for callers
 * that take as many frames from d at the same time (Xen's
 * MEMF_no_refcount, XENMEM_exchange). Takes d->page_alloc_lock.
 * Context: any but NMI and IRQ.
 */
void domain_assign_pages(struct domain *d, struct page_info *pg,
                         unsigned int order);

/*
 * Drop the allocation reference of a frame of a domain (Xen's
 * put_page_alloc_ref()). The frame goes back to the allocator when its
 * last reference goes, which is now if nothing else holds one; while it is
 * mapped, typed or otherwise referenced it stays owned and counted.
 * Returns false, changing nothing, if the allocation reference was
 * already gone. The caller holds a general reference of its own or knows
 * the frame is allocated. Context: any but NMI and IRQ.
 */
bool domain_free_page(struct page_info *pg);

/*
 * The last general reference of a domain frame without PGC_ALLOCATED went
 * (called by put_page() only): unlink it from its owner, uncount it and
 * give it to the buddy allocator. A frame with type references left is a
 * hypervisor bug (BUG). Takes the owner's page_alloc_lock, then heap_lock.
 */
void domain_page_release(struct page_info *pg);

/* Is this frame owned by d? Context: any. */
bool page_owned_by(const struct page_info *pg, const struct domain *d);

/*
 * The guest asked to stop (SCHEDOP_shutdown) or must be stopped
 * (domain_crash). For dom0 this ends the machine, as in Xen. Never returns
 * to the guest when it stops the machine.
 */
void domain_shutdown(struct domain *d, unsigned int reason);

/* Print what is left of d's console_io output line (shutdown, crash). */
void console_io_flush(struct domain *d);

/* The domain's state can't be trusted: log why and shut it down (crash). */
void domain_crash(struct domain *d, const char *fmt, ...) __printf(2, 3);

#endif /* XENOLITH_DOMAIN_H */
