/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * HYPERVISOR_vm_assist(cmd, type): a domain turns optional hypervisor
 * behaviours ("assists") on and off; the bits live in d->vm_assist.
 *
 * Semantics are Xen 4.17's do_vm_assist() (xen/common/domain.c): a type
 * outside the valid set is -EINVAL, checked before the command; then
 * VMASST_CMD_enable or _disable returns 0 and any other command -ENOSYS.
 *
 * Xen 4.17 accepts seven types from a 64-bit PV guest. We accept those
 * whose promise we keep:
 * - 4gb_segments, 4gb_segments_notify, pae_extended_cr3: assists for
 *   32-bit guests, kept valid for 64-bit ones (Xen: "we can't make such
 *   requests fail all of the sudden") and without effect there, in Xen as
 *   here, except that pae_extended_cr3 sets XENFEAT_pae_pgdir_above_4gb;
 * - runstate_update_flag: the runstate area's writer honours it;
 * - m2p_strict: keep the M2P out of guest user page tables. It holds
 *   because no guest page table maps the M2P yet; issue 4's M2P must
 *   honour it.
 * Differs from Xen 4.17 (-EINVAL instead of 0), until the code exists:
 * - writable_pagetables: emulating guest writes to its page tables (issue
 *   4). Linux enables it without checking the answer;
 * - architectural_iopl: the guest's IOPL taken from its EFLAGS.
 */
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/hypercall.h>

#define VM_ASSIST_VALID ((1UL << VMASST_TYPE_4gb_segments) |                \
                         (1UL << VMASST_TYPE_4gb_segments_notify) |         \
                         (1UL << VMASST_TYPE_pae_extended_cr3) |            \
                         (1UL << VMASST_TYPE_runstate_update_flag) |        \
                         (1UL << VMASST_TYPE_m2p_strict))

#define BITS_PER_LONG (8 * sizeof(unsigned long))

long do_vm_assist(unsigned long a1, unsigned long a2, unsigned long a3,
                  unsigned long a4, unsigned long a5)
{
    /* Xen 4.17 takes both as unsigned int: the upper halves are ignored. */
    unsigned int cmd = (unsigned int)a1;
    unsigned int type = (unsigned int)a2;
    struct domain *d = current->domain;

    if ( type >= BITS_PER_LONG || !(VM_ASSIST_VALID & (1UL << type)) )
        return -EINVAL;

    switch ( cmd )
    {
    case VMASST_CMD_enable:
        __atomic_fetch_or(&d->vm_assist, 1UL << type, __ATOMIC_RELAXED);
        return 0;
    case VMASST_CMD_disable:
        __atomic_fetch_and(&d->vm_assist, ~(1UL << type), __ATOMIC_RELAXED);
        return 0;
    default:
        return -ENOSYS;
    }
}
