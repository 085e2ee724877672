/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The interface between common scheduling code and a scheduling policy
 * (Xen's split of xen/sched.h and common/sched/private.h: everyone else
 * sees xenolith/sched.h, only the scheduler core and policies see this).
 *
 * A policy is a const struct scheduler_ops: hooks plus the sizes of its
 * private data. Policies allocate nothing: common code allocates zeroed
 * storage of the stated sizes for the instance, each CPU, each domain and
 * each vCPU, and hands it in through the priv pointers, so a policy is
 * pure logic that host tests drive directly (tests/unit/test_sched_bvt.c)
 * and a second policy is one more file exporting its ops.
 *
 * Locking contract. Each CPU has one run queue, protected by a lock common
 * code owns (the CPU's scheduler lock). Every hook that names a vCPU runs
 * with the lock of that vCPU's CPU (sv->cpu) held; do_schedule runs with
 * the lock of its CPU held; adjust runs with the locks of every CPU that
 * holds one of the domain's vCPUs; adjust_global, init and deinit with
 * every CPU's lock (or before any CPU schedules). Policies take no locks.
 *
 * Time is system time in nanoseconds (s_time_t, NOW()), passed in by the
 * caller; policies never read a clock.
 */
#ifndef XENOLITH_SCHED_IF_H
#define XENOLITH_SCHED_IF_H

#include <xenolith/compiler.h>
#include <xenolith/time.h>
#include <xenolith/types.h>
#include <xen/xen.h>

struct xen_domctl_scheduler_op;
struct xen_sysctl_scheduler_op;

/* "No deadline": a slice without end, or a wake that needs no reschedule. */
#define SCHED_TIME_NEVER ((s_time_t)INT64_MAX)

/* One physical CPU as the scheduler sees it. */
struct sched_cpu {
    unsigned int cpu;           /* Its number, for dumps. */
    void *priv;                 /* ops->cpu_priv_size bytes, zeroed. */
};

/* One domain as the scheduler sees it. */
struct sched_domain {
    domid_t domain_id;          /* For dumps. */
    void *priv;                 /* ops->domain_priv_size bytes, zeroed. */
};

/*
 * One vCPU as the scheduler sees it. Common code embeds it in struct vcpu
 * and sets domain and cpu before init_vcpu; cpu changes only while the
 * vCPU is asleep, with both CPUs' locks held (migration is future work).
 */
struct sched_vcpu {
    struct sched_domain *domain;
    struct sched_cpu *cpu;      /* Whose run queue holds this vCPU. */
    unsigned int vcpu_id;       /* For dumps. */
    void *priv;                 /* ops->vcpu_priv_size bytes, zeroed. */
};

/* What to run next on a CPU, and for how long before asking again. */
struct sched_slice {
    struct sched_vcpu *next;    /* NULL: nothing runnable, run idle. */
    s_time_t duration;          /* Nanoseconds, > 0, or SCHED_TIME_NEVER. */
};

/* One instance of a policy (one today; one per CPU pool later). */
struct scheduler {
    const struct scheduler_ops *ops;
    void *priv;                 /* ops->priv_size bytes, zeroed. */
};

/*
 * A policy. Every hook is mandatory. Hooks returning int return 0 or a
 * negative Xen errno and change nothing on failure.
 */
struct scheduler_ops {
    const char *name;           /* "Borrowed Virtual Time" */
    const char *opt_name;       /* For sched= on the command line: "bvt". */
    unsigned int sched_id;      /* XEN_SCHEDULER_* (or ours) in domctls. */
    size_t priv_size, cpu_priv_size, domain_priv_size, vcpu_priv_size;

    /* Set up the instance's defaults. Context: boot. */
    int (*init)(struct scheduler *s);
    /* Set up a CPU's empty run queue. Context: boot, CPU bring-up. */
    void (*init_cpu)(struct scheduler *s, struct sched_cpu *pc);
    /* A new domain gets default parameters. Context: domain creation. */
    void (*init_domain)(struct scheduler *s, struct sched_domain *sd);
    /* Forget a domain whose vCPUs are all destroyed. */
    void (*destroy_domain)(struct scheduler *s, struct sched_domain *sd);
    /* A new vCPU on sv->cpu, asleep (not runnable) until wake. */
    void (*init_vcpu)(struct scheduler *s, struct sched_vcpu *sv,
                      s_time_t now);
    /* Forget a vCPU; it must be asleep. */
    void (*destroy_vcpu)(struct scheduler *s, struct sched_vcpu *sv);

    /*
     * sv became runnable (unblocked, unpaused, brought online). Returns
     * when its CPU must next call do_schedule: <= now means at once (raise
     * the schedule softirq), otherwise the caller moves the CPU's schedule
     * timer earlier if it is later. SCHED_TIME_NEVER when sv was already
     * runnable.
     */
    s_time_t (*wake)(struct scheduler *s, struct sched_vcpu *sv,
                     s_time_t now);
    /*
     * sv stopped being runnable (blocked, paused, offline). Returns true
     * when sv was the one running, so its CPU must call do_schedule now.
     */
    bool (*sleep)(struct scheduler *s, struct sched_vcpu *sv, s_time_t now);
    /*
     * sv asks to let others run (SCHEDOP_yield). Returns true when the CPU
     * must call do_schedule now.
     */
    bool (*yield)(struct scheduler *s, struct sched_vcpu *sv, s_time_t now);

    /*
     * Charge the running vCPU up to now and choose what pc runs next. The
     * caller switches to slice.next (or idle) and arms pc's schedule timer
     * for now + slice.duration.
     */
    struct sched_slice (*do_schedule)(struct scheduler *s,
                                      struct sched_cpu *pc, s_time_t now);

    /*
     * XEN_DOMCTL_scheduler_op on sd: op is the hypervisor's copy, its
     * sched_id already checked against ops->sched_id by the caller. Every
     * field of op->u is validated here; getinfo fills op->u. After a
     * successful putinfo the caller reschedules the CPUs running the
     * domain's vCPUs, whose slices were cut for the old parameters.
     */
    int __must_check (*adjust)(struct scheduler *s, struct sched_domain *sd,
                               struct xen_domctl_scheduler_op *op,
                               s_time_t now);
    /* XEN_SYSCTL_scheduler_op: the same, for instance-wide parameters. */
    int __must_check (*adjust_global)(struct scheduler *s,
                                      struct xen_sysctl_scheduler_op *op);

    /* printk the instance's parameters, and one CPU's run queue. */
    void (*dump)(struct scheduler *s);
    void (*dump_cpu)(struct scheduler *s, struct sched_cpu *pc);
};

/* The Borrowed Virtual Time policy (hv/common/sched/bvt.c). */
extern const struct scheduler_ops sched_bvt_ops;

#endif /* XENOLITH_SCHED_IF_H */
