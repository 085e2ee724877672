/* SPDX-License-Identifier: MIT */
/*
 * Xenolith's Borrowed Virtual Time scheduler (Duda & Cheriton, SOSP 1999)
 * as seen by a toolstack. Not part of Xen 4.17's ABI: Xen 4.17 has no BVT
 * scheduler. The parameters travel in Xen's own hypercalls:
 *
 *  - XEN_DOMCTL_scheduler_op with sched_id XENOLITH_SCHEDULER_BVT and cmd
 *    XEN_DOMCTL_SCHEDOP_putinfo / _getinfo: the per-domain parameters,
 *    struct xenolith_domctl_sched_bvt, stored in the first 16 bytes of
 *    xen_domctl_scheduler_op.u (the union is 16 bytes: its largest member
 *    is the vcpus handle with nr_vcpus and padding). The per-vCPU commands
 *    (_putvcpuinfo, _getvcpuinfo) are refused with -EINVAL: BVT parameters
 *    belong to the domain, as credit's weight does in Xen.
 *  - XEN_SYSCTL_scheduler_op with the same sched_id and cmd
 *    XEN_SYSCTL_SCHEDOP_putinfo / _getinfo: the scheduler-wide context-
 *    switch allowance, struct xenolith_sysctl_sched_bvt, in the first
 *    8 bytes of xen_sysctl_scheduler_op.u.
 *
 * A toolstack copies the struct into (or out of) the union with memcpy.
 *
 * Virtual time. Each vCPU's actual virtual time (AVT) advances by
 * mcu_advance for every minimum charging unit (MCU, 100 us) it runs, so a
 * domain's weight is 1 / mcu_advance: domains with mcu_advance 4, 2 and 1
 * get CPU in the ratio 1:2:4. The runnable vCPU with the lowest effective
 * virtual time (EVT = AVT, minus warp while warped) runs. warp is in
 * virtual-time units: a warp of mcu_advance * n lets a woken vCPU run
 * about n MCUs ahead of its share before its peers' EVTs catch up.
 */
#ifndef PUBLIC_XENOLITH_SCHED_BVT_H
#define PUBLIC_XENOLITH_SCHED_BVT_H

#include <stdint.h>

/*
 * Xen 2.0 and 3.0 numbered BVT 0 (SCHED_BVT in public/sched_ctl.h);
 * Xen 4.17's XEN_SCHEDULER_* start at 4 (SEDF, removed) and 5 (credit),
 * so 0 is both the historical number and free.
 */
#define XENOLITH_SCHEDULER_BVT          0

/* The minimum charging unit, in nanoseconds. */
#define XENOLITH_BVT_MCU_NS             100000

/* Limits of struct xenolith_domctl_sched_bvt.mcu_advance. */
#define XENOLITH_BVT_MCU_ADVANCE_MIN    1
#define XENOLITH_BVT_MCU_ADVANCE_MAX    (1u << 20)
#define XENOLITH_BVT_MCU_ADVANCE_DEFAULT 10

/* Per-domain parameters (domctl scheduler_op). */
struct xenolith_domctl_sched_bvt {
    uint32_t mcu_advance;   /* Virtual time per MCU run: 1 / weight. */
    uint32_t warp;          /* Virtual time a woken vCPU borrows; 0: none. */
    uint32_t warp_limit_us; /* Longest warped run before unwarping; 0: no
                               limit. */
    uint32_t unwarp_us;     /* After a warp ends at its limit, how long the
                               vCPU stays unwarped before it may warp on its
                               next wake (the unwarp requirement). */
};

/* Limits of struct xenolith_sysctl_sched_bvt.ctx_allow_us. */
#define XENOLITH_BVT_CTX_ALLOW_MIN_US   100     /* One MCU. */
#define XENOLITH_BVT_CTX_ALLOW_MAX_US   1000000 /* One second. */
#define XENOLITH_BVT_CTX_ALLOW_DEFAULT_US 5000  /* Xen 2.0's value. */

/* Scheduler-wide parameters (sysctl scheduler_op). */
struct xenolith_sysctl_sched_bvt {
    uint32_t ctx_allow_us;  /* Context-switch allowance C: a running vCPU
                               keeps the CPU until another's EVT is lower
                               than its own by C's worth of its virtual
                               time. */
    uint32_t pad;           /* Must be 0. */
};

#endif /* PUBLIC_XENOLITH_SCHED_BVT_H */
