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
 *  4. every allocation reference: each frame goes back to the allocator,
 *     unless another domain still maps it (it is freed when that mapping
 *     goes; the domain stays a zombie until then).
 * The vCPUs' other frames (GDT and LDT pages, a registered vcpu_info) are
 * released before, by domain_kill().
 *
 * Preemptible as Xen's relinquish_memory(): between frames the passes
 * check hypercall_preempt_check() and return PT_ERESTART with their pass
 * and place kept in d. Passes 2 and 3 keep a cursor into the page list,
 * which holds still meanwhile: every frame keeps its allocation reference
 * until pass 4, and a dying domain gets no new frames. Pass 4 starts over
 * from the head each time, where only frames other domains still map can
 * be (each is looked at once more); it checks for preemption only after
 * it has freed a frame, so every call makes progress. The unit of work
 * that is never split is one frame, with whatever tables its
 * invalidation or unpinning releases below it.
 */
#include <asm/guest_pt.h>
#include <xenolith/domain.h>
#include <xenolith/hypercall.h>
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

enum relinquish_pass {
    PASS_VCPUS,
    PASS_UNPIN,
    PASS_INVALIDATE,
    PASS_FREE,
    PASS_DONE,
};

static void unpin(struct page_info *pg)
{
    if ( __atomic_fetch_and(&pg->type_info, ~PGT_PINNED, __ATOMIC_ACQ_REL) &
         PGT_PINNED )
        put_page_and_type(pg);
}

/*
 * Run fn on every frame from the cursor on, at least one per call;
 * PT_ERESTART if preempted.
 */
static int walk_pages(struct domain *d, void (*fn)(struct page_info *))
{
    struct page_info *pg = d->relinquish_cursor ? d->relinquish_cursor
                                                : next_page(d, NULL);
    bool done_one = false;

    for ( ; pg; pg = next_page(d, pg) )
    {
        if ( done_one && hypercall_preempt_check() )
        {
            d->relinquish_cursor = pg;
            return PT_ERESTART;
        }
        fn(pg);
        done_one = true;
    }
    d->relinquish_cursor = NULL;
    return 0;
}

static int free_pages(struct domain *d)
{
    struct page_info *pg, *next;
    bool freed = false;

    /* Frames leave the list as they are freed: find the next one first. */
    for ( pg = next_page(d, NULL); pg; pg = next )
    {
        if ( freed && hypercall_preempt_check() )
            return PT_ERESTART;
        next = next_page(d, pg);
        freed |= domain_free_page(pg);
    }
    return 0;
}

int domain_relinquish_memory(struct domain *d)
{
    unsigned int i;
    int rc = 0;

    switch ( d->relinquish_pass )
    {
    case PASS_VCPUS:
        for ( i = 0; i < d->max_vcpus; i++ )
            if ( d->vcpus[i] )
                release_vcpu_tables(d->vcpus[i]);
        d->relinquish_pass = PASS_UNPIN;
        /* fallthrough */
    case PASS_UNPIN:
        rc = walk_pages(d, unpin);
        if ( rc )
            break;
        d->relinquish_pass = PASS_INVALIDATE;
        /* fallthrough */
    case PASS_INVALIDATE:
        rc = walk_pages(d, force_invalidate);
        if ( rc )
            break;
        d->relinquish_pass = PASS_FREE;
        /* fallthrough */
    case PASS_FREE:
        rc = free_pages(d);
        if ( rc )
            break;
        d->relinquish_pass = PASS_DONE;
        /* fallthrough */
    default:
        break;
    }
    return rc;
}
