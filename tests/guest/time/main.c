/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * time: the guest's clocks and timers (xen/include/public/xen.h, struct
 * vcpu_time_info and shared_info's wallclock; public/vcpu.h timers;
 * Xen: xen/arch/x86/time.c update_vcpu_system_time(), xen/common/domain.c
 * do_vcpu_op(), xen/common/sched/core.c do_set_timer_op()).
 *
 * What the ABI defines and this test checks:
 * - vcpu_time_info is read under its version protocol (an even version,
 *   unchanged across the read); system time from it never goes backwards
 *   and advances as the TSC does through tsc_to_system_mul/tsc_shift;
 * - the wallclock (wc_version, wc_sec_hi:wc_sec.wc_nsec, the time at
 *   system time 0) plus system time is a date no earlier than 2024;
 * - VCPUOP_register_vcpu_time_memory_area copies the record to the guest
 *   address at once (and the version moves on by an even amount), and
 *   keeps it equal to the record (checked after a timer event and a
 *   wake-up);
 * - a singleshot timer (VCPUOP_set_singleshot_timer, set_timer_op) sends
 *   VIRQ_TIMER to the vCPU, never before its deadline; SCHEDOP_block
 *   unmasks events and sleeps until it arrives; stopping the timer (stop
 *   op, set_timer_op(0)) means no event; a periodic timer fires again and
 *   again until stopped. PV vCPUs start with a 10 ms periodic timer
 *   (Xen 4.17), which the test stops first, as Linux does.
 * Hostile, Xen 4.17's answers: a deadline in the past fires at once (the
 *   event is pending when the hypercall returns), VCPU_SSHOTTMR_future or
 *   not (Debian's 4.17.7 ignores the flag, as Xen does since it stopped
 *   returning -ETIME); unknown flag bits are ignored; a period
 *   under 1 ms -EINVAL; a vCPU we don't have -ENOENT; bad pointers
 *   -EFAULT; a time area in Xen's range -EFAULT.
 * Timing is only ever checked as a bound ("not before the deadline").
 */
#include <guest/console.h>
#include <guest/events.h>
#include <guest/hypercall.h>
#include <guest/setup.h>
#include <guest/string.h>
#include <guest/test.h>
#include <guest/time.h>

const char test_name[] = "time";
const char test_title[] =
    "vcpu_time_info, wallclock, singleshot and periodic timers";

#define MS              1000000ULL
#define WAIT_LIMIT      (2000 * MS)

static evtchn_port_t timer_port;
static struct vcpu_time_info area __attribute__((aligned(64)));

static long singleshot(uint64_t deadline, uint32_t flags)
{
    struct vcpu_set_singleshot_timer t = {
        .timeout_abs_ns = deadline,
        .flags = flags,
    };

    return hypercall_vcpu_op(VCPUOP_set_singleshot_timer, 0, &t);
}

/*
 * With upcalls masked, spin until the timer port is pending (or give up).
 * The time is read after the port is seen pending, never before: the
 * host may stop this vCPU for a while between any two instructions.
 */
static bool wait_pending(uint64_t limit, uint64_t *seen_at)
{
    do {
        if ( guest_evtchn_is_pending(timer_port) )
        {
            *seen_at = guest_time_now();
            return true;
        }
    } while ( guest_time_now() < limit );
    return false;
}

static void check_time_info(void)
{
    struct vcpu_time_info t;
    uint64_t tsc;
    unsigned int retries = guest_time_snapshot(&t, &tsc);
    uint64_t khz;

    test_check(!(t.version & 1), "info/version_even", "version %u", t.version);
    test_check(t.tsc_to_system_mul != 0 && t.tsc_shift >= -32 &&
                   t.tsc_shift <= 31,
               "info/scale", "mul %u shift %d", t.tsc_to_system_mul,
               t.tsc_shift);
    test_check(t.system_time > 0 && t.tsc_timestamp != 0, "info/stamp",
               "system_time %lu tsc_timestamp %lu", t.system_time,
               t.tsc_timestamp);
    khz = ((1000000ULL << 32) / t.tsc_to_system_mul);
    khz = t.tsc_shift < 0 ? khz << -t.tsc_shift : khz >> t.tsc_shift;
    test_note("tsc %lu kHz (mul %u shift %d), flags %#x, version %u, "
              "%u retries", khz, t.tsc_to_system_mul, t.tsc_shift, t.flags,
              t.version, retries);
}

static void check_monotonic(void)
{
    uint64_t prev = guest_time_now(), now, backwards = 0;
    unsigned int i;

    for ( i = 0; i < 20000; i++ )
    {
        now = guest_time_now();
        if ( now < prev && prev - now > backwards )
            backwards = prev - now;
        prev = now;
    }
    test_expect_eq("monotonic", (long)backwards, 0);
}

/* Two readings 5 ms apart: system time moved as the scaled TSC did. */
static void check_tsc_consistency(void)
{
    struct vcpu_time_info a, b;
    uint64_t tsc_a, tsc_b, t_a, t_b, scaled, diff;

    guest_time_snapshot(&a, &tsc_a);
    t_a = a.system_time + guest_time_scale(tsc_a - a.tsc_timestamp,
                                           a.tsc_to_system_mul, a.tsc_shift);
    guest_time_wait_until(t_a + 5 * MS);
    guest_time_snapshot(&b, &tsc_b);
    t_b = b.system_time + guest_time_scale(tsc_b - b.tsc_timestamp,
                                           b.tsc_to_system_mul, b.tsc_shift);
    scaled = guest_time_scale(tsc_b - tsc_a, b.tsc_to_system_mul, b.tsc_shift);
    diff = t_b - t_a > scaled ? t_b - t_a - scaled : scaled - (t_b - t_a);
    test_check(t_b > t_a && diff <= (t_b - t_a) / 100 + 10000,
               "advances_with_tsc", "system time +%lu ns, scaled TSC +%lu ns",
               t_b - t_a, scaled);
}

static void check_wallclock(void)
{
    uint64_t sec;
    uint32_t nsec;
    unsigned int year, month, day;

    guest_wallclock_base(&sec, &nsec);
    test_check(!(guest_shared_info->wc_version & 1) && nsec < 1000000000u,
               "wallclock/version", "wc_version %u wc_nsec %u",
               guest_shared_info->wc_version, nsec);
    guest_time_civil(guest_wallclock_now(), &year, &month, &day);
    test_note("wallclock: %04u-%02u-%02u (base %lu.%09u, wc_version %u)",
              year, month, day, sec, nsec, guest_shared_info->wc_version);
    test_check(year >= 2024 && year < 2200, "wallclock/year", "year %u",
               year);
}

static void check_time_area(void)
{
    struct vcpu_register_time_memory_area reg = { .addr.v = &area };
    struct vcpu_time_info *t = &guest_events_vcpu_info()->time;
    uint32_t before = t->version;

    test_expect_rc("area/register",
                   hypercall_vcpu_op(VCPUOP_register_vcpu_time_memory_area, 0,
                                     &reg), 0);
    test_check(t->version != before && !((t->version - before) & 1),
               "area/version_moved", "version %u -> %u", before, t->version);
    test_check(memcmp(&area, t, sizeof(area)) == 0, "area/copied",
               "area version %u system_time %lu, vcpu_info version %u "
               "system_time %lu", area.version, area.system_time, t->version,
               t->system_time);
    reg.addr.v = (void *)TEST_ADDR_XEN;
    test_expect_rc("area/xen", hypercall_vcpu_op(
                       VCPUOP_register_vcpu_time_memory_area, 0, &reg),
                   -EFAULT);
    test_expect_rc("area/bad_pointer", hypercall_vcpu_op(
                       VCPUOP_register_vcpu_time_memory_area, 0,
                       (void *)TEST_ADDR_UNMAPPED), -EFAULT);
    reg.addr.v = NULL;
    test_expect_rc("area/unregister", hypercall_vcpu_op(
                       VCPUOP_register_vcpu_time_memory_area, 0, &reg), 0);
}

static void setup_timer_port(void)
{
    test_expect_rc("periodic/stop_default",
                   hypercall_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL), 0);
    test_expect_rc("bind_virq_timer",
                   guest_evtchn_bind_virq(VIRQ_TIMER, 0, &timer_port), 0);
    guest_evtchn_clear(timer_port);
}

static void check_singleshot_spin(void)
{
    uint64_t deadline = guest_time_now() + 5 * MS, seen = 0;
    bool fired;

    guest_evtchn_clear(timer_port);
    test_expect_rc("singleshot/set", singleshot(deadline, 0), 0);
    fired = wait_pending(deadline + WAIT_LIMIT, &seen);
    test_check(fired, "singleshot/fires", "no VIRQ_TIMER within 2 s");
    test_check(!fired || seen >= deadline, "singleshot/not_early",
               "seen at %lu, deadline %lu", seen, deadline);
    guest_evtchn_clear(timer_port);
}

/* SCHEDOP_block: unmasks, sleeps, returns once the upcall ran. */
static void check_singleshot_block(void)
{
    uint64_t deadline = guest_time_now() + 5 * MS, woke;
    unsigned int before;

    guest_events_consume();
    guest_events_forget();
    test_expect_rc("block/set", singleshot(deadline, VCPU_SSHOTTMR_future), 0);
    test_expect_rc("block", hypercall_sched_op(SCHEDOP_block, NULL), 0);
    woke = guest_time_now();
    before = guest_events_port_count(timer_port);
    test_check(before >= 1, "block/upcall", "timer port delivered %u times",
               before);
    test_check(woke >= deadline, "block/not_early", "woke at %lu, deadline %lu",
               woke, deadline);
    test_expect_eq("block/unmasked",
                   guest_events_vcpu_info()->evtchn_upcall_mask, 0);
    guest_events_disable();
}

/*
 * The area follows the record: after a timer event and a wake-up it still
 * equals vcpu_info's (Xen 4.17 rewrites the record only when its
 * calibration stamp changed, about once a second, so the version may not
 * move; Xenolith stamps at every update).
 */
static void check_time_area_follows(void)
{
    struct vcpu_register_time_memory_area reg = { .addr.v = &area };
    struct vcpu_time_info *t = &guest_events_vcpu_info()->time;
    uint32_t registered;

    test_expect_rc("area/follows/register", hypercall_vcpu_op(
                       VCPUOP_register_vcpu_time_memory_area, 0, &reg), 0);
    registered = area.version;
    guest_events_consume();
    singleshot(guest_time_now() + 5 * MS, 0);
    hypercall_sched_op(SCHEDOP_block, NULL);
    guest_events_disable();
    test_note("time area version %u at registration, %u after a wake-up",
              registered, area.version);
    test_check(memcmp(&area, t, sizeof(area)) == 0, "area/follows",
               "area version %u system_time %lu, vcpu_info version %u "
               "system_time %lu", area.version, area.system_time, t->version,
               t->system_time);
    reg.addr.v = NULL;
    test_expect_rc("area/follows/unregister", hypercall_vcpu_op(
                       VCPUOP_register_vcpu_time_memory_area, 0, &reg), 0);
}

static void check_set_timer_op(void)
{
    uint64_t deadline = guest_time_now() + 5 * MS, seen = 0, now;
    bool fired;

    guest_evtchn_clear(timer_port);
    test_expect_rc("set_timer_op", hypercall_set_timer_op(deadline), 0);
    fired = wait_pending(deadline + WAIT_LIMIT, &seen);
    test_check(fired && seen >= deadline, "set_timer_op/fires",
               "fired %d seen at %lu deadline %lu", fired, seen, deadline);

    guest_evtchn_clear(timer_port);
    now = guest_time_now();
    test_expect_rc("set_timer_op/set", hypercall_set_timer_op(now + 5 * MS), 0);
    test_expect_rc("set_timer_op/cancel", hypercall_set_timer_op(0), 0);
    guest_time_wait_until(now + 30 * MS);
    test_check(!guest_evtchn_is_pending(timer_port), "set_timer_op/cancelled",
               "VIRQ_TIMER pending after set_timer_op(0)");

    now = guest_time_now();
    test_expect_rc("singleshot/set_again", singleshot(now + 40 * MS, 0), 0);
    test_expect_rc("singleshot/stop",
                   hypercall_vcpu_op(VCPUOP_stop_singleshot_timer, 0, NULL), 0);
    guest_time_wait_until(now + 70 * MS);
    test_check(!guest_evtchn_is_pending(timer_port), "singleshot/stopped",
               "VIRQ_TIMER pending after stop_singleshot_timer");
}

/*
 * A blocked vCPU is not woken by its periodic timer: blocking until a
 * singleshot timer 20 ms ahead takes a few wake-ups at most (a tick that
 * lands between the decision to block and the block ends it at once, and
 * one caught-up tick comes on each wake-up), not one per 2 ms period.
 */
static void check_periodic_blocked(void)
{
    uint64_t deadline = guest_time_now() + 20 * MS, limit;
    unsigned int wakeups = 0;

    limit = deadline + WAIT_LIMIT;
    test_expect_rc("periodic/block_singleshot", singleshot(deadline, 0), 0);
    while ( guest_time_now() < deadline && guest_time_now() < limit )
    {
        guest_events_consume();
        hypercall_sched_op(SCHEDOP_block, NULL);
        wakeups++;
    }
    guest_events_disable();
    test_check(wakeups <= 4, "periodic/not_while_blocked",
               "%u wake-ups in 20 ms with a 2 ms periodic timer", wakeups);
}

/*
 * The periodic timer ticks while the vCPU runs (Xen 4.17 stops it when the
 * vCPU blocks and catches up when it runs again), so it is watched by
 * spinning with events enabled. Setting it sends an event at once when a
 * period has passed since the last one (here: since the default timer was
 * stopped), so three events take at least two periods.
 */
static void check_periodic(void)
{
    struct vcpu_set_periodic_timer p = { .period_ns = 2 * MS };
    uint64_t start = guest_time_now(), end;
    unsigned int n;

    guest_events_consume();
    guest_events_forget();
    test_expect_rc("periodic/set",
                   hypercall_vcpu_op(VCPUOP_set_periodic_timer, 0, &p), 0);
    guest_events_enable();
    while ( guest_events_port_count(timer_port) < 3 &&
            guest_time_now() < start + WAIT_LIMIT )
        asm volatile ( "pause" ::: "memory" );
    end = guest_time_now();
    guest_events_disable();
    n = guest_events_port_count(timer_port);
    test_check(n >= 3 && end >= start + 4 * MS, "periodic/fires_repeatedly",
               "%u events in %lu ns", n, end - start);
    check_periodic_blocked();
    test_expect_rc("periodic/stop",
                   hypercall_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL), 0);
    guest_events_consume();
    guest_evtchn_clear(timer_port);
    guest_time_wait_until(guest_time_now() + 20 * MS);
    test_check(!guest_evtchn_is_pending(timer_port), "periodic/stopped",
               "VIRQ_TIMER pending after stop_periodic_timer");
}

static void check_hostile(void)
{
    struct vcpu_set_periodic_timer p = { .period_ns = 999999 };
    uint64_t past = guest_time_now() - MS, deadline, seen;
    const struct test_bad_pointer *bad;
    unsigned int n, i;
    char check[48];

    guest_evtchn_clear(timer_port);
    test_expect_rc("past/set", singleshot(past, 0), 0);
    test_check(guest_evtchn_is_pending(timer_port), "past/fires_at_once",
               "VIRQ_TIMER not pending after a deadline in the past");
    guest_evtchn_clear(timer_port);
    test_expect_rc("past/future_flag", singleshot(past, VCPU_SSHOTTMR_future),
                   0);
    test_check(guest_evtchn_is_pending(timer_port), "past/future_flag_fires",
               "VIRQ_TIMER not pending after a deadline in the past");
    guest_evtchn_clear(timer_port);
    deadline = guest_time_now() + MS;
    test_expect_rc("bad_flags", singleshot(deadline, ~1u), 0);
    test_check(wait_pending(deadline + WAIT_LIMIT, &seen), "bad_flags/fires",
               "no VIRQ_TIMER within 2 s");
    guest_evtchn_clear(timer_port);
    test_expect_rc("periodic/too_short",
                   hypercall_vcpu_op(VCPUOP_set_periodic_timer, 0, &p),
                   -EINVAL);
    test_expect_rc("singleshot/vcpu1", hypercall_vcpu_op(
                       VCPUOP_set_singleshot_timer, 1, &p), -ENOENT);
    test_expect_rc("periodic/vcpu1",
                   hypercall_vcpu_op(VCPUOP_stop_periodic_timer, 1, NULL),
                   -ENOENT);
    bad = test_bad_pointers(&n);
    for ( i = 0; i < n; i++ )
    {
        guest_snprintf(check, sizeof(check), "singleshot/%s", bad[i].name);
        test_expect_rc(check, hypercall_vcpu_op(VCPUOP_set_singleshot_timer, 0,
                                                bad[i].ptr), -EFAULT);
        guest_snprintf(check, sizeof(check), "periodic/%s", bad[i].name);
        test_expect_rc(check, hypercall_vcpu_op(VCPUOP_set_periodic_timer, 0,
                                                bad[i].ptr), -EFAULT);
    }
}

void test_main(void)
{
    check_time_info();
    check_monotonic();
    check_tsc_consistency();
    check_wallclock();
    check_time_area();
    setup_timer_port();
    check_singleshot_spin();
    check_singleshot_block();
    check_time_area_follows();
    check_set_timer_op();
    check_periodic();
    check_hostile();
    test_expect_rc("close_timer_port", guest_evtchn_close(timer_port), 0);
}
