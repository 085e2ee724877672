/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Destroying a domain (contract in xenolith/domain.h): Xen 4.17's
 * domain_kill() and domain_relinquish_resources() (xen/common/domain.c,
 * xen/arch/x86/domain.c), run by domctl destroydomain.
 *
 * The order matters. The domain is marked dying first, under its
 * page_alloc_lock, so no frame is given to it from then on; it is paused
 * for good, so none of its vCPUs runs again and nothing it holds changes
 * under us; its event channels close (peers see their ends unbound);
 * its vCPUs' timers stop and they let go of what they hold outside the
 * page tables (vcpu_info, GDT and LDT frames); then its memory goes back,
 * preemptibly. Only then is it dead: dom0 hears of it (VIRQ_DOM_EXC) and
 * the reference of its life is dropped. The domain itself (its id, struct,
 * vCPUs and shared_info page) is freed by the last domain_put(), which
 * waits for any frame another domain still maps.
 */
#include <asm/guest_pt.h>
#include <asm/vcpu_context.h>
#include <xenolith/console.h>
#include <xenolith/domain.h>
#include <xenolith/event.h>
#include <xenolith/page_ref.h>
#include <xenolith/sched.h>
#include <xenolith/spinlock.h>
#include <xenolith/vcpu_time.h>
#include <xen/xen.h>

/* A registered vcpu_info frame goes back; vcpu_info is shared_info's again. */
static void vcpu_release_vcpu_info(struct vcpu *v)
{
    struct page_info *pg = v->events.vcpu_info_page;

    if ( !pg )
        return;
    v->vcpu_info = &v->domain->shared_info->vcpu_info[v->vcpu_id];
    v->events.vcpu_info_page = NULL;
    put_page_and_type(pg);
}

static void vcpu_teardown(struct vcpu *v)
{
    vcpu_stop_timers(v);
    vcpu_release_vcpu_info(v);
    arch_vcpu_teardown(v);
}

static void mark_dying(struct domain *d)
{
    uint64_t flags = spin_lock_irqsave(&d->page_alloc_lock);

    d->is_dying = DOMAIN_DYING;
    spin_unlock_irqrestore(&d->page_alloc_lock, flags);
}

int domain_kill(struct domain *d)
{
    unsigned int i;
    int rc;

    switch ( d->is_dying )
    {
    case DOMAIN_ALIVE:
        mark_dying(d);
        domain_pause(d);              /* For good: it never runs again. */
        evtchn_domain_destroy(d);
        for ( i = 0; i < d->max_vcpus; i++ )
            if ( d->vcpus[i] )
                vcpu_teardown(d->vcpus[i]);
        /* fallthrough */
    case DOMAIN_DYING:
        rc = domain_relinquish_memory(d);
        if ( rc )
            return rc;
        d->is_dying = DOMAIN_DEAD;
        printk("Domain %u destroyed\n", d->domain_id);
        send_global_virq(VIRQ_DOM_EXC);
        domain_put(d);                /* Its life; the caller holds one. */
        return 0;
    case DOMAIN_DEAD:
    default:
        return 0;
    }
}

void vcpu_reset(struct vcpu *v)
{
    vcpu_pause(v);
    arch_vcpu_reset(v);
    v->is_initialised = false;
    v->events.blocked = false;
    vcpu_unpause(v);
}
