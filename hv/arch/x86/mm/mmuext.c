/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * HYPERVISOR_mmuext_op(ops, count, pdone, foreigndom): extended MMU
 * operations, the minimum issue 3 needs (xen/include/public/xen.h,
 * MMUEXT_*; Xen 4.17's do_mmuext_op() and new_guest_cr3() in
 * xen/arch/x86/mm.c; tests/guest/mmuext pins the answers).
 *
 * Ops run in order and stop at the first that fails; the hypercall returns
 * that error (or 0) and adds the number of ops done to *pdone. Done here:
 *  - NEW_BASEPTR, NEW_USER_BASEPTR: the vCPU's kernel and user L4. The new
 *    table gets a general and a type reference (it must be an L4 the
 *    domain owns), the old one loses them once the switch is made;
 *    user baseptr 0 means none;
 *  - PIN_L1..L4_TABLE, UNPIN_TABLE: a pin holds a general and a type
 *    reference until unpinned;
 *  - TLB_FLUSH_LOCAL/MULTI/ALL, INVLPG_LOCAL/MULTI/ALL (one vCPU: all
 *    local), FLUSH_CACHE, SET_LDT (pv/ldt.c), CLEAR_PAGE, COPY_PAGE,
 *    MARK_SUPER and UNMARK_SUPER (-EOPNOTSUPP, as in 4.17).
 * A frame taken as an L1..L4 table is validated first if it is not one
 * already (page_type_validate(), asm/guest_pt.h). FLUSH_CACHE_GLOBAL
 * flushes this CPU (the only one running guests).
 *
 * foreigndom names whose frames the ops take (Xen's pg_owner): the
 * caller's (DOMID_SELF), or, for the control domain, another domain's:
 * a domain builder in dom0 pins a new domain's tables this way and clears
 * or copies its frames. The ops that act on the calling vCPU itself
 * (base pointers, flushes, LDT) refuse a foreign owner as Xen does.
 * DOMID_XEN and DOMID_IO own nothing here. Validating a foreign table on
 * pin is not preemptible (prevalidation holds only the caller's frames).
 *
 * A long batch is preempted between ops and continued with Xen's
 * MMU_UPDATE_PREEMPTED protocol (xenolith/hypercall.h); a pin may still
 * validate a whole hierarchy in one op (pt_validate.c).
 */
#include <asm/flush.h>
#include <asm/guest_pt.h>
#include <asm/pg_owner.h>
#include <asm/pv.h>
#include <asm/pv_desc.h>
#include <xenolith/control.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/guest_access.h>
#include <xenolith/hypercall.h>
#include <xenolith/mm.h>
#include <xenolith/page_ref.h>
#include <xenolith/string.h>

/* Xen's continuation flag in count (xen/arch/x86/include/asm/hypercall.h). */
#define MMU_UPDATE_PREEMPTED  0x80000000u
#define LDT_MAX_ENTRIES       8192

struct mmuext_ctx {
    struct vcpu *v;
    bool foreign;          /* foreigndom is not the caller's domain. */
    struct domain *pg_owner; /* Whose frames (referenced); NULL: XEN/IO. */
};

typedef int (*mmuext_fn)(struct mmuext_ctx *c, const struct mmuext_op *op);

/*
 * A general and a type reference on mfn as a table of type owned by d,
 * validating it if it was not one. -EINVAL (nothing taken) for a frame
 * that is not d's or is in use as another type; the validation's error
 * for a table with a bad entry (Xen's get_page_and_type_from_mfn()).
 */
static int get_table(struct domain *d, mfn_t mfn, uint64_t type)
{
    struct page_info *pg;

    return get_page_and_type(mfn, d, type, &pg);
}

static void put_table(mfn_t mfn)
{
    put_page_and_type(mfn_to_page(mfn));
}

static int mmuext_pin(struct mmuext_ctx *c, const struct mmuext_op *op)
{
    static const uint64_t types[] = {
        [MMUEXT_PIN_L1_TABLE] = PGT_L1_PAGE_TABLE,
        [MMUEXT_PIN_L2_TABLE] = PGT_L2_PAGE_TABLE,
        [MMUEXT_PIN_L3_TABLE] = PGT_L3_PAGE_TABLE,
        [MMUEXT_PIN_L4_TABLE] = PGT_L4_PAGE_TABLE,
    };
    mfn_t mfn = _mfn(op->arg1.mfn);
    uint64_t old;
    int rc;

    /* DOMID_XEN and DOMID_IO own no table a guest could pin. */
    if ( !c->pg_owner )
        return -EINVAL;
    rc = pt_prevalidate_table(c->v, mfn, pt_level_of_type(types[op->cmd]));
    if ( rc )
        return rc;                       /* PT_ERESTART: continue later. */
    rc = get_table(c->pg_owner, mfn, types[op->cmd]);
    if ( rc )
        return rc;
    old = __atomic_fetch_or(&mfn_to_page(mfn)->type_info, PGT_PINNED,
                            __ATOMIC_ACQ_REL);
    if ( old & PGT_PINNED )
    {
        put_table(mfn);              /* Xen 4.17: "already pinned". */
        return -EINVAL;
    }
    return 0;                        /* The pin keeps both references. */
}

static int mmuext_unpin(struct mmuext_ctx *c, const struct mmuext_op *op)
{
    mfn_t mfn = _mfn(op->arg1.mfn);
    struct page_info *pg;
    uint64_t old;

    if ( !c->pg_owner || !mfn_valid(mfn) )
        return -EINVAL;
    pg = mfn_to_page(mfn);
    if ( !get_page(pg, c->pg_owner) )
        return -EINVAL;
    old = __atomic_fetch_and(&pg->type_info, ~PGT_PINNED, __ATOMIC_ACQ_REL);
    if ( old & PGT_PINNED )
        put_table(mfn);              /* The pin's references. */
    put_page(pg);
    return old & PGT_PINNED ? 0 : -EINVAL;
}

int pv_new_guest_cr3(struct vcpu *v, mfn_t mfn)
{
    mfn_t old = v->arch.guest_table;
    int rc;

    if ( !mfn_eq(mfn, old) )
    {
        rc = get_table(v->domain, mfn, PGT_L4_PAGE_TABLE);
        if ( rc )
            return rc;
        v->arch.guest_table = mfn;
    }
    pv_load_cr3(v);
    flush_tlb_local_all();
    /* The old table's references go only once CR3 no longer holds it. */
    if ( !mfn_eq(mfn, old) && !mfn_eq(old, INVALID_MFN) )
        put_table(old);
    return 0;
}

static int mmuext_new_baseptr(struct mmuext_ctx *c, const struct mmuext_op *op)
{
    int rc;

    if ( c->foreign )
        return -EPERM;
    rc = pt_prevalidate_table(c->v, _mfn(op->arg1.mfn), 4);
    return rc ? rc : pv_new_guest_cr3(c->v, _mfn(op->arg1.mfn));
}

/* Xen's user baseptr 0 ("none") is our INVALID_MFN. */
static int mmuext_new_user_baseptr(struct mmuext_ctx *c,
                                   const struct mmuext_op *op)
{
    struct vcpu *v = c->v;
    mfn_t mfn = op->arg1.mfn ? _mfn(op->arg1.mfn) : INVALID_MFN;
    mfn_t old = v->arch.guest_table_user;
    int rc;

    if ( c->foreign )
        return -EPERM;
    if ( mfn_eq(mfn, old) )
        return 0;
    if ( !mfn_eq(mfn, INVALID_MFN) )
    {
        rc = pt_prevalidate_table(v, mfn, 4);
        if ( rc )
            return rc;
        rc = get_table(v->domain, mfn, PGT_L4_PAGE_TABLE);
        if ( rc )
            return rc;
    }
    /* In guest kernel mode: CR3 holds the kernel table, not this one. */
    v->arch.guest_table_user = mfn;
    if ( !mfn_eq(old, INVALID_MFN) )
        put_table(old);
    return 0;
}

static int mmuext_tlb_flush(struct mmuext_ctx *c, const struct mmuext_op *op)
{
    if ( c->foreign )
        return -EPERM;
    flush_tlb_local_all();
    return 0;
}

/* Xen ignores addresses it may not flush (non-canonical) without error. */
static int mmuext_invlpg(struct mmuext_ctx *c, const struct mmuext_op *op)
{
    if ( c->foreign )
        return -EPERM;
    if ( guest_range_ok(op->arg1.linear_addr, 1) )
        flush_tlb_one_local(op->arg1.linear_addr);
    return 0;
}

/*
 * TLB_FLUSH_MULTI and INVLPG_MULTI: the vCPU mask is one word while a
 * domain has at most 64 vCPUs; an unreadable mask is -EINVAL (Xen 4.17).
 */
static int mmuext_multi(struct mmuext_ctx *c, const struct mmuext_op *op)
{
    uint64_t mask;

    if ( c->foreign )
        return -EPERM;
    if ( copy_from_guest(&mask, (uint64_t)(unsigned long)op->arg2.vcpumask.p,
                         sizeof(mask)) )
        return -EINVAL;
    if ( !(mask & (1ULL << c->v->vcpu_id)) )
        return 0;
    return op->cmd == MMUEXT_TLB_FLUSH_MULTI ? mmuext_tlb_flush(c, op)
                                             : mmuext_invlpg(c, op);
}

/* Xen: dom0 may flush caches (it holds I/O capabilities); others -EACCES. */
static int mmuext_flush_cache(struct mmuext_ctx *c, const struct mmuext_op *op)
{
    if ( c->foreign )
        return -EPERM;
    if ( !c->v->domain->is_privileged )
        return -EACCES;
    wbinvd();
    return 0;
}

/* Arguments checked as Xen does; the pages are mapped lazily (pv/ldt.c). */
static int mmuext_set_ldt(struct mmuext_ctx *c, const struct mmuext_op *op)
{
    unsigned int ents = op->arg2.nr_ents;
    uint64_t ptr = ents ? op->arg1.linear_addr : 0;

    if ( c->foreign )
        return -EPERM;
    if ( (ptr & (PAGE_SIZE - 1)) || !guest_range_ok(ptr, 1) ||
         ents > LDT_MAX_ENTRIES )
        return -EINVAL;
    pv_set_ldt(c->v, ptr, ents);
    return 0;
}

/*
 * CLEAR_PAGE and COPY_PAGE: on frames of the domain's, the target typed
 * writable for the duration (so never a page table); anything else is
 * -EINVAL, as Xen 4.17.
 */
/* As FLUSH_CACHE on every CPU (one today); refused with -EINVAL (4.17). */
static int mmuext_flush_cache_global(struct mmuext_ctx *c,
                                     const struct mmuext_op *op)
{
    if ( c->foreign )
        return -EPERM;
    if ( !c->v->domain->is_privileged )
        return -EINVAL;
    wbinvd();
    return 0;
}

static struct page_info *get_data_frame(struct mmuext_ctx *c, xen_pfn_t mfn,
                                        bool writable)
{
    struct page_info *pg;

    if ( !c->pg_owner || !mfn_valid(_mfn(mfn)) )
        return NULL;
    pg = mfn_to_page(_mfn(mfn));
    if ( !get_page(pg, c->pg_owner) )
        return NULL;
    if ( writable && get_page_type(pg, PGT_WRITABLE_PAGE) )
    {
        put_page(pg);
        return NULL;
    }
    return pg;
}

static void *frame_va(const struct page_info *pg)
{
    return maddr_to_virt(mfn_to_maddr(page_to_mfn(pg)));
}

static int mmuext_clear_page(struct mmuext_ctx *c, const struct mmuext_op *op)
{
    struct page_info *pg = get_data_frame(c, op->arg1.mfn, true);

    if ( !pg )
        return -EINVAL;
    memset(frame_va(pg), 0, PAGE_SIZE);
    put_page_and_type(pg);
    return 0;
}

static int mmuext_copy_page(struct mmuext_ctx *c, const struct mmuext_op *op)
{
    struct page_info *src = get_data_frame(c, op->arg2.src_mfn, false), *dst;

    if ( !src )
        return -EINVAL;
    dst = get_data_frame(c, op->arg1.mfn, true);
    if ( !dst )
    {
        put_page(src);
        return -EINVAL;
    }
    memcpy(frame_va(dst), frame_va(src), PAGE_SIZE);
    put_page_and_type(dst);
    put_page(src);
    return 0;
}

static int mmuext_super(struct mmuext_ctx *c, const struct mmuext_op *op)
{
    return -EOPNOTSUPP;              /* Xen 4.17 dropped superpage marks. */
}

static const mmuext_fn mmuext_ops[] = {
    [MMUEXT_PIN_L1_TABLE] = mmuext_pin,
    [MMUEXT_PIN_L2_TABLE] = mmuext_pin,
    [MMUEXT_PIN_L3_TABLE] = mmuext_pin,
    [MMUEXT_PIN_L4_TABLE] = mmuext_pin,
    [MMUEXT_UNPIN_TABLE] = mmuext_unpin,
    [MMUEXT_NEW_BASEPTR] = mmuext_new_baseptr,
    [MMUEXT_TLB_FLUSH_LOCAL] = mmuext_tlb_flush,
    [MMUEXT_INVLPG_LOCAL] = mmuext_invlpg,
    [MMUEXT_TLB_FLUSH_MULTI] = mmuext_multi,
    [MMUEXT_INVLPG_MULTI] = mmuext_multi,
    [MMUEXT_TLB_FLUSH_ALL] = mmuext_tlb_flush,
    [MMUEXT_INVLPG_ALL] = mmuext_invlpg,
    [MMUEXT_FLUSH_CACHE] = mmuext_flush_cache,
    [MMUEXT_SET_LDT] = mmuext_set_ldt,
    [MMUEXT_NEW_USER_BASEPTR] = mmuext_new_user_baseptr,
    [MMUEXT_FLUSH_CACHE_GLOBAL] = mmuext_flush_cache_global,
    [MMUEXT_CLEAR_PAGE] = mmuext_clear_page,
    [MMUEXT_COPY_PAGE] = mmuext_copy_page,
    [MMUEXT_MARK_SUPER] = mmuext_super,
    [MMUEXT_UNMARK_SUPER] = mmuext_super,
};

static int mmuext_one(struct mmuext_ctx *c, const struct mmuext_op *op)
{
    if ( op->cmd >= ARRAY_SIZE(mmuext_ops) || !mmuext_ops[op->cmd] )
        return -ENOSYS;
    return mmuext_ops[op->cmd](c, op);
}

/*
 * Xen's get_pg_owner() and XSM_TARGET check: DOMID_SELF, another domain
 * (-ESRCH if none, or if it is the caller's own id named explicitly, or a
 * dying one, whose frames are being given back), or DOMID_XEN/DOMID_IO,
 * which own nothing a guest can use here (their ops answer -EPERM or
 * -EINVAL); any owner but the caller only for a privileged caller
 * (-EPERM). On success c->pg_owner is referenced (or NULL for XEN/IO).
 */
static int mmuext_owner(domid_t dom, struct mmuext_ctx *c)
{
    struct domain *curr = c->v->domain;
    int rc = pg_owner_get(dom, &c->pg_owner);

    if ( rc )
        return rc;
    c->foreign = c->pg_owner != curr;
    if ( c->foreign && !control_permitted(curr) )
    {
        pg_owner_put(c->pg_owner);
        c->pg_owner = NULL;
        return -EPERM;
    }
    return 0;
}

long do_mmuext_op(unsigned long uops, unsigned long count_arg,
                  unsigned long pdone, unsigned long foreigndom,
                  unsigned long a5)
{
    struct mmuext_ctx c = { .v = current };
    unsigned int count = (unsigned int)count_arg, done = 0, i;
    struct mmuext_op op;
    bool preempted = false;
    int rc = 0;

    /* Xen's continuation protocol: the final result rides in foreigndom. */
    if ( count == MMU_UPDATE_PREEMPTED && !uops )
        return (int)foreigndom;
    if ( count & MMU_UPDATE_PREEMPTED )
    {
        count &= ~MMU_UPDATE_PREEMPTED;
        if ( pdone && copy_from_guest(&done, pdone, sizeof(done)) )
            done = 0;
    }
    /*
     * Xen 4.17 (guest_handle_okay) checks only where the array starts,
     * even for count 0; each op is checked as it is read.
     */
    if ( !guest_range_ok(uops, 1) )
        return -EFAULT;
    rc = mmuext_owner((domid_t)foreigndom, &c);
    if ( rc )
        return rc;
    /* Tables an earlier call left held go first (asm/guest_pt.h). */
    if ( pt_held_drain(c.v) )
    {
        unsigned long args[] = { uops, count_arg, pdone, foreigndom };

        pg_owner_put(c.pg_owner);
        return hypercall_create_continuation(__HYPERVISOR_mmuext_op, 4, args);
    }
    pt_defer_begin(c.v);
    for ( i = 0; i < count; i++ )
    {
        if ( i && hypercall_preempt_check() )
        {
            preempted = true;
            break;
        }
        rc = copy_from_guest(&op, uops + (uint64_t)i * sizeof(op), sizeof(op));
        if ( !rc )
            rc = mmuext_one(&c, &op);
        if ( rc == PT_ERESTART )
        {
            rc = 0;
            preempted = true;            /* Op i is redone on return... */
            pt_held_keep(c.v);           /* ...with its progress. */
            break;
        }
        pt_held_release(c.v);
        if ( rc )
            break;
    }
    done += i;
    pt_defer_end(c.v);               /* What is left: the next drain. */
    pg_owner_put(c.pg_owner);
    if ( pdone )
    {
        /* Xen ignores a done pointer it cannot write. */
        int ignored = copy_to_guest(pdone, &done, sizeof(done));

        (void)ignored;
    }
    if ( preempted )
    {
        unsigned long args[] = {
            uops + (uint64_t)i * sizeof(op),
            (count - i) | MMU_UPDATE_PREEMPTED, pdone, foreigndom,
        };

        return hypercall_create_continuation(__HYPERVISOR_mmuext_op, 4, args);
    }
    return rc;
}
