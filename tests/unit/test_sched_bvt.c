/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Tests for hv/common/sched/bvt.c, the Borrowed Virtual Time policy,
 * driven through its struct scheduler_ops exactly as the scheduler core
 * will drive it: a small discrete-event simulation of one CPU runs vCPUs
 * that spin, or run a burst and block, and follows the policy's slices
 * and wake deadlines. Checked: CPU shares follow weights 1:2:4 within 1%,
 * the context-switch allowance bounds switching, a warped vCPU gets the
 * CPU the moment it wakes and loses its warp after warp_limit (and cannot
 * warp again before the unwarp requirement), sleeping vCPUs are never
 * chosen, SVT stops a long sleeper from monopolising the CPU, yield, and
 * the domctl/sysctl parameter checks.
 */
#include <string.h>

#include "harness.h"

#include <xenolith/errno.h>
#include <xenolith/sched_if.h>

#include <public/xenolith_sched_bvt.h>
#include <xen/domctl.h>
#include <xen/sysctl.h>

#define NR_SIM  4
#define PRIV_MAX 256
#define C_DEFAULT MICROSECS(XENOLITH_BVT_CTX_ALLOW_DEFAULT_US)

struct sim_vcpu {
    struct sched_domain dom;
    struct sched_vcpu unit;
    _Alignas(16) unsigned char dom_priv[PRIV_MAX];
    _Alignas(16) unsigned char vcpu_priv[PRIV_MAX];
    bool asleep;
    s_time_t wake_at;           /* While asleep: SCHED_TIME_NEVER or when. */
    s_time_t burst;             /* Run this long after each wake, then
                                   block; SCHED_TIME_NEVER: spin. */
    s_time_t sleep_for;         /* After each burst. */
    s_time_t burst_left;
    s_time_t ran;
    s_time_t woke_at;
    bool awaiting_dispatch;
    s_time_t max_latency;       /* Wake to dispatch. */
    unsigned int dispatches;
};

static struct {
    struct scheduler s;
    _Alignas(16) unsigned char priv[PRIV_MAX];
    struct sched_cpu cpu;
    _Alignas(16) unsigned char cpu_priv[PRIV_MAX];
    struct sim_vcpu v[NR_SIM];
    unsigned int nr;
    s_time_t now;
    s_time_t timer;             /* When do_schedule is due. */
    struct sim_vcpu *curr;
    s_time_t curr_since;
    s_time_t min_run;           /* Shortest dispatch that ended. */
    unsigned int switches;
} sim;

static const struct scheduler_ops *ops = &sched_bvt_ops;

static void sim_reset(void)
{
    memset(&sim, 0, sizeof(sim));
    CHECK(ops->priv_size <= PRIV_MAX && ops->cpu_priv_size <= PRIV_MAX);
    CHECK(ops->domain_priv_size <= PRIV_MAX);
    CHECK(ops->vcpu_priv_size <= PRIV_MAX);
    sim.s.ops = ops;
    sim.s.priv = sim.priv;
    CHECK_EQ(ops->init(&sim.s), 0);
    sim.cpu.priv = sim.cpu_priv;
    ops->init_cpu(&sim.s, &sim.cpu);
    sim.timer = SCHED_TIME_NEVER;
    sim.min_run = SCHED_TIME_NEVER;
}

static int put_params(unsigned int i, uint32_t mcu_advance, uint32_t warp,
                      uint32_t warp_limit_us, uint32_t unwarp_us)
{
    struct xen_domctl_scheduler_op op = {
        .sched_id = XENOLITH_SCHEDULER_BVT,
        .cmd = XEN_DOMCTL_SCHEDOP_putinfo,
    };
    struct xenolith_domctl_sched_bvt p = { mcu_advance, warp, warp_limit_us,
                                           unwarp_us };

    memcpy(&op.u, &p, sizeof(p));
    return ops->adjust(&sim.s, &sim.v[i].dom, &op, sim.now);
}

static struct xenolith_domctl_sched_bvt get_params(unsigned int i)
{
    struct xen_domctl_scheduler_op op = {
        .sched_id = XENOLITH_SCHEDULER_BVT,
        .cmd = XEN_DOMCTL_SCHEDOP_getinfo,
    };
    struct xenolith_domctl_sched_bvt p;

    memset(&op.u, 0xa5, sizeof(op.u));
    CHECK_EQ(ops->adjust(&sim.s, &sim.v[i].dom, &op, sim.now), 0);
    memcpy(&p, &op.u, sizeof(p));
    return p;
}

/* A vCPU (in a domain of its own) that first wakes at wake_at. */
static unsigned int add_vcpu(uint32_t mcu_advance, s_time_t burst,
                             s_time_t sleep_for, s_time_t wake_at)
{
    unsigned int i = sim.nr++;
    struct sim_vcpu *sv = &sim.v[i];

    sv->dom.domain_id = i;
    sv->dom.priv = sv->dom_priv;
    ops->init_domain(&sim.s, &sv->dom);
    sv->unit.domain = &sv->dom;
    sv->unit.cpu = &sim.cpu;
    sv->unit.vcpu_id = 0;
    sv->unit.priv = sv->vcpu_priv;
    ops->init_vcpu(&sim.s, &sv->unit, sim.now);
    sv->asleep = true;
    sv->wake_at = wake_at;
    sv->burst = burst;
    sv->sleep_for = sleep_for;
    CHECK_EQ(put_params(i, mcu_advance, 0, 0, 0), 0);
    return i;
}

static unsigned int add_spinner(uint32_t mcu_advance)
{
    return add_vcpu(mcu_advance, SCHED_TIME_NEVER, 0, 0);
}

static void reschedule(void)
{
    struct sched_slice slice = ops->do_schedule(&sim.s, &sim.cpu, sim.now);
    struct sim_vcpu *next = NULL;

    if ( slice.next )
        next = container_of(slice.next, struct sim_vcpu, unit);
    CHECK(slice.duration > 0);
    CHECK(!next || !next->asleep);

    if ( next != sim.curr )
    {
        if ( sim.curr && sim.now - sim.curr_since < sim.min_run )
            sim.min_run = sim.now - sim.curr_since;
        sim.switches++;
        sim.curr_since = sim.now;
    }
    if ( next && next->awaiting_dispatch )
    {
        next->awaiting_dispatch = false;
        if ( sim.now - next->woke_at > next->max_latency )
            next->max_latency = sim.now - next->woke_at;
    }
    if ( next && next != sim.curr )
        next->dispatches++;
    sim.curr = next;
    sim.timer = slice.duration == SCHED_TIME_NEVER ? SCHED_TIME_NEVER
                                                   : sim.now + slice.duration;
}

/* Wake vCPU i now; returns the policy's deadline and follows it. */
static s_time_t sim_wake(unsigned int i)
{
    struct sim_vcpu *sv = &sim.v[i];
    s_time_t deadline = ops->wake(&sim.s, &sv->unit, sim.now);

    sv->asleep = false;
    sv->wake_at = SCHED_TIME_NEVER;
    sv->burst_left = sv->burst;
    sv->woke_at = sim.now;
    sv->awaiting_dispatch = true;
    if ( deadline <= sim.now )
        reschedule();
    else if ( deadline < sim.timer )
        sim.timer = deadline;
    return deadline;
}

/* Put vCPU i to sleep now, until wake_at. */
static void sim_sleep(unsigned int i, s_time_t wake_at)
{
    struct sim_vcpu *sv = &sim.v[i];
    bool was_running = ops->sleep(&sim.s, &sv->unit, sim.now);

    CHECK_EQ(was_running, sim.curr == sv);
    sv->asleep = true;
    sv->wake_at = wake_at;
    sv->awaiting_dispatch = false;
    if ( was_running )
        reschedule();
}

static s_time_t next_event(void)
{
    s_time_t t = sim.timer;
    unsigned int i;

    for ( i = 0; i < sim.nr; i++ )
        if ( sim.v[i].asleep && sim.v[i].wake_at < t )
            t = sim.v[i].wake_at;
    if ( sim.curr && sim.curr->burst_left != SCHED_TIME_NEVER &&
         sim.now + sim.curr->burst_left < t )
        t = sim.now + sim.curr->burst_left;
    return t;
}

static void advance_to(s_time_t t)
{
    if ( sim.curr )
    {
        sim.curr->ran += t - sim.now;
        if ( sim.curr->burst_left != SCHED_TIME_NEVER )
            sim.curr->burst_left -= t - sim.now;
    }
    sim.now = t;
}

/* Run the simulation; events at exactly end are processed. */
static void sim_run_until(s_time_t end)
{
    for ( ;; )
    {
        s_time_t t = next_event();
        unsigned int i;

        if ( t > end )
        {
            advance_to(end);
            return;
        }
        advance_to(t);
        if ( sim.curr && sim.curr->burst_left == 0 )
            sim_sleep((unsigned int)(sim.curr - sim.v),
                      sim.now + sim.curr->sleep_for);
        for ( i = 0; i < sim.nr; i++ )
            if ( sim.v[i].asleep && sim.v[i].wake_at <= sim.now )
                sim_wake(i);
        if ( sim.timer <= sim.now )
            reschedule();
    }
}

/* |got / want - 1| < 1%. */
static bool within_1_percent(double got, double want)
{
    double r = got / want;

    return r > 0.99 && r < 1.01;
}

TEST(weights_1_2_4_get_shares_within_1_percent)
{
    unsigned int a, b, c;
    double total;

    sim_reset();
    /* Weight is 1 / mcu_advance. */
    a = add_spinner(4);
    b = add_spinner(2);
    c = add_spinner(1);
    sim_run_until(SECONDS(10));

    total = sim.v[a].ran + sim.v[b].ran + sim.v[c].ran;
    CHECK_EQ(total, SECONDS(10));
    CHECK(within_1_percent(sim.v[a].ran / total, 1.0 / 7));
    CHECK(within_1_percent(sim.v[b].ran / total, 2.0 / 7));
    CHECK(within_1_percent(sim.v[c].ran / total, 4.0 / 7));
    /* Many slices, not a few long ones. */
    CHECK(sim.switches > 500);
}

TEST(spinners_run_at_least_the_context_switch_allowance)
{
    sim_reset();
    add_spinner(10);
    add_spinner(10);
    add_spinner(5);
    sim_run_until(SECONDS(2));

    CHECK(sim.switches > 100);
    CHECK(sim.min_run >= C_DEFAULT);
}

TEST(context_switch_allowance_is_tunable)
{
    struct xen_sysctl_scheduler_op op = {
        .sched_id = XENOLITH_SCHEDULER_BVT,
        .cmd = XEN_SYSCTL_SCHEDOP_putinfo,
    };
    struct xenolith_sysctl_sched_bvt p = { 1000, 0 };
    unsigned int switches_5ms;

    sim_reset();
    add_spinner(10);
    add_spinner(10);
    sim_run_until(SECONDS(1));
    switches_5ms = sim.switches;

    sim_reset();
    memcpy(&op.u, &p, sizeof(p));
    CHECK_EQ(ops->adjust_global(&sim.s, &op), 0);
    add_spinner(10);
    add_spinner(10);
    sim_run_until(SECONDS(1));
    CHECK(sim.min_run >= MICROSECS(1000));
    CHECK(sim.switches > 4 * switches_5ms);
}

/* Two spinners and a vCPU that runs 500 us every 10 ms. */
static unsigned int setup_latency_sensitive(uint32_t warp)
{
    unsigned int l;

    sim_reset();
    add_spinner(10);
    add_spinner(10);
    l = add_vcpu(10, MICROSECS(500), MILLISECS(10), MILLISECS(3));
    CHECK_EQ(put_params(l, 10, warp, 5000, 10000), 0);
    return l;
}

TEST(warped_vcpu_gets_the_cpu_as_it_wakes)
{
    unsigned int l = setup_latency_sensitive(1000);

    sim_run_until(SECONDS(2));
    CHECK(sim.v[l].dispatches > 150);
    CHECK_EQ(sim.v[l].max_latency, 0);
}

TEST(unwarped_vcpu_waits_at_most_the_allowance)
{
    unsigned int l = setup_latency_sensitive(0);

    sim_run_until(SECONDS(2));
    CHECK(sim.v[l].dispatches > 150);
    /* Without warp it waits, but the allowance bounds the wait. */
    CHECK(sim.v[l].max_latency > 0);
    CHECK(sim.v[l].max_latency <= C_DEFAULT + XENOLITH_BVT_MCU_NS);
}

TEST(warp_ends_at_warp_limit_and_needs_unwarp_time)
{
    unsigned int a, l;
    s_time_t a_ran;

    sim_reset();
    a = add_spinner(10);
    /* l wakes at 1 s and then spins: a warp of 100 s of its time. */
    l = add_vcpu(10, SCHED_TIME_NEVER, 0, SECONDS(1));
    CHECK_EQ(put_params(l, 10, 10000000, 20000, 100000), 0);

    sim_run_until(SECONDS(1));
    CHECK(sim.curr == &sim.v[l]);
    CHECK_EQ(sim.v[l].max_latency, 0);
    a_ran = sim.v[a].ran;

    /* Warped, l holds the CPU for exactly warp_limit... */
    sim_run_until(SECONDS(1) + MILLISECS(20) - 1);
    CHECK(sim.curr == &sim.v[l]);
    CHECK_EQ(sim.v[a].ran, a_ran);
    /* ...then, unwarped and ahead in virtual time, loses it. */
    sim_run_until(SECONDS(1) + MILLISECS(20));
    CHECK(sim.curr == &sim.v[a]);
    CHECK_EQ(sim.v[l].ran, MILLISECS(20));

    /* Woken within unwarp_us of the limit: no warp, no preemption. */
    sim_run_until(SECONDS(1) + MILLISECS(50));
    sim_sleep(l, SCHED_TIME_NEVER);
    sim_run_until(SECONDS(1) + MILLISECS(60));
    CHECK(sim_wake(l) > sim.now);
    CHECK(sim.curr == &sim.v[a]);

    /* After the unwarp requirement, a wake warps again. */
    sim_run_until(SECONDS(1) + MILLISECS(110));
    sim_sleep(l, SCHED_TIME_NEVER);
    sim_run_until(SECONDS(1) + MILLISECS(130));
    CHECK(sim_wake(l) <= sim.now);
    CHECK(sim.curr == &sim.v[l]);
}

TEST(sleeping_vcpus_are_never_chosen)
{
    unsigned int a, b;
    struct sched_slice slice;

    sim_reset();
    a = add_spinner(10);
    b = add_vcpu(10, SCHED_TIME_NEVER, 0, SCHED_TIME_NEVER);
    add_vcpu(1, MILLISECS(1), MILLISECS(7), 0);
    /* reschedule() checks every choice is awake. */
    sim_run_until(SECONDS(1));
    CHECK_EQ(sim.v[b].ran, 0);
    CHECK_EQ(sim.v[b].dispatches, 0);

    /* Nothing runnable: idle, with no deadline. */
    sim_sleep(a, SCHED_TIME_NEVER);
    sim.v[2].wake_at = SCHED_TIME_NEVER;
    if ( !sim.v[2].asleep )
        sim_sleep(2, SCHED_TIME_NEVER);
    slice = ops->do_schedule(&sim.s, &sim.cpu, sim.now);
    CHECK(slice.next == NULL);
    CHECK_EQ(slice.duration, SCHED_TIME_NEVER);

    /* Sleeping twice, or waking twice, changes nothing. */
    CHECK(!ops->sleep(&sim.s, &sim.v[a].unit, sim.now));
    CHECK(ops->wake(&sim.s, &sim.v[a].unit, sim.now) <= sim.now);
    CHECK_EQ(ops->wake(&sim.s, &sim.v[a].unit, sim.now), SCHED_TIME_NEVER);
}

TEST(svt_stops_a_long_sleeper_monopolising)
{
    unsigned int a, b;
    s_time_t a_before, b_before;

    sim_reset();
    a = add_spinner(10);
    b = add_vcpu(10, SCHED_TIME_NEVER, 0, SECONDS(5));
    sim_run_until(SECONDS(5) - 1);
    CHECK_EQ(sim.v[a].ran, SECONDS(5) - 1);

    a_before = sim.v[a].ran;
    b_before = sim.v[b].ran;
    sim_run_until(SECONDS(6));
    /* b rejoins level with a: an equal share, not 5 s of catch-up. */
    CHECK(within_1_percent((double)(sim.v[b].ran - b_before),
                           (double)(sim.v[a].ran - a_before)));
}

TEST(yield_passes_the_cpu_once)
{
    unsigned int a, b;
    struct sim_vcpu *first;

    sim_reset();
    a = add_spinner(10);
    sim_run_until(0);
    CHECK(sim.curr == &sim.v[a]);
    /* Alone, a yield comes straight back. */
    CHECK(ops->yield(&sim.s, &sim.v[a].unit, sim.now));
    reschedule();
    CHECK(sim.curr == &sim.v[a]);

    b = add_spinner(10);
    sim_run_until(MILLISECS(1));
    first = sim.curr;
    CHECK(ops->yield(&sim.s, &first->unit, sim.now));
    reschedule();
    CHECK(sim.curr != first);
    /* Only the running vCPU can yield. */
    CHECK(!ops->yield(&sim.s, &first->unit, sim.now));
    CHECK(sim.v[b].ran >= 0);
}

TEST(new_weights_apply_mid_run)
{
    unsigned int a, b;
    s_time_t a_before, b_before;

    sim_reset();
    a = add_spinner(10);
    b = add_spinner(10);
    sim_run_until(SECONDS(2));
    CHECK(within_1_percent(sim.v[a].ran, sim.v[b].ran));

    CHECK_EQ(put_params(a, 1, 0, 0, 0), 0);
    a_before = sim.v[a].ran;
    b_before = sim.v[b].ran;
    sim_run_until(SECONDS(12));
    CHECK(within_1_percent((double)(sim.v[a].ran - a_before) /
                               (sim.v[b].ran - b_before),
                           10.0));
}

TEST(domain_parameters_are_validated)
{
    struct xenolith_domctl_sched_bvt p;
    struct xen_domctl_scheduler_op op = {
        .sched_id = XENOLITH_SCHEDULER_BVT,
    };
    unsigned int a;

    sim_reset();
    a = add_spinner(10);
    p = get_params(a);
    CHECK_EQ(p.mcu_advance, 10);
    CHECK_EQ(p.warp, 0);

    CHECK_EQ(put_params(a, 3, 700, 4000, 9000), 0);
    p = get_params(a);
    CHECK_EQ(p.mcu_advance, 3);
    CHECK_EQ(p.warp, 700);
    CHECK_EQ(p.warp_limit_us, 4000);
    CHECK_EQ(p.unwarp_us, 9000);

    /* Refusals leave the parameters as they were. */
    CHECK_EQ(put_params(a, 0, 1, 1, 1), -EINVAL);
    CHECK_EQ(put_params(a, XENOLITH_BVT_MCU_ADVANCE_MAX + 1, 0, 0, 0),
             -EINVAL);
    CHECK_EQ(put_params(a, UINT32_MAX, 0, 0, 0), -EINVAL);
    p = get_params(a);
    CHECK_EQ(p.mcu_advance, 3);
    CHECK_EQ(p.warp, 700);
    CHECK_EQ(put_params(a, XENOLITH_BVT_MCU_ADVANCE_MAX, UINT32_MAX,
                        UINT32_MAX, UINT32_MAX), 0);

    /* BVT has no per-vCPU parameters; unknown commands are refused. */
    op.cmd = XEN_DOMCTL_SCHEDOP_putvcpuinfo;
    CHECK_EQ(ops->adjust(&sim.s, &sim.v[a].dom, &op, 0), -EINVAL);
    op.cmd = XEN_DOMCTL_SCHEDOP_getvcpuinfo;
    CHECK_EQ(ops->adjust(&sim.s, &sim.v[a].dom, &op, 0), -EINVAL);
    op.cmd = 0xdeadbeef;
    CHECK_EQ(ops->adjust(&sim.s, &sim.v[a].dom, &op, 0), -EINVAL);
}

TEST(extreme_parameters_keep_the_cpu_shared)
{
    unsigned int a, b;

    sim_reset();
    a = add_spinner(XENOLITH_BVT_MCU_ADVANCE_MAX);
    b = add_spinner(1);
    CHECK_EQ(put_params(a, XENOLITH_BVT_MCU_ADVANCE_MAX, UINT32_MAX,
                        UINT32_MAX, 0), 0);
    sim_run_until(SECONDS(100));
    CHECK_EQ(sim.v[a].ran + sim.v[b].ran, SECONDS(100));
    CHECK(sim.v[a].ran > 0);
    CHECK(sim.v[b].ran > SECONDS(99));
}

static int put_global(uint32_t ctx_allow_us, uint32_t pad)
{
    struct xen_sysctl_scheduler_op op = {
        .sched_id = XENOLITH_SCHEDULER_BVT,
        .cmd = XEN_SYSCTL_SCHEDOP_putinfo,
    };
    struct xenolith_sysctl_sched_bvt p = { ctx_allow_us, pad };

    memcpy(&op.u, &p, sizeof(p));
    return ops->adjust_global(&sim.s, &op);
}

static uint32_t get_ctx_allow_us(void)
{
    struct xen_sysctl_scheduler_op op = {
        .sched_id = XENOLITH_SCHEDULER_BVT,
        .cmd = XEN_SYSCTL_SCHEDOP_getinfo,
    };
    struct xenolith_sysctl_sched_bvt p;

    CHECK_EQ(ops->adjust_global(&sim.s, &op), 0);
    memcpy(&p, &op.u, sizeof(p));
    CHECK_EQ(p.pad, 0);
    return p.ctx_allow_us;
}

TEST(global_parameters_are_validated)
{
    struct xen_sysctl_scheduler_op op = {
        .sched_id = XENOLITH_SCHEDULER_BVT,
        .cmd = 2,
    };

    sim_reset();
    CHECK_EQ(get_ctx_allow_us(), XENOLITH_BVT_CTX_ALLOW_DEFAULT_US);
    CHECK_EQ(put_global(0, 0), -EINVAL);
    CHECK_EQ(put_global(XENOLITH_BVT_CTX_ALLOW_MIN_US - 1, 0), -EINVAL);
    CHECK_EQ(put_global(XENOLITH_BVT_CTX_ALLOW_MAX_US + 1, 0), -EINVAL);
    CHECK_EQ(put_global(1000, 1), -EINVAL);
    CHECK_EQ(get_ctx_allow_us(), XENOLITH_BVT_CTX_ALLOW_DEFAULT_US);
    CHECK_EQ(put_global(XENOLITH_BVT_CTX_ALLOW_MAX_US, 0), 0);
    CHECK_EQ(get_ctx_allow_us(), XENOLITH_BVT_CTX_ALLOW_MAX_US);
    CHECK_EQ(ops->adjust_global(&sim.s, &op), -EINVAL);
}

TEST(destroyed_vcpus_leave_the_queue)
{
    unsigned int a, b;

    sim_reset();
    a = add_spinner(10);
    b = add_spinner(10);
    sim_run_until(MILLISECS(50));
    sim_sleep(b, SCHED_TIME_NEVER);
    ops->destroy_vcpu(&sim.s, &sim.v[b].unit);
    ops->destroy_domain(&sim.s, &sim.v[b].dom);
    sim_run_until(MILLISECS(100));
    CHECK(sim.curr == &sim.v[a]);
    CHECK_EQ(sim.timer, SCHED_TIME_NEVER);
}

TEST(dump_shows_the_run_queue)
{
    sim_reset();
    add_spinner(10);
    add_spinner(7);
    sim_run_until(MILLISECS(1));
    harness_log_clear();
    ops->dump(&sim.s);
    ops->dump_cpu(&sim.s, &sim.cpu);
    CHECK(harness_log_contains("ctx_allow 5000000ns"));
    CHECK(harness_log_contains("running d0v0"));
    CHECK(harness_log_contains("queued  d1v0 mcu_advance 7"));
}
