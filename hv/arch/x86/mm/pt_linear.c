/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linear page-table entries (contract in asm/guest_pt.h; Xen 4.17's
 * get_l[234]_linear_pagetable and the linear_pt_count bookkeeping in
 * xen/arch/x86/mm.c). A table's linear_pt_count is positive while it holds
 * linear entries and negative while other tables use it as a linear one;
 * it may never be both, which keeps the indirection to one level (so no
 * loop of tables can keep itself alive).
 */
#include <asm/guest_pt.h>
#include <asm/page.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/mm.h>
#include <xenolith/page_ref.h>
#include <xenolith/panic.h>

#include <stdint.h>

static bool inc_linear_entries(struct page_info *table)
{
    int16_t x = __atomic_load_n(&table->linear_pt_count, __ATOMIC_RELAXED);

    do {
        if ( x < 0 || x == INT16_MAX )
            return false;
    } while ( !__atomic_compare_exchange_n(&table->linear_pt_count, &x,
                                           x + 1, false, __ATOMIC_ACQ_REL,
                                           __ATOMIC_RELAXED) );
    return true;
}

static bool inc_linear_uses(struct page_info *target)
{
    int16_t x = __atomic_load_n(&target->linear_pt_count, __ATOMIC_RELAXED);

    do {
        if ( x > 0 || x == INT16_MIN )
            return false;
    } while ( !__atomic_compare_exchange_n(&target->linear_pt_count, &x,
                                           x - 1, false, __ATOMIC_ACQ_REL,
                                           __ATOMIC_RELAXED) );
    return true;
}

static void dec_linear_entries(struct page_info *table)
{
    int16_t old = __atomic_fetch_sub(&table->linear_pt_count, 1,
                                     __ATOMIC_ACQ_REL);

    BUG_ON(old <= 0);
}

static void dec_linear_uses(struct page_info *target)
{
    int16_t old = __atomic_fetch_add(&target->linear_pt_count, 1,
                                     __ATOMIC_ACQ_REL);

    BUG_ON(old >= 0);
}

/* A type reference on target if it is a validated table of type. */
static bool get_validated_type(struct page_info *target, uint64_t type)
{
    uint64_t x = __atomic_load_n(&target->type_info, __ATOMIC_ACQUIRE);

    do {
        if ( (x & (PGT_TYPE_MASK | PGT_VALIDATED)) !=
             (type | PGT_VALIDATED) ||
             (x & PGT_COUNT_MASK) == PGT_COUNT_MASK ||
             (x & PGT_COUNT_MASK) == 0 )
            return false;
    } while ( !__atomic_compare_exchange_n(&target->type_info, &x, x + 1,
                                           false, __ATOMIC_ACQ_REL,
                                           __ATOMIC_ACQUIRE) );
    return true;
}

int pt_get_linear(uint64_t e, unsigned int level, struct page_info *table,
                  struct domain *d)
{
    mfn_t mfn = maddr_to_mfn(e & PTE_ADDR_MASK);
    struct page_info *target;

    /* Writable, a table could be written behind validation's back. */
    if ( e & _PAGE_RW )
        return -EINVAL;
    if ( mfn_eq(mfn, page_to_mfn(table)) )
        return 0;
    if ( !mfn_valid(mfn) )
        return -EINVAL;
    target = mfn_to_page(mfn);
    if ( !get_page(target, d) )
        return -EINVAL;
    if ( !inc_linear_entries(table) )
        goto put_page;
    if ( !inc_linear_uses(target) )
        goto put_entries;
    if ( get_validated_type(target, pt_type_of_level(level)) )
        return 0;
    dec_linear_uses(target);
 put_entries:
    dec_linear_entries(table);
 put_page:
    put_page(target);
    return -EINVAL;
}

void pt_put_linear(struct page_info *target, struct page_info *table)
{
    dec_linear_uses(target);
    dec_linear_entries(table);
    put_page_type(target);
}
