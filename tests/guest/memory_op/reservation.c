/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * memory_op, second half: XENMEM_increase_reservation,
 * XENMEM_decrease_reservation and XENMEM_populate_physmap for a PV dom0,
 * whose frame numbers are machine frames (Xen 4.17: xen/common/memory.c).
 *
 * Xen 4.17's answers:
 * - each returns the number of extents done; it stops at the first extent
 *   it cannot do. A refused request returns the start extent (0), never an
 *   error: unreadable argument, unknown domain, start extent (cmd >> 6) at
 *   or past nr_extents (returned as is), too many extents, address bits of
 *   12 or less, an exact request for a node without memory, PoD on
 *   oneself, an order above 18 (dom0's limit), a list outside guest memory;
 * - decrease: a frame not ours (mfn 0, a frame already given back, a
 *   frame number beyond RAM) stops it there; a frame we still map is
 *   given back all the same (1 extent done) but stays ours and counted
 *   until its last mapping goes: it is freed when we unmap it;
 * - increase and populate: new frames are ours and zeroed; populate
 *   writes each extent's MFN over its pseudo-physical frame number;
 * - increase with a list it cannot write: 0. Xen keeps the frame it
 *   allocated (counted, MFN unknown to the guest), Xenolith frees it again
 *   (docs/XEN-DIFFERENCES.md), so the reservation is not compared there.
 * Frames for the decrease checks come from the top of our pseudo-physical
 * range, which the initial mapping does not reach.
 */
#include <guest/arch/page.h>
#include <guest/console.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/setup.h>
#include <guest/string.h>
#include <guest/test.h>

#include "memory_op.h"

static char victim[PAGE_SIZE]
    __attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));
static char scratch[PAGE_SIZE]
    __attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));
static xen_pfn_t list[8];

static long reserved(void)
{
    return memop_query(XENMEM_current_reservation, DOMID_SELF);
}

static long resv(unsigned int cmd, xen_pfn_t *extents, unsigned long nr,
                 unsigned int order, unsigned int flags, domid_t domid)
{
    struct xen_memory_reservation r = {
        .nr_extents = nr, .extent_order = order, .mem_flags = flags,
        .domid = domid,
    };

    set_xen_guest_handle(r.extent_start, extents);
    return hypercall_memory_op(cmd, &r);
}

/* One extent of ours, cmd on it, DOMID_SELF, no flags. */
static long resv1(unsigned int cmd, xen_pfn_t *extent, unsigned int order)
{
    return resv(cmd, extent, 1, order, 0, DOMID_SELF);
}

/* MFN of pseudo-physical frame nr_pages - 1 - i (not mapped by us). */
static xen_pfn_t top_mfn(unsigned long i)
{
    const xen_pfn_t *mfns = (const xen_pfn_t *)guest_start_info->mfn_list;

    return mfns[guest_start_info->nr_pages - 1 - i];
}

/* Map frame mfn at scratch, check it is zeroed, put scratch back. */
static void check_new_frame(const char *check, xen_pfn_t mfn)
{
    uint64_t own = (uint64_t)guest_mfn_of(scratch) << PAGE_SHIFT;
    int rc = guest_mm_map(scratch, (uint64_t)mfn << PAGE_SHIFT,
                          PTE_PRESENT | PTE_ACCESSED);
    bool zero = true;
    unsigned int i;

    for ( i = 0; rc == 0 && i < PAGE_SIZE; i++ )
        zero &= scratch[i] == 0;
    test_check(rc == 0 && zero, check, "mapping mfn %#lx: %d, zeroed %d",
               mfn, rc, zero);
    guest_mm_map(scratch, own, PTE_PRESENT | PTE_RW | PTE_ACCESSED |
                                   PTE_DIRTY);
}

static void check_decrease(void)
{
    long before = reserved();

    list[0] = top_mfn(0);
    list[1] = top_mfn(1);
    test_expect_rc("decrease/two", resv(XENMEM_decrease_reservation, list, 2,
                                        0, 0, DOMID_SELF), 2);
    test_expect_rc("decrease/two/reserved", reserved(), before - 2);
    test_expect_rc("decrease/again", resv(XENMEM_decrease_reservation, list,
                                          2, 0, 0, DOMID_SELF), 0);
    list[0] = 0;
    test_expect_rc("decrease/mfn0", resv1(XENMEM_decrease_reservation, list,
                                          0), 0);
    list[0] = 0x7fffffffffUL;
    test_expect_rc("decrease/beyond_ram", resv1(XENMEM_decrease_reservation,
                                                list, 0), 0);
    list[0] = top_mfn(2);
    list[1] = 0;
    list[2] = top_mfn(3);
    test_expect_rc("decrease/partial", resv(XENMEM_decrease_reservation, list,
                                            3, 0, 0, DOMID_SELF), 1);
    test_expect_rc("decrease/partial/reserved", reserved(), before - 3);
}

static void check_increase(void)
{
    long before = reserved();
    unsigned int i;

    memset(list, 0, sizeof(list));
    test_expect_rc("increase/three", resv(XENMEM_increase_reservation, list, 3,
                                          0, 0, DOMID_SELF), 3);
    test_expect_rc("increase/three/reserved", reserved(), before + 3);
    for ( i = 0; i < 3; i++ )
        check_new_frame(i ? "increase/frame_again" : "increase/frame_ours",
                        list[i]);
    test_expect_rc("increase/given_back", resv(XENMEM_decrease_reservation,
                                               list, 3, 0, 0, DOMID_SELF), 3);
    test_expect_rc("increase/null_list", resv(XENMEM_increase_reservation,
                                              NULL, 1, 0, 0, DOMID_SELF), 1);
    test_expect_rc("increase/null_list/reserved", reserved(), before + 1);
}

static void check_populate(void)
{
    long before = reserved();
    xen_pfn_t gpfn = guest_start_info->nr_pages - 1;

    list[0] = gpfn;
    test_expect_rc("populate", resv1(XENMEM_populate_physmap, list, 0), 1);
    test_check(list[0] != gpfn, "populate/mfn_written", "entry still %#lx",
               list[0]);
    test_expect_rc("populate/reserved", reserved(), before + 1);
    check_new_frame("populate/frame_ours", list[0]);
    list[0] = gpfn;
    test_expect_rc("populate/on_demand",
                   resv(XENMEM_populate_physmap, list, 1, 0,
                        XENMEMF_populate_on_demand, DOMID_SELF), 0);
}

/* Extents of 2 and 512 frames, aligned, given back whole. */
static void check_orders(void)
{
    static const unsigned int orders[] = { 1, 9 };
    long before = reserved();
    unsigned int i;
    char check[40];

    for ( i = 0; i < ARRAY_SIZE(orders); i++ )
    {
        guest_snprintf(check, sizeof(check), "order%u", orders[i]);
        test_expect_rc(check, resv1(XENMEM_increase_reservation, list,
                                    orders[i]), 1);
        guest_snprintf(check, sizeof(check), "order%u/aligned", orders[i]);
        test_check(!(list[0] & ((1UL << orders[i]) - 1)), check, "mfn %#lx",
                   list[0]);
        guest_snprintf(check, sizeof(check), "order%u/given_back", orders[i]);
        test_expect_rc(check, resv1(XENMEM_decrease_reservation, list,
                                    orders[i]), 1);
    }
    test_expect_rc("orders/reserved", reserved(), before);
    /* Above dom0's limit nothing is done, so our frame stays ours. */
    list[0] = top_mfn(4);
    test_expect_rc("order19/decrease", resv1(XENMEM_decrease_reservation,
                                             list, 19), 0);
    test_expect_rc("order19/reserved", reserved(), before);
    test_expect_rc("order19/increase", resv1(XENMEM_increase_reservation,
                                             list, 19), 0);
}

/* A frame we still map is given back, but freed only when unmapped. */
static void check_deferred_free(void)
{
    long before = reserved();

    victim[0] = 1;
    list[0] = guest_mfn_of(victim);
    test_expect_rc("mapped/decrease", resv1(XENMEM_decrease_reservation,
                                            list, 0), 1);
    test_expect_rc("mapped/still_counted", reserved(), before);
    test_expect_rc("mapped/decrease_again", resv1(XENMEM_decrease_reservation,
                                                  list, 0), 1);
    victim[1] = 2;
    test_expect_eq("mapped/still_usable", victim[0] + victim[1], 3);
    test_expect_rc("mapped/unmap", guest_mm_unmap(victim), 0);
    test_expect_rc("mapped/freed", reserved(), before - 1);
}

static void check_start_extent(void)
{
    long before = reserved();

    list[0] = top_mfn(5);
    list[1] = top_mfn(6);
    test_expect_rc("start_extent", resv(XENMEM_decrease_reservation |
                                        (1 << 6), list, 2, 0, 0,
                                        DOMID_SELF), 2);
    test_expect_rc("start_extent/reserved", reserved(), before - 1);
    test_expect_rc("start_extent/past_end",
                   resv(XENMEM_decrease_reservation | (5 << 6), list, 2, 0,
                        0, DOMID_SELF), 5);
    test_expect_rc("start_extent/first_left", resv1(
                       XENMEM_decrease_reservation, list, 0), 1);
}

static void check_flags(void)
{
    long before = reserved();

    test_expect_rc("flags/address_bits_12", resv(XENMEM_increase_reservation,
                                                 list, 1, 0, 12, DOMID_SELF),
                   0);
    test_expect_rc("flags/address_bits_13", resv(XENMEM_increase_reservation,
                                                 list, 1, 0, 13, DOMID_SELF),
                   0);
    test_expect_rc("flags/node_70", resv(XENMEM_increase_reservation, list, 1,
                                         0, XENMEMF_node(70), DOMID_SELF), 0);
    test_expect_rc("flags/exact_node_1", resv(XENMEM_increase_reservation,
                                              list, 1, 0,
                                              XENMEMF_exact_node(1),
                                              DOMID_SELF), 0);
    test_expect_rc("flags/reserved", reserved(), before);
    test_expect_rc("flags/node_0", resv(XENMEM_increase_reservation, list, 1,
                                        0, XENMEMF_exact_node(0), DOMID_SELF),
                   1);
    test_expect_rc("flags/node_0/given_back",
                   resv1(XENMEM_decrease_reservation, list, 0), 1);
}

static void check_hostile(void)
{
    const struct test_bad_pointer *bad;
    long before = reserved();
    unsigned int i, n;
    char check[48];

    bad = test_bad_pointers(&n);
    for ( i = 0; i < n; i++ )
    {
        guest_snprintf(check, sizeof(check), "bad_arg/%s", bad[i].name);
        test_expect_rc(check, hypercall_memory_op(XENMEM_increase_reservation,
                                                  bad[i].ptr), 0);
        guest_snprintf(check, sizeof(check), "bad_list/%s", bad[i].name);
        test_expect_rc(check, resv(XENMEM_decrease_reservation, bad[i].ptr, 1,
                                   0, 0, DOMID_SELF), 0);
    }
    test_expect_rc("bad_list/reserved", reserved(), before);
    test_expect_rc("no_such_domain", resv(XENMEM_increase_reservation, list,
                                          1, 0, 0, 5), 0);
    test_expect_rc("too_many_extents", resv(XENMEM_increase_reservation, NULL,
                                            1UL << 26, 0, 0, DOMID_SELF), 0);
    test_expect_rc("increase/unwritable_list", resv(
                       XENMEM_increase_reservation, test_readonly_page(), 1,
                       0, 0, DOMID_SELF), 0);
}

void check_reservations(void)
{
    check_decrease();
    check_increase();
    check_populate();
    check_orders();
    check_deferred_free();
    check_start_extent();
    check_flags();
    check_hostile();
}
