/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What domctl and sysctl share (contract in xenolith/control.h): the
 * permission check, the fetch of an op, and what is reported of a domain
 * (Xen 4.17's getdomaininfo(), xen/common/domctl.c).
 */
#include <asm/cpufeature.h>
#include <xenolith/control.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/guest_access.h>
#include <xenolith/string.h>
#include <xen/sysctl.h>
#include <xenolith/vcpu_time.h>

bool control_permitted(const struct domain *d)
{
    return d->is_privileged;
}

long control_op_fetch(uint64_t arg, void *op, size_t size, uint32_t want)
{
    uint32_t version;

    BUILD_BUG_ON(offsetof(struct xen_domctl, interface_version) !=
                 offsetof(struct xen_sysctl, interface_version));
    if ( copy_from_guest(op, arg, size) )
        return -EFAULT;
    memcpy(&version, (const char *)op +
                     offsetof(struct xen_domctl, interface_version),
           sizeof(version));
    if ( version != want )
        return -EACCES;
    return control_permitted(current->domain) ? 0 : -EPERM;
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
        max_id = v->vcpu_id;
        /* Xen: a vCPU without a context is down, and not counted. */
        if ( !v->is_initialised )
            continue;
        online++;
        running |= rs.state == RUNSTATE_running;
        blocked &= v->events.blocked;
    }
    info->domain = d->domain_id;
    info->flags = (running ? XEN_DOMINF_running : 0) |
                  (d->is_dying != DOMAIN_ALIVE ? XEN_DOMINF_dying : 0) |
                  (d->controller_pause_count ? XEN_DOMINF_paused : 0) |
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
    memcpy(info->handle, d->handle, sizeof(info->handle));
}

int control_copy_cpumap(struct xenctl_bitmap *map, uint64_t cpus,
                        unsigned int nr_cpus)
{
    static const uint8_t zeros[256];
    uint64_t buffer = (uint64_t)(unsigned long)map->bitmap.p;
    /* Xen 4.17 computes the guest's size in 32 bits: 2^32 - 1 bits is 0. */
    uint32_t guest_bytes = (map->nr_bits + 7) / 8;
    uint32_t ours = (nr_cpus + 7) / 8, copied, len;
    uint8_t bytes[sizeof(cpus)];
    unsigned int i;

    for ( i = 0; i < sizeof(bytes); i++ )
        bytes[i] = (uint8_t)(cpus >> (8 * i));
    copied = guest_bytes < ours ? guest_bytes : ours;
    if ( copied && copy_to_guest(buffer, bytes, copied) )
        return -EFAULT;
    /* The guest's bytes past ours are zeroed; this stops at a bad page. */
    for ( ; copied < guest_bytes; copied += len )
    {
        len = guest_bytes - copied < sizeof(zeros) ? guest_bytes - copied
                                                   : sizeof(zeros);
        if ( copy_to_guest(buffer + copied, zeros, len) )
            return -EFAULT;
    }
    return 0;
}
