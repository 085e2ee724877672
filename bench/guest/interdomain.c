/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Inter-domain rows of the benchmark guest. They need a second domain,
 * which only Xenolith's boot-time domains give a kernel like this one
 * (tools/bench starts this same kernel as domain 1 with "role=echo"); on
 * Xen 4.17 the rows are n/a.
 *
 *   interdomain_rtt  dom0 sends on an interdomain channel and waits in
 *                    SCHEDOP_poll until the echo domain, itself waiting in
 *                    SCHEDOP_poll, has sent back: one round trip is two
 *                    sends, two blocks, two wake-ups, two domain switches.
 *   domain_switch    dom0 and the echo domain both loop on SCHEDOP_yield,
 *                    so each yield switches to the other domain: cycles
 *                    per switch (a yield hypercall, the scheduler's
 *                    decision and a full PV context switch).
 *
 * dom0 reserves the port first (bench_interdomain_prepare()), before the
 * other rows run, so the echo domain is blocked, not searching, while
 * they are timed; the inter-domain rows run last, since the echo domain
 * then spins on yield until the machine stops.
 */
#include <guest/console.h>
#include <guest/control.h>
#include <guest/events.h>
#include <guest/hypercall.h>
#include <guest/setup.h>
#include <guest/string.h>
#include <guest/test.h>

void bench_report(const char *name, uint64_t cycles, unsigned long ops);
void bench_interdomain_prepare(void);
void bench_interdomain(void);
void bench_echo_main(void);

#define ECHO_DOMID   1
#define RTT_ROUNDS   2000UL
#define YIELDS       2000UL
#define WARMUP       100UL

static evtchn_port_t dom0_port;
static bool have_echo;

static inline uint64_t rdtsc_now(void)
{
    uint32_t lo, hi;

    asm volatile ( "rdtsc" : "=a" (lo), "=d" (hi) : : "memory" );
    return ((uint64_t)hi << 32) | lo;
}

void bench_interdomain_prepare(void)
{
    struct xen_domctl_getdomaininfo info;

    have_echo = guest_domain_info(ECHO_DOMID, &info) == 0 &&
                guest_evtchn_alloc_unbound(ECHO_DOMID, &dom0_port) == 0;
}

static uint64_t rtt_loop(unsigned long n)
{
    uint64_t t0 = rdtsc_now();

    for ( unsigned long i = 0; i < n; i++ )
    {
        guest_evtchn_send(dom0_port);
        guest_evtchn_wait(dom0_port, GUEST_TIME_NEVER);
    }
    return rdtsc_now() - t0;
}

static uint64_t yield_loop(unsigned long n)
{
    uint64_t t0 = rdtsc_now();

    for ( unsigned long i = 0; i < n; i++ )
        hypercall_sched_op(SCHEDOP_yield, NULL);
    return rdtsc_now() - t0;
}

void bench_interdomain(void)
{
    uint64_t cycles;

    if ( !have_echo )
    {
        guest_printf("BENCH interdomain_rtt n/a\n");
        guest_printf("BENCH domain_switch n/a\n");
        test_note("inter-domain rows: n/a: no domain %u (boot-time "
                  "domains are Xenolith's)", ECHO_DOMID);
        return;
    }
    rtt_loop(WARMUP);
    cycles = rtt_loop(RTT_ROUNDS);
    bench_report("interdomain_rtt", cycles, RTT_ROUNDS);
    /* One more send tells the echo domain to start yielding. */
    guest_evtchn_send(dom0_port);
    guest_evtchn_wait(dom0_port, GUEST_TIME_NEVER);
    yield_loop(WARMUP);
    cycles = yield_loop(YIELDS);
    /* Each of our yields is two switches: to the echo domain and back. */
    bench_report("domain_switch", cycles, 2 * YIELDS);
    test_check(cycles > 0, "interdomain/ran", "no cycles counted");
}

/* Domain 1: echo every event until the extra one, then yield forever. */
void bench_echo_main(void)
{
    struct evtchn_bind_interdomain b;
    evtchn_port_t port = 0, p;
    unsigned long n;

    for ( ;; )
    {
        for ( p = 1; p < 64 && !port; p++ )
        {
            b = (struct evtchn_bind_interdomain){ .remote_dom = 0,
                                                  .remote_port = p };
            if ( hypercall_event_channel_op(EVTCHNOP_bind_interdomain,
                                            &b) == 0 )
                port = b.local_port;
        }
        if ( port )
            break;
        hypercall_sched_op(SCHEDOP_yield, NULL);
    }
    guest_evtchn_clear(port);
    for ( n = 0; n < WARMUP + RTT_ROUNDS + 1; n++ )
    {
        guest_evtchn_wait(port, GUEST_TIME_NEVER);
        guest_evtchn_send(port);
    }
    for ( ;; )
        hypercall_sched_op(SCHEDOP_yield, NULL);
}
