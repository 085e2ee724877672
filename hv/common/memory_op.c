/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * HYPERVISOR_memory_op(cmd, arg): the sub-ops every architecture shares
 * (reservations, exchange, reservation queries, maximum_ram_page); the
 * rest go to
 * arch_memory_op(). Semantics are Xen 4.17's do_memory_op()
 * (xen/common/memory.c); contracts in xenolith/memory_op.h.
 *
 * cmd carries the sub-op in its low MEMOP_EXTENT_SHIFT bits and, for the
 * reservation sub-ops, the extent to start from above them (Xen uses it to
 * continue a preempted call; a guest may set it too). Sub-ops that take no
 * start extent refuse one with -EINVAL.
 *
 * Why a switch and not a {cmd, size, handler} table: memory_op's sub-ops
 * do not share a copy-in rule. A reservation whose argument cannot be read
 * answers its start extent, not -EFAULT; maximum_ram_page reads nothing;
 * the queries read a bare domid_t. Each case is still one call.
 */
#include <xenolith/control.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/guest_access.h>
#include <xenolith/hypercall.h>
#include <xenolith/memory_op.h>

#define MEMOP_EXTENT_SHIFT 6          /* xen/include/xen/hypercall.h */
#define MEMOP_CMD_MASK     ((1UL << MEMOP_EXTENT_SHIFT) - 1)
#define MEMOP_MAX_EXTENTS  (UINT32_MAX >> MEMOP_EXTENT_SHIFT)

struct domain *memop_domain(domid_t domid)
{
    return domain_get_by_any_id(domid);
}

bool memop_may_target(const struct domain *d)
{
    return d == current->domain || control_permitted(current->domain);
}

typedef void (*reservation_fn)(struct memop_args *a);

static const reservation_fn reservation_ops[] = {
    [XENMEM_increase_reservation] = memop_increase_reservation,
    [XENMEM_decrease_reservation] = memop_decrease_reservation,
    [XENMEM_populate_physmap] = memop_populate_physmap,
};

/*
 * Xen 4.17: every refusal (unreadable argument, too many extents, start
 * past the end, unknown domain, bad flags, no permission) answers the
 * start extent, never an error code.
 */
static long memory_op_reservation(unsigned int op, unsigned long start,
                                  uint64_t arg)
{
    struct xen_memory_reservation r;
    struct memop_args a = { .nr_done = (unsigned int)start };

    if ( copy_from_guest(&r, arg, sizeof(r)) ||
         r.nr_extents > MEMOP_MAX_EXTENTS || start >= r.nr_extents )
        return (long)start;
    a.d = memop_domain(r.domid);
    if ( !a.d )
        return (long)start;
    /*
     * Differs from Xen: a dying domain's memory is not touched (Xen
     * refuses only new frames); its pages are being relinquished.
     */
    if ( !memop_decode_reservation(&r, &a) && memop_may_target(a.d) &&
         a.d->is_dying == DOMAIN_ALIVE )
        reservation_ops[op](&a);
    domain_put(a.d);
    return a.nr_done;
}

static long memory_op_maximum_ram_page(unsigned long start)
{
    return start ? -EINVAL : (long)max_page;
}

/* XENMEM_current_reservation, maximum_reservation, maximum_gpfn. */
static long memory_op_query(unsigned int op, unsigned long start,
                            uint64_t arg)
{
    struct domain *d;
    domid_t domid;

    if ( start )
        return -EINVAL;
    if ( copy_from_guest(&domid, arg, sizeof(domid)) )
        return -EFAULT;
    long rc;

    d = memop_domain(domid);
    if ( !d )
        return -ESRCH;
    if ( !memop_may_target(d) )
        rc = -EPERM;
    else if ( op == XENMEM_current_reservation )
        rc = (long)d->tot_pages;
    else if ( op == XENMEM_maximum_reservation )
        rc = (long)d->max_pages;
    else
        rc = arch_domain_max_gpfn(d);
    domain_put(d);
    return rc;
}

long do_memory_op(unsigned long cmd, unsigned long arg, unsigned long a3,
                  unsigned long a4, unsigned long a5)
{
    unsigned int op = cmd & MEMOP_CMD_MASK;
    unsigned long start = cmd >> MEMOP_EXTENT_SHIFT;

    switch ( op )
    {
    case XENMEM_increase_reservation:
    case XENMEM_decrease_reservation:
    case XENMEM_populate_physmap:
        return memory_op_reservation(op, start, arg);
    case XENMEM_exchange:
        return start ? -EINVAL : memop_exchange(arg);
    case XENMEM_maximum_ram_page:
        return memory_op_maximum_ram_page(start);
    case XENMEM_current_reservation:
    case XENMEM_maximum_reservation:
    case XENMEM_maximum_gpfn:
        return memory_op_query(op, start, arg);
    default:
        return arch_memory_op(cmd, arg);
    }
}
