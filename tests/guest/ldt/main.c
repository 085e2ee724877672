/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ldt: MMUEXT_SET_LDT and the shadow LDT (xen/include/public/xen.h
 * MMUEXT_SET_LDT; Xen 4.17: do_mmuext_op(), pv_map_ldt_shadow_page() and
 * handle_ldt_mapping_fault() in xen/arch/x86/). The guest's LDT pages are
 * mapped by the hypervisor when the CPU first reads a descriptor there.
 *
 * Xen 4.17's answers:
 * - SET_LDT of a read-only page of ours: 0; a selector with TI set loads
 *   its descriptor from it; while the LDT holds it the page is a
 *   descriptor page, so mapping it writable is -EBUSY;
 * - a selector past the LDT's entries: #GP with the selector;
 * - an LDT page the guest maps writable, or one holding a descriptor the
 *   checks refuse (a TSS): SET_LDT says 0, but loading a selector
 *   from it is a #PF at the LDT's linear address (cr2), error code 0;
 * - SET_LDT with no entries lets the page go: writable again.
 */
#include <guest/arch/page.h>
#include <guest/console.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/probe.h>
#include <guest/setup.h>
#include <guest/test.h>
#include <guest/traps.h>

const char test_name[] = "ldt";
const char test_title[] = "SET_LDT and the lazily mapped shadow LDT";

#define DATA_DPL3   0x00cff3000000ffffULL
#define TSS_DESC    0x00008900000000ffULL
#define RO          (PTE_PRESENT | PTE_ACCESSED)
#define RW          (PTE_PRESENT | PTE_RW | PTE_ACCESSED | PTE_DIRTY)
#define LDT_SEL(i)  (((i) << 3) | 4 | 3)
#define GP(sel)     PROBE_FAULT(X86_EXC_GP, (sel) & ~3u)

static uint64_t ldt_page[512]
    __attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));
static uint64_t bad_page[512]
    __attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));

static long set_ldt(const void *base, unsigned int ents)
{
    struct mmuext_op op = { .cmd = MMUEXT_SET_LDT };

    op.arg1.linear_addr = (unsigned long)base;
    op.arg2.nr_ents = ents;
    return hypercall_mmuext_op(&op, 1, NULL, DOMID_SELF);
}

static int map(void *va, uint64_t flags)
{
    return guest_mm_map(va, (uint64_t)guest_mfn_of(va) << PAGE_SHIFT, flags);
}

static void check_good_ldt(void)
{
    ldt_page[1] = DATA_DPL3;
    ldt_page[2] = DATA_DPL3;
    test_expect_rc("good/read_only", map(ldt_page, RO), 0);
    test_expect_rc("good/set", set_ldt(ldt_page, 3), 0);
    test_expect_probe("good/load", test_probe_load_es(LDT_SEL(1)),
                      PROBE_NONE);
    test_expect_eq("good/es", test_read_es(), LDT_SEL(1));
    test_expect_probe("good/load_second", test_probe_load_es(LDT_SEL(2)),
                      PROBE_NONE);
    test_expect_probe("good/past_entries", test_probe_load_es(LDT_SEL(3)),
                      GP(LDT_SEL(3)));
    test_expect_probe("good/null_again", test_probe_load_es(0), PROBE_NONE);
    /*
     * Hostile: the guest reading Xenolith's shadow-LDT window itself (in
     * the hypervisor's slots on both) is its own #PF, never a mapping.
     */
    {
        uint32_t p = test_probe_read((void *)0xffff82c800010000UL);

        test_check(PROBE_VECTOR(p) == X86_EXC_PF &&
                   guest_traps_last()->cr2 == 0xffff82c800010000UL,
                   "hostile/read_window", "got %#x at cr2 %#lx", p,
                   (unsigned long)guest_traps_last()->cr2);
    }
    test_expect_probe("good/still_loads", test_probe_load_es(LDT_SEL(1)),
                      PROBE_NONE);
    test_expect_probe("good/null_once_more", test_probe_load_es(0),
                      PROBE_NONE);
    test_expect_rc("good/held_not_writable", map(ldt_page, RW), -EBUSY);
    test_expect_rc("good/same_again", set_ldt(ldt_page, 3), 0);
    test_expect_rc("good/none", set_ldt(NULL, 0), 0);
    test_expect_rc("good/released", map(ldt_page, RW), 0);
    test_expect_probe("good/gone", test_probe_load_es(LDT_SEL(1)),
                      GP(LDT_SEL(1)));
}

/* Loading LDT_SEL(1) from base must fault #PF at base + 8. */
static void check_unmappable(const char *check, const void *base)
{
    char name[48];
    const struct guest_fault_record *r;

    guest_snprintf(name, sizeof(name), "%s/set", check);
    test_expect_rc(name, set_ldt(base, 2), 0);
    guest_snprintf(name, sizeof(name), "%s/load", check);
    test_expect_probe(name, test_probe_load_es(LDT_SEL(1)),
                      PROBE_FAULT(X86_EXC_PF, 0));
    r = guest_traps_last();
    guest_snprintf(name, sizeof(name), "%s/cr2", check);
    test_check(r->cr2 == (uint64_t)base + 8, name, "cr2 %#lx, want %#lx",
               (unsigned long)r->cr2, (unsigned long)base + 8);
    test_expect_rc(check, set_ldt(NULL, 0), 0);
}

static void check_refusals(void)
{
    struct mmuext_op op = { .cmd = MMUEXT_SET_LDT };

    /* ldt_page is writable now: not a descriptor page. */
    check_unmappable("writable_page", ldt_page);
    bad_page[1] = TSS_DESC;
    test_expect_rc("bad/read_only", map(bad_page, RO), 0);
    check_unmappable("bad_descriptor", bad_page);
    test_expect_rc("bad/writable_again", map(bad_page, RW), 0);
    op.arg1.linear_addr = (unsigned long)ldt_page + 8;
    op.arg2.nr_ents = 1;
    test_expect_rc("set/unaligned", hypercall_mmuext_op(&op, 1, NULL,
                                                        DOMID_SELF), -EINVAL);
    op.arg1.linear_addr = 0xffff830000000000UL;
    test_expect_rc("set/hypervisor", hypercall_mmuext_op(&op, 1, NULL,
                                                         DOMID_SELF),
                   -EINVAL);
    op.arg1.linear_addr = (unsigned long)ldt_page;
    op.arg2.nr_ents = 8193;
    test_expect_rc("set/too_many", hypercall_mmuext_op(&op, 1, NULL,
                                                       DOMID_SELF), -EINVAL);
}

void test_main(void)
{
    check_good_ldt();
    check_refusals();
}
