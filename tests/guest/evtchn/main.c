/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * evtchn: event channels of one domain over the 2-level ABI
 * (xen/include/public/event_channel.h; Xen: xen/common/event_channel.c,
 * event_2l.c; delivery: xen/arch/x86/x86_64/entry.S test_all_events).
 *
 * What the ABI defines and this test checks:
 * - alloc_unbound, bind_ipi, bind_virq and loopback bind_interdomain hand
 *   out the lowest free port; port 0 is never handed out (Xen 4.17
 *   reserves it); status reports each binding and its vCPU;
 * - send sets the port's bit in shared_info's evtchn_pending, its word's
 *   bit in vcpu_info's evtchn_pending_sel and evtchn_upcall_pending; with
 *   evtchn_upcall_mask set nothing is delivered; once unmasked, the next
 *   return from the hypervisor enters the event callback with events
 *   masked, and HYPERVISOR_iret from it unmasks them again, delivering
 *   at once an event raised while the callback ran;
 * - a port masked in evtchn_mask stays pending without an upcall;
 *   EVTCHNOP_unmask delivers it; send on an unbound port is dropped;
 * - bind_vcpu moves unbound, interdomain and global-VIRQ ports only;
 * - close frees the port (status "closed") and clears its pending bit;
 *   reset closes every port.
 * Hostile, Xen 4.17's answers: ports beyond the allocated range or >= 4096
 * -EINVAL for status, send, close, unmask, bind_vcpu and set_priority;
 * closing or sending on port 0 or a closed port -EINVAL; send on a VIRQ
 * port -EINVAL; virq >= NR_VIRQS -EINVAL; a global VIRQ on vCPU 1 -EINVAL;
 * a missing vCPU -ENOENT; the same VIRQ bound twice -EEXIST; a domain
 * other than ourselves -ESRCH; every bad pointer -EFAULT; an argument
 * that can be read but not written back -EFAULT with the binding made;
 * set_priority -ENOSYS (2-level has no priorities); expand_array
 * -EOPNOTSUPP (no FIFO); an unknown command -ENOSYS; all 4095 ports in
 * use -ENOSPC. Ports are valid in buckets of 64 (Xen 4.17 allocates
 * struct evtchn a page at a time): with few ports bound, port 64 is the
 * first one status refuses.
 * EVTCHNOP_init_control is only called with bad pointers: on Xen it would
 * switch the domain to the FIFO ABI (Xenolith has none: -ENOSYS).
 */
#include <guest/console.h>
#include <guest/events.h>
#include <guest/hypercall.h>
#include <guest/setup.h>
#include <guest/string.h>
#include <guest/test.h>

const char test_name[] = "evtchn";
const char test_title[] = "event channels: bind, send, upcall, mask, close";

#define MAX_2L_PORTS   4096
#define NR_VIRQS_ABI   24

static bool status_is(evtchn_port_t port, uint32_t want_status,
                      struct evtchn_status *st)
{
    memset(st, 0, sizeof(*st));
    return guest_evtchn_status(port, st) == 0 && st->status == want_status;
}

static void check_status_closed(const char *check, evtchn_port_t port)
{
    struct evtchn_status st;
    bool ok;

    ok = status_is(port, EVTCHNSTAT_closed, &st);
    test_check(ok, check,
               "port %u: status %u", port, st.status);
}

static evtchn_port_t lowest_closed_port(void)
{
    struct evtchn_status st;
    evtchn_port_t p;

    for ( p = 1; p < MAX_2L_PORTS; p++ )
        if ( status_is(p, EVTCHNSTAT_closed, &st) ||
             guest_evtchn_status(p, &st) == -EINVAL )
            return p;
    return 0;
}

/* Send with upcalls masked: bits set, nothing delivered. */
static void check_masked_send(evtchn_port_t ipi)
{
    struct vcpu_info *vi = guest_events_vcpu_info();
    unsigned long before = guest_events_upcalls();
    unsigned long sel_bit = 1UL << (ipi / (8 * sizeof(unsigned long)));

    test_expect_rc("send/ipi", guest_evtchn_send(ipi), 0);
    test_check(guest_evtchn_is_pending(ipi), "send/pending_bit",
               "port %u not pending", ipi);
    test_check(vi->evtchn_pending_sel & sel_bit, "send/pending_sel",
               "evtchn_pending_sel %#lx", vi->evtchn_pending_sel);
    test_check(vi->evtchn_upcall_pending, "send/upcall_pending",
               "evtchn_upcall_pending %u", vi->evtchn_upcall_pending);
    test_check(guest_events_upcalls() == before, "send/masked_no_upcall",
               "%lu upcalls with events masked",
               guest_events_upcalls() - before);
}

/* Unmask: delivered through the callback, events masked on entry. */
static void check_upcall(evtchn_port_t ipi)
{
    unsigned long before = guest_events_upcalls();

    guest_events_enable();
    test_check(guest_events_upcalls() > before, "upcall/delivered",
               "no upcall after unmasking");
    test_check(guest_events_port_count(ipi) == 1, "upcall/port",
               "port %u consumed %u times", ipi,
               guest_events_port_count(ipi));
    test_expect_eq("upcall/masked_on_entry",
                   (long)guest_events_unmasked_entries(), 0);
    test_expect_eq("upcall/unmasked_after_iret",
                   guest_events_vcpu_info()->evtchn_upcall_mask, 0);
    test_check(!guest_evtchn_is_pending(ipi), "upcall/consumed",
               "port %u still pending", ipi);

    guest_events_forget();
    test_expect_rc("upcall/send_unmasked", guest_evtchn_send(ipi), 0);
    test_expect_eq("upcall/send_unmasked_delivered",
                   guest_events_port_count(ipi), 1);
    guest_events_disable();
}

static evtchn_port_t resend_port;
static unsigned int resends;

/* In the callback: send once more, to be delivered by HYPERVISOR_iret. */
static void resend_once(evtchn_port_t port)
{
    if ( port == resend_port && resends++ == 0 )
        guest_evtchn_send(port);
}

/*
 * An event raised inside the callback stays pending (events are masked
 * there) until the callback's HYPERVISOR_iret unmasks them: that return
 * delivers it, with no other hypercall in between.
 */
static void check_iret_delivers(evtchn_port_t ipi)
{
    unsigned long before = guest_events_upcalls();

    guest_events_forget();
    resend_port = ipi;
    guest_events_on_port(resend_once);
    test_expect_rc("iret/send", guest_evtchn_send(ipi), 0);
    guest_events_enable();
    guest_events_on_port(NULL);
    test_expect_eq("iret/delivers_pending", guest_events_port_count(ipi), 2);
    test_expect_eq("iret/two_upcalls", (long)(guest_events_upcalls() - before),
                   2);
    guest_events_disable();
}

/* A port masked in evtchn_mask: pending, no upcall; unmask delivers. */
static void check_port_mask(evtchn_port_t ipi)
{
    unsigned long before;

    guest_events_forget();
    guest_evtchn_mask(ipi);
    guest_events_enable();
    before = guest_events_upcalls();
    test_expect_rc("mask/send", guest_evtchn_send(ipi), 0);
    test_check(guest_evtchn_is_pending(ipi) &&
                   guest_events_upcalls() == before,
               "mask/pending_no_upcall", "pending %d, %lu upcalls",
               guest_evtchn_is_pending(ipi), guest_events_upcalls() - before);
    test_expect_rc("mask/unmask", guest_evtchn_unmask(ipi), 0);
    test_check(!guest_evtchn_is_masked(ipi), "mask/unmask_clears_bit",
               "port %u still masked", ipi);
    test_expect_eq("mask/unmask_delivers", guest_events_port_count(ipi), 1);
    guest_events_disable();
}

static void check_unbound(evtchn_port_t *unbound)
{
    struct evtchn_status st;
    bool ok;

    test_expect_rc("alloc_unbound",
                   guest_evtchn_alloc_unbound(DOMID_SELF, unbound), 0);
    test_check(*unbound >= 1, "alloc_unbound/not_port_0", "port %u", *unbound);
    ok = status_is(*unbound, EVTCHNSTAT_unbound, &st);
    test_check(ok &&
                   st.u.unbound.dom == 0 && st.vcpu == 0,
               "alloc_unbound/status", "status %u dom %u vcpu %u", st.status,
               st.u.unbound.dom, st.vcpu);
    test_expect_rc("unbound/send_dropped", guest_evtchn_send(*unbound), 0);
    test_check(!guest_evtchn_is_pending(*unbound), "unbound/not_pending",
               "port %u pending", *unbound);
    test_expect_rc("unbound/bind_vcpu", guest_evtchn_bind_vcpu(*unbound, 0),
                   0);
}

static void check_ipi(evtchn_port_t unbound, evtchn_port_t *ipi)
{
    struct evtchn_status st;
    bool ok;

    test_expect_rc("bind_ipi", guest_evtchn_bind_ipi(0, ipi), 0);
    test_expect_eq("bind_ipi/next_port", *ipi, unbound + 1);
    ok = status_is(*ipi, EVTCHNSTAT_ipi, &st);
    test_check(ok && st.vcpu == 0,
               "bind_ipi/status", "status %u vcpu %u", st.status, st.vcpu);
    test_expect_rc("bind_ipi/bind_vcpu", guest_evtchn_bind_vcpu(*ipi, 0),
                   -EINVAL);
    check_masked_send(*ipi);
    check_upcall(*ipi);
    check_iret_delivers(*ipi);
    check_port_mask(*ipi);
}

static void check_virq(void)
{
    struct evtchn_status st;
    bool ok;
    evtchn_port_t debug, again, dom_exc;

    test_expect_rc("virq/bind", guest_evtchn_bind_virq(VIRQ_DEBUG, 0, &debug),
                   0);
    ok = status_is(debug, EVTCHNSTAT_virq, &st);
    test_check(ok &&
                   st.u.virq == VIRQ_DEBUG && st.vcpu == 0,
               "virq/status", "status %u virq %u vcpu %u", st.status,
               st.u.virq, st.vcpu);
    test_expect_rc("virq/bound_twice",
                   guest_evtchn_bind_virq(VIRQ_DEBUG, 0, &again), -EEXIST);
    test_expect_rc("virq/send", guest_evtchn_send(debug), -EINVAL);
    test_expect_rc("virq/bind_vcpu_per_vcpu",
                   guest_evtchn_bind_vcpu(debug, 0), -EINVAL);
    test_expect_rc("virq/bind_global",
                   guest_evtchn_bind_virq(VIRQ_DOM_EXC, 0, &dom_exc), 0);
    test_expect_rc("virq/bind_vcpu_global",
                   guest_evtchn_bind_vcpu(dom_exc, 0), 0);
    test_expect_rc("virq/close", guest_evtchn_close(debug), 0);
    check_status_closed("virq/closed", debug);
    test_expect_rc("virq/rebind", guest_evtchn_bind_virq(VIRQ_DEBUG, 0, &again),
                   0);
    test_expect_eq("virq/rebind_lowest_port", again, debug);
    test_expect_rc("virq/close_again", guest_evtchn_close(again), 0);
    test_expect_rc("virq/close_closed", guest_evtchn_close(again), -EINVAL);
    test_expect_rc("virq/close_global", guest_evtchn_close(dom_exc), 0);
}

static void check_loopback(void)
{
    struct evtchn_status st;
    bool ok;
    evtchn_port_t a, b;

    if ( !test_check(guest_evtchn_alloc_unbound(DOMID_SELF, &a) == 0,
                     "loopback/alloc", "alloc_unbound failed") )
        return;
    test_expect_rc("loopback/bind", guest_evtchn_bind_loopback(a, &b), 0);
    ok = status_is(b, EVTCHNSTAT_interdomain, &st);
    test_check(ok &&
                   st.u.interdomain.dom == 0 && st.u.interdomain.port == a,
               "loopback/status", "status %u dom %u port %u", st.status,
               st.u.interdomain.dom, st.u.interdomain.port);
    test_check(guest_evtchn_is_pending(b), "loopback/bind_notifies",
               "port %u not pending after the bind", b);
    guest_evtchn_clear(b);
    test_expect_rc("loopback/send", guest_evtchn_send(b), 0);
    test_check(guest_evtchn_is_pending(a) && !guest_evtchn_is_pending(b),
               "loopback/send_reaches_other_end", "a %d b %d",
               guest_evtchn_is_pending(a), guest_evtchn_is_pending(b));
    test_expect_rc("loopback/rebind_bound", guest_evtchn_bind_loopback(a, &b),
                   -EINVAL);
    test_expect_rc("loopback/close_a", guest_evtchn_close(a), 0);
    test_check(!guest_evtchn_is_pending(a), "loopback/close_clears_pending",
               "port %u still pending", a);
    ok = status_is(b, EVTCHNSTAT_unbound, &st);
    test_check(ok &&
                   st.u.unbound.dom == 0,
               "loopback/other_end_unbound", "status %u dom %u", st.status,
               st.u.unbound.dom);
    test_expect_rc("loopback/close_b", guest_evtchn_close(b), 0);
}

static void check_port_zero(void)
{
    check_status_closed("port0/status", 0);
    test_expect_rc("port0/close", guest_evtchn_close(0), -EINVAL);
    test_expect_rc("port0/send", guest_evtchn_send(0), -EINVAL);
    test_expect_rc("port0/unmask", guest_evtchn_unmask(0), 0);
}

static void check_bad_port(const char *name, evtchn_port_t port)
{
    struct evtchn_status st;
    struct evtchn_set_priority prio = { .port = port, .priority = 1 };
    char check[48];

    guest_snprintf(check, sizeof(check), "bad_port/%s/status", name);
    test_expect_rc(check, guest_evtchn_status(port, &st), -EINVAL);
    guest_snprintf(check, sizeof(check), "bad_port/%s/send", name);
    test_expect_rc(check, guest_evtchn_send(port), -EINVAL);
    guest_snprintf(check, sizeof(check), "bad_port/%s/close", name);
    test_expect_rc(check, guest_evtchn_close(port), -EINVAL);
    guest_snprintf(check, sizeof(check), "bad_port/%s/unmask", name);
    test_expect_rc(check, guest_evtchn_unmask(port), -EINVAL);
    guest_snprintf(check, sizeof(check), "bad_port/%s/bind_vcpu", name);
    test_expect_rc(check, guest_evtchn_bind_vcpu(port, 0), -EINVAL);
    guest_snprintf(check, sizeof(check), "bad_port/%s/set_priority", name);
    test_expect_rc(check, hypercall_event_channel_op(EVTCHNOP_set_priority,
                                                     &prio), -EINVAL);
}

/*
 * Ports are valid in buckets (Xen allocates struct evtchn in page-sized
 * groups): the first invalid port tells the bucket size.
 */
static void check_bad_ports(void)
{
    struct evtchn_status st;
    evtchn_port_t first_invalid = 0, p;

    for ( p = 1; p < MAX_2L_PORTS && !first_invalid; p++ )
        if ( guest_evtchn_status(p, &st) == -EINVAL )
            first_invalid = p;
    test_note("first invalid port: %u", first_invalid);
    test_expect_eq("bad_port/bucket", first_invalid, 64);
    check_bad_port("first_invalid", first_invalid);
    check_bad_port("4095", MAX_2L_PORTS - 1);
    check_bad_port("4096", MAX_2L_PORTS);
    check_bad_port("huge", 0xffffffffu);
}

static void check_bad_binds(void)
{
    evtchn_port_t port;
    struct evtchn_alloc_unbound alloc = { .dom = 5, .remote_dom = DOMID_SELF };
    struct evtchn_status st = { .dom = 5, .port = 1 };
    struct evtchn_bind_interdomain bind = { .remote_dom = 5, .remote_port = 1 };

    test_expect_rc("virq/out_of_range",
                   guest_evtchn_bind_virq(NR_VIRQS_ABI, 0, &port), -EINVAL);
    test_expect_rc("virq/huge", guest_evtchn_bind_virq(0xffffffffu, 0, &port),
                   -EINVAL);
    test_expect_rc("virq/global_on_vcpu1",
                   guest_evtchn_bind_virq(VIRQ_DOM_EXC, 1, &port), -EINVAL);
    test_expect_rc("virq/no_vcpu1",
                   guest_evtchn_bind_virq(VIRQ_DEBUG, 1, &port),
                   -ENOENT);
    test_expect_rc("virq/huge_vcpu",
                   guest_evtchn_bind_virq(VIRQ_DEBUG, 0xffffffffu, &port),
                   -ENOENT);
    test_expect_rc("ipi/no_vcpu1", guest_evtchn_bind_ipi(1, &port), -ENOENT);
    test_expect_rc("bind_vcpu/no_vcpu1", guest_evtchn_bind_vcpu(1, 1), -ENOENT);
    test_expect_rc("alloc_unbound/other_domain",
                   hypercall_event_channel_op(EVTCHNOP_alloc_unbound, &alloc),
                   -ESRCH);
    test_expect_rc("status/other_domain",
                   hypercall_event_channel_op(EVTCHNOP_status, &st), -ESRCH);
    test_expect_rc("interdomain/other_domain",
                   hypercall_event_channel_op(EVTCHNOP_bind_interdomain, &bind),
                   -ESRCH);
    test_expect_rc("interdomain/closed_port",
                   guest_evtchn_bind_loopback(lowest_closed_port(), &port),
                   -EINVAL);
}

static void check_bad_pointers(void)
{
    static const int cmds[] = {
        EVTCHNOP_bind_interdomain, EVTCHNOP_bind_virq, EVTCHNOP_close,
        EVTCHNOP_send, EVTCHNOP_status, EVTCHNOP_alloc_unbound,
        EVTCHNOP_bind_ipi, EVTCHNOP_bind_vcpu, EVTCHNOP_unmask,
        EVTCHNOP_reset, EVTCHNOP_init_control, EVTCHNOP_expand_array,
        EVTCHNOP_set_priority,
    };
    const struct test_bad_pointer *bad;
    unsigned int n, i, c;
    char check[48];

    bad = test_bad_pointers(&n);
    for ( c = 0; c < ARRAY_SIZE(cmds); c++ )
        for ( i = 0; i < n; i++ )
        {
            guest_snprintf(check, sizeof(check), "bad_pointer/op%d/%s",
                           cmds[c], bad[i].name);
            test_expect_rc(check,
                           hypercall_event_channel_op(cmds[c], bad[i].ptr),
                           -EFAULT);
        }
}

/* Readable but not writable: Xen binds, then fails the copy back. */
static void check_readonly_argument(void)
{
    struct evtchn_bind_ipi *op = test_readonly_page();
    struct evtchn_status st;
    bool ok;
    evtchn_port_t expect = lowest_closed_port();

    test_expect_rc("readonly/bind_ipi",
                   hypercall_event_channel_op(EVTCHNOP_bind_ipi, op), -EFAULT);
    ok = status_is(expect, EVTCHNSTAT_ipi, &st);
    test_check(ok, "readonly/bound_anyway",
               "port %u: status %u", expect, st.status);
    test_expect_rc("readonly/close", guest_evtchn_close(expect), 0);
}

static void check_misc_ops(evtchn_port_t ipi)
{
    struct evtchn_set_priority prio = { .port = ipi, .priority = 1 };
    struct evtchn_expand_array expand = { .array_gfn = 0 };

    test_expect_rc("set_priority/2l",
                   hypercall_event_channel_op(EVTCHNOP_set_priority, &prio),
                   -ENOSYS);
    test_expect_rc("expand_array/no_fifo",
                   hypercall_event_channel_op(EVTCHNOP_expand_array, &expand),
                   -EOPNOTSUPP);
    test_expect_rc("unknown_op", hypercall_event_channel_op(99, &prio),
                   -ENOSYS);
}

/* Allocate until the 2-level limit; every port then closes again. */
static void check_exhaustion(void)
{
    evtchn_port_t port, first = 0, last = 0;
    unsigned int n = 0, closed = 0;
    int rc;

    while ( (rc = guest_evtchn_alloc_unbound(DOMID_SELF, &port)) == 0 &&
            n < MAX_2L_PORTS )
    {
        if ( !first )
            first = port;
        last = port;
        n++;
    }
    test_expect_rc("exhaustion/enospc", rc, -ENOSPC);
    test_expect_eq("exhaustion/last_port", last, MAX_2L_PORTS - 1);
    for ( port = first; port && port <= last; port++ )
        closed += guest_evtchn_close(port) == 0;
    test_expect_eq("exhaustion/closed_all", closed, n);
}

static void check_reset(void)
{
    struct evtchn_reset reset = { .dom = DOMID_SELF };
    evtchn_port_t a, b;

    if ( guest_evtchn_alloc_unbound(DOMID_SELF, &a) ||
         guest_evtchn_bind_ipi(0, &b) )
    {
        test_error("cannot allocate ports for reset");
        return;
    }
    guest_evtchn_send(b);
    test_expect_rc("reset", hypercall_event_channel_op(EVTCHNOP_reset, &reset),
                   0);
    check_status_closed("reset/closed_a", a);
    check_status_closed("reset/closed_b", b);
    test_check(!guest_evtchn_is_pending(b), "reset/clears_pending",
               "port %u still pending", b);
    reset.dom = 5;
    test_expect_rc("reset/other_domain",
                   hypercall_event_channel_op(EVTCHNOP_reset, &reset), -ESRCH);
}

void test_main(void)
{
    evtchn_port_t unbound, ipi;

    check_unbound(&unbound);
    check_ipi(unbound, &ipi);
    check_virq();
    check_loopback();
    check_port_zero();
    check_bad_ports();
    check_bad_binds();
    check_bad_pointers();
    check_readonly_argument();
    check_misc_ops(ipi);
    test_expect_rc("close/ipi", guest_evtchn_close(ipi), 0);
    test_expect_rc("close/unbound", guest_evtchn_close(unbound), 0);
    test_expect_rc("close/send_closed", guest_evtchn_send(ipi), -EINVAL);
    check_exhaustion();
    check_reset();
}
