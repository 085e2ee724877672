/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Many domains side by side (issue 5): dom0 and four boot-time domains
 * (tests/guest/domains/boot-domains), the same kernel in different roles
 * chosen by "role=" on its command line:
 *
 *  d1 pong         an inter-domain event channel with dom0: the domU binds
 *                  the port dom0 reserved for it and the two bounce an
 *                  event ROUNDS times, each waiting in SCHEDOP_poll;
 *  d2 crash        runs on a stack the hypervisor cannot write its trap
 *                  frame to, so it is crashed (SHUTDOWN_crash);
 *  d3 spin_masked  spins forever with events masked and no hypercall: only
 *                  the scheduler's slice timer takes the CPU back;
 *  d4 hostile      calls every domctl and sysctl, and the event-channel
 *                  and console operations reserved to the control domain,
 *                  and must get -EPERM from each; maps a frame of dom0's
 *                  with mmu_update foreigndom 0 (-EPERM, Xen's per-request
 *                  XSM check), with update_va_mapping_otherdomain (-EPERM)
 *                  and pins one with mmuext_op (-EPERM); populate_physmap
 *                  and increase_reservation for dom0 do nothing (0
 *                  extents: Xen answers a refused reservation with the
 *                  start extent) and current_reservation of dom0 is
 *                  -EPERM.
 *
 * One more role serves `make run`'s demo domains and tests/boot/linux-
 * dom0-domains, not this test: "ticker" greets, then prints its uptime
 * every 30 s, blocked in between.
 *
 * dom0 judges: the ping-pong completes, VIRQ_DOM_EXC tells it of each
 * shutdown, getdomaininfo gives d1 and d4 "poweroff" (the library's
 * verdict for a domain whose checks passed), d2 "crash", and d3 keeps
 * running (and can be paused and unpaused) while dom0 itself keeps
 * running beside it.
 *
 * Xen 4.17 has no boot-time domains on x86: there the test skips.
 */
#include <guest/arch/page.h>
#include <guest/console.h>
#include <guest/control.h>
#include <guest/events.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/pagetable.h>
#include <guest/setup.h>
#include <guest/string.h>
#include <guest/test.h>
#include <guest/time.h>

const char test_name[] = "domains";
const char test_title[] = "boot-time domains: ping-pong, crash, masked spin, "
                          "hostile control calls";

#define ROUNDS          200
#define DOMID_PONG      1
#define DOMID_CRASH     2
#define DOMID_SPIN      3
#define DOMID_HOSTILE   4
#define WAIT_NS         5000000000ULL      /* Generous: TCG is slow. */

static const char *role(void)
{
    static char buf[32];
    const char *s = strstr((const char *)guest_start_info->cmd_line, "role=");
    size_t n = 0;

    if ( !s )
        return "";
    s += 5;
    while ( s[n] && s[n] != ' ' && n + 1 < sizeof(buf) )
    {
        buf[n] = s[n];
        n++;
    }
    buf[n] = '\0';
    return buf;
}

static long simple_domctl(uint32_t cmd, domid_t id)
{
    struct xen_domctl op = {
        .cmd = cmd,
        .interface_version = XEN_DOMCTL_INTERFACE_VERSION,
        .domain = id,
    };

    return hypercall_domctl(&op);
}

/* ---- dom0 ---- */

static void dom0_pingpong(evtchn_port_t port)
{
    unsigned int i;

    for ( i = 0; i < ROUNDS; i++ )
    {
        if ( !guest_evtchn_wait(port, guest_time_now() + WAIT_NS) )
            break;
        guest_evtchn_send(port);
    }
    test_expect_eq("dom0/pingpong/rounds", i, ROUNDS);
}

static bool shut_down(domid_t id, unsigned int *reason)
{
    struct xen_domctl_getdomaininfo info;

    if ( guest_domain_info(id, &info) || !(info.flags & XEN_DOMINF_shutdown) )
        return false;
    *reason = (info.flags >> XEN_DOMINF_shutdownshift) &
              XEN_DOMINF_shutdownmask;
    return true;
}

/* Wait for VIRQ_DOM_EXC until id has shut down; its reason, or -1. */
static int await_shutdown(evtchn_port_t dom_exc, domid_t id)
{
    uint64_t deadline = guest_time_now() + 2 * WAIT_NS;
    unsigned int reason;

    while ( !shut_down(id, &reason) )
    {
        if ( guest_time_now() >= deadline )
            return -1;
        guest_evtchn_wait(dom_exc, deadline);
    }
    return (int)reason;
}

static void dom0_check_spinner(void)
{
    struct xen_domctl_getdomaininfo info;
    unsigned int reason = 0;
    uint64_t before, after;

    test_check(!shut_down(DOMID_SPIN, &reason), "dom0/spin/still_running",
               "d%u shut down (reason %u)", DOMID_SPIN, reason);
    test_expect_rc("dom0/spin/info", guest_domain_info(DOMID_SPIN, &info), 0);
    before = info.cpu_time;
    test_check(before > 0, "dom0/spin/has_run", "cpu_time %lu",
               (unsigned long)before);
    test_expect_rc("dom0/spin/pause",
                   simple_domctl(XEN_DOMCTL_pausedomain, DOMID_SPIN), 0);
    guest_domain_info(DOMID_SPIN, &info);
    test_check(info.flags & XEN_DOMINF_paused, "dom0/spin/paused_flag",
               "flags %#x", info.flags);
    before = info.cpu_time;
    guest_time_wait_until(guest_time_now() + 50000000ULL);
    guest_domain_info(DOMID_SPIN, &info);
    after = info.cpu_time;
    test_check(after == before, "dom0/spin/paused_runs_not",
               "cpu_time %lu then %lu while paused", (unsigned long)before,
               (unsigned long)after);
    test_expect_rc("dom0/spin/unpause",
                   simple_domctl(XEN_DOMCTL_unpausedomain, DOMID_SPIN), 0);
    test_expect_rc("dom0/spin/unpause_again",
                   simple_domctl(XEN_DOMCTL_unpausedomain, DOMID_SPIN),
                   -EINVAL);
    test_expect_rc("dom0/self/pause",
                   simple_domctl(XEN_DOMCTL_pausedomain, 0), -EINVAL);
}

/* The toolstack's `xl shutdown`: SCHEDOP_remote_shutdown of the spinner. */
static void dom0_remote_shutdown(evtchn_port_t dom_exc)
{
    struct sched_remote_shutdown rs = { .domain_id = DOMID_SPIN,
                                        .reason = SHUTDOWN_reboot };
    struct sched_remote_shutdown none = { .domain_id = 77,
                                          .reason = SHUTDOWN_poweroff };

    test_expect_rc("dom0/remote_shutdown/unknown",
                   hypercall_sched_op(SCHEDOP_remote_shutdown, &none), -ESRCH);
    test_expect_rc("dom0/remote_shutdown",
                   hypercall_sched_op(SCHEDOP_remote_shutdown, &rs), 0);
    test_expect_eq("dom0/remote_shutdown/reason",
                   await_shutdown(dom_exc, DOMID_SPIN), SHUTDOWN_reboot);
    rs.reason = SHUTDOWN_poweroff;
    test_expect_rc("dom0/remote_shutdown/again",
                   hypercall_sched_op(SCHEDOP_remote_shutdown, &rs), 0);
    test_expect_eq("dom0/remote_shutdown/first_reason_stands",
                   await_shutdown(dom_exc, DOMID_SPIN), SHUTDOWN_reboot);
}

/* XEN_DOMCTL_hypercall_init on a page of our own, as a builder does. */
static void dom0_hypercall_init(void)
{
    static uint8_t page[4096] __attribute__((aligned(4096)));
    struct xen_domctl op = {
        .cmd = XEN_DOMCTL_hypercall_init,
        .interface_version = XEN_DOMCTL_INTERFACE_VERSION,
        .domain = 0,
    };
    const uint8_t *stub = &page[__HYPERVISOR_xen_version * 32];

    op.u.hypercall_init.gmfn = guest_mfn_of(page);
    test_expect_rc("dom0/hypercall_init", hypercall_domctl(&op), 0);
    test_check(stub[0] == 0x51 && stub[3] == 0xb8 &&
                   stub[4] == __HYPERVISOR_xen_version && stub[8] == 0x0f &&
                   stub[9] == 0x05,
               "dom0/hypercall_init/stub", "bytes %02x %02x %02x %02x %02x",
               stub[0], stub[3], stub[4], stub[8], stub[9]);
    op.u.hypercall_init.gmfn = guest_mfn_of((void *)guest_start_info->pt_base);
    test_expect_rc("dom0/hypercall_init/page_table", hypercall_domctl(&op),
                   -EPERM);
    op.u.hypercall_init.gmfn = ~0ULL >> 20;
    test_expect_rc("dom0/hypercall_init/not_ours", hypercall_domctl(&op),
                   -EINVAL);
}

static void dom0_main(void)
{
    struct xen_domctl_getdomaininfo info;
    evtchn_port_t ping, dom_exc;

    if ( guest_domain_info(DOMID_PONG, &info) )
    {
        test_skip("no domain %u: the hypervisor started no boot-time "
                  "domains (Xen 4.17 has none on x86)", DOMID_PONG);
        return;
    }
    test_expect_rc("dom0/bind_dom_exc",
                   guest_evtchn_bind_virq(VIRQ_DOM_EXC, 0, &dom_exc), 0);
    test_expect_rc("dom0/alloc_unbound",
                   guest_evtchn_alloc_unbound(DOMID_PONG, &ping), 0);
    dom0_pingpong(ping);
    test_expect_eq("dom0/pong/shutdown", await_shutdown(dom_exc, DOMID_PONG),
                   SHUTDOWN_poweroff);
    test_expect_eq("dom0/crash/shutdown",
                   await_shutdown(dom_exc, DOMID_CRASH), SHUTDOWN_crash);
    test_expect_eq("dom0/hostile/shutdown",
                   await_shutdown(dom_exc, DOMID_HOSTILE), SHUTDOWN_poweroff);
    dom0_check_spinner();
    dom0_hypercall_init();
    dom0_remote_shutdown(dom_exc);
}

/* ---- domUs ---- */

/* dom0 reserved a port for us: find it by binding (only it succeeds). */
static long bind_dom0_port(evtchn_port_t *local)
{
    uint64_t deadline = guest_time_now() + WAIT_NS;
    struct evtchn_bind_interdomain b;
    evtchn_port_t port;
    long rc = -ESRCH;

    while ( guest_time_now() < deadline )
    {
        for ( port = 1; port < 64; port++ )
        {
            b = (struct evtchn_bind_interdomain){ .remote_dom = 0,
                                                  .remote_port = port };
            rc = hypercall_event_channel_op(EVTCHNOP_bind_interdomain, &b);
            if ( rc == 0 )
            {
                /* Xen marks a newly bound port pending: not a message. */
                *local = b.local_port;
                guest_evtchn_clear(*local);
                return 0;
            }
        }
        hypercall_sched_op(SCHEDOP_yield, NULL);
    }
    return rc;
}

static void pong_main(void)
{
    evtchn_port_t port = 0;
    uint64_t start, spent;
    unsigned int i;

    if ( !test_expect_rc("pong/bind", bind_dom0_port(&port), 0) )
        return;
    start = guest_time_now();
    for ( i = 0; i < ROUNDS; i++ )
    {
        guest_evtchn_send(port);
        if ( !guest_evtchn_wait(port, guest_time_now() + WAIT_NS) )
            break;
    }
    spent = guest_time_now() - start;
    test_expect_eq("pong/rounds", i, ROUNDS);
    test_note("%u round trips, %lu ns each (guest time, QEMU)", i,
              (unsigned long)(i ? spent / i : 0));
}

static void crash_main(void)
{
    test_note("about to run on an unwritable stack and fault");
    /* The #UD frame can't be written at 0x1000: the hypervisor crashes us. */
    __asm__ __volatile__("mov $0x1000, %%rsp; ud2" ::: "memory");
    test_check(false, "crash/survived", "still running after the fault");
}

static void spin_masked_main(void)
{
    volatile unsigned long n = 0;

    guest_events_disable();
    test_note("spinning with events masked, forever");
    for ( ;; )
        n++;
}

static unsigned char hostile_page[PAGE_SIZE]
    __attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));

/* Another domain's memory: only the control domain may touch it. */
static void hostile_foreign_memory(void)
{
    unsigned long va = (unsigned long)hostile_page;
    xen_pfn_t l1 = guest_pt_mfn(hostile_page, 1), frame = 0x100;
    struct mmu_update req = {
        .ptr = ((uint64_t)l1 << PAGE_SHIFT) + ((va >> PAGE_SHIFT) & 511) * 8,
        .val = (0x100ULL << PAGE_SHIFT) | PTE_PRESENT | PTE_ACCESSED,
    };
    struct mmuext_op pin = { .cmd = MMUEXT_PIN_L1_TABLE, .arg1.mfn = 0x100 };
    struct xen_memory_reservation r = { .nr_extents = 1, .domid = 0 };
    domid_t dom0 = 0;

    test_expect_rc("hostile/foreign_mmu_update",
                   hypercall_mmu_update(&req, 1, NULL, 0), -EPERM);
    test_expect_rc("hostile/foreign_update_va_mapping",
                   GUEST_HYPERCALL(__HYPERVISOR_update_va_mapping_otherdomain,
                                   va, req.val, UVMF_INVLPG, 0, 0), -EPERM);
    test_expect_rc("hostile/foreign_pin",
                   hypercall_mmuext_op(&pin, 1, NULL, 0), -EPERM);
    set_xen_guest_handle(r.extent_start, &frame);
    test_expect_rc("hostile/populate_dom0",
                   hypercall_memory_op(XENMEM_populate_physmap, &r), 0);
    test_expect_rc("hostile/increase_dom0",
                   hypercall_memory_op(XENMEM_increase_reservation, &r), 0);
    test_expect_rc("hostile/reservation_of_dom0",
                   hypercall_memory_op(XENMEM_current_reservation, &dom0),
                   -EPERM);
}

static void hostile_main(void)
{
    struct xen_domctl dop;
    struct xen_sysctl sop;
    struct evtchn_alloc_unbound au = { .dom = 0, .remote_dom = DOMID_SELF };
    struct evtchn_status st = { .dom = 0, .port = 1 };
    struct sched_remote_shutdown rs = { .domain_id = 0,
                                        .reason = SHUTDOWN_poweroff };
    char c;
    unsigned int cmd, refused = 0, total = 0;
    long rc;

    for ( cmd = 0; cmd < 100; cmd++ )
    {
        dop = (struct xen_domctl){ .cmd = cmd, .domain = 0,
                                   .interface_version =
                                       XEN_DOMCTL_INTERFACE_VERSION };
        rc = hypercall_domctl(&dop);
        total++;
        if ( rc == -EPERM )
            refused++;
        else
            test_check(false, "hostile/domctl", "cmd %u gave %ld", cmd, rc);
    }
    for ( cmd = 0; cmd < 40; cmd++ )
    {
        sop = (struct xen_sysctl){ .cmd = cmd,
                                   .interface_version =
                                       XEN_SYSCTL_INTERFACE_VERSION };
        rc = hypercall_sysctl(&sop);
        total++;
        if ( rc == -EPERM )
            refused++;
        else
            test_check(false, "hostile/sysctl", "cmd %u gave %ld", cmd, rc);
    }
    test_expect_eq("hostile/control_refused", refused, total);
    test_expect_rc("hostile/alloc_unbound_in_dom0",
                   hypercall_event_channel_op(EVTCHNOP_alloc_unbound, &au),
                   -EPERM);
    test_expect_rc("hostile/status_of_dom0",
                   hypercall_event_channel_op(EVTCHNOP_status, &st), -EPERM);
    test_expect_rc("hostile/console_read",
                   hypercall_console_io(CONSOLEIO_read, 1, &c), -EPERM);
    test_expect_rc("hostile/remote_shutdown_dom0",
                   hypercall_sched_op(SCHEDOP_remote_shutdown, &rs), -EPERM);
    hostile_foreign_memory();
}

static void ticker_main(void)
{
    evtchn_port_t timer;
    uint64_t next = guest_time_now();
    unsigned int n = 0;

    guest_printf("hello from a small PV domain; it will say how long it "
                 "has been up every 30 s\n");
    if ( guest_evtchn_bind_virq(VIRQ_TIMER, 0, &timer) )
        return;
    for ( ;; )
    {
        next += 30000000000ULL;
        hypercall_set_timer_op(next);
        while ( guest_time_now() < next )
            guest_evtchn_wait(timer, next + 1000000ULL);
        guest_printf("up %u s\n", (n += 30));
    }
}

void test_main(void)
{
    const char *r = role();

    if ( guest_start_info->flags & SIF_INITDOMAIN )
        dom0_main();
    else if ( !strcmp(r, "pong") )
        pong_main();
    else if ( !strcmp(r, "crash") )
        crash_main();
    else if ( !strcmp(r, "spin_masked") )
        spin_masked_main();
    else if ( !strcmp(r, "hostile") )
        hostile_main();
    else if ( !strcmp(r, "ticker") )
        ticker_main();
    else
        test_error("unknown role '%s'", r);
}
