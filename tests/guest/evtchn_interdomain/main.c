/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * evtchn_interdomain: interdomain event channels as one domain (dom0) can
 * see them, connected to itself (xen/include/public/event_channel.h:
 * EVTCHNOP_alloc_unbound, bind_interdomain, close, status, reset; Xen
 * 4.17: xen/common/event_channel.c). Channels between two domains are
 * tested with boot-time domains (issue 5).
 *
 * What the ABI defines and this test checks:
 * - alloc_unbound reserves a port for remote_dom (DOMID_SELF: the caller,
 *   reported by status as its id; any other id is stored as given, even
 *   one no domain has); dom may be DOMID_SELF or the caller's own id;
 * - bind_interdomain (remote_dom DOMID_SELF or our id) connects a new
 *   local port to it, status shows each end's peer, and the new port is
 *   left pending (Xen: notifications sent to the unbound end may be lost);
 * - send on either end makes the other pending and is delivered through
 *   the event callback; a port masked in evtchn_mask stays pending until
 *   EVTCHNOP_unmask; bind_vcpu moves an interdomain port;
 * - closing one end leaves the other unbound, reserved for the closer,
 *   and a new port can bind to it again; reset closes both ends;
 * - VIRQ_DOM_EXC, a global VIRQ, binds on vCPU 0 (dom0 is the domain that
 *   receives it).
 * Hostile, Xen 4.17's answers: alloc_unbound, status and reset naming a
 * domain that does not exist (1, 0x7fef, DOMID_IO, DOMID_INVALID) -ESRCH;
 * bind_interdomain to such a domain -ESRCH; to a port reserved for
 * another domain, to an IPI, an interdomain, a closed or a reserved port,
 * or to a port beyond the table -EINVAL; VIRQ_DOM_EXC on vCPU 1 -EINVAL;
 * with every port in use alloc_unbound and bind_interdomain -ENOSPC,
 * even for a remote port that is fine (Xen allocates the local port
 * first), but a missing domain is still -ESRCH (looked up first).
 */
#include <guest/console.h>
#include <guest/events.h>
#include <guest/hypercall.h>
#include <guest/string.h>
#include <guest/test.h>

const char test_name[] = "evtchn_interdomain";
const char test_title[] = "interdomain event channels, connected to ourselves";

#define MAX_2L_PORTS 4096
#define OUR_DOMID    0          /* We boot as dom0 on both hypervisors. */

static int alloc_unbound(domid_t dom, domid_t remote, evtchn_port_t *port)
{
    struct evtchn_alloc_unbound op = { .dom = dom, .remote_dom = remote };
    int rc = hypercall_event_channel_op(EVTCHNOP_alloc_unbound, &op);

    if ( rc == 0 )
        *port = op.port;
    return rc;
}

static int bind(domid_t remote_dom, evtchn_port_t remote_port,
                evtchn_port_t *local)
{
    struct evtchn_bind_interdomain op = { .remote_dom = remote_dom,
                                          .remote_port = remote_port };
    int rc = hypercall_event_channel_op(EVTCHNOP_bind_interdomain, &op);

    if ( rc == 0 )
        *local = op.local_port;
    return rc;
}

static int status(domid_t dom, evtchn_port_t port, struct evtchn_status *st)
{
    memset(st, 0, sizeof(*st));
    st->dom = dom;
    st->port = port;
    return hypercall_event_channel_op(EVTCHNOP_status, st);
}

static int reset(domid_t dom)
{
    struct evtchn_reset op = { .dom = dom };

    return hypercall_event_channel_op(EVTCHNOP_reset, &op);
}

static void check_closed(const char *check, evtchn_port_t port)
{
    struct evtchn_status st;
    int rc = status(DOMID_SELF, port, &st);

    test_check(rc == 0 && st.status == EVTCHNSTAT_closed, check,
               "rc %d status %u", rc, st.status);
}

/* port's status is interdomain to (our domain, peer). */
static void check_connected(const char *check, evtchn_port_t port,
                            evtchn_port_t peer)
{
    struct evtchn_status st;
    int rc = status(DOMID_SELF, port, &st);

    test_check(rc == 0 && st.status == EVTCHNSTAT_interdomain &&
                   st.u.interdomain.dom == OUR_DOMID &&
                   st.u.interdomain.port == peer,
               check, "rc %d status %u dom %u port %u", rc, st.status,
               st.u.interdomain.dom, st.u.interdomain.port);
}

/* port's status is unbound, reserved for dom. */
static void check_unbound(const char *check, evtchn_port_t port, domid_t dom)
{
    struct evtchn_status st;
    int rc = status(DOMID_SELF, port, &st);

    test_check(rc == 0 && st.status == EVTCHNSTAT_unbound &&
                   st.u.unbound.dom == dom,
               check, "rc %d status %u dom %#x", rc, st.status,
               st.u.unbound.dom);
}

static void check_alloc_unbound(void)
{
    evtchn_port_t p = 0;

    test_expect_rc("alloc/self_for_self",
                   alloc_unbound(DOMID_SELF, DOMID_SELF, &p), 0);
    check_unbound("alloc/self_reported_as_our_id", p, OUR_DOMID);
    test_expect_rc("alloc/close", guest_evtchn_close(p), 0);
    test_expect_rc("alloc/own_id", alloc_unbound(OUR_DOMID, OUR_DOMID, &p),
                   0);
    check_unbound("alloc/own_id_status", p, OUR_DOMID);
    test_expect_rc("alloc/own_id_close", guest_evtchn_close(p), 0);
    test_expect_rc("alloc/for_absent_domain",
                   alloc_unbound(DOMID_SELF, 7, &p), 0);
    check_unbound("alloc/for_absent_domain_status", p, 7);
    test_expect_rc("alloc/for_absent_domain_close", guest_evtchn_close(p), 0);
    test_expect_rc("alloc/for_domid_io",
                   alloc_unbound(DOMID_SELF, DOMID_IO, &p), 0);
    check_unbound("alloc/for_domid_io_status", p, DOMID_IO);
    test_expect_rc("alloc/for_domid_io_close", guest_evtchn_close(p), 0);
}

/* Send on from, see it pending on to only, then delivered. */
static void check_send(const char *name, evtchn_port_t from, evtchn_port_t to)
{
    char check[48];

    guest_events_consume();
    guest_snprintf(check, sizeof(check), "send/%s", name);
    test_expect_rc(check, guest_evtchn_send(from), 0);
    guest_snprintf(check, sizeof(check), "send/%s/pending", name);
    test_check(guest_evtchn_is_pending(to) && !guest_evtchn_is_pending(from),
               check, "to %d from %d", guest_evtchn_is_pending(to),
               guest_evtchn_is_pending(from));
    guest_events_forget();
    guest_events_enable();
    guest_events_disable();
    guest_snprintf(check, sizeof(check), "send/%s/delivered", name);
    test_expect_eq(check, guest_events_port_count(to), 1);
}

static void check_masked(evtchn_port_t from, evtchn_port_t to)
{
    guest_events_consume();
    guest_events_forget();
    guest_evtchn_mask(to);
    guest_events_enable();
    test_expect_rc("mask/send", guest_evtchn_send(from), 0);
    test_check(guest_evtchn_is_pending(to) &&
                   guest_events_port_count(to) == 0,
               "mask/pending_not_delivered", "pending %d delivered %u",
               guest_evtchn_is_pending(to), guest_events_port_count(to));
    test_expect_rc("mask/unmask", guest_evtchn_unmask(to), 0);
    test_expect_eq("mask/unmask_delivers", guest_events_port_count(to), 1);
    guest_events_disable();
}

static void check_connect_send_close(void)
{
    evtchn_port_t a = 0, b = 0, c = 0;

    if ( !test_check(alloc_unbound(DOMID_SELF, DOMID_SELF, &a) == 0,
                     "connect/alloc", "alloc_unbound failed") )
        return;
    guest_events_consume();
    test_expect_rc("connect/bind_own_id", bind(OUR_DOMID, a, &b), 0);
    check_connected("connect/status_local", b, a);
    check_connected("connect/status_remote", a, b);
    test_check(guest_evtchn_is_pending(b) && !guest_evtchn_is_pending(a),
               "connect/local_left_pending", "a %d b %d",
               guest_evtchn_is_pending(a), guest_evtchn_is_pending(b));
    check_send("local_to_remote", b, a);
    check_send("remote_to_local", a, b);
    check_masked(b, a);
    test_expect_rc("bind_vcpu/interdomain", guest_evtchn_bind_vcpu(a, 0), 0);
    test_expect_rc("bind_vcpu/no_vcpu1", guest_evtchn_bind_vcpu(a, 1),
                   -ENOENT);
    test_expect_rc("connect/bind_bound_port", bind(DOMID_SELF, a, &c),
                   -EINVAL);

    test_expect_rc("close/remote_end", guest_evtchn_close(a), 0);
    check_unbound("close/local_end_unbound", b, OUR_DOMID);
    test_expect_rc("close/send_dropped", guest_evtchn_send(b), 0);
    test_check(!guest_evtchn_is_pending(a), "close/closed_not_pending",
               "port %u pending", a);
    test_expect_rc("close/rebind_leftover_end", bind(DOMID_SELF, b, &c), 0);
    check_connected("close/rebound", c, b);
    test_expect_rc("reset/own_id", reset(OUR_DOMID), 0);
    check_closed("reset/closed_b", b);
    check_closed("reset/closed_c", c);
    test_expect_rc("reset/close_closed", guest_evtchn_close(b), -EINVAL);
}

static void check_absent_domains(void)
{
    static const domid_t absent[] = { 1, 0x7fef, DOMID_IO, DOMID_INVALID };
    struct evtchn_status st;
    evtchn_port_t p = 0;
    unsigned int i;
    char check[48];

    for ( i = 0; i < ARRAY_SIZE(absent); i++ )
    {
        guest_snprintf(check, sizeof(check), "absent/%#x/alloc", absent[i]);
        test_expect_rc(check, alloc_unbound(absent[i], DOMID_SELF, &p),
                       -ESRCH);
        guest_snprintf(check, sizeof(check), "absent/%#x/bind", absent[i]);
        test_expect_rc(check, bind(absent[i], 1, &p), -ESRCH);
        guest_snprintf(check, sizeof(check), "absent/%#x/status", absent[i]);
        test_expect_rc(check, status(absent[i], 1, &st), -ESRCH);
        guest_snprintf(check, sizeof(check), "absent/%#x/reset", absent[i]);
        test_expect_rc(check, reset(absent[i]), -ESRCH);
    }
}

static void check_bad_remote_ports(void)
{
    evtchn_port_t for_seven = 0, ipi = 0, p = 0;

    if ( alloc_unbound(DOMID_SELF, 7, &for_seven) ||
         guest_evtchn_bind_ipi(0, &ipi) )
    {
        test_error("cannot allocate ports for the refusals");
        return;
    }
    test_expect_rc("refuse/reserved_for_other",
                   bind(DOMID_SELF, for_seven, &p), -EINVAL);
    check_unbound("refuse/still_unbound", for_seven, 7);
    test_expect_rc("refuse/ipi", bind(DOMID_SELF, ipi, &p), -EINVAL);
    test_expect_rc("refuse/port0", bind(DOMID_SELF, 0, &p), -EINVAL);
    test_expect_rc("refuse/closed", bind(DOMID_SELF, ipi + 1, &p), -EINVAL);
    test_expect_rc("refuse/beyond_table", bind(DOMID_SELF, 1000, &p),
                   -EINVAL);
    test_expect_rc("refuse/4096", bind(DOMID_SELF, MAX_2L_PORTS, &p),
                   -EINVAL);
    test_expect_rc("refuse/huge", bind(DOMID_SELF, 0xffffffffu, &p), -EINVAL);
    test_expect_rc("refuse/close_ipi", guest_evtchn_close(ipi), 0);
    test_expect_rc("refuse/close_for_seven", guest_evtchn_close(for_seven),
                   0);
}

static void check_dom_exc(void)
{
    struct evtchn_status st;
    evtchn_port_t p = 0, again = 0;
    int rc;

    test_expect_rc("dom_exc/vcpu1",
                   guest_evtchn_bind_virq(VIRQ_DOM_EXC, 1, &p), -EINVAL);
    if ( !test_check(guest_evtchn_bind_virq(VIRQ_DOM_EXC, 0, &p) == 0,
                     "dom_exc/vcpu0", "bind failed") )
        return;
    rc = status(DOMID_SELF, p, &st);
    test_check(rc == 0 && st.status == EVTCHNSTAT_virq &&
                   st.u.virq == VIRQ_DOM_EXC && st.vcpu == 0,
               "dom_exc/status", "rc %d status %u virq %u vcpu %u", rc,
               st.status, st.u.virq, st.vcpu);
    test_expect_rc("dom_exc/twice",
                   guest_evtchn_bind_virq(VIRQ_DOM_EXC, 0, &again), -EEXIST);
    test_expect_rc("dom_exc/close", guest_evtchn_close(p), 0);
}

/*
 * Fill the table, then: alloc_unbound and bind_interdomain -ENOSPC (the
 * latter even to a port reserved for us), lookups still -ESRCH first.
 */
static void check_exhaustion(void)
{
    evtchn_port_t port, first = 0, last = 0, spare = 0;
    unsigned int n = 0, closed = 0;
    int rc;

    while ( (rc = alloc_unbound(DOMID_SELF, DOMID_SELF, &port)) == 0 &&
            n < MAX_2L_PORTS )
    {
        if ( !first )
            first = port;
        last = port;
        n++;
    }
    test_note("%u ports allocated, %u..%u", n, first, last);
    test_expect_rc("full/alloc_enospc", rc, -ENOSPC);
    test_expect_eq("full/last_port", last, MAX_2L_PORTS - 1);
    spare = last;
    test_expect_rc("full/bind_good_remote", bind(DOMID_SELF, spare, &port),
                   -ENOSPC);
    check_unbound("full/remote_untouched", spare, OUR_DOMID);
    test_expect_rc("full/bind_bad_remote", bind(DOMID_SELF, 0, &port),
                   -ENOSPC);
    test_expect_rc("full/alloc_absent_esrch",
                   alloc_unbound(1, DOMID_SELF, &port), -ESRCH);
    test_expect_rc("full/bind_absent_esrch", bind(1, spare, &port), -ESRCH);
    test_expect_rc("full/ipi_enospc", guest_evtchn_bind_ipi(0, &port),
                   -ENOSPC);
    for ( port = first; port && port <= last; port++ )
        closed += guest_evtchn_close(port) == 0;
    test_expect_eq("full/closed_all", closed, n);
    test_expect_rc("full/alloc_after", alloc_unbound(DOMID_SELF, DOMID_SELF,
                                                     &port), 0);
    test_expect_eq("full/lowest_again", port, first);
    test_expect_rc("full/close_after", guest_evtchn_close(port), 0);
}

void test_main(void)
{
    check_alloc_unbound();
    check_connect_send_close();
    check_absent_domains();
    check_bad_remote_ports();
    check_dom_exc();
    check_exhaustion();
}
