/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * HYPERVISOR_mmu_update(reqs, count, pdone, foreigndom): a batch of page-
 * table writes and M2P updates (xen/include/public/xen.h MMU_*; Xen 4.17's
 * do_mmu_update(), xen/arch/x86/mm.c).
 *
 * Each request's low three bits of ptr say what it is:
 *  - MMU_NORMAL_PT_UPDATE, MMU_PT_UPDATE_PRESERVE_AD: *ptr = val, ptr the
 *    machine address of an entry. In a validated page table of the
 *    domain's the entry is validated and references move
 *    (pt_update_entry()); in a frame that is no page table the write is
 *    plain, if the frame can be typed writable (Xen does the same); any
 *    other frame is -EINVAL.
 *  - MMU_MACHPHYS_UPDATE: M2P[ptr >> 12] = val, for a frame of the domain.
 * Requests run in order and stop at the first failure, whose error is
 * returned; *pdone gets the number done added (Xen's continuation
 * protocol: MMU_UPDATE_PREEMPTED in count carries earlier progress).
 * foreigndom: bits 0-15 whose frames L1 entries map (Xen's pg_owner,
 * asm/pg_owner.h): DOMID_SELF, or for the control domain another domain,
 * whose frames a domain builder or Linux's privcmd (mmap of a foreign
 * range) maps this way: each mapping takes a general reference on the
 * foreign frame, and a writable one a writable-type reference, so a
 * foreign page table is never mapped writable (-EBUSY) and the frame
 * outlives its domain until unmapped. An unprivileged caller naming
 * another owner gets -EPERM at its first request that would use it
 * (Xen's per-request XSM check; an empty batch succeeds). Bits 16-31:
 * whose tables are written (0: the caller's); Differs from Xen: another
 * domain's tables are -EOPNOTSUPP (Xen writes them as that domain's vCPU
 * 0; no toolstack needs it). A long batch is preempted between requests and
 * continued (xenolith/hypercall.h): the requests done so far are added to
 * *pdone and the guest re-issues the rest with MMU_UPDATE_PREEMPTED, as
 * with Xen. (One request may still validate a whole hierarchy in one go;
 * see pt_validate.c.)
 */
#include <asm/guest_pt.h>
#include <asm/m2p.h>
#include <asm/pg_owner.h>
#include <xenolith/control.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/guest_access.h>
#include <xenolith/hypercall.h>
#include <xenolith/mm.h>
#include <xenolith/page_ref.h>

#define MMU_UPDATE_PREEMPTED 0x80000000u

/* A write into a frame that is no (validated) page table: Xen's
 * paging_write_guest_entry() under a writable type reference. */
static int write_plain(struct page_info *pg, uint64_t ptr, uint64_t val)
{
    uint64_t *slot;

    if ( get_page_type(pg, PGT_WRITABLE_PAGE) )
        return -EINVAL;
    slot = maddr_to_virt(ptr & ~7ULL);
    __atomic_store_n(slot, val, __ATOMIC_RELEASE);
    put_page_type(pg);
    return 0;
}

static int normal_update(struct vcpu *v, const struct mmu_update *req,
                         unsigned int cmd, struct domain *pg_owner)
{
    uint64_t ptr = req->ptr & ~7ULL, x;
    mfn_t mfn = maddr_to_mfn(ptr);
    struct page_info *pg;
    unsigned int level;
    int rc;

    if ( !mfn_valid(mfn) )
        return -EINVAL;
    pg = mfn_to_page(mfn);
    if ( !get_page(pg, v->domain) )
        return -EINVAL;              /* Xen: "Could not get page for normal update". */
    x = __atomic_load_n(&pg->type_info, __ATOMIC_ACQUIRE);
    level = pt_level_of_type(x);
    if ( (x & PGT_COUNT_MASK) && (x & PGT_VALIDATED) && level )
    {
        /* A page table in use: only its owner's frames go below an L1. */
        if ( level > 1 && pg_owner != v->domain )
            rc = -EINVAL;
        else
        {
            /* A new L2..L4 entry's tables are validated first, preemptibly. */
            rc = pt_prevalidate_entry(v, req->val, level, pg);
            if ( !rc )
                rc = pt_update_entry(v, pg, level,
                                     (ptr & (PAGE_SIZE - 1)) / 8, req->val,
                                     cmd == MMU_PT_UPDATE_PRESERVE_AD,
                                     pg_owner);
        }
    }
    else if ( (x & PGT_COUNT_MASK) && (x & PGT_TYPE_MASK) != PGT_WRITABLE_PAGE )
        rc = -EINVAL;                /* A descriptor page, or mid-validation. */
    else
        rc = write_plain(pg, ptr, req->val);
    put_page(pg);
    return rc;
}

static int machphys_update(struct vcpu *v, const struct mmu_update *req,
                           struct domain *pg_owner)
{
    mfn_t mfn = maddr_to_mfn(req->ptr);
    struct page_info *pg;

    if ( !mfn_valid(mfn) )
        return -EINVAL;
    pg = mfn_to_page(mfn);
    if ( !get_page(pg, pg_owner) )
        return -EINVAL;              /* Xen: "Could not get page for mach->phys update". */
    /* pg_owner_nobody() owns nothing, so pg is a domain's frame here. */
    m2p_set(mfn, req->val);
    put_page(pg);
    return 0;
}

/*
 * Xen's XSM_TARGET check of each request: another domain's frames only
 * for the control domain.
 */
static bool may_use_owner(const struct vcpu *v, const struct domain *pg_owner)
{
    return pg_owner == v->domain || control_permitted(v->domain);
}

/* Bits 16-31 of foreigndom: the table owner, ours or (unsupported) not. */
static int check_table_owner(const struct vcpu *v, unsigned long foreigndom)
{
    unsigned int pt_dom = (foreigndom >> 16) & 0xffff;
    struct domain *d;

    if ( !pt_dom )
        return 0;
    if ( (domid_t)(pt_dom - 1) == v->domain->domain_id )
        return -EINVAL;
    d = domain_get_by_id((domid_t)(pt_dom - 1));
    if ( !d )
        return -ESRCH;
    domain_put(d);
    return -EOPNOTSUPP;
}

static int mmu_update_one(struct vcpu *v, const struct mmu_update *req,
                          struct domain *pg_owner)
{
    unsigned int cmd = req->ptr & 7;

    switch ( cmd )
    {
    case MMU_NORMAL_PT_UPDATE:
    case MMU_PT_UPDATE_PRESERVE_AD:
    case MMU_PT_UPDATE_NO_TRANSLATE:     /* PV: nothing to translate. */
        if ( !may_use_owner(v, pg_owner) )
            return -EPERM;
        return normal_update(v, req, cmd, pg_owner);
    case MMU_MACHPHYS_UPDATE:
        if ( !may_use_owner(v, pg_owner) )
            return -EPERM;
        return machphys_update(v, req, pg_owner);
    default:
        return -ENOSYS;
    }
}

long do_mmu_update(unsigned long ureqs, unsigned long count_arg,
                   unsigned long pdone, unsigned long foreigndom,
                   unsigned long a5)
{
    struct vcpu *v = current;
    struct domain *pg_owner, *owner;
    unsigned int count = (unsigned int)count_arg, done = 0, i;
    struct mmu_update req;
    bool preempted = false;
    int rc = 0;

    if ( count & MMU_UPDATE_PREEMPTED )
    {
        count &= ~MMU_UPDATE_PREEMPTED;
        if ( pdone && copy_from_guest(&done, pdone, sizeof(done)) )
            return -EFAULT;
    }
    /* Xen 4.17 checks the whole array up front (guest_handle_okay). */
    if ( !guest_range_ok(ureqs, (uint64_t)count * sizeof(req)) )
        return -EFAULT;
    rc = check_table_owner(v, foreigndom);
    if ( !rc )
        rc = pg_owner_get((domid_t)foreigndom, &pg_owner);
    if ( rc )
        return rc;
    /* DOMID_XEN, DOMID_IO: an owner of nothing, so every frame is refused. */
    owner = pg_owner ? pg_owner : pg_owner_nobody();
    /* Tables an earlier call left held go first (asm/guest_pt.h). */
    if ( pt_held_drain(v) )
    {
        unsigned long args[] = { ureqs, count_arg, pdone, foreigndom };

        pg_owner_put(pg_owner);
        return hypercall_create_continuation(__HYPERVISOR_mmu_update, 4,
                                             args);
    }
    pt_defer_begin(v);
    for ( i = 0; i < count; i++ )
    {
        if ( i && hypercall_preempt_check() )
        {
            preempted = true;
            break;
        }
        if ( copy_from_guest(&req, ureqs + (uint64_t)i * sizeof(req),
                             sizeof(req)) )
        {
            rc = -EFAULT;
            break;
        }
        rc = mmu_update_one(v, &req, owner);
        if ( rc == PT_ERESTART )
        {
            rc = 0;
            preempted = true;            /* Request i is redone on return... */
            pt_held_keep(v);             /* ...with its progress. */
            break;
        }
        pt_held_release(v);
        if ( rc )
            break;
    }
    pt_defer_end(v);                 /* What is left: the next drain. */
    pg_owner_put(pg_owner);
    if ( pdone )
    {
        /* Xen ignores a done pointer it cannot write. */
        int ignored;

        done += i;
        ignored = copy_to_guest(pdone, &done, sizeof(done));
        (void)ignored;
    }
    if ( preempted )
    {
        unsigned long args[] = {
            ureqs + (uint64_t)i * sizeof(req),
            (count - i) | MMU_UPDATE_PREEMPTED, pdone, foreigndom,
        };

        return hypercall_create_continuation(__HYPERVISOR_mmu_update, 4,
                                             args);
    }
    return rc;
}
