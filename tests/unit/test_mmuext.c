/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests of hv/arch/x86/mm/mmuext.c through do_mmuext_op(), on real
 * frames (fake_frames.h) for a fake calling guest: the reference handling
 * a guest cannot see. Two frames of the domain play validated L4s (as the
 * dom0 builder leaves its own), one an L1; a switch of base pointer must
 * take the new table's general and type references and drop the old
 * one's, a pin must hold one of each until unpinned, and a refused op must
 * leave every count as it was. pv_load_cr3() is this file's: it records
 * which table the vCPU would run on.
 */
#include <string.h>

#include "fake_frames.h"
#include "fake_guest.h"
#include "harness.h"

#include <asm/pv.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/hypercall.h>
#include <xenolith/page_ref.h>

#define OPS  fake_guest_page(0)      /* Pages 0-1 mapped, 2 not. */
#define DONE fake_guest_page(3)
#define MMU_UPDATE_PREEMPTED 0x80000000u

static mfn_t loaded;
static struct page_info *l4a, *l4b, *l1, *plain;

void pv_load_cr3(struct vcpu *v)
{
    loaded = v->arch.guest_table;
}

/* The shadow LDT is pv/ldt.c's business: record what SET_LDT asked. */
static uint64_t ldt_base;
static unsigned int ldt_ents;

void pv_set_ldt(struct vcpu *v, uint64_t base, unsigned int ents)
{
    ldt_base = base;
    ldt_ents = ents;
}

/* A frame of the domain whose type the builder (or issue 4) validated. */
static struct page_info *table(uint64_t type)
{
    struct page_info *pg = domain_alloc_page(&fake_domain);

    pg->type_info = type | PGT_VALIDATED;
    return pg;
}

/*
 * The builder's state: l4a in CR3 and l4b pinned (each one type and one
 * general reference besides the allocation's), an L1 not yet used.
 */
static void reset(void)
{
    fake_frames_setup();
    fake_guest_reset(0, true);
    fake_guest_map(OPS, 2 * PAGE_SIZE, true);
    fake_guest_map(DONE, PAGE_SIZE, true);
    fake_domain.max_pages = ~0ULL;
    l4a = table(PGT_L4_PAGE_TABLE);
    l4b = table(PGT_L4_PAGE_TABLE | PGT_PINNED);
    l1 = table(PGT_L1_PAGE_TABLE);
    plain = domain_alloc_page(&fake_domain);
    l4a->type_info++;
    l4a->count_info++;
    l4b->type_info++;
    l4b->count_info++;
    current->arch.guest_table = page_to_mfn(l4a);
    current->arch.guest_table_user = INVALID_MFN;
    loaded = INVALID_MFN;
}

static void drop_refs(struct page_info *pg)
{
    put_page_type(pg);
    put_page(pg);
}

/*
 * Drop CR3's and the pins' references and give every frame back: each
 * must be down to its allocation reference by then.
 */
static void teardown(void)
{
    struct page_info *all[] = { l4a, l4b, l1, plain };
    unsigned int i;

    drop_refs(mfn_to_page(current->arch.guest_table));
    for ( i = 0; i < 4; i++ )
    {
        if ( all[i]->type_info & PGT_PINNED )
        {
            all[i]->type_info &= ~PGT_PINNED;
            drop_refs(all[i]);
        }
        CHECK_EQ(all[i]->count_info & PGC_COUNT_MASK, 1);
        CHECK_EQ(all[i]->type_info & PGT_COUNT_MASK, 0);
        domain_free_page(all[i]);
    }
    fake_frames_check_no_leak();
}

static uint64_t refs(const struct page_info *pg)
{
    return pg->count_info & PGC_COUNT_MASK;
}

static uint64_t types(const struct page_info *pg)
{
    return pg->type_info & PGT_COUNT_MASK;
}

static long run(unsigned int count, domid_t dom)
{
    return do_mmuext_op(OPS, count, DONE, dom, 0);
}

static long one(unsigned int cmd, uint64_t arg1)
{
    struct mmuext_op *op = fake_guest_ptr(OPS);

    memset(op, 0, sizeof(*op));
    op->cmd = cmd;
    op->arg1.mfn = arg1;
    return run(1, DOMID_SELF);
}

static long copy(uint64_t dst, uint64_t src)
{
    struct mmuext_op *op = fake_guest_ptr(OPS);

    memset(op, 0, sizeof(*op));
    op->cmd = MMUEXT_COPY_PAGE;
    op->arg1.mfn = dst;
    op->arg2.src_mfn = src;
    return run(1, DOMID_SELF);
}

static uint64_t mfn_of(const struct page_info *pg)
{
    return mfn_x(page_to_mfn(pg));
}

TEST(new_baseptr_moves_references)
{
    reset();
    CHECK_EQ(one(MMUEXT_NEW_BASEPTR, mfn_of(l4b)), 0);
    CHECK(mfn_eq(loaded, page_to_mfn(l4b)));
    CHECK_EQ(refs(l4b), 3);
    CHECK_EQ(types(l4b), 2);
    CHECK_EQ(refs(l4a), 1);
    CHECK_EQ(types(l4a), 0);
    CHECK_EQ(one(MMUEXT_NEW_BASEPTR, mfn_of(l4b)), 0);   /* The same: no-op. */
    CHECK_EQ(types(l4b), 2);
    /* l4a's type count went to 0: unvalidated, validated again on use. */
    CHECK_EQ(refs(l4a), 1);
    CHECK_EQ(types(l4a), 0);
    CHECK(!(l4a->type_info & PGT_VALIDATED));
    CHECK_EQ(one(MMUEXT_NEW_BASEPTR, mfn_of(l4a)), 0);
    CHECK(mfn_eq(loaded, page_to_mfn(l4a)));
    CHECK(l4a->type_info & PGT_VALIDATED);
    CHECK_EQ(types(l4a), 1);
    CHECK_EQ(types(l4b), 1);
    CHECK_EQ(refs(l4b), 2);
    teardown();
}

TEST(new_baseptr_refusals_take_nothing)
{
    reset();
    CHECK_EQ(get_page_type(l1, PGT_L1_PAGE_TABLE), 0);    /* In use as L1. */
    CHECK_EQ(one(MMUEXT_NEW_BASEPTR, mfn_of(l1)), -EINVAL);
    put_page_type(l1);
    CHECK_EQ(one(MMUEXT_NEW_BASEPTR, 3), -EINVAL);
    CHECK_EQ(one(MMUEXT_NEW_BASEPTR, 1ULL << 40), -EINVAL);
    CHECK_EQ(get_page_type(plain, PGT_WRITABLE_PAGE), 0);        /* Mapped RW. */
    CHECK_EQ(one(MMUEXT_NEW_BASEPTR, mfn_of(plain)), -EINVAL);
    put_page_type(plain);
    CHECK(mfn_eq(current->arch.guest_table, page_to_mfn(l4a)));
    CHECK_EQ(types(l1), 0);
    CHECK_EQ(refs(l1), 1);
    teardown();
}

TEST(user_baseptr_zero_means_none)
{
    reset();
    CHECK_EQ(one(MMUEXT_NEW_USER_BASEPTR, mfn_of(l4a)), 0);
    CHECK_EQ(types(l4a), 2);
    CHECK_EQ(one(MMUEXT_NEW_USER_BASEPTR, mfn_of(l4a)), 0);
    CHECK_EQ(types(l4a), 2);
    CHECK_EQ(one(MMUEXT_NEW_USER_BASEPTR, mfn_of(l4b)), 0);
    CHECK_EQ(types(l4a), 1);
    CHECK_EQ(types(l4b), 2);
    CHECK_EQ(one(MMUEXT_NEW_USER_BASEPTR, 0), 0);
    CHECK(mfn_eq(current->arch.guest_table_user, INVALID_MFN));
    CHECK_EQ(types(l4b), 1);
    CHECK_EQ(refs(l4b), 2);
    CHECK_EQ(one(MMUEXT_NEW_USER_BASEPTR, 0), 0);
    CHECK_EQ(get_page_type(l1, PGT_L1_PAGE_TABLE), 0);    /* In use as L1. */
    CHECK_EQ(one(MMUEXT_NEW_USER_BASEPTR, mfn_of(l1)), -EINVAL);
    put_page_type(l1);
    CHECK(mfn_eq(loaded, INVALID_MFN));     /* CR3 kept the kernel table. */
    teardown();
}

TEST(pin_holds_one_of_each_until_unpinned)
{
    reset();
    /* A frame of no type yet is validated as it is pinned. */
    CHECK_EQ(one(MMUEXT_PIN_L1_TABLE, mfn_of(plain)), 0);
    CHECK(plain->type_info & PGT_VALIDATED);
    CHECK_EQ(one(MMUEXT_UNPIN_TABLE, mfn_of(plain)), 0);
    CHECK(!(plain->type_info & PGT_VALIDATED));
    CHECK_EQ(types(plain), 0);
    CHECK_EQ(refs(plain), 1);
    l1->type_info = PGT_L1_PAGE_TABLE | PGT_VALIDATED | 1;  /* In an L2. */
    l1->count_info++;
    CHECK_EQ(one(MMUEXT_PIN_L1_TABLE, mfn_of(l1)), 0);
    CHECK_EQ(types(l1), 2);
    CHECK_EQ(refs(l1), 3);
    CHECK(l1->type_info & PGT_PINNED);
    CHECK_EQ(one(MMUEXT_PIN_L1_TABLE, mfn_of(l1)), -EINVAL);
    CHECK_EQ(types(l1), 2);
    CHECK_EQ(one(MMUEXT_PIN_L2_TABLE, mfn_of(l1)), -EINVAL);
    CHECK_EQ(one(MMUEXT_UNPIN_TABLE, mfn_of(l1)), 0);
    CHECK_EQ(types(l1), 1);
    CHECK_EQ(refs(l1), 2);
    CHECK_EQ(one(MMUEXT_UNPIN_TABLE, mfn_of(l1)), -EINVAL);
    CHECK_EQ(one(MMUEXT_UNPIN_TABLE, mfn_of(plain)), -EINVAL);
    CHECK_EQ(one(MMUEXT_UNPIN_TABLE, 3), -EINVAL);
    l1->type_info--;
    l1->count_info--;
    teardown();
}

TEST(batches_report_done)
{
    struct mmuext_op *ops = fake_guest_ptr(OPS);
    unsigned int *done = fake_guest_ptr(DONE);

    reset();
    memset(ops, 0, 3 * sizeof(*ops));
    ops[0].cmd = MMUEXT_TLB_FLUSH_LOCAL;
    ops[1].cmd = MMUEXT_PIN_L4_TABLE;
    ops[1].arg1.mfn = mfn_of(plain);
    ops[2].cmd = MMUEXT_TLB_FLUSH_LOCAL;
    *done = 77;
    CHECK_EQ(get_page_type(plain, PGT_WRITABLE_PAGE), 0);  /* Mapped RW. */
    CHECK_EQ(run(3, DOMID_SELF), -EINVAL);
    CHECK_EQ(*done, 1);
    put_page_type(plain);
    ops[1].cmd = MMUEXT_INVLPG_LOCAL;
    CHECK_EQ(run(3, DOMID_SELF), 0);
    CHECK_EQ(*done, 3);
    *done = 5;
    CHECK_EQ(run(3 | MMU_UPDATE_PREEMPTED, DOMID_SELF), 0);
    CHECK_EQ(*done, 8);
    CHECK_EQ(do_mmuext_op(0, MMU_UPDATE_PREEMPTED, 0, 0x1234, 0), 0x1234);
    *done = 77;
    CHECK_EQ(do_mmuext_op(FAKE_ADDR_XEN, 0, DONE, DOMID_SELF, 0), -EFAULT);
    CHECK_EQ(*done, 77);
    /* A list running into unmapped memory stops there. */
    ops = fake_guest_ptr(fake_guest_page(2) - sizeof(*ops));
    ops->cmd = MMUEXT_TLB_FLUSH_LOCAL;
    CHECK_EQ(do_mmuext_op(fake_guest_page(2) - sizeof(*ops), 2, DONE,
                          DOMID_SELF, 0), -EFAULT);
    CHECK_EQ(*done, 1);
    teardown();
}

/* A preempted batch: done so far in *pdone, the rest as a continuation. */
TEST(preempted_batch_continues_with_the_rest)
{
    struct mmuext_op *ops = fake_guest_ptr(OPS);
    unsigned int *done = fake_guest_ptr(DONE);
    unsigned int i;

    reset();
    memset(ops, 0, 5 * sizeof(*ops));
    for ( i = 0; i < 5; i++ )
        ops[i].cmd = MMUEXT_TLB_FLUSH_LOCAL;
    *done = 10;                           /* Not a continuation: ignored. */
    fake_preempt_after = 2;               /* Yes before the third op. */
    CHECK_EQ(do_mmuext_op(OPS, 5, DONE, DOMID_SELF, 0),
             __HYPERVISOR_mmuext_op);
    CHECK_EQ(*done, 2);
    CHECK_EQ(fake_continuation.made, 1);
    CHECK_EQ(fake_continuation.args[0], OPS + 2 * sizeof(*ops));
    CHECK_EQ(fake_continuation.args[1], 3 | MMU_UPDATE_PREEMPTED);
    CHECK_EQ(fake_continuation.args[2], DONE);
    CHECK_EQ(fake_continuation.args[3], DOMID_SELF);
    /* The guest re-issues it: the rest runs, *pdone ends at the total. */
    fake_preempt_after = 0;
    CHECK_EQ(do_mmuext_op(fake_continuation.args[0],
                          fake_continuation.args[1], DONE, DOMID_SELF, 0), 0);
    CHECK_EQ(*done, 5);
    CHECK_EQ(fake_continuation.made, 1);
    teardown();
}

TEST(owners_and_odd_commands)
{
    struct mmuext_op *op = fake_guest_ptr(OPS);

    reset();
    CHECK_EQ(one(99, 0), -ENOSYS);
    CHECK_EQ(one(MMUEXT_MARK_SUPER, mfn_of(plain)), -EOPNOTSUPP);
    CHECK_EQ(one(MMUEXT_CLEAR_PAGE, mfn_of(plain)), 0);
    CHECK_EQ(one(MMUEXT_CLEAR_PAGE, mfn_of(l4a)), -EINVAL);  /* A table. */
    CHECK_EQ(one(MMUEXT_CLEAR_PAGE, 3), -EINVAL);             /* Not ours. */
    CHECK_EQ(copy(mfn_of(plain), mfn_of(l4a)), 0);       /* From a table. */
    CHECK_EQ(copy(mfn_of(plain), 3), -EINVAL);
    CHECK_EQ(copy(mfn_of(l4a), mfn_of(plain)), -EINVAL);  /* Into one. */
    CHECK_EQ(plain->type_info & PGT_COUNT_MASK, 0);
    CHECK_EQ(one(MMUEXT_FLUSH_CACHE, 0), 0);
    CHECK_EQ(one(MMUEXT_SET_LDT, 0), 0);
    op->arg2.nr_ents = 1;
    op->arg1.linear_addr = OPS;
    CHECK_EQ(run(1, DOMID_SELF), 0);
    CHECK_EQ(ldt_base, OPS);
    CHECK_EQ(ldt_ents, 1);
    op->arg1.linear_addr = OPS + 8;
    CHECK_EQ(run(1, DOMID_SELF), -EINVAL);
    op->cmd = MMUEXT_TLB_FLUSH_LOCAL;
    CHECK_EQ(run(1, 0), -ESRCH);
    CHECK_EQ(run(1, 5), -ESRCH);
    CHECK_EQ(run(1, DOMID_XEN), -EPERM);
    op->cmd = MMUEXT_PIN_L4_TABLE;
    op->arg1.mfn = mfn_of(l4a);
    CHECK_EQ(run(1, DOMID_IO), -EINVAL);
    fake_domain.is_privileged = false;
    CHECK_EQ(run(1, DOMID_XEN), -EPERM);
    CHECK_EQ(one(MMUEXT_FLUSH_CACHE, 0), -EACCES);
    teardown();
}
