/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * How many domains run at once (tools/bench-domains): this kernel as dom0
 * with "scale" on its command line, beside N copies of itself started as
 * boot-time domains ("domU mem=4M count=N -- role=tick"), each a guest on
 * a periodic timer, as in the paper's scalability experiment.
 *
 *   tick   a domU: a timer every 100 ms (the singleshot timer re-armed
 *          each time: as in Xen, a periodic timer does not tick while its
 *          vCPU is blocked), woken by VIRQ_TIMER in SCHEDOP_poll, forever.
 *   scale  dom0: waits SETTLE_NS, then counts the domains whose CPU time
 *          grows over WINDOW_NS (they run), and prints
 *            BENCH domains_running <count>
 *            BENCH free_pages <free frames now>
 *            BENCH domain_pages <frames the domUs own>
 *          so the tool can derive the hypervisor's memory per domain.
 */
#include <guest/console.h>
#include <guest/events.h>
#include <guest/hypercall.h>
#include <guest/setup.h>
#include <guest/test.h>
#include <guest/time.h>

void bench_scale_main(void);
void bench_tick_main(void);

#define SETTLE_NS   3000000000ULL
#define WINDOW_NS   3000000000ULL
#define TICK_NS     100000000ULL
#define MAX_DOMAINS 4096

static uint64_t first_time[MAX_DOMAINS];

void bench_tick_main(void)
{
    evtchn_port_t port;
    uint64_t next = guest_time_now();

    if ( guest_evtchn_bind_virq(VIRQ_TIMER, 0, &port) )
        return;
    for ( ;; )
    {
        next += TICK_NS;
        hypercall_set_timer_op(next);
        guest_evtchn_wait(port, next + TICK_NS);
    }
}

/* cpu_time of every domain from 1 up, by getdomaininfolist batches. */
static unsigned int sample(uint64_t *times, uint64_t *pages, bool first)
{
    static struct xen_domctl_getdomaininfo info[64];
    struct xen_sysctl op;
    unsigned int running = 0, i;
    domid_t next = 1;

    *pages = 0;
    for ( ;; )
    {
        op = (struct xen_sysctl){
            .cmd = XEN_SYSCTL_getdomaininfolist,
            .interface_version = XEN_SYSCTL_INTERFACE_VERSION,
        };
        op.u.getdomaininfolist.first_domain = next;
        op.u.getdomaininfolist.max_domains = 64;
        set_xen_guest_handle(op.u.getdomaininfolist.buffer, info);
        if ( hypercall_sysctl(&op) || !op.u.getdomaininfolist.num_domains )
            break;
        for ( i = 0; i < op.u.getdomaininfolist.num_domains; i++ )
        {
            domid_t id = info[i].domain;

            if ( id >= MAX_DOMAINS )
                continue;
            *pages += info[i].tot_pages;
            if ( first )
                times[id] = info[i].cpu_time;
            else if ( info[i].cpu_time > times[id] &&
                      !(info[i].flags & XEN_DOMINF_shutdown) )
                running++;
            next = id + 1;
        }
    }
    return running;
}

static uint64_t free_pages(void)
{
    struct xen_sysctl op = {
        .cmd = XEN_SYSCTL_physinfo,
        .interface_version = XEN_SYSCTL_INTERFACE_VERSION,
    };

    return hypercall_sysctl(&op) ? 0 : op.u.physinfo.free_pages;
}

void bench_scale_main(void)
{
    evtchn_port_t idle;
    uint64_t pages;
    unsigned int running;

    if ( guest_evtchn_alloc_unbound(DOMID_SELF, &idle) )
        return;
    guest_evtchn_wait(idle, guest_time_now() + SETTLE_NS);
    sample(first_time, &pages, true);
    guest_evtchn_wait(idle, guest_time_now() + WINDOW_NS);
    running = sample(first_time, &pages, false);
    guest_printf("BENCH domains_running %u\n", running);
    guest_printf("BENCH free_pages %lu\n", (unsigned long)free_pages());
    guest_printf("BENCH domain_pages %lu\n", (unsigned long)pages);
    test_check(true, "scale/sampled", "never");
}
