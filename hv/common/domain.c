/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Domain lifecycle, as much of it as one domain needs: creation with its
 * vCPU and shared_info page, shutdown and crash. The frames a domain
 * owns are allocated and freed in memory/domain_page.c.
 *
 * Life of a domain (today, dom0 only): created by the boot path, filled by
 * the dom0 builder (arch/x86/pv/dom0_build.c), started on the boot CPU;
 * it runs until SCHEDOP_shutdown or a crash, which for dom0 ends the
 * machine with Xen's messages ("Hardware Dom0 halted: halting machine").
 * Destruction and frame reclamation arrive with many domains (issue 5).
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
#include <xen/sched.h>

/* Every domain, by increasing id. */
static struct domain *domain_list;
static DEFINE_SPINLOCK(domain_list_lock);

static void domain_list_insert(struct domain *d)
{
    uint64_t flags = spin_lock_irqsave(&domain_list_lock);
    struct domain **p = &domain_list;

    while ( *p && (*p)->domain_id < d->domain_id )
        p = &(*p)->next_in_list;
    d->next_in_list = *p;
    *p = d;
    spin_unlock_irqrestore(&domain_list_lock, flags);
}

struct domain *domain_next(domid_t min)
{
    uint64_t flags = spin_lock_irqsave(&domain_list_lock);
    struct domain *d = domain_list;

    while ( d && d->domain_id < min )
        d = d->next_in_list;
    spin_unlock_irqrestore(&domain_list_lock, flags);
    return d;
}

struct domain *domain_by_id(domid_t id)
{
    struct domain *d = domain_next(id);

    return d && d->domain_id == id ? d : NULL;
}

int domain_create(domid_t domid, bool privileged, struct domain **out)
{
    struct domain *d;
    struct vcpu *v;
    void *shared;
    unsigned int i;

    /* Room for the vCPU's timers first: timer_set() never allocates. */
    if ( timer_reserve(VCPU_TIMERS) )
        return -ENOMEM;
    d = xzalloc(sizeof(*d));
    v = xzalloc(sizeof(*v));
    shared = alloc_xenheap_page();
    if ( d )
        d->domain_id = domid;
    if ( v )
        v->domain = d;
    if ( !d || !v || !shared || vcpu_fpu_init(v) || evtchn_domain_init(d) ||
         sched_init_domain(d) || sched_init_vcpu(v) )
    {
        if ( v )
        {
            sched_destroy_vcpu(v);
            vcpu_fpu_destroy(v);
        }
        if ( d )
        {
            sched_destroy_domain(d);
            if ( d->evtchn )
                evtchn_domain_destroy(d);
        }
        xfree(d);
        xfree(v);
        free_xenheap_page(shared);
        timer_unreserve(VCPU_TIMERS);
        return -ENOMEM;
    }
    d->is_privileged = privileged;
    spin_lock_init(&d->page_alloc_lock);
    d->shared_info = shared;
    d->shared_info_mfn = maddr_to_mfn(virt_to_maddr(shared));
    /* The shared_info page is the domain's to map (Xen: share_xen_page_with_guest). */
    mfn_to_page(d->shared_info_mfn)->owner = d;
    /*
     * Writable for good, as Xen types it: the hypervisor writes it behind
     * the type system, so it must never become a table or descriptor page.
     */
    mfn_to_page(d->shared_info_mfn)->type_info =
        PGT_WRITABLE_PAGE | PGT_VALIDATED | 1;
    d->max_vcpus = 1;
    d->vcpus[0] = v;
    v->vcpu_id = 0;
    v->domain = d;
    v->vcpu_info = &d->shared_info->vcpu_info[0];
    v->vcpu_info->evtchn_upcall_mask = 1;
    v->arch.guest_table = INVALID_MFN;
    v->arch.guest_table_user = INVALID_MFN;
    for ( i = 0; i < ARRAY_SIZE(v->arch.ldt_frames); i++ )
        v->arch.ldt_frames[i] = INVALID_MFN;     /* No shadow LDT page. */
    domain_wallclock_init(d);
    sched_vcpu_init(v);
    vcpu_time_init(v);
    domain_list_insert(d);
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
