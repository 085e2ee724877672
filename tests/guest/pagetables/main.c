/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pagetables: the validated MMU seen from a hostile guest. The guest
 * builds tables of its own in pages of its image, hooks them into the
 * builder's hierarchy, writes entries by mmu_update and by plain stores
 * (writable page tables: the store faults and is emulated), and tries
 * what the type system must refuse (xen/include/public/xen.h MMU_* and
 * MMUEXT_*; Xen 4.17: get_page_from_l1e(), mod_l[1-4]_entry(),
 * do_mmu_update(), ptwr_do_page_fault() in xen/arch/x86/).
 *
 * Xen 4.17's answers:
 * - pinning a table holds it; an L1 whose entries map our own frames
 *   validates; a mapping of a frame not ours, of a table writable, of a
 *   table's own frame writable: -EBUSY; of a frame beyond the machine's
 *   address width: -EPERM; the all-ones frame: -EINVAL;
 *   pinning a table that is still mapped writable: -EINVAL;
 * - mmu_update of an entry of a validated table: 0, the old mapping's
 *   references go; to the hypervisor's L4 slots, a superpage: -EINVAL; a
 *   frame not ours: -EBUSY; an unknown request type: -ENOSYS; batches stop at the
 *   first failure and report the count done;
 * - a plain store to a pinned L1 is emulated if the new entry is valid;
 *   an invalid one keeps the #PF (write, present) for the guest;
 * - CLEAR_PAGE and COPY_PAGE work on our own frames; into a table or
 *   from a frame not ours: -EINVAL;
 * - a page table can't be a descriptor page (set_gdt -EINVAL), a pinned
 *   table can't be mapped writable (-EBUSY) until unpinned; unpinning
 *   twice: -EINVAL;
 * - a batch of 2048 requests (long enough to be preempted and continued)
 *   does them all, *pdone exact, also when request 1500 fails;
 * - a hierarchy too big to validate within one hypercall slice on
 *   Xenolith (an L2 over 64 full L1s) hooks into the builder's L3 with
 *   one mmu_update all the same, works, and unhooks without a trace;
 * - hooking a table of ours into the builder's L2 makes its mappings
 *   live; unhooking it makes it an ordinary page again, and doing so
 *   thousands of times leaves every frame usable as before. On Xenolith
 *   its debug hypercall (public/xenolith_debug.h; -ENOSYS on Xen) also
 *   shows every frame's reference and type counts back where they were.
 */
#include <guest/arch/page.h>
#include <guest/console.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/pagetable.h>
#include <guest/probe.h>
#include <guest/setup.h>
#include <guest/string.h>
#include <guest/test.h>
#include <public/xenolith_debug.h>

const char test_name[] = "pagetables";
const char test_title[] = "validated page tables: mmu_update, pins, ptwr";

#define PTE_PSE  0x080
#define RO       (PTE_PRESENT | PTE_ACCESSED)
#define RW       (PTE_PRESENT | PTE_RW | PTE_ACCESSED | PTE_DIRTY)
#define TABLE    (PTE_PRESENT | PTE_RW | PTE_USER | PTE_ACCESSED)
#define ADDR     0x000ffffffffff000ULL
#define ROUNDS   2000

static char pages[6][PAGE_SIZE]
    __attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));
#define NEW_L1   pages[0]      /* Our table. */
#define DATA     pages[1]      /* What it maps. */
#define DATA2    pages[2]
#define BAD_L1   pages[3]      /* A table with a forbidden entry. */
#define SPARE    pages[4]

static uint64_t maddr(const void *va)
{
    return (uint64_t)guest_mfn_of(va) << PAGE_SHIFT;
}

static long mmu1(uint64_t ptr, uint64_t val)
{
    struct mmu_update u = { .ptr = ptr, .val = val };

    return hypercall_mmu_update(&u, 1, NULL, DOMID_SELF);
}

static long ext1(unsigned int cmd, void *va)
{
    struct mmuext_op op = { .cmd = cmd };

    op.arg1.mfn = guest_mfn_of(va);
    return hypercall_mmuext_op(&op, 1, NULL, DOMID_SELF);
}

static int make_ro(void *va)
{
    return guest_mm_map(va, maddr(va), RO);
}

static int make_rw(void *va)
{
    return guest_mm_map(va, maddr(va), RW);
}

static void check_clear_copy(void)
{
    struct mmuext_op op = { .cmd = MMUEXT_COPY_PAGE };
    xen_pfn_t xen_frame = hypercall_memory_op(XENMEM_maximum_ram_page,
                                              NULL) - 1;

    memset(DATA, 'a', PAGE_SIZE);
    memset(DATA2, 'b', PAGE_SIZE);
    test_expect_rc("clear_page", ext1(MMUEXT_CLEAR_PAGE, DATA2), 0);
    test_expect_eq("clear_page/zeroed", DATA2[100] | DATA2[4095], 0);
    op.arg1.mfn = guest_mfn_of(DATA2);
    op.arg2.src_mfn = guest_mfn_of(DATA);
    test_expect_rc("copy_page", hypercall_mmuext_op(&op, 1, NULL, DOMID_SELF),
                   0);
    test_expect_eq("copy_page/copied", DATA2[0] + DATA2[4095], 'a' + 'a');
    op.arg2.src_mfn = xen_frame;
    test_expect_rc("copy_page/from_xen", hypercall_mmuext_op(&op, 1, NULL,
                                                             DOMID_SELF),
                   -EINVAL);
    op.arg1.mfn = guest_mfn_of(NEW_L1);            /* Pinned: no writing. */
    op.arg2.src_mfn = guest_mfn_of(DATA);
    test_expect_rc("copy_page/into_table", hypercall_mmuext_op(&op, 1, NULL,
                                                               DOMID_SELF),
                   -EINVAL);
    op.cmd = MMUEXT_CLEAR_PAGE;
    op.arg1.mfn = xen_frame;
    test_expect_rc("clear_page/xen_frame", hypercall_mmuext_op(&op, 1, NULL,
                                                               DOMID_SELF),
                   -EINVAL);
    memset(DATA, 0, PAGE_SIZE);            /* Later pinned as an empty L1. */
    memset(DATA2, 0, PAGE_SIZE);
}

static void check_pins(void)
{
    uint64_t *t = (uint64_t *)NEW_L1;

    memset(NEW_L1, 0, PAGE_SIZE);
    t[0] = maddr(DATA) | RW;
    t[1] = maddr(DATA2) | RO;
    test_expect_rc("pin/while_writable", ext1(MMUEXT_PIN_L1_TABLE, NEW_L1),
                   -EINVAL);
    test_expect_rc("make_ro", make_ro(NEW_L1), 0);
    test_expect_rc("pin/l1", ext1(MMUEXT_PIN_L1_TABLE, NEW_L1), 0);
    test_expect_rc("pinned/map_writable", make_rw(NEW_L1), -EBUSY);
    test_expect_rc("pinned/as_gdt", hypercall_set_gdt(
                       (xen_ulong_t[]){ guest_mfn_of(NEW_L1) }, 16), -EINVAL);
    test_expect_rc("pinned/update_descriptor", hypercall_update_descriptor(
                       maddr(NEW_L1) + 16 * 8, 0), -EINVAL);
    test_expect_rc("pinned/clear_page", ext1(MMUEXT_CLEAR_PAGE, NEW_L1),
                   -EINVAL);
    check_clear_copy();
    test_expect_rc("unpin", ext1(MMUEXT_UNPIN_TABLE, NEW_L1), 0);
    test_expect_rc("unpin/twice", ext1(MMUEXT_UNPIN_TABLE, NEW_L1), -EINVAL);
    test_expect_rc("unpinned/map_writable", make_rw(NEW_L1), 0);
}

/* BAD_L1 holding entry e (and nothing else) must not become an L1. */
static void check_bad_l1(const char *check, uint64_t e, long want)
{
    uint64_t *t = (uint64_t *)BAD_L1;
    char name[64];

    make_rw(BAD_L1);
    memset(BAD_L1, 0, PAGE_SIZE);
    t[7] = e;
    make_ro(BAD_L1);
    guest_snprintf(name, sizeof(name), "refuse/%s", check);
    test_expect_rc(name, ext1(MMUEXT_PIN_L1_TABLE, BAD_L1), want);
}

static void check_refusals(void)
{
    xen_pfn_t xen_frame = hypercall_memory_op(XENMEM_maximum_ram_page,
                                              NULL) - 1;
    xen_pfn_t l1 = guest_pt_mfn(DATA, 1);

    check_bad_l1("foreign_frame", ((uint64_t)xen_frame << PAGE_SHIFT) | RO,
                 -EBUSY);
    check_bad_l1("builder_l1_writable", ((uint64_t)l1 << PAGE_SHIFT) | RW,
                 -EBUSY);
    check_bad_l1("self_writable", maddr(BAD_L1) | RW, -EBUSY);
    check_bad_l1("beyond_address_width", (1ULL << 50) | RO, -EPERM);
    check_bad_l1("invalid_frame", ADDR | RO, -EINVAL);
    check_bad_l1("address_bit_51", maddr(DATA) | RO | (1ULL << 51), -EPERM);
    /* The same entries through mmu_update into a live table. */
    test_expect_rc("update/foreign", mmu1(((uint64_t)l1 << PAGE_SHIFT) +
                                          8 * 511, ((uint64_t)xen_frame <<
                                                    PAGE_SHIFT) | RO),
                   -EBUSY);
    make_rw(BAD_L1);
}

static void check_updates(void)
{
    xen_pfn_t l1 = guest_pt_mfn(SPARE, 1), l4 = guest_pt_mfn(SPARE, 4);
    xen_pfn_t l2 = guest_pt_mfn(SPARE, 2);
    uint64_t slot = ((uint64_t)l1 << PAGE_SHIFT) +
                    8 * (((unsigned long)SPARE >> PAGE_SHIFT) & 511);
    volatile char *spare = SPARE;
    struct mmu_update batch[3];
    unsigned int done = 77;

    DATA2[5] = 'q';
    /* SPARE's own entry, pointed at DATA2, read-only. */
    test_expect_rc("update/remap", mmu1(slot, maddr(DATA2) | RO), 0);
    hypercall_mmuext_op(&(struct mmuext_op){ .cmd = MMUEXT_TLB_FLUSH_LOCAL },
                        1, NULL, DOMID_SELF);
    test_expect_eq("update/remap_seen", spare[5], 'q');
    test_expect_rc("update/preserve_ad",
                   mmu1(slot | MMU_PT_UPDATE_PRESERVE_AD, maddr(SPARE) | RW),
                   0);
    hypercall_mmuext_op(&(struct mmuext_op){ .cmd = MMUEXT_TLB_FLUSH_LOCAL },
                        1, NULL, DOMID_SELF);
    spare[5] = 's';
    test_expect_eq("update/restored", SPARE[5], 's');
    test_expect_rc("update/unknown_type", mmu1(slot | 7, 0), -ENOSYS);
    test_expect_rc("update/xen_l4_slot",
                   mmu1(((uint64_t)l4 << PAGE_SHIFT) + 8 * 256,
                        ((uint64_t)l2 << PAGE_SHIFT) | TABLE), -EINVAL);
    test_expect_rc("update/superpage",
                   mmu1(((uint64_t)l2 << PAGE_SHIFT) + 8 * 500,
                        maddr(DATA) | RW | PTE_PSE), -EINVAL);
    /* A batch stops at its first failure and says how far it got. */
    batch[0] = (struct mmu_update){ slot, maddr(SPARE) | RW };
    batch[1] = (struct mmu_update){ slot | 7, 0 };
    batch[2] = (struct mmu_update){ slot, 0 };
    test_expect_rc("batch/stops", hypercall_mmu_update(batch, 3, &done,
                                                       DOMID_SELF), -ENOSYS);
    test_expect_eq("batch/done", done, 1);
    test_expect_eq("batch/third_not_run", test_probe_read(SPARE), PROBE_NONE);
}

/* Plain stores into a pinned L1, emulated (or refused) by the hypervisor. */
static void check_ptwr(void)
{
    volatile uint64_t *t = (volatile uint64_t *)NEW_L1;
    uint64_t e;

    make_rw(NEW_L1);
    memset(NEW_L1, 0, PAGE_SIZE);
    make_ro(NEW_L1);
    test_expect_rc("ptwr/pin", ext1(MMUEXT_PIN_L1_TABLE, NEW_L1), 0);
    t[3] = maddr(DATA) | RW;
    e = t[3];
    test_check((e & ADDR) == maddr(DATA) && (e & RW) == RW, "ptwr/store",
               "entry %#lx", (unsigned long)e);
    __atomic_and_fetch(&t[3], ~(uint64_t)PTE_RW, __ATOMIC_SEQ_CST);
    test_expect_eq("ptwr/lock_and", t[3] & PTE_RW, 0);
    e = __atomic_exchange_n(&t[3], 0, __ATOMIC_SEQ_CST);
    test_check((e & ADDR) == maddr(DATA) && t[3] == 0, "ptwr/xchg",
               "old %#lx now %#lx", (unsigned long)e, (unsigned long)t[3]);
    e = 0;
    test_check(__atomic_compare_exchange_n(&t[5], &e, maddr(DATA2) | RO,
                                           false, __ATOMIC_SEQ_CST,
                                           __ATOMIC_SEQ_CST) &&
               (t[5] & ADDR) == maddr(DATA2), "ptwr/cmpxchg",
               "entry %#lx", (unsigned long)t[5]);
    /* An entry the type system refuses: the fault stays the guest's. */
    test_expect_probe("ptwr/self_writable_refused",
                      test_probe_store64((void *)&t[4], maddr(NEW_L1) | RW),
                      PROBE_FAULT(X86_EXC_PF, PFEC_PRESENT | PFEC_WRITE));
    test_expect_eq("ptwr/refused_entry_unchanged", t[4], 0);
    test_expect_probe("ptwr/foreign_refused",
                      test_probe_store64((void *)&t[4], (1ULL << 45) | RW),
                      PROBE_FAULT(X86_EXC_PF, PFEC_PRESENT | PFEC_WRITE));
    test_expect_rc("ptwr/unpin", ext1(MMUEXT_UNPIN_TABLE, NEW_L1), 0);
}

/*
 * A batch long enough to be preempted and continued (several times on
 * Xenolith, which bounds a hypercall to about 1 ms): every request done,
 * in order, and *pdone exact, also when a request fails late.
 */
#define LONG_BATCH 2048
static struct mmu_update long_batch[LONG_BATCH];

static void check_long_batch(void)
{
    volatile uint64_t *t = (volatile uint64_t *)NEW_L1;
    uint64_t base = maddr(NEW_L1);
    unsigned int i, done = 0, wrong = 0;

    make_rw(NEW_L1);
    memset(NEW_L1, 0, PAGE_SIZE);
    make_ro(NEW_L1);
    test_expect_rc("long/pin", ext1(MMUEXT_PIN_L1_TABLE, NEW_L1), 0);
    for ( i = 0; i < LONG_BATCH; i++ )
    {
        long_batch[i].ptr = base + 8 * (i % 512);
        long_batch[i].val = maddr((i / 512) & 1 ? DATA2 : DATA) | RW;
    }
    test_expect_rc("long/batch", hypercall_mmu_update(long_batch, LONG_BATCH,
                                                      &done, DOMID_SELF), 0);
    test_expect_eq("long/done", done, LONG_BATCH);
    for ( i = 0; i < 512; i++ )
        wrong += (t[i] & ADDR) != maddr(DATA2);
    test_expect_eq("long/last_writes_won", wrong, 0);
    long_batch[1500].ptr |= 7;                     /* Unknown: -ENOSYS. */
    done = 0;
    test_expect_rc("long/fails_late", hypercall_mmu_update(
                       long_batch, LONG_BATCH, &done, DOMID_SELF), -ENOSYS);
    test_expect_eq("long/done_before_failure", done, 1500);
    /* Slot 475's last request (1499, DATA) ran; slot 477's (1501) not. */
    test_expect_eq("long/earlier_ran", (t[475] & ADDR) == maddr(DATA), true);
    test_expect_eq("long/later_not_run", (t[477] & ADDR) == maddr(DATA2),
                   true);
    test_expect_rc("long/unpin", ext1(MMUEXT_UNPIN_TABLE, NEW_L1), 0);
    make_rw(NEW_L1);
}

/*
 * Hook NEW_L1 into a free slot of the builder's L2, reach DATA through
 * it, unhook it. Returns the slot's virtual address, or NULL.
 */
static char *free_l2_area(unsigned int *slot_out)
{
    xen_pfn_t l2 = guest_pt_mfn(DATA, 2);
    const uint64_t *l2t = guest_pt_table_va(l2);
    unsigned int slot;

    if ( !l2t )
        return NULL;
    for ( slot = 511; slot > 0; slot-- )
        if ( !(l2t[slot] & PTE_PRESENT) )
            break;
    *slot_out = slot;
    return (char *)(((unsigned long)DATA & ~((1UL << 30) - 1)) +
                    ((unsigned long)slot << 21));
}

/* Xenolith's frame digest (public/xenolith_debug.h); -ENOSYS on Xen. */
static long frame_digest(struct xenolith_frame_digest *d)
{
    return GUEST_HYPERCALL(__HYPERVISOR_xenolith_debug_op,
                           XENOLITH_DEBUG_frame_digest, d, 0, 0, 0);
}

static void check_new_table_and_leaks(void)
{
    struct xenolith_frame_digest before, after;
    long digest_rc;
    uint64_t l2slot;
    unsigned int slot = 0, round, failures = 0;
    volatile char *area = free_l2_area(&slot);
    uint64_t *t = (uint64_t *)NEW_L1;

    if ( !test_check(area && slot, "hook/free_slot", "none found") )
        return;
    l2slot = ((uint64_t)guest_pt_mfn(DATA, 2) << PAGE_SHIFT) + 8 * slot;
    make_rw(NEW_L1);
    memset(NEW_L1, 0, PAGE_SIZE);
    t[9] = maddr(DATA) | RW;
    make_ro(NEW_L1);
    DATA[100] = 'd';
    digest_rc = frame_digest(&before);
    for ( round = 0; round < ROUNDS; round++ )
    {
        if ( mmu1(l2slot, maddr(NEW_L1) | TABLE) ||
             area[9 * PAGE_SIZE + 100] != 'd' ||
             mmu1(l2slot, 0) )
            failures++;
        hypercall_mmuext_op(&(struct mmuext_op){
                                .cmd = MMUEXT_TLB_FLUSH_LOCAL },
                            1, NULL, DOMID_SELF);
    }
    test_expect_eq("hook/rounds_failed", failures, 0);
    /*
     * The leak check proper, where the hypervisor can tell: every frame's
     * general count, type and type count as before the rounds.
     */
    if ( digest_rc == -ENOSYS )
        test_note("leaks: no frame digest on this hypervisor (Xen)");
    else if ( test_expect_rc("leaks/digest", digest_rc, 0) &&
              test_expect_rc("leaks/digest_after", frame_digest(&after), 0) )
    {
        test_expect_eq("leaks/frames", after.frames, before.frames);
        test_expect_eq("leaks/references", after.references,
                       before.references);
        test_expect_eq("leaks/type_references", after.type_references,
                       before.type_references);
        test_expect_eq("leaks/typed_tables", after.typed_tables,
                       before.typed_tables);
        test_check(after.digest == before.digest, "leaks/every_frame",
                   "digest %#lx, was %#lx", (unsigned long)after.digest,
                   (unsigned long)before.digest);
    }
    test_expect_eq("hook/gone", test_probe_read((void *)&area[9 * PAGE_SIZE]),
                   PROBE_FAULT(X86_EXC_PF, 0));
    /* Every frame is as it was: NEW_L1 plain again, DATA unpinned. */
    test_expect_rc("leaks/table_writable_again", make_rw(NEW_L1), 0);
    test_expect_rc("leaks/data_still_pinnable", make_ro(DATA), 0);
    test_expect_rc("leaks/data_pin", ext1(MMUEXT_PIN_L1_TABLE, DATA), 0);
    test_expect_rc("leaks/data_unpin", ext1(MMUEXT_UNPIN_TABLE, DATA), 0);
    test_expect_rc("leaks/data_writable", make_rw(DATA), 0);
}

/*
 * A hierarchy deep and wide enough that validating it takes longer than a
 * hypercall may run on Xenolith (an L2 of 64 full L1s: 32768 entries):
 * hooking it into a free slot of the builder's L3 with one mmu_update
 * must still succeed (preempted and continued), the mappings work, and
 * unhooking it gives every frame back as it was.
 */
#define DEEP_L1S 64
static char deep_l1[DEEP_L1S][PAGE_SIZE]
    __attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));
static char deep_l2[PAGE_SIZE]
    __attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));

static void check_deep_hierarchy(void)
{
    xen_pfn_t l3 = guest_pt_mfn(DATA, 3);
    const uint64_t *l3t = guest_pt_table_va(l3);
    struct xenolith_frame_digest before, after;
    unsigned int i, j, slot, bad = 0;
    uint64_t l3slot;
    long digest_rc;
    volatile char *area;

    for ( slot = 511; l3t && slot > 0 && (l3t[slot] & PTE_PRESENT); slot-- )
        ;
    if ( !test_check(l3t && slot, "deep/free_l3_slot", "none found") )
        return;
    l3slot = ((uint64_t)l3 << PAGE_SHIFT) + 8 * slot;
    area = (char *)(((unsigned long)DATA & ~((1UL << 39) - 1)) +
                    ((unsigned long)slot << 30));
    memset(DATA, 0, PAGE_SIZE);
    DATA[77] = 'z';
    for ( i = 0; i < DEEP_L1S; i++ )
    {
        uint64_t *t = (uint64_t *)deep_l1[i];

        for ( j = 0; j < 512; j++ )
            t[j] = maddr(DATA) | RO;
        bad += make_ro(deep_l1[i]) != 0;
        ((uint64_t *)deep_l2)[i] = maddr(deep_l1[i]) | TABLE;
    }
    bad += make_ro(deep_l2) != 0;
    test_expect_eq("deep/read_only", bad, 0);
    digest_rc = frame_digest(&before);
    test_expect_rc("deep/hook", mmu1(l3slot, maddr(deep_l2) | TABLE), 0);
    test_expect_eq("deep/first", area[77], 'z');
    test_expect_eq("deep/last", area[((DEEP_L1S - 1UL) << 21) +
                                     (511UL << 12) + 77], 'z');
    test_expect_rc("deep/unhook", mmu1(l3slot, 0), 0);
    hypercall_mmuext_op(&(struct mmuext_op){ .cmd = MMUEXT_TLB_FLUSH_LOCAL },
                        1, NULL, DOMID_SELF);
    if ( digest_rc == 0 && test_expect_rc("deep/digest", frame_digest(&after),
                                          0) )
        test_check(after.digest == before.digest &&
                   after.references == before.references,
                   "deep/every_frame_back", "references %lu, were %lu",
                   (unsigned long)after.references,
                   (unsigned long)before.references);
    bad = make_rw(deep_l2) != 0;
    for ( i = 0; i < DEEP_L1S; i++ )
        bad += make_rw(deep_l1[i]) != 0;
    test_expect_eq("deep/writable_again", bad, 0);
}

void test_main(void)
{
    check_pins();
    check_refusals();
    check_updates();
    check_ptwr();
    check_long_batch();
    check_new_table_and_leaks();
    check_deep_hierarchy();
}
