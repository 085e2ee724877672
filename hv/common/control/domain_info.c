/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the control interface reports of a domain (contract in
 * xenolith/control.h; Xen 4.17's getdomaininfo(), xen/common/domctl.c).
 */
#include <asm/cpufeature.h>
#include <xenolith/control.h>
#include <xenolith/domain.h>
#include <xenolith/string.h>
#include <xenolith/vcpu_time.h>

bool control_permitted(const struct domain *d)
{
    return d->is_privileged;
}

void domain_get_info(struct domain *d, struct xen_domctl_getdomaininfo *info)
{
    uint64_t cpu_time = 0;
    unsigned int i, online = 0, max_id = XEN_INVALID_MAX_VCPU_ID;
    bool running = false, blocked = true;

    memset(info, 0, sizeof(*info));
    for ( i = 0; i < d->max_vcpus; i++ )
    {
        struct vcpu *v = d->vcpus[i];
        struct vcpu_runstate_info rs;

        if ( !v )
            continue;
        runstate_get(v, &rs);
        cpu_time += rs.time[RUNSTATE_running];
        online++;
        max_id = v->vcpu_id;
        running |= rs.state == RUNSTATE_running;
        blocked &= v->events.blocked;
    }
    info->domain = d->domain_id;
    info->flags = (running ? XEN_DOMINF_running : 0) |
                  (blocked && online ? XEN_DOMINF_blocked : 0) |
                  (d->is_shutting_down
                   ? XEN_DOMINF_shutdown |
                     ((d->shutdown_code & XEN_DOMINF_shutdownmask) <<
                      XEN_DOMINF_shutdownshift)
                   : 0);
    info->tot_pages = d->tot_pages;
    info->max_pages = d->max_pages;
    info->shared_info_frame = mfn_x(d->shared_info_mfn);
    info->cpu_time = cpu_time;
    info->nr_online_vcpus = online;
    info->max_vcpu_id = max_id;
    info->cpupool = 0;
    info->gpaddr_bits = boot_cpu_data.phys_addr_bits;
}
