/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Typed hypercall wrappers, hypercall_<ABI name>(), one per hypercall the
 * guest library and its tests use. Each takes the arguments in the order
 * and types of the public headers (xen/include/public/xen.h and the header
 * of each sub-op family) and returns the hypervisor's result: 0 or a
 * positive value on success, a negative Xen errno on failure. Pointer
 * arguments are passed through untouched, so tests may hand the hypervisor
 * hostile addresses.
 */
#ifndef GUEST_HYPERCALL_H
#define GUEST_HYPERCALL_H

#include <guest/xen.h>
#include <guest/arch/hypercall_raw.h>

static inline long hypercall_set_trap_table(const struct trap_info *table)
{
    return GUEST_HYPERCALL(__HYPERVISOR_set_trap_table, table, 0, 0, 0, 0);
}

static inline long hypercall_stack_switch(unsigned long ss, unsigned long sp)
{
    return GUEST_HYPERCALL(__HYPERVISOR_stack_switch, ss, sp, 0, 0, 0);
}

/* set is an int in the ABI: the hypervisor reads the low 32 bits only. */
static inline long hypercall_fpu_taskswitch(unsigned long set)
{
    return GUEST_HYPERCALL(__HYPERVISOR_fpu_taskswitch, set, 0, 0, 0, 0);
}

/* which: SEGBASE_* (xen/include/public/arch-x86/xen-x86_64.h). */
static inline long hypercall_set_segment_base(unsigned int which,
                                              unsigned long base)
{
    return GUEST_HYPERCALL(__HYPERVISOR_set_segment_base, which, base, 0, 0,
                           0);
}

static inline long hypercall_set_callbacks(unsigned long event,
                                           unsigned long failsafe,
                                           unsigned long syscall)
{
    return GUEST_HYPERCALL(__HYPERVISOR_set_callbacks, event, failsafe,
                           syscall, 0, 0);
}

static inline long hypercall_update_va_mapping(unsigned long va, uint64_t pte,
                                               unsigned long flags)
{
    return GUEST_HYPERCALL(__HYPERVISOR_update_va_mapping, va, pte, flags, 0,
                           0);
}

static inline long hypercall_xen_version(int cmd, void *arg)
{
    return GUEST_HYPERCALL(__HYPERVISOR_xen_version, (long)cmd, arg, 0, 0, 0);
}

static inline long hypercall_console_io(int cmd, unsigned int count,
                                        const void *buf)
{
    return GUEST_HYPERCALL(__HYPERVISOR_console_io, (long)cmd, count, buf, 0,
                           0);
}

static inline long hypercall_multicall(struct multicall_entry *calls,
                                       unsigned int nr_calls)
{
    return GUEST_HYPERCALL(__HYPERVISOR_multicall, calls, nr_calls, 0, 0, 0);
}

static inline long hypercall_sched_op(int cmd, void *arg)
{
    return GUEST_HYPERCALL(__HYPERVISOR_sched_op, (long)cmd, arg, 0, 0, 0);
}

static inline long hypercall_event_channel_op(int cmd, void *arg)
{
    return GUEST_HYPERCALL(__HYPERVISOR_event_channel_op, (long)cmd, arg, 0, 0,
                           0);
}

static inline long hypercall_callback_op(int cmd, const void *arg)
{
    return GUEST_HYPERCALL(__HYPERVISOR_callback_op, (long)cmd, arg, 0, 0, 0);
}

static inline long hypercall_vcpu_op(int cmd, unsigned int vcpu, void *arg)
{
    return GUEST_HYPERCALL(__HYPERVISOR_vcpu_op, (long)cmd, vcpu, arg, 0, 0);
}

static inline long hypercall_memory_op(unsigned int cmd, void *arg)
{
    return GUEST_HYPERCALL(__HYPERVISOR_memory_op, cmd, arg, 0, 0, 0);
}

static inline long hypercall_mmu_update(const struct mmu_update *reqs,
                                        unsigned int count,
                                        unsigned int *done,
                                        domid_t foreigndom)
{
    return GUEST_HYPERCALL(__HYPERVISOR_mmu_update, reqs, count, done,
                           foreigndom, 0);
}

static inline long hypercall_mmuext_op(struct mmuext_op *ops,
                                       unsigned int count,
                                       unsigned int *done, domid_t foreigndom)
{
    return GUEST_HYPERCALL(__HYPERVISOR_mmuext_op, ops, count, done,
                           foreigndom, 0);
}

static inline long hypercall_set_gdt(const xen_ulong_t *frames,
                                     unsigned int entries)
{
    return GUEST_HYPERCALL(__HYPERVISOR_set_gdt, frames, entries, 0, 0, 0);
}

static inline long hypercall_update_descriptor(uint64_t maddr, uint64_t desc)
{
    return GUEST_HYPERCALL(__HYPERVISOR_update_descriptor, maddr, desc, 0, 0,
                           0);
}

static inline long hypercall_set_timer_op(uint64_t timeout)
{
    return GUEST_HYPERCALL(__HYPERVISOR_set_timer_op, timeout, 0, 0, 0, 0);
}

static inline long hypercall_domctl(struct xen_domctl *op)
{
    return GUEST_HYPERCALL(__HYPERVISOR_domctl, op, 0, 0, 0, 0);
}

static inline long hypercall_sysctl(struct xen_sysctl *op)
{
    return GUEST_HYPERCALL(__HYPERVISOR_sysctl, op, 0, 0, 0, 0);
}

#endif /* GUEST_HYPERCALL_H */
