/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The fakes of fake_events.h: the hypervisor functions that
 * hv/common/event/ calls outside itself, over two static domains.
 */
#include <stdlib.h>
#include <string.h>

#include "fake_events.h"
#include "harness.h"

#include <xenolith/control.h>
#include <xenolith/event.h>
#include <xenolith/mm.h>
#include <xenolith/sched.h>

struct domain fake_other;
static struct vcpu fake_other_vcpu;
shared_info_t fake_shared, fake_other_shared;
unsigned int fake_kicks, fake_poll_wakes;
evtchn_port_t fake_last_poll_port;
struct vcpu *fake_last_kicked;
bool fake_other_paused;
static bool other_registered;

void *xzalloc(size_t size)
{
    return calloc(1, size);
}

void xfree(void *p)
{
    free(p);
}

void vcpu_kick(struct vcpu *v)
{
    fake_kicks++;
    fake_last_kicked = v;
}

void sched_wake_pollers(struct domain *d, evtchn_port_t port)
{
    fake_poll_wakes++;
    fake_last_poll_port = port;
}

struct domain *domain_get_by_id(domid_t id)
{
    struct domain *d = NULL;

    if ( id == fake_domain.domain_id )
        d = &fake_domain;
    else if ( other_registered && id == FAKE_OTHER_ID )
        d = &fake_other;
    if ( d )
        d->refcnt++;
    return d;
}

bool control_permitted(const struct domain *d)
{
    return d->is_privileged;
}

bool domain_paused_by_controller(const struct domain *d)
{
    return d == &fake_other && fake_other_paused;
}

void fake_events_add_other(void)
{
    other_registered = true;
}

void fake_events_reset(domid_t domid, bool privileged)
{
    evtchn_domain_destroy(&fake_domain);
    evtchn_domain_destroy(&fake_other);
    fake_guest_reset(domid, privileged);
    memset(&fake_shared, 0, sizeof(fake_shared));
    fake_domain.shared_info = &fake_shared;
    fake_domain.vcpus[0]->vcpu_info = &fake_shared.vcpu_info[0];
    CHECK_EQ(evtchn_domain_init(&fake_domain), 0);

    memset(&fake_other, 0, sizeof(fake_other));
    memset(&fake_other_vcpu, 0, sizeof(fake_other_vcpu));
    memset(&fake_other_shared, 0, sizeof(fake_other_shared));
    fake_other.domain_id = FAKE_OTHER_ID;
    fake_other.max_vcpus = 1;
    fake_other.vcpus[0] = &fake_other_vcpu;
    fake_other.shared_info = &fake_other_shared;
    fake_other_vcpu.domain = &fake_other;
    fake_other_vcpu.vcpu_info = &fake_other_shared.vcpu_info[0];
    CHECK_EQ(evtchn_domain_init(&fake_other), 0);
    other_registered = false;
    fake_other_paused = false;
    fake_kicks = fake_poll_wakes = 0;
    fake_last_kicked = NULL;
}
