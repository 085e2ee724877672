/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Domain creation (its vCPUs and shared_info page), shutdown and crash,
 * and the final free (contracts in xenolith/domain.h). The registry and
 * references are in domain_registry.c, destruction in domain_kill.c, the
 * frames a domain owns in memory/domain_page.c; docs/ARCHITECTURE.md
 * tells the life of a domain.
 *
 * Boot-time domains (dom0 and those of the command line) are created
 * here and built by arch/x86/pv/domain_build.c; dom0's toolstack creates
 * others with domctl createdomain (control/domctl_create.c). A domain runs
 * until SCHEDOP_shutdown or a crash, which for dom0 ends the machine with
 * Xen's messages ("Hardware Dom0 halted: halting machine"); another
 * waits for the toolstack to destroy it.
 */
#include <asm/fpu.h>
#include <xenolith/console.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/event.h>
#include <xenolith/lib.h>
#include <xenolith/mm.h>
#include <xenolith/panic.h>
#include <xenolith/sched.h>
#include <xenolith/string.h>
#include <xenolith/time.h>
#include <xenolith/vcpu_time.h>
#include <xen/sched.h>

/* The frame the shared_info page is, typed and owned as Xen shares it. */
static void shared_info_share(struct domain *d, void *shared)
{
    struct page_info *pg;

    d->shared_info = shared;
    d->shared_info_mfn = maddr_to_mfn(virt_to_maddr(shared));
    pg = mfn_to_page(d->shared_info_mfn);
    /* The domain's to map (Xen: share_xen_page_with_guest). */
    pg->owner = d;
    /*
     * Writable for good, as Xen types it: the hypervisor writes it behind
     * the type system, so it must never become a table or descriptor page.
     */
    pg->type_info = PGT_WRITABLE_PAGE | PGT_VALIDATED | 1;
}

static void shared_info_free(struct domain *d)
{
    struct page_info *pg;

    if ( !d->shared_info )
        return;
    pg = mfn_to_page(d->shared_info_mfn);
    /* Mappings hold references to d (page_ref.c), so none is left. */
    BUG_ON(pg->count_info & PGC_COUNT_MASK);
    pg->owner = NULL;
    pg->type_info = PGT_NONE;
    free_xenheap_page(d->shared_info);
    d->shared_info = NULL;
}

struct domain *domain_alloc(domid_t domid, bool privileged,
                            unsigned int max_vcpus)
{
    struct domain *d = xzalloc(sizeof(*d));
    void *shared = alloc_xenheap_page();

    if ( !d || !shared || max_vcpus > MAX_DOMAIN_VCPUS )
    {
        xfree(d);
        free_xenheap_page(shared);
        return NULL;
    }
    d->domain_id = domid;
    d->is_privileged = privileged;
    d->refcnt = 1;                    /* Its life: domain_kill() drops it. */
    d->max_vcpus = max_vcpus;
    d->max_grant_frames = -1;
    d->max_maptrack_frames = -1;
    spin_lock_init(&d->page_alloc_lock);
    shared_info_share(d, shared);
    if ( evtchn_domain_init(d) || sched_init_domain(d) )
    {
        domain_free(d);
        return NULL;
    }
    domain_wallclock_init(d);
    return d;
}

void vcpu_stop_timers(struct vcpu *v)
{
    timer_stop(&v->time.singleshot);
    timer_stop(&v->time.periodic);
    timer_stop(&v->events.poll_timer);
}

static void vcpu_free(struct vcpu *v)
{
    /* Timers go first: their handlers take v. */
    vcpu_stop_timers(v);
    sched_destroy_vcpu(v);
    vcpu_fpu_destroy(v);
    xfree(v->arch.pt_defer);
    xfree(v);
    timer_unreserve(VCPU_TIMERS);
}

int vcpu_create(struct domain *d, unsigned int id)
{
    struct vcpu *v;
    unsigned int i;

    if ( id >= d->max_vcpus )
        return -EINVAL;
    if ( d->vcpus[id] )
        return -EEXIST;
    /* Room for its timers first: timer_set() never allocates. */
    if ( timer_reserve(VCPU_TIMERS) )
        return -ENOMEM;
    v = xzalloc(sizeof(*v));
    if ( !v )
    {
        timer_unreserve(VCPU_TIMERS);
        return -ENOMEM;
    }
    v->vcpu_id = id;
    v->domain = d;
    if ( vcpu_fpu_init(v) || sched_init_vcpu(v) )
    {
        sched_destroy_vcpu(v);
        vcpu_fpu_destroy(v);
        xfree(v);
        timer_unreserve(VCPU_TIMERS);
        return -ENOMEM;
    }
    v->vcpu_info = &d->shared_info->vcpu_info[id];
    v->vcpu_info->evtchn_upcall_mask = 1;
    v->arch.guest_table = INVALID_MFN;
    v->arch.guest_table_user = INVALID_MFN;
    for ( i = 0; i < ARRAY_SIZE(v->arch.gdt_frames); i++ )
        v->arch.gdt_frames[i] = INVALID_MFN;
    for ( i = 0; i < ARRAY_SIZE(v->arch.ldt_frames); i++ )
        v->arch.ldt_frames[i] = INVALID_MFN;     /* No shadow LDT page. */
    sched_vcpu_init(v);
    vcpu_time_init(v);
    /* Published last: others find only a complete vCPU. */
    __atomic_store_n(&d->vcpus[id], v, __ATOMIC_RELEASE);
    return 0;
}

void domain_free(struct domain *d)
{
    unsigned int i;

    for ( i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpus[i] )
            vcpu_free(d->vcpus[i]);
    sched_destroy_domain(d);
    if ( d->evtchn )
        evtchn_domain_destroy(d);
    shared_info_free(d);
    xfree(d);
}

int domain_create(domid_t domid, bool privileged, struct domain **out)
{
    struct domain *d = domain_alloc(domid, privileged, 1);
    int rc;

    if ( !d )
        return -ENOMEM;
    rc = vcpu_create(d, 0);
    if ( !rc )
        rc = domain_publish(d);
    if ( rc )
    {
        domain_free(d);
        return rc;
    }
    *out = d;
    return 0;
}

static const char *shutdown_reason_name(unsigned int reason)
{
    switch ( reason )
    {
    case SHUTDOWN_poweroff: return "poweroff";
    case SHUTDOWN_reboot: return "reboot";
    case SHUTDOWN_suspend: return "suspend";
    case SHUTDOWN_crash: return "crash";
    case SHUTDOWN_watchdog: return "watchdog";
    case SHUTDOWN_soft_reset: return "soft_reset";
    default: return "unknown";
    }
}

/* Xen's messages and behaviour when the hardware domain stops. */
static void __noreturn hardware_domain_stopped(unsigned int reason)
{
    if ( reason == SHUTDOWN_poweroff )
    {
        printk("Hardware Dom0 halted: halting machine\n");
        machine_halt(HALT_STATUS_OK);
    }
    if ( reason == SHUTDOWN_crash )
    {
        if ( noreboot_requested() )
        {
            printk(XENLOG_ERR "Hardware Dom0 crashed: 'noreboot' set - not "
                   "rebooting.\n");
            machine_halt(HALT_STATUS_PANIC);
        }
        printk(XENLOG_ERR "Hardware Dom0 crashed: rebooting machine in 5 "
               "seconds.\n");
        mdelay(5000);
        machine_restart();
    }
    printk("Hardware Dom0 shutdown (%s): %s\n", shutdown_reason_name(reason),
           noreboot_requested() ? "'noreboot' set - halting machine"
                                : "rebooting machine");
    if ( noreboot_requested() )
        machine_halt(HALT_STATUS_OK);
    machine_restart();
}

void domain_shutdown(struct domain *d, unsigned int reason)
{
    unsigned int i;

    /* Xen: the first reason stands; later requests change nothing. */
    if ( d->is_shutting_down && !(d->is_privileged && d->domain_id == 0) )
        return;
    d->is_shutting_down = true;
    d->shutdown_code = reason;
    console_io_flush(d);
    printk("Domain %u shutdown: reason %u (%s)\n", d->domain_id, reason,
           shutdown_reason_name(reason));
    if ( d->is_privileged && d->domain_id == 0 )
        hardware_domain_stopped(reason);
    /* Its vCPUs leave the CPU; the toolstack reaps it (destroydomain). */
    for ( i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpus[i] )
            vcpu_sched_update(d->vcpus[i]);
    send_global_virq(VIRQ_DOM_EXC);
}

bool domain_paused_by_controller(const struct domain *d)
{
    return __atomic_load_n(&d->controller_pause_count, __ATOMIC_RELAXED) != 0;
}

void domain_crash(struct domain *d, const char *fmt, ...)
{
    char why[160];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(why, sizeof(why), fmt, ap);
    va_end(ap);
    printk(XENLOG_ERR "Domain %u crashed: %s\n", d->domain_id, why);
    domain_shutdown(d, SHUTDOWN_crash);
}
