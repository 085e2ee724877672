/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Performance isolation under Borrowed Virtual Time (the experiment of
 * "Xen and the Art of Virtualization", scaled down), with boot-time
 * domains (tests/guest/bvt/boot-domains) under QEMU's -icount, so guest
 * time is executed instructions and the result does not depend on the
 * host's load:
 *
 *  - d1, d2, d3 spin; dom0 gives them BVT weights 1:2:4 (mcu_advance 4, 2,
 *    1) with XEN_DOMCTL_scheduler_op, waits SHARE_NS of guest time blocked,
 *    and compares the CPU time each got (getdomaininfo's cpu_time: the
 *    runstate's running time) with 1/7, 2/7, 4/7: each share must be
 *    within 5% of its target, as a ratio, not as absolute time;
 *  - d4 is latency-sensitive: dom0 gives it a warp, and it wakes from a
 *    timer every 10 ms while the others spin, measuring how late it runs
 *    after each deadline; the worst must stay under a bound well below
 *    the context-switch allowance (5 ms) a non-warped domain can wait.
 *
 * The scheduler's parameters are Xenolith's BVT (public/xenolith_sched_bvt
 * .h); on a hypervisor with another scheduler (Xen 4.17: credit2) or
 * without boot-time domains the test skips.
 */
#include <guest/console.h>
#include <guest/control.h>
#include <guest/events.h>
#include <guest/hypercall.h>
#include <guest/setup.h>
#include <guest/string.h>
#include <guest/test.h>
#include <guest/time.h>
#include <public/xenolith_sched_bvt.h>

const char test_name[] = "bvt";
const char test_title[] = "BVT: 1:2:4 CPU shares, bounded warped wake-up "
                          "latency";

#define NR_SPINNERS       3
#define DOMID_LATENCY     4
#define SHARE_NS          2500000000ULL   /* >= 2 s of guest time */
#define TOLERANCE_PERCENT 5
#define LATENCY_PERIOD_NS 10000000ULL
#define LATENCY_ROUNDS    150
#define LATENCY_BOUND_NS  1000000ULL      /* 1 ms << C (5 ms) */
#define WAIT_NS           30000000000ULL

static const uint32_t spinner_mcu_advance[NR_SPINNERS] = { 4, 2, 1 };

static const char *role(void)
{
    const char *s = strstr((const char *)guest_start_info->cmd_line, "role=");

    return s ? s + 5 : "";
}

static bool role_is(const char *want)
{
    const char *r = role();
    size_t n = strlen(want);

    return !strncmp(r, want, n) && (r[n] == '\0' || r[n] == ' ');
}

static long set_bvt(domid_t id, const struct xenolith_domctl_sched_bvt *p)
{
    struct xen_domctl op = {
        .cmd = XEN_DOMCTL_scheduler_op,
        .interface_version = XEN_DOMCTL_INTERFACE_VERSION,
        .domain = id,
    };

    op.u.scheduler_op.sched_id = XENOLITH_SCHEDULER_BVT;
    op.u.scheduler_op.cmd = XEN_DOMCTL_SCHEDOP_putinfo;
    memcpy(&op.u.scheduler_op.u, p, sizeof(*p));
    return hypercall_domctl(&op);
}

static unsigned int sched_id(void)
{
    struct xen_sysctl op = {
        .cmd = XEN_SYSCTL_sched_id,
        .interface_version = XEN_SYSCTL_INTERFACE_VERSION,
    };

    return hypercall_sysctl(&op) ? ~0u : op.u.sched_id.sched_id;
}

static uint64_t cpu_time(domid_t id)
{
    struct xen_domctl_getdomaininfo info;

    return guest_domain_info(id, &info) ? 0 : info.cpu_time;
}

static void dom0_shares(evtchn_port_t idle_port)
{
    uint64_t before[NR_SPINNERS], got[NR_SPINNERS], total = 0;
    unsigned int i, weight_sum = 0;

    for ( i = 0; i < NR_SPINNERS; i++ )
    {
        struct xenolith_domctl_sched_bvt p = {
            .mcu_advance = spinner_mcu_advance[i],
        };

        test_expect_rc("dom0/putinfo", set_bvt(1 + i, &p), 0);
        weight_sum += 4 / spinner_mcu_advance[i];
    }
    for ( i = 0; i < NR_SPINNERS; i++ )
        before[i] = cpu_time(1 + i);
    guest_evtchn_wait(idle_port, guest_time_now() + SHARE_NS);
    for ( i = 0; i < NR_SPINNERS; i++ )
    {
        got[i] = cpu_time(1 + i) - before[i];
        total += got[i];
    }
    test_check(total >= SHARE_NS / 2, "dom0/shares/ran",
               "the spinners ran %lu ns in %llu", (unsigned long)total,
               SHARE_NS);
    for ( i = 0; i < NR_SPINNERS && total; i++ )
    {
        /* Share and target in parts per ten thousand. */
        uint64_t share = got[i] * 10000 / total;
        uint64_t target = 10000ULL * (4 / spinner_mcu_advance[i]) /
                          weight_sum;
        uint64_t diff = share > target ? share - target : target - share;

        test_note("d%u weight %u: %lu ns, share %lu.%02lu pct (target "
                  "%lu.%02lu pct)", 1 + i, 4 / spinner_mcu_advance[i],
                  (unsigned long)got[i], (unsigned long)(share / 100),
                  (unsigned long)(share % 100), (unsigned long)(target / 100),
                  (unsigned long)(target % 100));
        test_check(diff * 100 <= target * TOLERANCE_PERCENT, "dom0/shares",
                   "d%u got %lu/10000 of the CPU, target %lu/10000", 1 + i,
                   (unsigned long)share, (unsigned long)target);
    }
}

static void dom0_main(void)
{
    struct xen_domctl_getdomaininfo info;
    struct xenolith_domctl_sched_bvt warped = {
        .mcu_advance = 1,
        .warp = 1000000,            /* Far below any spinner's EVT. */
        .warp_limit_us = 5000,
        .unwarp_us = 0,
    };
    evtchn_port_t idle_port, dom_exc;
    uint64_t deadline;
    unsigned int reason = ~0u;

    if ( guest_domain_info(1, &info) || sched_id() != XENOLITH_SCHEDULER_BVT )
    {
        test_skip("needs boot-time domains and the BVT scheduler "
                  "(Xenolith); sched_id %u", sched_id());
        return;
    }
    test_expect_rc("dom0/bind_dom_exc",
                   guest_evtchn_bind_virq(VIRQ_DOM_EXC, 0, &dom_exc), 0);
    test_expect_rc("dom0/idle_port",
                   guest_evtchn_alloc_unbound(DOMID_SELF, &idle_port), 0);
    test_expect_rc("dom0/warp", set_bvt(DOMID_LATENCY, &warped), 0);
    dom0_shares(idle_port);

    /* The latency domain reports its own checks; wait for its verdict. */
    deadline = guest_time_now() + WAIT_NS;
    while ( guest_time_now() < deadline )
    {
        if ( !guest_domain_info(DOMID_LATENCY, &info) &&
             (info.flags & XEN_DOMINF_shutdown) )
        {
            reason = (info.flags >> XEN_DOMINF_shutdownshift) &
                     XEN_DOMINF_shutdownmask;
            break;
        }
        guest_evtchn_wait(dom_exc, deadline);
    }
    test_expect_eq("dom0/latency/verdict", reason, SHUTDOWN_poweroff);
}

static void spin_main(void)
{
    volatile unsigned long n = 0;

    test_note("spinning");
    for ( ;; )
        n++;
}

static void latency_main(void)
{
    uint64_t deadline, late, worst = 0, sum = 0;
    evtchn_port_t timer;
    unsigned int i;

    if ( !test_expect_rc("latency/bind_timer",
                         guest_evtchn_bind_virq(VIRQ_TIMER, 0, &timer), 0) )
        return;
    /* The library's periodic ticks would wake us early: stop them. */
    hypercall_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL);
    /* Let dom0 set the warp and the spinners settle first. */
    deadline = guest_time_now() + 100000000ULL;
    for ( i = 0; i < LATENCY_ROUNDS; i++ )
    {
        deadline += LATENCY_PERIOD_NS;
        guest_evtchn_clear(timer);
        hypercall_set_timer_op(deadline);
        guest_evtchn_wait(timer, deadline + 1000000000ULL);
        late = guest_time_now() - deadline;
        sum += late;
        if ( late > worst )
            worst = late;
    }
    test_note("%u wake-ups every %llu ms beside 3 spinners: mean %lu us, "
              "worst %lu us late", LATENCY_ROUNDS, LATENCY_PERIOD_NS / 1000000,
              (unsigned long)(sum / LATENCY_ROUNDS / 1000),
              (unsigned long)(worst / 1000));
    test_check(worst < LATENCY_BOUND_NS, "latency/bounded",
               "worst wake-up %lu ns after its deadline, bound %llu",
               (unsigned long)worst, LATENCY_BOUND_NS);
}

void test_main(void)
{
    if ( guest_start_info->flags & SIF_INITDOMAIN )
        dom0_main();
    else if ( role_is("spin") )
        spin_main();
    else if ( role_is("latency") )
        latency_main();
    else
        test_error("unknown role '%s'", role());
}
