/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests of guest page-table validation (hv/arch/x86/mm/pt_validate.c,
 * pt_linear.c, through get_page_type() in page_ref.c) on real frames of a
 * fake domain: what a table may hold, the references its entries take,
 * that every reference goes when the last type reference does (so
 * thousands of build/tear-down rounds leak nothing), and what the type
 * system must refuse: foreign frames, a writable mapping of a page table,
 * a table that is mapped writable, the hypervisor's L4 slots, bad flags,
 * writable linear entries.
 */
#include <string.h>

#include "fake_frames.h"
#include "fake_guest.h"
#include "harness.h"

#include <asm/guest_pt.h>
#include <asm/mmio.h>
#include <asm/page.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/mm.h>
#include <xenolith/page_ref.h>

#define RW   (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED)
#define RO   (_PAGE_PRESENT | _PAGE_ACCESSED)

static struct domain other_domain;

static void reset(bool privileged)
{
    fake_frames_setup();
    fake_guest_reset(0, privileged);
    fake_domain.max_pages = ~0ULL;
    memset(&other_domain, 0, sizeof(other_domain));
    other_domain.domain_id = 1;
    other_domain.max_pages = ~0ULL;
}

static struct page_info *frame(void)
{
    struct page_info *pg = domain_alloc_page(&fake_domain);

    CHECK(pg != NULL);
    return pg;
}

static uint64_t *entries(const struct page_info *pg)
{
    return maddr_to_virt(mfn_to_maddr(page_to_mfn(pg)));
}

static uint64_t maddr(const struct page_info *pg)
{
    return mfn_to_maddr(page_to_mfn(pg));
}

static uint64_t refs(const struct page_info *pg)
{
    return pg->count_info & PGC_COUNT_MASK;
}

static uint64_t types(const struct page_info *pg)
{
    return pg->type_info & PGT_COUNT_MASK;
}

static void release(struct page_info *pg)
{
    CHECK_EQ(refs(pg), 1);
    CHECK_EQ(types(pg), 0);
    CHECK(domain_free_page(pg));
}

TEST(l1_takes_references_and_gives_them_back)
{
    struct page_info *l1, *data, *ro;

    reset(false);
    l1 = frame();
    data = frame();
    ro = frame();
    entries(l1)[0] = maddr(data) | RW;
    entries(l1)[1] = maddr(ro) | RO | _PAGE_GLOBAL;
    entries(l1)[2] = maddr(l1) | RO;             /* Itself, read-only. */
    CHECK_EQ(get_page_type(l1, PGT_L1_PAGE_TABLE), 0);
    CHECK(l1->type_info & PGT_VALIDATED);
    CHECK_EQ(refs(data), 2);
    CHECK_EQ(types(data), 1);
    CHECK_EQ(data->type_info & PGT_TYPE_MASK, PGT_WRITABLE_PAGE);
    CHECK_EQ(refs(ro), 2);
    CHECK_EQ(types(ro), 0);
    CHECK_EQ(refs(l1), 2);
    /* Stored for PV64: user, and never global. */
    CHECK(entries(l1)[0] & _PAGE_USER);
    CHECK(!(entries(l1)[1] & _PAGE_GLOBAL));
    /* In use as an L1, it can't be mapped writable or change type. */
    CHECK_EQ(get_page_type(l1, PGT_WRITABLE_PAGE), -EINVAL);
    CHECK_EQ(get_page_type(l1, PGT_L2_PAGE_TABLE), -EINVAL);
    put_page_type(l1);
    CHECK(!(l1->type_info & PGT_VALIDATED));
    CHECK_EQ(refs(l1), 1);
    release(data);
    release(ro);
    release(l1);
    fake_frames_check_no_leak();
}

/* A refused table takes nothing: every count is as before. */
static void check_refused(struct page_info *l1, uint64_t e, int rc)
{
    struct page_info *data = frame();

    memset(entries(l1), 0, PAGE_SIZE);
    entries(l1)[0] = maddr(data) | RW;
    entries(l1)[1] = e;
    CHECK_EQ(get_page_type(l1, PGT_L1_PAGE_TABLE), rc);
    CHECK_EQ(l1->type_info, 0);
    CHECK_EQ(refs(data), 1);
    CHECK_EQ(types(data), 0);
    release(data);
}

TEST(l1_refusals_as_xen)
{
    struct page_info *l1, *foreign, *table;

    reset(false);
    l1 = frame();
    foreign = domain_alloc_page(&other_domain);
    table = frame();
    check_refused(l1, maddr(foreign) | RO, -EBUSY);
    check_refused(l1, maddr(foreign) | RW, -EBUSY);
    /* A frame in use as a page table, mapped writable. */
    CHECK_EQ(get_page_type(table, PGT_L1_PAGE_TABLE), 0);
    check_refused(l1, maddr(table) | RW, -EBUSY);
    put_page_type(table);
    /* Itself, writable. */
    check_refused(l1, maddr(l1) | RW, -EBUSY);
    /* Reserved memory (the first MiB): I/O, for privileged domains only. */
    check_refused(l1, (3ULL << PAGE_SHIFT) | RO, -EPERM);
    /* A frame beyond RAM, and the all-ones "invalid" frame. */
    check_refused(l1, (1ULL << 30) | RO, -EPERM);
    check_refused(l1, PTE_ADDR_MASK | RO, -EINVAL);
    /* Caching choices are a privileged domain's; bit 7 is PAT in an L1. */
    check_refused(l1, maddr(table) | RO | _PAGE_PCD, -EINVAL);
    check_refused(l1, maddr(table) | RO | PT_PAT_L1, -EINVAL);
    release(table);
    release(l1);
    CHECK(domain_free_page(foreign));
    fake_frames_check_no_leak();
}

TEST(privileged_domain_maps_io_and_chooses_caching)
{
    struct page_info *l1, *data;

    reset(true);
    l1 = frame();
    data = frame();
    entries(l1)[0] = (3ULL << PAGE_SHIFT) | RW | _PAGE_PCD;
    entries(l1)[1] = (1ULL << 38) | RW;
    entries(l1)[2] = maddr(data) | RW | _PAGE_PWT;
    /* Registers the hypervisor drives: mapped, but read-only. */
    mmio_guard_add(1ULL << 39, PAGE_SIZE);
    entries(l1)[3] = (1ULL << 39) | RW;
    /* Beyond the machine's 40 address bits: nothing to map. */
    entries(l1)[4] = (1ULL << 40) | RO;
    CHECK_EQ(get_page_type(l1, PGT_L1_PAGE_TABLE), -EPERM);
    entries(l1)[4] = 0;
    CHECK_EQ(get_page_type(l1, PGT_L1_PAGE_TABLE), 0);
    CHECK_EQ(refs(data), 2);
    CHECK(entries(l1)[3] & _PAGE_PRESENT);
    CHECK(!(entries(l1)[3] & _PAGE_RW));
    CHECK(entries(l1)[1] & _PAGE_RW);
    put_page_type(l1);
    release(data);
    release(l1);
    fake_frames_check_no_leak();
}

/* l4 -> l3 -> l2 -> l1 -> data, each level's entry n. */
struct hierarchy {
    struct page_info *l4, *l3, *l2, *l1, *data;
};

static void build(struct hierarchy *h)
{
    h->l4 = frame();
    h->l3 = frame();
    h->l2 = frame();
    h->l1 = frame();
    h->data = frame();
    entries(h->l4)[1] = maddr(h->l3) | RW | _PAGE_USER;
    entries(h->l4)[HV_L4_FIRST_SLOT] = maddr(h->data) | RW;  /* Ignored. */
    entries(h->l3)[2] = maddr(h->l2) | RW;
    entries(h->l2)[3] = maddr(h->l1) | RW;
    entries(h->l1)[4] = maddr(h->data) | RW;
    entries(h->l1)[5] = maddr(h->l4) | RO;      /* Tables mapped read-only. */
    entries(h->l1)[6] = maddr(h->l1) | RO;
}

static void tear_down(struct hierarchy *h)
{
    release(h->data);
    release(h->l1);
    release(h->l2);
    release(h->l3);
    release(h->l4);
}

TEST(l4_validates_the_whole_hierarchy)
{
    struct hierarchy h;
    unsigned int i;

    reset(false);
    build(&h);
    CHECK_EQ(get_page_type(h.l4, PGT_L4_PAGE_TABLE), 0);
    CHECK_EQ(types(h.l3), 1);
    CHECK_EQ(h.l3->type_info & PGT_TYPE_MASK, PGT_L3_PAGE_TABLE);
    CHECK_EQ(types(h.l2), 1);
    CHECK_EQ(types(h.l1), 1);
    CHECK_EQ(types(h.data), 1);
    CHECK_EQ(refs(h.l4), 2);                      /* Ours, the L1's. */
    CHECK(entries(h.l2)[3] & _PAGE_USER);
    for ( i = HV_L4_FIRST_SLOT; i <= HV_L4_LAST_SLOT; i++ )
        CHECK_EQ(entries(h.l4)[i], FAKE_HV_L4_ENTRY(i));
    /* A table in use can't be typed as another level. */
    CHECK_EQ(get_page_type(h.l2, PGT_L1_PAGE_TABLE), -EINVAL);
    put_page_type(h.l4);
    CHECK_EQ(types(h.l3), 0);
    CHECK_EQ(types(h.data), 0);
    tear_down(&h);
    fake_frames_check_no_leak();
}

TEST(bad_lower_table_fails_the_upper_one_and_leaks_nothing)
{
    struct hierarchy h;

    reset(false);
    build(&h);
    entries(h.l1)[7] = maddr(h.l2) | RW;          /* A table, writable. */
    CHECK_EQ(get_page_type(h.l4, PGT_L4_PAGE_TABLE), -EBUSY);
    CHECK_EQ(h.l4->type_info, 0);
    CHECK_EQ(h.l3->type_info, 0);
    CHECK_EQ(h.l2->type_info, 0);
    CHECK_EQ(h.l1->type_info, 0);
    CHECK_EQ(types(h.data), 0);
    CHECK_EQ(refs(h.data), 1);
    entries(h.l1)[7] = 0;
    entries(h.l2)[8] = maddr(h.l1) | RW | _PAGE_PSE;  /* No superpages. */
    CHECK_EQ(get_page_type(h.l4, PGT_L4_PAGE_TABLE), -EINVAL);
    CHECK_EQ(types(h.l1), 0);
    CHECK(!(h.l1->type_info & PGT_VALIDATED));
    tear_down(&h);
    fake_frames_check_no_leak();
}

TEST(thousands_of_rounds_return_every_count_to_baseline)
{
    struct hierarchy h;
    unsigned int round;

    reset(false);
    build(&h);
    for ( round = 0; round < 5000; round++ )
    {
        CHECK_EQ(get_page_type(h.l4, PGT_L4_PAGE_TABLE), 0);
        CHECK_EQ(get_page_type(h.l1, PGT_L1_PAGE_TABLE), 0);   /* "Pin". */
        put_page_type(h.l4);
        CHECK_EQ(types(h.l1), 1);
        CHECK_EQ(types(h.data), 1);
        put_page_type(h.l1);
    }
    CHECK_EQ(types(h.data), 0);
    tear_down(&h);
    fake_frames_check_no_leak();
}

TEST(linear_entries_only_read_only_and_one_level)
{
    struct page_info *a, *b, *c;

    reset(false);
    a = frame();
    b = frame();
    c = frame();
    entries(a)[0] = maddr(a) | RO;                 /* Self: free. */
    CHECK_EQ(get_page_type(a, PGT_L2_PAGE_TABLE), 0);
    CHECK_EQ(refs(a), 1);                          /* Nothing taken. */
    put_page_type(a);
    entries(a)[0] = maddr(a) | RW;                 /* Self, writable. */
    CHECK_EQ(get_page_type(a, PGT_L2_PAGE_TABLE), -EINVAL);
    entries(a)[0] = 0;
    /* b linear to a validated a: a gains a type reference. */
    CHECK_EQ(get_page_type(a, PGT_L2_PAGE_TABLE), 0);
    entries(b)[0] = maddr(a) | RO;
    CHECK_EQ(get_page_type(b, PGT_L2_PAGE_TABLE), 0);
    CHECK_EQ(types(a), 2);
    CHECK_EQ(a->linear_pt_count, -1);
    CHECK_EQ(b->linear_pt_count, 1);
    /* c linear to b: b has linear entries, so it can't be one. */
    entries(c)[0] = maddr(b) | RO;
    CHECK_EQ(get_page_type(c, PGT_L2_PAGE_TABLE), -EINVAL);
    CHECK_EQ(b->linear_pt_count, 1);
    put_page_type(b);
    CHECK_EQ(types(a), 1);
    CHECK_EQ(a->linear_pt_count, 0);
    CHECK_EQ(b->linear_pt_count, 0);
    put_page_type(a);
    /* a is no L2 any more: b's entry makes it b's L1, as Xen would. */
    CHECK_EQ(get_page_type(b, PGT_L2_PAGE_TABLE), 0);
    CHECK_EQ(a->type_info & PGT_TYPE_MASK, PGT_L1_PAGE_TABLE);
    CHECK_EQ(b->linear_pt_count, 0);
    put_page_type(b);
    release(a);
    release(b);
    release(c);
    fake_frames_check_no_leak();
}

TEST(entry_updates_move_references)
{
    struct page_info *l4, *l1, *a, *b, *l3;

    reset(false);
    l4 = frame();
    l1 = frame();
    a = frame();
    b = frame();
    l3 = frame();
    entries(l1)[0] = maddr(a) | RW;
    CHECK_EQ(get_page_type(l1, PGT_L1_PAGE_TABLE), 0);
    CHECK_EQ(pt_update_entry(current, l1, 1, 0, maddr(b) | RW, false,
                             &fake_domain), 0);
    CHECK_EQ(types(a), 0);
    CHECK_EQ(refs(a), 1);
    CHECK_EQ(types(b), 1);
    /* Only A/D and the guest's bits change: references stay. */
    entries(l1)[0] |= _PAGE_DIRTY;
    CHECK_EQ(pt_update_entry(current, l1, 1, 0, maddr(b) | RW | (1ULL << 9),
                             true, &fake_domain), 0);
    CHECK(entries(l1)[0] & _PAGE_DIRTY);           /* Preserved. */
    CHECK_EQ(types(b), 1);
    CHECK_EQ(refs(b), 2);
    /* Refusals leave the entry and the counts alone. */
    CHECK_EQ(pt_update_entry(current, l1, 1, 1, maddr(l1) | RW, false,
                             &fake_domain), -EBUSY);
    CHECK_EQ(pt_update_entry(current, l1, 1, 1, maddr(a) | RW | _PAGE_PSE,
                             false, &fake_domain), -EINVAL);
    CHECK_EQ(entries(l1)[1], 0);
    CHECK_EQ(types(a), 0);
    CHECK_EQ(pt_update_entry(current, l1, 1, 0, 0, false, &fake_domain), 0);
    CHECK_EQ(types(b), 0);
    CHECK_EQ(refs(b), 1);
    /* L4: the hypervisor's slots are not the guest's to write. */
    CHECK_EQ(get_page_type(l4, PGT_L4_PAGE_TABLE), 0);
    CHECK_EQ(pt_update_entry(current, l4, 4, HV_L4_FIRST_SLOT,
                             maddr(l3) | RW, false, &fake_domain), -EINVAL);
    CHECK_EQ(pt_update_entry(current, l4, 4, 0, maddr(l3) | RW, false,
                             &fake_domain), 0);
    CHECK_EQ(l3->type_info & PGT_TYPE_MASK, PGT_L3_PAGE_TABLE);
    CHECK_EQ(types(l3), 1);
    put_page_type(l4);
    CHECK_EQ(types(l3), 0);
    put_page_type(l1);
    release(l4);
    release(l1);
    release(a);
    release(b);
    release(l3);
    fake_frames_check_no_leak();
}

/*
 * Preemptible validation (pt_prevalidate.c): an L4 over two L3 slots, each
 * with an L2 of two L1s, prevalidated with a preemption after every table:
 * each call validates one more table and says -ERESTART until all eight
 * below the L4 are held; the L4's own validation then only takes type
 * references, and releasing the held references leaves exactly the
 * hierarchy's own. A broken table deep down is skipped by prevalidation
 * and refused by the L4's validation, and nothing leaks.
 */
struct deep {
    struct page_info *l4, *l3[2], *l2[2], *l1[4], *data;
};

static void build_deep(struct deep *h)
{
    unsigned int i;

    h->l4 = frame();
    h->data = frame();
    for ( i = 0; i < 2; i++ )
    {
        h->l3[i] = frame();
        h->l2[i] = frame();
        entries(h->l4)[i] = maddr(h->l3[i]) | RW;
        entries(h->l3[i])[0] = maddr(h->l2[i]) | RW;
    }
    for ( i = 0; i < 4; i++ )
    {
        h->l1[i] = frame();
        entries(h->l2[i / 2])[i % 2] = maddr(h->l1[i]) | RW;
        entries(h->l1[i])[0] = maddr(h->data) | RW;
    }
}

static void free_deep(struct deep *h)
{
    unsigned int i;

    for ( i = 0; i < 4; i++ )
        release(h->l1[i]);
    for ( i = 0; i < 2; i++ )
    {
        release(h->l2[i]);
        release(h->l3[i]);
    }
    release(h->data);
    release(h->l4);
}

TEST(prevalidation_is_preemptible_and_complete)
{
    struct deep h;
    unsigned int calls = 0, i;
    int rc;

    reset(false);
    build_deep(&h);
    fake_preempt_after = 1;                /* Preempt after every table. */
    do {
        rc = pt_prevalidate_table(current, page_to_mfn(h.l4), 4);
        calls++;
    } while ( rc == PT_ERESTART && calls < 100 );
    CHECK_EQ(rc, 0);
    CHECK_EQ(calls, 9);                    /* 8 tables, then a clean pass. */
    for ( i = 0; i < 4; i++ )
        CHECK_EQ(types(h.l1[i]), 2);       /* Its L2's entry, and held. */
    CHECK_EQ(types(h.l3[0]), 1);           /* Held only. */
    CHECK(!(h.l4->type_info & PGT_VALIDATED));
    CHECK_EQ(get_page_type(h.l4, PGT_L4_PAGE_TABLE), 0);
    CHECK_EQ(types(h.l3[1]), 2);
    fake_preempt_after = 0;
    pt_held_release(current);
    CHECK_EQ(current->arch.pt_held_head, 0);
    CHECK_EQ(types(h.l3[1]), 1);
    CHECK_EQ(types(h.l1[3]), 1);
    CHECK_EQ(types(h.data), 4);
    put_page_type(h.l4);
    CHECK_EQ(types(h.data), 0);
    for ( i = 0; i < 4; i++ )
        CHECK_EQ(types(h.l1[i]), 0);
    free_deep(&h);
    fake_frames_check_no_leak();
}

TEST(prevalidation_leaves_refusal_to_validation)
{
    struct deep h;
    int rc;

    reset(false);
    build_deep(&h);
    entries(h.l1[3])[5] = maddr(h.l2[0]) | RW;   /* A table, writable. */
    do {
        rc = pt_prevalidate_table(current, page_to_mfn(h.l4), 4);
    } while ( rc == PT_ERESTART );
    CHECK_EQ(rc, 0);
    CHECK_EQ(get_page_type(h.l4, PGT_L4_PAGE_TABLE), -EBUSY);
    CHECK_EQ(h.l4->type_info, 0);
    CHECK_EQ(pt_held_drain(current), 0);
    CHECK_EQ(types(h.data), 0);
    CHECK_EQ(types(h.l2[0]), 0);
    CHECK_EQ(types(h.l1[0]), 0);
    entries(h.l1[3])[5] = 0;
    free_deep(&h);
    fake_frames_check_no_leak();
}

/*
 * Undoing a validation inside an MMU hypercall defers the lower tables:
 * dropping the L4's last reference leaves the L3s typed, and the deferred
 * drops then go one table at a time (preempted after each), through
 * pt_held_drain() at the next hypercall, until every count is back.
 */
TEST(teardown_is_deferred_and_preemptible)
{
    struct deep h;
    unsigned int calls = 0, i;
    int rc;

    reset(false);
    build_deep(&h);
    CHECK_EQ(get_page_type(h.l4, PGT_L4_PAGE_TABLE), 0);
    CHECK_EQ(types(h.l1[2]), 1);
    pt_defer_begin(current);
    put_page_type(h.l4);
    CHECK_EQ(types(h.l3[0]), 1);           /* Deferred, still typed. */
    CHECK_EQ(current->arch.pt_defer_nr, 2);
    fake_preempt_after = 1;
    pt_defer_end(current);                 /* One table, then preempted. */
    CHECK(current->arch.pt_defer_nr > 0);
    do {
        rc = pt_held_drain(current);
        calls++;
    } while ( rc == PT_ERESTART && calls < 100 );
    CHECK_EQ(rc, 0);
    CHECK(calls > 2);
    CHECK_EQ(current->arch.pt_defer_nr, 0);
    for ( i = 0; i < 2; i++ )
    {
        CHECK_EQ(types(h.l3[i]), 0);
        CHECK_EQ(types(h.l2[i]), 0);
    }
    CHECK_EQ(types(h.data), 0);
    fake_preempt_after = 0;
    free_deep(&h);
    xfree(current->arch.pt_defer);         /* The vCPU's, for its life. */
    current->arch.pt_defer = NULL;
    fake_frames_check_no_leak();
}

/*
 * A dead domain's memory (mm/relinquish.c): pinned tables, a base
 * pointer, writable and read-only mappings, a self-map and a linear
 * entry, and something prevalidation still holds; relinquishing gives
 * every frame back to the allocator.
 */
TEST(relinquish_gives_every_frame_back)
{
    struct deep h;
    struct page_info *lin, *extra_l1;
    unsigned int i;

    reset(false);
    build_deep(&h);
    entries(h.l4)[300] = maddr(h.l4) | RO;          /* Self-map. */
    CHECK_EQ(get_page(h.l4, &fake_domain), true);
    CHECK_EQ(get_page_type(h.l4, PGT_L4_PAGE_TABLE), 0);
    current->arch.guest_table = page_to_mfn(h.l4); /* CR3's references. */
    /* A pinned L2 with a linear entry to a validated L2 of the hierarchy. */
    lin = frame();
    entries(lin)[0] = maddr(h.l2[1]) | RO;
    CHECK_EQ(get_page_type(lin, PGT_L2_PAGE_TABLE), 0);
    lin->type_info |= PGT_PINNED;
    CHECK_EQ(get_page(lin, &fake_domain), true);
    /* A pinned L1 mapping data writable, the L4 read-only. */
    extra_l1 = frame();
    entries(extra_l1)[3] = maddr(h.data) | RW;
    entries(extra_l1)[4] = maddr(h.l4) | RO;
    CHECK_EQ(get_page(extra_l1, &fake_domain), true);
    CHECK_EQ(get_page_type(extra_l1, PGT_L1_PAGE_TABLE), 0);
    extra_l1->type_info |= PGT_PINNED;
    /* An L1 prevalidation still holds for the vCPU. */
    CHECK_EQ(get_page(h.l1[0], &fake_domain), true);
    CHECK_EQ(get_page_type(h.l1[0], PGT_L1_PAGE_TABLE), 0);
    h.l1[0]->pt_held_next = 0;
    current->arch.pt_held_head = mfn_x(page_to_mfn(h.l1[0])) + 1;
    CHECK_EQ(types(h.data), 5);            /* Four L1s and extra_l1. */
    current->arch.guest_table_user = INVALID_MFN;
    fake_domain.vcpus[0] = current;
    fake_domain.max_vcpus = 1;
    /* Preempted at every chance: each call still makes progress. */
    fake_preempt_after = 1;
    for ( i = 0; domain_relinquish_memory(&fake_domain) == PT_ERESTART; i++ )
        CHECK(i < 1000);
    CHECK(i > 3);
    CHECK_EQ(fake_domain.tot_pages, 0);
    CHECK_EQ(fake_domain.refcnt, 0);     /* Its frames' reference went. */
    CHECK(fake_domain.page_list == NULL);
    CHECK(mfn_eq(current->arch.guest_table, INVALID_MFN));
    for ( i = 0; i < 4; i++ )
        CHECK_EQ(h.l1[i]->owner, NULL);
    fake_frames_check_no_leak();
}
