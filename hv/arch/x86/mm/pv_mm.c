/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest page-table updates, the minimum issue 3 needs:
 * HYPERVISOR_update_va_mapping. A guest may map only frames it owns (or
 * its shared_info page), writable only while nothing uses the frame as a
 * page table or descriptor page; every mapping holds a general reference
 * and, if writable, a writable-type reference, dropped when the entry is
 * replaced. No superpages, no bits outside Xen's PV L1 allow-list. The full
 * validated MMU (mmu_update, mmuext_op, pinning, L2-L4 validation) is
 * issue 4 and extends these helpers.
 */
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/pv.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/guest_access.h>
#include <xenolith/hypercall.h>
#include <xenolith/mm.h>
#include <xenolith/page_ref.h>

/* Xen 4.17's allowed L1 flags for PV guests (plus the address bits). */
#define L1_ALLOWED_FLAGS (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_PWT | \
                          _PAGE_PCD | _PAGE_ACCESSED | _PAGE_DIRTY |        \
                          (1ULL << 7) /* PAT */ | _PAGE_GLOBAL |           \
                          (7ULL << 9) /* available */ | _PAGE_NX)

/*
 * The L1 entry mapping va in the table rooted at l4 (a machine frame the
 * domain uses as its L4), or NULL when a level is missing or a superpage.
 */
static uint64_t *guest_l1e(mfn_t l4, uint64_t va)
{
    uint64_t *table = maddr_to_virt(mfn_to_maddr(l4));
    unsigned int shift;

    for ( shift = L4_SHIFT; shift > L1_SHIFT; shift -= 9 )
    {
        uint64_t e = table[PT_INDEX(va, shift)];

        if ( !(e & _PAGE_PRESENT) || (e & _PAGE_PSE) )
            return NULL;
        table = maddr_to_virt(e & PTE_ADDR_MASK);
    }
    return &table[PT_INDEX(va, L1_SHIFT)];
}

/* References for a new L1 entry; false (nothing taken) if not allowed. */
bool pv_get_l1e_refs(uint64_t l1e, struct domain *d)
{
    mfn_t mfn = maddr_to_mfn(l1e & PTE_ADDR_MASK);
    struct page_info *pg;

    if ( !(l1e & _PAGE_PRESENT) )
        return true;
    if ( (l1e & ~PTE_ADDR_MASK & ~L1_ALLOWED_FLAGS) || !mfn_valid(mfn) )
        return false;
    pg = mfn_to_page(mfn);
    if ( !get_page(pg, d) )
        return false;
    if ( (l1e & _PAGE_RW) && !get_page_type(pg, PGT_WRITABLE_PAGE) )
    {
        put_page(pg);
        return false;
    }
    return true;
}

void pv_put_l1e_refs(uint64_t l1e)
{
    struct page_info *pg;

    if ( !(l1e & _PAGE_PRESENT) )
        return;
    pg = mfn_to_page(maddr_to_mfn(l1e & PTE_ADDR_MASK));
    if ( l1e & _PAGE_RW )
        put_page_type(pg);
    put_page(pg);
}

long do_update_va_mapping(unsigned long va, unsigned long val,
                          unsigned long flags, unsigned long a4,
                          unsigned long a5)
{
    struct vcpu *v = current;
    uint64_t *l1e, old;

    if ( !guest_range_ok(va, 1) )
        return -EINVAL;
    l1e = guest_l1e(v->arch.guest_table, va);
    if ( !l1e )
        return -EINVAL;
    /* PV64 guest kernels run in ring 3: every guest mapping is a user one. */
    if ( val & _PAGE_PRESENT )
        val |= _PAGE_USER;
    if ( !pv_get_l1e_refs(val, v->domain) )
        return -EINVAL;
    old = __atomic_exchange_n(l1e, val, __ATOMIC_SEQ_CST);
    pv_put_l1e_refs(old);

    switch ( flags & UVMF_FLUSHTYPE_MASK )
    {
    case UVMF_INVLPG:
        invlpg((void *)va);
        break;
    case UVMF_TLB_FLUSH:
        write_cr3(read_cr3());
        break;
    default:
        break;
    }
    return 0;
}
