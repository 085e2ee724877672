/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The time records guests read (xenolith/vcpu_time.h): vcpu_time_info in
 * vcpu_info and its optional copy in guest memory, and the wallclock in
 * shared_info. Both use the version protocol of xen/include/public/xen.h:
 * the version becomes odd before the fields change and even (one more)
 * after, with write barriers between, so a reader that saw the same even
 * version before and after its read has a consistent copy. Xen 4.17's
 * begin/end steps (version_update_begin/end) are kept so the numbers a
 * guest sees match: 2 after the first update.
 */
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/guest_access.h>
#include <xenolith/spinlock.h>
#include <xenolith/vcpu_time.h>

static uint32_t version_begin(uint32_t v)
{
    return (v + 1) | 1;
}

static void write_barrier(void)
{
    __atomic_thread_fence(__ATOMIC_RELEASE);
}

void vcpu_time_update(struct vcpu *v)
{
    struct vcpu_time_info *u = &v->vcpu_info->time, n;

    arch_time_stamp(&n);
    u->version = version_begin(u->version);
    write_barrier();
    u->tsc_timestamp = n.tsc_timestamp;
    u->system_time = n.system_time;
    u->tsc_to_system_mul = n.tsc_to_system_mul;
    u->tsc_shift = n.tsc_shift;
    u->flags = n.flags;
    write_barrier();
    u->version++;
    v->time.time_area_stale = true;
}

/* Xen's update_secondary_system_time(): odd version, record, even version. */
static void copy_record_to_area(uint64_t area, const struct vcpu_time_info *u)
{
    struct vcpu_time_info r = *u;
    uint32_t odd = u->version - 1;      /* What the update wrote first. */

    if ( copy_to_guest(area, &odd, sizeof(odd)) )
        return;
    write_barrier();
    r.version = odd;
    if ( copy_to_guest(area, &r, sizeof(r)) )
        return;
    write_barrier();
    r.version = u->version;
    if ( copy_to_guest(area, &r.version, sizeof(r.version)) )
        return;                         /* Best effort, as in Xen. */
}

void vcpu_time_flush_area(struct vcpu *v)
{
    if ( !v->time.time_area_stale )
        return;
    v->time.time_area_stale = false;
    if ( v->time.time_area )
        copy_record_to_area(v->time.time_area, &v->vcpu_info->time);
}

int vcpu_time_register_area(struct vcpu *v, uint64_t addr)
{
    if ( !guest_range_ok(addr, sizeof(struct vcpu_time_info)) )
        return -EFAULT;
    v->time.time_area = addr;
    /* Xen: force_update_vcpu_system_time(), which copies at once. */
    vcpu_time_update(v);
    vcpu_time_flush_area(v);
    return 0;
}

/* Xen's wc_lock: one writer of any domain's wc_* fields at a time. */
static DEFINE_SPINLOCK(wallclock_lock);

void domain_wallclock_init(struct domain *d)
{
    shared_info_t *s = d->shared_info;
    uint64_t sec;
    uint32_t nsec;

    arch_wallclock_at_boot(&sec, &nsec);
    /*
     * Xen 4.17 (update_domain_wallclock_time): the offset is added modulo
     * 2^64, so a negative one past the epoch wraps into wc_sec_hi.
     */
    sec += (uint64_t)d->time_offset_seconds;
    spin_lock(&wallclock_lock);
    s->wc_version = version_begin(s->wc_version);
    write_barrier();
    s->wc_sec = (uint32_t)sec;
    s->wc_sec_hi = (uint32_t)(sec >> 32);
    s->wc_nsec = nsec;
    write_barrier();
    s->wc_version++;
    spin_unlock(&wallclock_lock);
}
