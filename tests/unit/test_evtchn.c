/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests of hv/common/event/ (evtchn.c, evtchn_op.c, virq.c over the
 * real evtchn_2l.c) through HYPERVISOR_event_channel_op with a fake
 * calling guest: lowest-free-port allocation in buckets of 64 with port 0
 * reserved, -ENOSPC at 4096, state-dependent send/close/bind_vcpu, VIRQ
 * binding and delivery, loopback interdomain, reset, the copy-in/copy-out
 * rules (-EFAULT before anything for an unreadable argument; a read-only
 * one is -EFAULT after the operation, which stays done, as in Xen).
 * vcpu_kick() and sched_wake_pollers() are recorded, not run.
 */
#include <stdlib.h>
#include <string.h>

#include "fake_events.h"
#include "harness.h"

#include <xenolith/errno.h>
#include <xenolith/event.h>
#include <xenolith/hypercall.h>
#include <xenolith/mm.h>
#include <xenolith/sched.h>

#define ARG fake_guest_page(0)

#define shared fake_shared

static void setup(void)
{
    fake_events_reset(0, true);
    fake_guest_map(ARG, 4096, true);
}

static long op(int cmd, const void *in, size_t size)
{
    memcpy(fake_guest_ptr(ARG), in, size);
    return do_event_channel_op(cmd, ARG, 0, 0, 0);
}

static evtchn_port_t alloc_unbound(void)
{
    struct evtchn_alloc_unbound a = { .dom = DOMID_SELF,
                                      .remote_dom = DOMID_SELF };

    CHECK_EQ(op(EVTCHNOP_alloc_unbound, &a, sizeof(a)), 0);
    return ((struct evtchn_alloc_unbound *)fake_guest_ptr(ARG))->port;
}

static evtchn_port_t bind_ipi(void)
{
    struct evtchn_bind_ipi b = { .vcpu = 0 };

    CHECK_EQ(op(EVTCHNOP_bind_ipi, &b, sizeof(b)), 0);
    return ((struct evtchn_bind_ipi *)fake_guest_ptr(ARG))->port;
}

static long port_op(int cmd, evtchn_port_t port)
{
    struct evtchn_send s = { .port = port };  /* close/unmask: same layout */

    return op(cmd, &s, sizeof(s));
}

static long bind_vcpu(evtchn_port_t port, uint32_t vcpu)
{
    struct evtchn_bind_vcpu b = { .port = port, .vcpu = vcpu };

    return op(EVTCHNOP_bind_vcpu, &b, sizeof(b));
}

static uint32_t status_of(evtchn_port_t port, long *rc)
{
    struct evtchn_status st = { .dom = DOMID_SELF, .port = port };

    *rc = op(EVTCHNOP_status, &st, sizeof(st));
    return ((struct evtchn_status *)fake_guest_ptr(ARG))->status;
}

TEST(lowest_free_port_from_1)
{
    setup();
    CHECK_EQ(alloc_unbound(), 1);
    CHECK_EQ(bind_ipi(), 2);
    CHECK_EQ(alloc_unbound(), 3);
    CHECK_EQ(port_op(EVTCHNOP_close, 2), 0);
    CHECK_EQ(bind_ipi(), 2);
}

TEST(port_0_reserved)
{
    long rc;

    setup();
    CHECK_EQ(status_of(0, &rc), EVTCHNSTAT_closed);
    CHECK_EQ(rc, 0);
    CHECK_EQ(port_op(EVTCHNOP_close, 0), -EINVAL);
    CHECK_EQ(port_op(EVTCHNOP_send, 0), -EINVAL);
    CHECK_EQ(port_op(EVTCHNOP_unmask, 0), 0);
}

TEST(valid_in_buckets_of_64)
{
    long rc;
    unsigned int i;

    setup();
    status_of(63, &rc);
    CHECK_EQ(rc, 0);
    status_of(64, &rc);
    CHECK_EQ(rc, -EINVAL);
    for ( i = 1; i < 64; i++ )
        alloc_unbound();
    CHECK_EQ(alloc_unbound(), 64);
    status_of(127, &rc);
    CHECK_EQ(rc, 0);
    status_of(128, &rc);
    CHECK_EQ(rc, -EINVAL);
}

TEST(enospc_at_4096)
{
    struct evtchn_alloc_unbound a = { .dom = DOMID_SELF };
    unsigned int i;

    setup();
    for ( i = 1; i < EVTCHN_2L_NR_PORTS; i++ )
        CHECK_EQ(alloc_unbound(), i);
    CHECK_EQ(op(EVTCHNOP_alloc_unbound, &a, sizeof(a)), -ENOSPC);
    CHECK_EQ(port_op(EVTCHNOP_close, 4095), 0);
    CHECK_EQ(alloc_unbound(), 4095);
    CHECK_EQ(port_op(EVTCHNOP_close, 4096), -EINVAL);
}

TEST(ipi_send_sets_bits_and_kicks_once)
{
    evtchn_port_t p;

    setup();
    p = bind_ipi();
    CHECK_EQ(port_op(EVTCHNOP_send, p), 0);
    CHECK(evtchn_2l_is_pending(&shared, p));
    CHECK_EQ(shared.vcpu_info[0].evtchn_upcall_pending, 1);
    CHECK_EQ(fake_kicks, 1);
    CHECK_EQ(fake_poll_wakes, 1);
    CHECK_EQ(fake_last_poll_port, p);
    CHECK_EQ(port_op(EVTCHNOP_send, p), 0);   /* Already pending. */
    CHECK_EQ(fake_kicks, 1);
    CHECK_EQ(fake_poll_wakes, 1);
}

TEST(unbound_send_dropped_virq_send_refused)
{
    struct evtchn_bind_virq b = { .virq = VIRQ_DEBUG, .vcpu = 0 };
    evtchn_port_t u;

    setup();
    u = alloc_unbound();
    CHECK_EQ(port_op(EVTCHNOP_send, u), 0);
    CHECK(!evtchn_2l_is_pending(&shared, u));
    CHECK_EQ(op(EVTCHNOP_bind_virq, &b, sizeof(b)), 0);
    CHECK_EQ(port_op(EVTCHNOP_send, u + 1), -EINVAL);
}

TEST(masked_port_unmask_delivers)
{
    evtchn_port_t p;

    setup();
    p = bind_ipi();
    shared.evtchn_mask[0] = 1UL << p;
    CHECK_EQ(port_op(EVTCHNOP_send, p), 0);
    CHECK_EQ(fake_kicks, 0);
    CHECK_EQ(port_op(EVTCHNOP_unmask, p), 0);
    CHECK_EQ(fake_kicks, 1);
    CHECK_EQ(shared.vcpu_info[0].evtchn_pending_sel, 1);
}

TEST(virq_bind_rules_and_delivery)
{
    struct evtchn_bind_virq b = { .virq = VIRQ_TIMER, .vcpu = 0 };
    evtchn_port_t p;

    setup();
    CHECK_EQ(op(EVTCHNOP_bind_virq, &b, sizeof(b)), 0);
    p = ((struct evtchn_bind_virq *)fake_guest_ptr(ARG))->port;
    CHECK_EQ(op(EVTCHNOP_bind_virq, &b, sizeof(b)), -EEXIST);
    send_guest_vcpu_virq(fake_domain.vcpus[0], VIRQ_TIMER);
    CHECK(evtchn_2l_is_pending(&shared, p));
    CHECK_EQ(bind_vcpu(p, 0), -EINVAL);   /* Per-vCPU. */
    CHECK_EQ(port_op(EVTCHNOP_close, p), 0);
    CHECK(!evtchn_2l_is_pending(&shared, p));
    send_guest_vcpu_virq(fake_domain.vcpus[0], VIRQ_TIMER); /* Unbound. */
    CHECK(!evtchn_2l_is_pending(&shared, p));
    b.virq = NR_VIRQS;
    CHECK_EQ(op(EVTCHNOP_bind_virq, &b, sizeof(b)), -EINVAL);
    b.virq = VIRQ_DOM_EXC;
    b.vcpu = 1;
    CHECK_EQ(op(EVTCHNOP_bind_virq, &b, sizeof(b)), -EINVAL);
    b.virq = VIRQ_DEBUG;
    CHECK_EQ(op(EVTCHNOP_bind_virq, &b, sizeof(b)), -ENOENT);
}

TEST(loopback_connects_and_disconnects)
{
    struct evtchn_bind_interdomain b = { .remote_dom = DOMID_SELF };
    evtchn_port_t a, l;
    long rc;

    setup();
    a = alloc_unbound();
    b.remote_port = a;
    CHECK_EQ(op(EVTCHNOP_bind_interdomain, &b, sizeof(b)), 0);
    l = ((struct evtchn_bind_interdomain *)fake_guest_ptr(ARG))->local_port;
    CHECK(evtchn_2l_is_pending(&shared, l));          /* Xen's notification */
    CHECK_EQ(port_op(EVTCHNOP_send, l), 0);
    CHECK(evtchn_2l_is_pending(&shared, a));
    CHECK_EQ(op(EVTCHNOP_bind_interdomain, &b, sizeof(b)), -EINVAL);
    CHECK_EQ(port_op(EVTCHNOP_close, a), 0);
    CHECK_EQ(status_of(l, &rc), EVTCHNSTAT_unbound);
    b.remote_dom = 7;
    CHECK_EQ(op(EVTCHNOP_bind_interdomain, &b, sizeof(b)), -ESRCH);
}

TEST(bind_vcpu_by_state)
{
    setup();
    CHECK_EQ(bind_vcpu(alloc_unbound(), 0), 0);
    CHECK_EQ(bind_vcpu(bind_ipi(), 0), -EINVAL);
    CHECK_EQ(bind_vcpu(40, 0), -EINVAL);   /* Free. */
    CHECK_EQ(bind_vcpu(1, 1), -ENOENT);
}

TEST(reset_closes_everything)
{
    struct evtchn_reset r = { .dom = DOMID_SELF };
    long rc;
    evtchn_port_t p;

    setup();
    alloc_unbound();
    p = bind_ipi();
    port_op(EVTCHNOP_send, p);
    CHECK_EQ(op(EVTCHNOP_reset, &r, sizeof(r)), 0);
    CHECK_EQ(status_of(1, &rc), EVTCHNSTAT_closed);
    CHECK_EQ(status_of(p, &rc), EVTCHNSTAT_closed);
    CHECK(!evtchn_2l_is_pending(&shared, p));
    CHECK_EQ(status_of(0, &rc), EVTCHNSTAT_closed);   /* Still reserved: */
    CHECK_EQ(alloc_unbound(), 1);
    CHECK_EQ(op(14, &r, sizeof(r)), -EBUSY);           /* reset_cont */
}

TEST(other_domains_esrch)
{
    struct evtchn_alloc_unbound a = { .dom = 3 };
    struct evtchn_status st = { .dom = 3 };

    setup();
    CHECK_EQ(op(EVTCHNOP_alloc_unbound, &a, sizeof(a)), -ESRCH);
    CHECK_EQ(op(EVTCHNOP_status, &st, sizeof(st)), -ESRCH);
    a.dom = 0;                                      /* Our own id. */
    CHECK_EQ(op(EVTCHNOP_alloc_unbound, &a, sizeof(a)), 0);
}

TEST(bad_pointers_and_readonly_argument)
{
    struct evtchn_bind_ipi b = { .vcpu = 0 };
    long rc;

    setup();
    CHECK_EQ(do_event_channel_op(EVTCHNOP_bind_ipi, FAKE_ADDR_XEN, 0, 0, 0),
             -EFAULT);
    CHECK_EQ(do_event_channel_op(EVTCHNOP_bind_ipi, fake_guest_page(3), 0, 0,
                                 0), -EFAULT);
    CHECK_EQ(status_of(1, &rc), EVTCHNSTAT_closed);   /* Nothing bound. */
    memcpy(fake_guest_ptr(fake_guest_page(2)), &b, sizeof(b));
    fake_guest_map(fake_guest_page(2), 4096, false);
    CHECK_EQ(do_event_channel_op(EVTCHNOP_bind_ipi, fake_guest_page(2), 0, 0,
                                 0), -EFAULT);
    CHECK_EQ(status_of(1, &rc), EVTCHNSTAT_ipi);      /* Bound anyway. */
}

TEST(fifo_and_unknown_ops)
{
    struct evtchn_set_priority p = { .port = 1 };

    setup();
    bind_ipi();
    CHECK_EQ(op(EVTCHNOP_set_priority, &p, sizeof(p)), -ENOSYS);
    p.port = 4000;
    CHECK_EQ(op(EVTCHNOP_set_priority, &p, sizeof(p)), -EINVAL);
    CHECK_EQ(op(EVTCHNOP_init_control, &p, sizeof(p)), -ENOSYS);
    CHECK_EQ(op(EVTCHNOP_expand_array, &p, sizeof(p)), -EOPNOTSUPP);
    CHECK_EQ(op(EVTCHNOP_bind_pirq, &p, sizeof(p)), -ENOSYS);
    CHECK_EQ(op(99, &p, sizeof(p)), -ENOSYS);
    CHECK_EQ(do_event_channel_op(0x100000000UL | EVTCHNOP_send, ARG, 0, 0, 0),
             -EINVAL);                        /* cmd is an int: port 4000. */
}
