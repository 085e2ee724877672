/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * domctl commands about a domain's memory (contracts in domctl_ops.h):
 * max_mem, getpageframeinfo3 and shadow_op. Semantics: Xen 4.17's
 * xen/common/domctl.c (max_mem), xen/arch/x86/domctl.c
 * (getpageframeinfo3) and xen/arch/x86/mm/paging.c, shadow/common.c
 * (shadow_op).
 */
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/guest_access.h>
#include <xenolith/page_ref.h>
#include <xenolith/spinlock.h>
#include "domctl_ops.h"

/* Xen 4.17: one call types at most this many frames. */
#define PAGEFRAMEINFO3_MAX 1024

/* Xen's d->max_pages is 32 bits wide; what it stores is what it reports. */
#define MAX_PAGES_LIMIT 0xffffffffULL

long domctl_max_mem(struct domain *d, struct xen_domctl *op)
{
    uint64_t new_max = op->u.max_mem.max_memkb >> (PAGE_SHIFT - 10);
    uint64_t flags;

    if ( new_max > MAX_PAGES_LIMIT )
        new_max = MAX_PAGES_LIMIT;
    /*
     * Xen 4.17: no check against tot_pages. Below it, the domain can no
     * longer allocate (domain_alloc_pages()) and may only give back.
     */
    flags = spin_lock_irqsave(&d->page_alloc_lock);
    d->max_pages = new_max;
    spin_unlock_irqrestore(&d->page_alloc_lock, flags);
    return 0;
}

/* The PV type of a frame as getpageframeinfo3 reports it. */
static uint64_t frame_type_info(const struct domain *d, uint64_t frame)
{
    struct page_info *pg;
    uint64_t type_info, type = XEN_DOMCTL_PFINFO_NOTAB;

    /* A frame number may be anything: check it before using it. */
    if ( !mfn_valid(_mfn(frame)) )
        return XEN_DOMCTL_PFINFO_XTAB;
    pg = mfn_to_page(_mfn(frame));
    if ( !get_page(pg, d) )
        return XEN_DOMCTL_PFINFO_XTAB;
    /* Xen: pages the hypervisor shares with the domain (is_special_page). */
    if ( pg->count_info & PGC_XEN_HEAP )
    {
        put_page(pg);
        return XEN_DOMCTL_PFINFO_XTAB;
    }
    type_info = __atomic_load_n(&pg->type_info, __ATOMIC_RELAXED);
    put_page(pg);
    switch ( type_info & PGT_TYPE_MASK )
    {
    case PGT_L1_PAGE_TABLE:
        type = XEN_DOMCTL_PFINFO_L1TAB;
        break;
    case PGT_L2_PAGE_TABLE:
        type = XEN_DOMCTL_PFINFO_L2TAB;
        break;
    case PGT_L3_PAGE_TABLE:
        type = XEN_DOMCTL_PFINFO_L3TAB;
        break;
    case PGT_L4_PAGE_TABLE:
        type = XEN_DOMCTL_PFINFO_L4TAB;
        break;
    }
    if ( type_info & PGT_PINNED )
        type |= XEN_DOMCTL_PFINFO_LPINTAB;
    return type;
}

/*
 * Xen 4.17: the array holds frame numbers (machine frames, for a PV
 * domain) and each is replaced by its type alone. A frame that is not the
 * domain's, or no frame at all, is XTAB.
 */
long domctl_getpageframeinfo3(struct domain *d, struct xen_domctl *op)
{
    uint64_t num = op->u.getpageframeinfo3.num, i;
    uint64_t array = (uint64_t)(unsigned long)op->u.getpageframeinfo3.array.p;

    if ( num > PAGEFRAMEINFO3_MAX )
        return -E2BIG;
    for ( i = 0; i < num; i++ )
    {
        uint64_t entry = array + i * sizeof(uint64_t), frame, type;

        if ( copy_from_guest(&frame, entry, sizeof(frame)) )
            return -EFAULT;
        type = frame_type_info(d, frame);
        if ( copy_to_guest(entry, &type, sizeof(type)) )
            return -EFAULT;
    }
    return 0;
}

/*
 * Xen 4.17's answers for a PV domain that is not in shadow mode (the
 * caller's own domain was refused by the dispatcher, -EINVAL, as in
 * paging_domctl()). Xenolith never shadows a PV domain's page tables, so
 * it has no shadow pool and no log-dirty mode:
 *  - OFF: nothing to turn off, 0;
 *  - GET_ALLOCATION: the pool, 0 MiB;
 *  - SET_ALLOCATION: 0, and the pool it has: 0 MiB (Xen allocates it);
 *  - ENABLE (any mode), ENABLE_TEST, ENABLE_LOGDIRTY: -EOPNOTSUPP, Xen's
 *    answer when built without shadow paging (Xen enables it);
 *  - CLEAN, PEEK: mode bits other than LOGDIRTY_FINAL are -EINVAL as in
 *    Xen; otherwise -EOPNOTSUPP, there being no log to read;
 *  - anything else -EINVAL, as Xen's shadow_domctl().
 * Differs from Xen where marked; docs/XEN-DIFFERENCES.md.
 */
long domctl_shadow_op(struct domain *d, struct xen_domctl *op)
{
    struct xen_domctl_shadow_op *sc = &op->u.shadow_op;

    /* Xen's paging_domctl(): a domain without vCPU 0 cannot be paged. */
    if ( !d->max_vcpus || !d->vcpus[0] )
        return -EINVAL;
    switch ( sc->op )
    {
    case XEN_DOMCTL_SHADOW_OP_OFF:
        return 0;
    case XEN_DOMCTL_SHADOW_OP_GET_ALLOCATION:
    case XEN_DOMCTL_SHADOW_OP_SET_ALLOCATION:
        sc->mb = 0;
        return 0;
    case XEN_DOMCTL_SHADOW_OP_ENABLE:
    case XEN_DOMCTL_SHADOW_OP_ENABLE_TEST:
    case XEN_DOMCTL_SHADOW_OP_ENABLE_LOGDIRTY:
        return -EOPNOTSUPP;
    case XEN_DOMCTL_SHADOW_OP_CLEAN:
    case XEN_DOMCTL_SHADOW_OP_PEEK:
        if ( sc->mode & ~XEN_DOMCTL_SHADOW_LOGDIRTY_FINAL )
            return -EINVAL;
        return -EOPNOTSUPP;
    default:
        return -EINVAL;
    }
}
