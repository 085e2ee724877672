/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Preemptible validation of deep page-table hierarchies (contract in
 * asm/guest_pt.h). Xen 4.17 gets the same property from partially
 * validated tables (PGT_partial, nr_validated_ptes) at every level; we
 * instead validate bottom-up ahead of the operation, so that no
 * validation ever descends into a table that is not validated yet:
 *
 *  - an unvalidated table T of level k >= 2 below the operation's table
 *    has its own unvalidated lower tables validated first (depth at most
 *    three), then T itself, which now costs one pass over its 512 entries
 *    (each lower table just gains a type reference);
 *  - every table validated this way is held, with a general and a type
 *    reference, on the vCPU's list (through page_info.pt_held_next), so it
 *    stays validated across the continuation;
 *  - after each table validated, the hypercall may be preempted. Progress
 *    is guaranteed: a restart skips validated tables in one check each,
 *    and at least one more table is validated before the next preemption.
 *
 * Prevalidation never decides: a table it cannot validate is skipped, and
 * the operation's own validation then refuses it with Xen's error, exactly
 * as without prevalidation. A valid hierarchy gives every table the level
 * its position gives it, so the operation's outcome is the same.
 */
#include <asm/guest_pt.h>
#include <asm/page.h>
#include <xenolith/domain.h>
#include <xenolith/hypercall.h>
#include <xenolith/mm.h>
#include <xenolith/page_ref.h>

static void held_push(struct vcpu *v, struct page_info *pg)
{
    pg->pt_held_next = (uint32_t)v->arch.pt_held_head;
    v->arch.pt_held_head = mfn_x(page_to_mfn(pg)) + 1;
}

static struct page_info *held_pop(struct vcpu *v)
{
    struct page_info *pg;

    if ( !v->arch.pt_held_head )
        return NULL;
    pg = mfn_to_page(_mfn(v->arch.pt_held_head - 1));
    v->arch.pt_held_head = pg->pt_held_next;
    pg->pt_held_next = 0;
    return pg;
}

static bool is_validated_as(const struct page_info *pg, uint64_t type)
{
    uint64_t x = __atomic_load_n(&pg->type_info, __ATOMIC_ACQUIRE);

    return (x & PGT_COUNT_MASK) &&
           (x & (PGT_TYPE_MASK | PGT_VALIDATED)) == (type | PGT_VALIDATED);
}

static int prevalidate_one(struct vcpu *v, uint64_t e, unsigned int lower,
                           struct page_info *parent);

/* Every unvalidated table named by table (level 2..4). */
static int prevalidate_below(struct vcpu *v, struct page_info *table,
                             unsigned int level)
{
    const uint64_t *t = maddr_to_virt(mfn_to_maddr(page_to_mfn(table)));
    unsigned int i;
    int rc;

    for ( i = 0; i < PT_ENTRIES; i++ )
    {
        if ( level == 4 && !pt_is_guest_l4_slot(i) )
            continue;
        rc = prevalidate_one(v, __atomic_load_n(&t[i], __ATOMIC_RELAXED),
                             level - 1, table);
        if ( rc )
            return rc;
    }
    return 0;
}

/*
 * Validate and hold the table entry e names as a table of level lower,
 * if it is an unused frame of the domain's (anything else is left to the
 * operation's own validation to judge).
 */
static int prevalidate_one(struct vcpu *v, uint64_t e, unsigned int lower,
                           struct page_info *parent)
{
    mfn_t mfn = maddr_to_mfn(e & PTE_ADDR_MASK);
    uint64_t type = pt_type_of_level(lower);
    struct page_info *pg;
    int rc;

    if ( !(e & _PAGE_PRESENT) || !mfn_valid(mfn) )
        return 0;
    pg = mfn_to_page(mfn);
    if ( pg == parent || is_validated_as(pg, type) ||
         (__atomic_load_n(&pg->type_info, __ATOMIC_ACQUIRE) &
          PGT_COUNT_MASK) )
        return 0;
    if ( !get_page(pg, v->domain) )
        return 0;
    if ( lower >= 2 )
    {
        rc = prevalidate_below(v, pg, lower);
        if ( rc )
        {
            put_page(pg);
            return rc;
        }
    }
    if ( get_page_type(pg, type) )
    {
        put_page(pg);
        return 0;
    }
    held_push(v, pg);
    return hypercall_preempt_check() ? PT_ERESTART : 0;
}

int pt_prevalidate_table(struct vcpu *v, mfn_t mfn, unsigned int level)
{
    struct page_info *pg;
    int rc;

    if ( level < 2 || !mfn_valid(mfn) )
        return 0;
    pg = mfn_to_page(mfn);
    if ( is_validated_as(pg, pt_type_of_level(level)) ||
         (__atomic_load_n(&pg->type_info, __ATOMIC_ACQUIRE) &
          PGT_COUNT_MASK) || !get_page(pg, v->domain) )
        return 0;
    rc = prevalidate_below(v, pg, level);
    put_page(pg);
    return rc;
}

int pt_prevalidate_entry(struct vcpu *v, uint64_t entry, unsigned int level,
                         struct page_info *table)
{
    return level < 2 ? 0 : prevalidate_one(v, entry, level - 1, table);
}

void pt_held_release(struct vcpu *v)
{
    struct page_info *pg;

    v->arch.pt_held_resume = false;
    do {
        pg = held_pop(v);
        if ( !pg )
            return;
        put_page_and_type(pg);
    } while ( !hypercall_preempt_check() );
}

bool pt_defer_put(struct page_info *lower)
{
    struct vcpu *v = current;

    if ( !v || !v->arch.pt_defer_active )
        return false;
    if ( !v->arch.pt_defer )
    {
        v->arch.pt_defer = xmalloc(PT_DEFER_MAX * sizeof(mfn_t));
        if ( !v->arch.pt_defer )
            return false;
    }
    if ( v->arch.pt_defer_nr == PT_DEFER_MAX )
        return false;
    v->arch.pt_defer[v->arch.pt_defer_nr++] = page_to_mfn(lower);
    return true;
}

void pt_defer_begin(struct vcpu *v)
{
    v->arch.pt_defer_active = true;
}

/* Drop deferred references, latest first, while the hypercall may run. */
static void defer_run(struct vcpu *v)
{
    do {
        if ( !v->arch.pt_defer_nr )
            return;
        put_page_and_type(mfn_to_page(
            v->arch.pt_defer[--v->arch.pt_defer_nr]));
    } while ( !hypercall_preempt_check() );
}

void pt_defer_end(struct vcpu *v)
{
    defer_run(v);
    v->arch.pt_defer_active = false;
}

void pt_held_keep(struct vcpu *v)
{
    v->arch.pt_held_resume = true;
}

int pt_held_drain(struct vcpu *v)
{
    bool resume = v->arch.pt_held_resume;

    /* Deferred drops go first, whoever comes back. */
    if ( v->arch.pt_defer_nr )
    {
        pt_defer_begin(v);
        pt_defer_end(v);
        if ( v->arch.pt_defer_nr )
            return PT_ERESTART;
    }
    v->arch.pt_held_resume = false;
    /* The preempted operation coming back: what is held is its progress. */
    if ( resume || !v->arch.pt_held_head )
        return 0;
    pt_held_release(v);
    return v->arch.pt_held_head ? PT_ERESTART : 0;
}
