/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * HYPERVISOR_update_va_mapping and update_va_mapping_otherdomain: change
 * the L1 entry that maps one guest virtual address in the vCPU's current
 * page tables, then flush as UVMF_* asks (Xen 4.17's
 * __do_update_va_mapping(), xen/arch/x86/mm.c). The entry is changed
 * through pt_update_entry(), so it is validated and its references moved
 * like any other (asm/guest_pt.h).
 */
#include <asm/flush.h>
#include <asm/guest_pt.h>
#include <asm/pg_owner.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/pv.h>
#include <xenolith/control.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/guest_access.h>
#include <xenolith/hypercall.h>
#include <xenolith/mm.h>
#include <xenolith/page_ref.h>

struct page_info *pv_guest_l1_table(mfn_t l4, uint64_t va)
{
    const uint64_t *table = maddr_to_virt(mfn_to_maddr(l4));
    unsigned int shift;
    uint64_t e = 0;

    for ( shift = L4_SHIFT; shift > L1_SHIFT; shift -= 9 )
    {
        e = table[PT_INDEX(va, shift)];
        if ( !(e & _PAGE_PRESENT) || (e & _PAGE_PSE) ||
             !mfn_valid(maddr_to_mfn(e & PTE_ADDR_MASK)) )
            return NULL;
        table = maddr_to_virt(e & PTE_ADDR_MASK);
    }
    return mfn_to_page(maddr_to_mfn(e & PTE_ADDR_MASK));
}

mfn_t pv_current_l4(const struct vcpu *v)
{
    return v->arch.kernel_mode || mfn_eq(v->arch.guest_table_user,
                                         INVALID_MFN)
           ? v->arch.guest_table : v->arch.guest_table_user;
}

/*
 * The flush UVMF_* asks for: local, every vCPU of the domain, or the
 * vCPUs in a guest bitmap (one vCPU per domain today, so all are local;
 * an unreadable bitmap is -EFAULT).
 */
static int uvmf_flush(unsigned long flags, uint64_t va)
{
    unsigned long which = flags & ~(unsigned long)UVMF_FLUSHTYPE_MASK;
    uint64_t mask = 1;

    if ( !(flags & UVMF_FLUSHTYPE_MASK) )
        return 0;
    if ( which != UVMF_LOCAL && which != UVMF_ALL &&
         copy_from_guest(&mask, which, sizeof(mask)) )
        return -EFAULT;
    if ( !(mask & (1ULL << current->vcpu_id)) )
        return 0;
    if ( (flags & UVMF_FLUSHTYPE_MASK) == UVMF_INVLPG )
        flush_tlb_one_local(va);
    else
        flush_tlb_local();
    return 0;
}

static long update_va_mapping(uint64_t va, uint64_t val, unsigned long flags,
                              struct domain *pg_owner)
{
    struct vcpu *v = current;
    struct page_info *l1;
    int rc;

    if ( !guest_range_ok(va, 1) )
        return -EINVAL;
    l1 = pv_guest_l1_table(pv_current_l4(v), va);
    if ( !l1 || !get_page(l1, v->domain) )
        return -EINVAL;
    /* Xen: the table must be a validated L1 (page_lock()). */
    if ( (__atomic_load_n(&l1->type_info, __ATOMIC_ACQUIRE) &
          (PGT_TYPE_MASK | PGT_VALIDATED)) !=
         (PGT_L1_PAGE_TABLE | PGT_VALIDATED) )
        rc = -EINVAL;
    else
        rc = pt_update_entry(v, l1, 1, PT_INDEX(va, L1_SHIFT), val, false,
                             pg_owner);
    put_page(l1);
    if ( !rc )
        rc = uvmf_flush(flags, va);
    return rc;
}

long do_update_va_mapping(unsigned long va, unsigned long val,
                          unsigned long flags, unsigned long a4,
                          unsigned long a5)
{
    /* Table references still to drop go first (asm/guest_pt.h). */
    if ( pt_held_drain(current) )
    {
        unsigned long args[] = { va, val, flags };

        return hypercall_create_continuation(__HYPERVISOR_update_va_mapping,
                                             3, args);
    }
    return update_va_mapping(va, val, flags, current->domain);
}

/*
 * The frame belongs to domid (asm/pg_owner.h): a privileged domain
 * mapping another's memory, as Xen 4.17's update_va_mapping_otherdomain:
 * -ESRCH for an owner that cannot be named, -EPERM for an unprivileged
 * caller naming another (Xen's XSM_TARGET check), DOMID_XEN and
 * DOMID_IO owning nothing.
 */
long do_update_va_mapping_otherdomain(unsigned long va, unsigned long val,
                                      unsigned long flags,
                                      unsigned long domid, unsigned long a5)
{
    struct domain *pg_owner;
    long rc = pg_owner_get((domid_t)domid, &pg_owner);

    if ( rc )
        return rc;
    if ( pg_owner != current->domain && !control_permitted(current->domain) )
        rc = -EPERM;
    else if ( pt_held_drain(current) )
    {
        unsigned long args[] = { va, val, flags, domid };

        rc = hypercall_create_continuation(
            __HYPERVISOR_update_va_mapping_otherdomain, 4, args);
    }
    else
        rc = update_va_mapping(va, val, flags,
                               pg_owner ? pg_owner : pg_owner_nobody());
    pg_owner_put(pg_owner);
    return rc;
}
