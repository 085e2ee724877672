/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * HYPERVISOR_vcpu_op (xen/include/public/vcpu.h): vCPU state, runstate,
 * timers and where the guest wants vcpu_info and its time records.
 * Semantics and error codes are Xen 4.17's (xen/common/domain.c
 * do_vcpu_op, map_vcpu_info; xen/arch/x86/domain.c arch_do_vcpu_op),
 * checked by tests/guest/vcpu_op and tests/guest/time. A vCPU id the
 * domain does not have is -ENOENT before anything else; unknown commands
 * are -ENOSYS.
 *
 * One vCPU per domain today: it is always up, initialised and the caller,
 * so VCPUOP_initialise can only answer -EEXIST (after reading the
 * context, as Xen does) and VCPUOP_down is the last vCPU going down,
 * which powers the domain off (Xen's rule).
 */
#include <asm/percpu.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/event.h>
#include <xenolith/guest_access.h>
#include <xenolith/hypercall.h>
#include <xenolith/mm.h>
#include <xenolith/page_ref.h>
#include <xenolith/string.h>
#include <xenolith/vcpu_time.h>
#include <xen/sched.h>

/* Xen reads the whole vcpu_guest_context before finding the vCPU is up. */
static long vcpu_initialise(struct vcpu *v, uint64_t arg)
{
    uint8_t chunk[256];
    size_t done, n;

    for ( done = 0; done < sizeof(struct vcpu_guest_context); done += n )
    {
        n = MIN(sizeof(chunk), sizeof(struct vcpu_guest_context) - done);
        if ( copy_from_guest(chunk, arg + done, n) )
            return -EFAULT;
    }
    return -EEXIST;
}

static long vcpu_get_runstate_info(struct vcpu *v, uint64_t arg)
{
    struct vcpu_runstate_info r;

    runstate_get(v, &r);
    return copy_to_guest(arg, &r, sizeof(r)) ? -EFAULT : 0;
}

static long vcpu_register_runstate(struct vcpu *v, uint64_t arg)
{
    struct vcpu_register_runstate_memory_area area;

    if ( copy_from_guest(&area, arg, sizeof(area)) )
        return -EFAULT;
    return runstate_register_area(v, area.addr.p);
}

static long vcpu_set_periodic(struct vcpu *v, uint64_t arg)
{
    struct vcpu_set_periodic_timer set;

    if ( copy_from_guest(&set, arg, sizeof(set)) )
        return -EFAULT;
    if ( set.period_ns < VCPU_MIN_PERIOD ||
         set.period_ns > (uint64_t)VCPU_MAX_PERIOD )
        return -EINVAL;
    vcpu_set_periodic_timer(v, (s_time_t)set.period_ns);
    return 0;
}

/* flags (VCPU_SSHOTTMR_future included) are ignored, as in current Xen. */
static long vcpu_set_singleshot(struct vcpu *v, uint64_t arg)
{
    struct vcpu_set_singleshot_timer set;

    if ( v != current )
        return -EINVAL;
    if ( copy_from_guest(&set, arg, sizeof(set)) )
        return -EFAULT;
    vcpu_set_singleshot_timer(v, (s_time_t)set.timeout_abs_ns);
    return 0;
}

static long vcpu_stop_singleshot(struct vcpu *v)
{
    if ( v != current )
        return -EINVAL;
    vcpu_stop_singleshot_timer(v);
    return 0;
}

/* Decode (Xen 4.17's checks and errors), then take the frame's references. */
static long get_vcpu_info_frame(struct vcpu *v, mfn_t mfn, uint32_t offset,
                                struct page_info **out)
{
    if ( offset > PAGE_SIZE - sizeof(struct vcpu_info) ||
         !IS_ALIGNED(offset, __alignof__(struct vcpu_info)) )
        return -ENXIO;
    if ( v->events.vcpu_info_page || v != current )
        return -EINVAL;
    return get_page_and_type(mfn, v->domain, PGT_WRITABLE_PAGE, out)
           ? -EINVAL : 0;
}

/*
 * Move vcpu_info into a frame of the guest's own, reached through the
 * direct map; the frame stays referenced (and writable-typed, so it can
 * never become a page table) for the vCPU's life. Every selector bit and
 * upcall_pending are then set, as Xen does, so nothing pending is lost.
 */
static long vcpu_register_vcpu_info(struct vcpu *v, uint64_t arg)
{
    struct vcpu_register_vcpu_info info;
    struct page_info *pg;
    struct vcpu_info *new;
    long rc;

    if ( copy_from_guest(&info, arg, sizeof(info)) )
        return -EFAULT;
    rc = get_vcpu_info_frame(v, _mfn(info.mfn), info.offset, &pg);
    if ( rc )
        return rc;
    new = (struct vcpu_info *)((char *)maddr_to_virt(
              mfn_to_maddr(_mfn(info.mfn))) + info.offset);
    memcpy(new, v->vcpu_info, sizeof(*new));
    v->events.vcpu_info_page = pg;
    v->vcpu_info = new;
    /* The new pointer must be in place before anything is marked pending. */
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    __atomic_store_n(&new->evtchn_pending_sel, ~(xen_ulong_t)0,
                     __ATOMIC_SEQ_CST);
    vcpu_mark_events_pending(v);
    return 0;
}

static long vcpu_send_nmi(uint64_t arg)
{
    /* Guest NMIs are not delivered yet: TODO(#3). */
    return arg ? -EINVAL : -ENOSYS;
}

/*
 * Xen answers for the hardware domain's vCPUs pinned to one CPU: on a
 * one-CPU machine, all of them. The ACPI processor ID is our CPU number
 * (the MADT's IDs are not recorded yet; both are 0 on the boot CPU).
 */
static long vcpu_get_physid(struct vcpu *v, uint64_t arg)
{
    struct vcpu_get_physid id;

    if ( !v->domain->is_privileged )
        return -EINVAL;
    id.phys_id = this_cpu()->apic_id |
                 ((uint64_t)this_cpu()->cpu_id << 32);
    return copy_to_guest(arg, &id, sizeof(id)) ? -EFAULT : 0;
}

static long vcpu_register_time_area(struct vcpu *v, uint64_t arg)
{
    struct vcpu_register_time_memory_area area;

    if ( copy_from_guest(&area, arg, sizeof(area)) )
        return -EFAULT;
    return vcpu_time_register_area(v, area.addr.p);
}

static long vcpu_down(struct vcpu *v)
{
    domain_shutdown(v->domain, SHUTDOWN_poweroff);
    return 0;
}

long do_vcpu_op(unsigned long cmd, unsigned long vcpuid, unsigned long arg,
                unsigned long a4, unsigned long a5)
{
    struct domain *d = current->domain;
    struct vcpu *v;

    vcpuid = (uint32_t)vcpuid;
    if ( vcpuid >= d->max_vcpus || !(v = d->vcpus[vcpuid]) )
        return -ENOENT;
    switch ( (uint32_t)cmd )
    {
    case VCPUOP_initialise:
        return vcpu_initialise(v, arg);
    case VCPUOP_up:
        return 0;                       /* Already up. */
    case VCPUOP_down:
        return vcpu_down(v);
    case VCPUOP_is_up:
        return 1;
    case VCPUOP_get_runstate_info:
        return vcpu_get_runstate_info(v, arg);
    case VCPUOP_register_runstate_memory_area:
        return vcpu_register_runstate(v, arg);
    case VCPUOP_set_periodic_timer:
        return vcpu_set_periodic(v, arg);
    case VCPUOP_stop_periodic_timer:
        vcpu_set_periodic_timer(v, 0);
        return 0;
    case VCPUOP_set_singleshot_timer:
        return vcpu_set_singleshot(v, arg);
    case VCPUOP_stop_singleshot_timer:
        return vcpu_stop_singleshot(v);
    case VCPUOP_register_vcpu_info:
        return vcpu_register_vcpu_info(v, arg);
    case VCPUOP_send_nmi:
        return vcpu_send_nmi(arg);
    case VCPUOP_get_physid:
        return vcpu_get_physid(v, arg);
    case VCPUOP_register_vcpu_time_memory_area:
        return vcpu_register_time_area(v, arg);
    default:
        return -ENOSYS;
    }
}
