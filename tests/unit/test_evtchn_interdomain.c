/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests of event channels between two domains (hv/common/event/:
 * evtchn_interdomain.c, evtchn_close.c, virq.c, the permission rules of
 * evtchn_op.c) with a fake calling guest and a second fake domain
 * (fake_events.h): alloc_unbound on behalf of another domain, binding
 * and sending across, closing either end (both lock orders), teardown of
 * a dying domain, the per-domain maximum port, reset of another domain,
 * and global VIRQ delivery to the handler domain. Error codes are Xen
 * 4.17's (xen/common/event_channel.c).
 */
#include <string.h>

#include "fake_events.h"
#include "harness.h"

#include <xenolith/errno.h>
#include <xenolith/event.h>
#include <xenolith/hypercall.h>

#define ARG fake_guest_page(0)
#define OTHER FAKE_OTHER_ID

static void setup(domid_t caller, bool privileged)
{
    fake_events_reset(caller, privileged);
    fake_events_add_other();
    fake_guest_map(ARG, 4096, true);
}

static long op(int cmd, const void *in, size_t size)
{
    memcpy(fake_guest_ptr(ARG), in, size);
    return do_event_channel_op(cmd, ARG, 0, 0, 0);
}

static long alloc_unbound(domid_t dom, domid_t remote, evtchn_port_t *port)
{
    struct evtchn_alloc_unbound a = { .dom = dom, .remote_dom = remote };
    long rc = op(EVTCHNOP_alloc_unbound, &a, sizeof(a));

    *port = ((struct evtchn_alloc_unbound *)fake_guest_ptr(ARG))->port;
    return rc;
}

static long bind(domid_t remote_dom, evtchn_port_t remote_port,
                 evtchn_port_t *local)
{
    struct evtchn_bind_interdomain b = { .remote_dom = remote_dom,
                                         .remote_port = remote_port };
    long rc = op(EVTCHNOP_bind_interdomain, &b, sizeof(b));

    *local = ((struct evtchn_bind_interdomain *)fake_guest_ptr(ARG))
                 ->local_port;
    return rc;
}

static long status(domid_t dom, evtchn_port_t port, struct evtchn_status *st)
{
    struct evtchn_status in = { .dom = dom, .port = port };
    long rc = op(EVTCHNOP_status, &in, sizeof(in));

    memcpy(st, fake_guest_ptr(ARG), sizeof(*st));
    return rc;
}

static long port_op(int cmd, evtchn_port_t port)
{
    struct evtchn_send s = { .port = port };  /* close: same layout */

    return op(cmd, &s, sizeof(s));
}

static long reset(domid_t dom)
{
    struct evtchn_reset r = { .dom = dom };

    return op(EVTCHNOP_reset, &r, sizeof(r));
}

/* The other domain offers a port to the caller; the caller binds it. */
static void connect(evtchn_port_t *mine, evtchn_port_t *theirs)
{
    CHECK_EQ(evtchn_alloc_unbound(&fake_other, fake_domain.domain_id,
                                  theirs), 0);
    CHECK_EQ(bind(OTHER, *theirs, mine), 0);
}

TEST(alloc_unbound_for_another_domain)
{
    struct evtchn_status st;
    evtchn_port_t p;

    setup(0, true);
    CHECK_EQ(alloc_unbound(OTHER, DOMID_SELF, &p), 0);
    CHECK_EQ(p, 1);
    CHECK_EQ(status(OTHER, p, &st), 0);
    CHECK_EQ(st.status, EVTCHNSTAT_unbound);
    CHECK_EQ(st.u.unbound.dom, 0);            /* DOMID_SELF: the caller. */
    CHECK_EQ(status(DOMID_SELF, p, &st), 0);
    CHECK_EQ(st.status, EVTCHNSTAT_closed);   /* Not in our table. */
    CHECK_EQ(alloc_unbound(OTHER, 9, &p), 0);  /* Any remote id. */
    CHECK_EQ(status(OTHER, p, &st), 0);
    CHECK_EQ(st.u.unbound.dom, 9);
    CHECK_EQ(alloc_unbound(9, DOMID_SELF, &p), -ESRCH);
    CHECK_EQ(alloc_unbound(DOMID_IO, DOMID_SELF, &p), -ESRCH);
}

TEST(unprivileged_caller_only_on_itself)
{
    struct evtchn_status st;
    evtchn_port_t p;

    setup(1, false);
    CHECK_EQ(alloc_unbound(OTHER, DOMID_SELF, &p), -EPERM);
    CHECK_EQ(status(OTHER, 0, &st), -EPERM);
    CHECK_EQ(reset(OTHER), -EPERM);
    CHECK_EQ(alloc_unbound(9, DOMID_SELF, &p), -ESRCH);
    CHECK_EQ(alloc_unbound(1, DOMID_SELF, &p), 0);   /* Own id. */
    CHECK_EQ(status(1, p, &st), 0);
    CHECK_EQ(reset(1), 0);
    st.port = 1;                              /* Nothing allocated there. */
    CHECK_EQ(evtchn_status(&fake_other, &st), 0);
    CHECK_EQ(st.status, EVTCHNSTAT_closed);
}

TEST(bind_and_send_both_ways)
{
    struct evtchn_status st;
    evtchn_port_t mine, theirs;

    setup(0, true);
    connect(&mine, &theirs);
    CHECK_EQ(status(DOMID_SELF, mine, &st), 0);
    CHECK_EQ(st.status, EVTCHNSTAT_interdomain);
    CHECK_EQ(st.u.interdomain.dom, OTHER);
    CHECK_EQ(st.u.interdomain.port, theirs);
    CHECK_EQ(status(OTHER, theirs, &st), 0);
    CHECK_EQ(st.u.interdomain.dom, 0);
    CHECK_EQ(st.u.interdomain.port, mine);
    CHECK(evtchn_2l_is_pending(&fake_shared, mine));  /* Xen's fix-up. */
    CHECK(!evtchn_2l_is_pending(&fake_other_shared, theirs));

    fake_kicks = 0;
    CHECK_EQ(port_op(EVTCHNOP_send, mine), 0);
    CHECK(evtchn_2l_is_pending(&fake_other_shared, theirs));
    CHECK_EQ(fake_other_shared.vcpu_info[0].evtchn_upcall_pending, 1);
    CHECK_EQ(fake_kicks, 1);
    CHECK(fake_last_kicked == fake_other.vcpus[0]);

    evtchn_2l_clear_pending(&fake_shared, mine);
    CHECK_EQ(evtchn_send(&fake_other, theirs), 0);
    CHECK(evtchn_2l_is_pending(&fake_shared, mine));
}

TEST(bind_refusals)
{
    evtchn_port_t mine, other_ipi, for_nine, loc;

    setup(0, true);
    CHECK_EQ(evtchn_alloc_unbound(&fake_other, 9, &for_nine), 0);
    CHECK_EQ(evtchn_bind_ipi(&fake_other, 0, &other_ipi), 0);
    CHECK_EQ(bind(OTHER, for_nine, &loc), -EINVAL);   /* Not for us. */
    CHECK_EQ(bind(OTHER, other_ipi, &loc), -EINVAL);  /* Not unbound. */
    CHECK_EQ(bind(OTHER, 0, &loc), -EINVAL);          /* Reserved. */
    CHECK_EQ(bind(OTHER, 64, &loc), -EINVAL);         /* No bucket. */
    CHECK_EQ(bind(OTHER, 0xffffffffu, &loc), -EINVAL);
    CHECK_EQ(bind(9, 1, &loc), -ESRCH);
    CHECK_EQ(bind(DOMID_INVALID, 1, &loc), -ESRCH);
    connect(&mine, &loc);
    CHECK_EQ(bind(OTHER, loc, &mine), -EINVAL);       /* Already bound. */
    /* Nothing of ours was taken by the refusals: the next port is 2. */
    CHECK_EQ(evtchn_bind_ipi(&fake_domain, 0, &loc), 0);
    CHECK_EQ(loc, 2);
}

TEST(close_either_end_leaves_the_other_unbound)
{
    struct evtchn_status st;
    evtchn_port_t mine, theirs;

    setup(0, true);
    connect(&mine, &theirs);
    CHECK_EQ(port_op(EVTCHNOP_close, mine), 0);        /* Lower id first. */
    CHECK_EQ(status(OTHER, theirs, &st), 0);
    CHECK_EQ(st.status, EVTCHNSTAT_unbound);
    CHECK_EQ(st.u.unbound.dom, 0);
    CHECK_EQ(bind(OTHER, theirs, &mine), 0);           /* Bind again. */

    CHECK_EQ(evtchn_close(&fake_other, theirs), 0);    /* Peer id lower. */
    CHECK_EQ(status(DOMID_SELF, mine, &st), 0);
    CHECK_EQ(st.status, EVTCHNSTAT_unbound);
    CHECK_EQ(st.u.unbound.dom, OTHER);
    CHECK_EQ(port_op(EVTCHNOP_send, mine), 0);         /* Dropped. */
    CHECK(!evtchn_2l_is_pending(&fake_other_shared, theirs));
    CHECK_EQ(evtchn_close(&fake_other, theirs), -EINVAL);
}

TEST(destroy_disconnects_and_frees)
{
    struct evtchn_status st;
    evtchn_port_t mine, theirs, loc, unbound_there;

    setup(0, true);
    connect(&mine, &theirs);
    CHECK_EQ(alloc_unbound(OTHER, DOMID_SELF, &unbound_there), 0);
    CHECK_EQ(evtchn_bind_virq(&fake_other, VIRQ_DEBUG, 0, &loc), 0);
    evtchn_domain_destroy(&fake_other);
    CHECK(fake_other.evtchn == NULL);
    CHECK_EQ(fake_other.vcpus[0]->events.virq_to_evtchn[VIRQ_DEBUG], 0);
    CHECK_EQ(status(DOMID_SELF, mine, &st), 0);
    CHECK_EQ(st.status, EVTCHNSTAT_unbound);
    CHECK_EQ(st.u.unbound.dom, OTHER);
    CHECK_EQ(status(OTHER, theirs, &st), -EINVAL);
    CHECK_EQ(alloc_unbound(OTHER, DOMID_SELF, &loc), -EINVAL);   /* Dying. */
    CHECK_EQ(bind(OTHER, unbound_there, &loc), -EINVAL);
    CHECK_EQ(evtchn_send(&fake_other, theirs), -EINVAL);
    CHECK_EQ(evtchn_close(&fake_other, theirs), -EINVAL);
    send_guest_vcpu_virq(fake_other.vcpus[0], VIRQ_DEBUG);
    evtchn_domain_destroy(&fake_other);                      /* No-op. */
    CHECK_EQ(port_op(EVTCHNOP_close, mine), 0);
}

TEST(destroy_of_the_lower_domid_and_loopback)
{
    struct evtchn_status st;
    evtchn_port_t a, b, theirs, mine;

    setup(0, true);
    connect(&mine, &theirs);
    CHECK_EQ(alloc_unbound(DOMID_SELF, DOMID_SELF, &a), 0);
    CHECK_EQ(bind(DOMID_SELF, a, &b), 0);
    evtchn_domain_destroy(&fake_domain);
    st.port = theirs;
    CHECK_EQ(evtchn_status(&fake_other, &st), 0);
    CHECK_EQ(st.status, EVTCHNSTAT_unbound);
    CHECK_EQ(st.u.unbound.dom, 0);
}

TEST(max_port_bounds_allocation)
{
    struct evtchn_status st;
    evtchn_port_t p, loc;
    unsigned int i;

    setup(0, true);
    evtchn_set_max_port(&fake_domain, 10);
    for ( i = 1; i <= 10; i++ )
    {
        CHECK_EQ(alloc_unbound(DOMID_SELF, DOMID_SELF, &p), 0);
        CHECK_EQ(p, i);
    }
    CHECK_EQ(alloc_unbound(DOMID_SELF, DOMID_SELF, &p), -ENOSPC);
    CHECK_EQ(evtchn_bind_ipi(&fake_domain, 0, &p), -ENOSPC);
    CHECK_EQ(status(DOMID_SELF, 11, &st), 0);     /* Valid, never given. */
    CHECK_EQ(st.status, EVTCHNSTAT_closed);
    /* Xen allocates the local port first: -ENOSPC beats a bad port. */
    CHECK_EQ(bind(OTHER, 0, &loc), -ENOSPC);
    CHECK_EQ(port_op(EVTCHNOP_close, 5), 0);
    CHECK_EQ(alloc_unbound(DOMID_SELF, DOMID_SELF, &p), 0);
    CHECK_EQ(p, 5);

    evtchn_set_max_port(&fake_domain, 0xffffffffu);   /* Clamped. */
    for ( i = 11; i < EVTCHN_2L_NR_PORTS; i++ )
        CHECK_EQ(alloc_unbound(DOMID_SELF, DOMID_SELF, &p), 0);
    CHECK_EQ(p, EVTCHN_2L_NR_PORTS - 1);
    CHECK_EQ(alloc_unbound(DOMID_SELF, DOMID_SELF, &p), -ENOSPC);

    evtchn_set_max_port(&fake_other, 0);   /* Port 0 is reserved: none. */
    CHECK_EQ(alloc_unbound(OTHER, DOMID_SELF, &p), -ENOSPC);
}

TEST(reset_of_another_domain_needs_controller_pause)
{
    struct evtchn_status st;
    evtchn_port_t mine, theirs;

    setup(0, true);
    connect(&mine, &theirs);
    CHECK_EQ(reset(OTHER), -EINVAL);
    CHECK_EQ(reset(9), -ESRCH);
    fake_other_paused = true;
    CHECK_EQ(reset(OTHER), 0);
    CHECK_EQ(status(OTHER, theirs, &st), 0);
    CHECK_EQ(st.status, EVTCHNSTAT_closed);
    CHECK_EQ(status(DOMID_SELF, mine, &st), 0);
    CHECK_EQ(st.status, EVTCHNSTAT_unbound);
    CHECK_EQ(st.u.unbound.dom, OTHER);
    CHECK_EQ(op(14, &(struct evtchn_reset){ .dom = OTHER },
                sizeof(struct evtchn_reset)), -EBUSY);
}

TEST(global_virq_goes_to_its_handler)
{
    evtchn_port_t dom0_port, other_port;

    setup(0, true);
    CHECK_EQ(evtchn_bind_virq(&fake_domain, VIRQ_DOM_EXC, 0, &dom0_port), 0);
    CHECK_EQ(evtchn_bind_virq(&fake_other, VIRQ_DOM_EXC, 0, &other_port), 0);
    send_global_virq(VIRQ_DOM_EXC);                 /* Hardware domain. */
    CHECK(evtchn_2l_is_pending(&fake_shared, dom0_port));
    CHECK(!evtchn_2l_is_pending(&fake_other_shared, other_port));

    evtchn_2l_clear_pending(&fake_shared, dom0_port);
    CHECK_EQ(evtchn_set_global_virq_handler(&fake_other, VIRQ_DOM_EXC), 0);
    send_global_virq(VIRQ_DOM_EXC);
    CHECK(evtchn_2l_is_pending(&fake_other_shared, other_port));
    CHECK(!evtchn_2l_is_pending(&fake_shared, dom0_port));

    evtchn_domain_destroy(&fake_other);             /* Handler forgotten. */
    send_global_virq(VIRQ_DOM_EXC);
    CHECK(evtchn_2l_is_pending(&fake_shared, dom0_port));

    CHECK_EQ(evtchn_set_global_virq_handler(&fake_domain, VIRQ_TIMER),
             -EINVAL);
    CHECK_EQ(evtchn_set_global_virq_handler(&fake_domain, NR_VIRQS), -EINVAL);
    send_global_virq(VIRQ_TIMER);                   /* Ignored. */
    send_global_virq(NR_VIRQS);
}

TEST(global_virq_without_hardware_domain_is_dropped)
{
    evtchn_port_t p;

    setup(3, false);                   /* No privileged domain 0. */
    CHECK_EQ(evtchn_bind_virq(&fake_domain, VIRQ_DOM_EXC, 0, &p), 0);
    send_global_virq(VIRQ_DOM_EXC);
    CHECK(!evtchn_2l_is_pending(&fake_shared, p));
    CHECK_EQ(fake_kicks, 0);
}
