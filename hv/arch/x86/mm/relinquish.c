/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Giving back a dead domain's memory (Xen 4.17's relinquish_memory() and
 * the page-table part of domain_relinquish_resources(), xen/arch/x86/
 * domain.c). Contract in asm/guest_pt.h.
 *
 * Frames hold each other through page-table entries, pins and base
 * pointers, and linear entries can make those references circular, so
 * dropping the allocation references alone would leak. In order:
 *  1. the vCPUs' own references: kernel and user base pointers, and
 *     anything prevalidation or a deferred teardown still holds;
 *  2. every pin;
 *  3. every page table still validated is invalidated by force: its
 *     entries drop what they hold. This is safe because the domain is
 *     dead: no CPU runs on its tables and nothing else uses them. It
 *     breaks every cycle, and each table's own type count then falls to
 *     zero as the tables naming it are invalidated;
 *  4. every allocation reference: each frame goes back to the allocator.
 * Not preemptible yet (a domain's frames, once each), and the vCPUs'
 * other frames (GDT and LDT pages, a registered vcpu_info) are released
 * by their own modules when a vCPU is torn down: TODO(#5), with the
 * domctl that destroys domains.
 */
#include <asm/guest_pt.h>
#include <xenolith/domain.h>
#include <xenolith/page_ref.h>
#include <xenolith/spinlock.h>

/* The next frame on d's list after pg, under its lock. */
static struct page_info *next_page(struct domain *d, struct page_info *pg)
{
    uint64_t flags = spin_lock_irqsave(&d->page_alloc_lock);
    struct page_info *next = pg ? pg->list.next : d->page_list;

    spin_unlock_irqrestore(&d->page_alloc_lock, flags);
    return next;
}

static void put_table_ref(mfn_t *mfn)
{
    if ( mfn_eq(*mfn, INVALID_MFN) )
        return;
    put_page_and_type(mfn_to_page(*mfn));
    *mfn = INVALID_MFN;
}

static void release_vcpu_tables(struct vcpu *v)
{
    struct page_info *pg;

    put_table_ref(&v->arch.guest_table_user);
    put_table_ref(&v->arch.guest_table);
    v->arch.pt_held_resume = false;
    while ( v->arch.pt_held_head )
    {
        pg = mfn_to_page(_mfn(v->arch.pt_held_head - 1));
        v->arch.pt_held_head = pg->pt_held_next;
        pg->pt_held_next = 0;
        put_page_and_type(pg);
    }
    while ( v->arch.pt_defer_nr )
        put_page_and_type(mfn_to_page(v->arch.pt_defer[--v->arch.pt_defer_nr]));
}

/* Invalidate pg by force if it is a validated page table with users. */
static void force_invalidate(struct page_info *pg)
{
    uint64_t x = __atomic_load_n(&pg->type_info, __ATOMIC_ACQUIRE);

    while ( (x & PGT_VALIDATED) && (x & PGT_COUNT_MASK) &&
            pt_level_of_type(x) )
    {
        if ( __atomic_compare_exchange_n(&pg->type_info, &x,
                                         x & ~PGT_VALIDATED, false,
                                         __ATOMIC_ACQ_REL,
                                         __ATOMIC_ACQUIRE) )
        {
            page_type_invalidate(pg, x & PGT_TYPE_MASK);
            return;
        }
    }
}

void domain_relinquish_memory(struct domain *d)
{
    struct page_info *pg, *next;
    unsigned int i;

    for ( i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpus[i] )
            release_vcpu_tables(d->vcpus[i]);
    for ( pg = next_page(d, NULL); pg; pg = next_page(d, pg) )
        if ( __atomic_fetch_and(&pg->type_info, ~PGT_PINNED,
                                __ATOMIC_ACQ_REL) & PGT_PINNED )
            put_page_and_type(pg);
    for ( pg = next_page(d, NULL); pg; pg = next_page(d, pg) )
        force_invalidate(pg);
    /* Frames leave the list as they are freed: find the next one first. */
    for ( pg = next_page(d, NULL); pg; pg = next )
    {
        next = next_page(d, pg);
        domain_free_page(pg);
    }
}
