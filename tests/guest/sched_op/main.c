/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sched_op: yield, block and poll (xen/include/public/sched.h; Xen:
 * xen/common/sched/core.c do_sched_op(), do_poll(), vcpu_block()).
 *
 * What the ABI defines and this test checks:
 * - yield returns 0;
 * - block unmasks events and returns at once when an event is already
 *   waiting (the upcall is delivered on the way out);
 * - poll returns at once when a listed port is pending (masked or not),
 *   or when an unmasked upcall is waiting; otherwise it sleeps until a
 *   listed port becomes pending or the timeout (absolute system time)
 *   passes, never waking early; a timeout in the past returns at once;
 *   nr_ports 0 with a timeout just sleeps.
 * Hostile, Xen 4.17's answers: more than 128 ports -EINVAL; a port >= 4096
 * -EINVAL; a port list in Xen's range, unmapped or in a hole -EFAULT;
 * shutdown with a bad pointer -EFAULT; unknown commands -ENOSYS.
 */
#include <guest/console.h>
#include <guest/events.h>
#include <guest/hypercall.h>
#include <guest/setup.h>
#include <guest/string.h>
#include <guest/test.h>
#include <guest/time.h>

const char test_name[] = "sched_op";
const char test_title[] = "sched_op: yield, block, poll";

#define MS         1000000ULL
#define WAIT_LIMIT (2000 * MS)

static evtchn_port_t ipi, timer_port;

static long poll(evtchn_port_t *ports, unsigned int nr, uint64_t timeout)
{
    struct sched_poll p = { .nr_ports = nr, .timeout = timeout };

    set_xen_guest_handle(p.ports, ports);
    return hypercall_sched_op(SCHEDOP_poll, &p);
}

static long singleshot(uint64_t deadline)
{
    struct vcpu_set_singleshot_timer t = { .timeout_abs_ns = deadline };

    return hypercall_vcpu_op(VCPUOP_set_singleshot_timer, 0, &t);
}

static void setup(void)
{
    test_expect_rc("setup/stop_periodic",
                   hypercall_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL), 0);
    test_expect_rc("setup/bind_ipi", guest_evtchn_bind_ipi(0, &ipi), 0);
    test_expect_rc("setup/bind_timer",
                   guest_evtchn_bind_virq(VIRQ_TIMER, 0, &timer_port), 0);
    guest_events_consume();
}

static void check_yield_block(void)
{
    test_expect_rc("yield", hypercall_sched_op(SCHEDOP_yield, NULL), 0);
    guest_events_forget();
    guest_evtchn_send(ipi);
    test_expect_rc("block/pending", hypercall_sched_op(SCHEDOP_block, NULL),
                   0);
    test_expect_eq("block/delivered", guest_events_port_count(ipi), 1);
    test_expect_eq("block/unmasks",
                   guest_events_vcpu_info()->evtchn_upcall_mask, 0);
    guest_events_disable();
}

static void check_poll_pending(void)
{
    evtchn_port_t ports[2] = { timer_port, ipi };

    guest_evtchn_send(ipi);
    test_expect_rc("poll/pending", poll(ports, 2, 0), 0);
    test_check(guest_evtchn_is_pending(ipi), "poll/leaves_pending",
               "port %u no longer pending", ipi);
    guest_evtchn_mask(ipi);
    test_expect_rc("poll/pending_masked", poll(ports, 2, 0), 0);
    guest_evtchn_unmask(ipi);
    guest_events_consume();

    /* An unmasked upcall waiting: poll returns, the upcall is delivered. */
    guest_events_forget();
    guest_evtchn_send(ipi);
    guest_events_vcpu_info()->evtchn_upcall_mask = 0;
    test_expect_rc("poll/upcall_waiting", poll(ports, 1, 0), 0);
    test_expect_eq("poll/upcall_delivered", guest_events_port_count(ipi), 1);
    guest_events_disable();
}

static void check_poll_sleeps(void)
{
    evtchn_port_t ports[1] = { ipi };
    uint64_t deadline = guest_time_now() + 5 * MS, now;

    test_expect_rc("poll/timeout", poll(ports, 1, deadline), 0);
    now = guest_time_now();
    test_check(now >= deadline, "poll/timeout_not_early",
               "returned at %lu, timeout %lu", now, deadline);

    deadline = guest_time_now() + 5 * MS;
    test_expect_rc("poll/no_ports", poll(NULL, 0, deadline), 0);
    now = guest_time_now();
    test_check(now >= deadline, "poll/no_ports_not_early",
               "returned at %lu, timeout %lu", now, deadline);

    test_expect_rc("poll/past_timeout", poll(ports, 1, guest_time_now() - MS),
                   0);
}

/* Woken by the polled port (VIRQ_TIMER), long before the timeout. */
static void check_poll_woken(void)
{
    evtchn_port_t ports[1] = { timer_port };
    uint64_t deadline = guest_time_now() + 5 * MS, limit, now;

    limit = deadline + WAIT_LIMIT;
    test_expect_rc("poll/woken/set", singleshot(deadline), 0);
    test_expect_rc("poll/woken", poll(ports, 1, limit), 0);
    now = guest_time_now();
    test_check(now >= deadline && now < limit &&
                   guest_evtchn_is_pending(timer_port),
               "poll/woken_by_port", "returned at %lu, event at %lu, "
               "timeout %lu, pending %d", now, deadline, limit,
               guest_evtchn_is_pending(timer_port));
    guest_events_consume();
}

static void check_hostile(void)
{
    static evtchn_port_t many[129];
    evtchn_port_t bad_port[1] = { 4096 };
    const struct test_bad_pointer *bad;
    unsigned int n, i;
    char check[48];

    test_expect_rc("poll/too_many", poll(many, 129, 0), -EINVAL);
    test_expect_rc("poll/port_4096", poll(bad_port, 1, 0), -EINVAL);
    bad = test_bad_pointers(&n);
    for ( i = 0; i < n; i++ )
    {
        guest_snprintf(check, sizeof(check), "poll/ports_%s", bad[i].name);
        test_expect_rc(check, poll(bad[i].ptr, 1, 0), -EFAULT);
        guest_snprintf(check, sizeof(check), "poll/arg_%s", bad[i].name);
        test_expect_rc(check, hypercall_sched_op(SCHEDOP_poll, bad[i].ptr),
                       -EFAULT);
        guest_snprintf(check, sizeof(check), "shutdown/%s", bad[i].name);
        test_expect_rc(check, hypercall_sched_op(SCHEDOP_shutdown, bad[i].ptr),
                       -EFAULT);
    }
    test_expect_rc("unknown", hypercall_sched_op(99, NULL), -ENOSYS);
}

void test_main(void)
{
    setup();
    check_yield_block();
    check_poll_pending();
    check_poll_sleeps();
    check_poll_woken();
    check_hostile();
    guest_evtchn_close(ipi);
    guest_evtchn_close(timer_port);
}
