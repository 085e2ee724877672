/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mmuext: HYPERVISOR_mmuext_op(ops, count, pdone, foreigndom), the part a
 * PV kernel needs before it builds page tables of its own
 * (xen/include/public/xen.h, MMUEXT_*; Xen 4.17: do_mmuext_op() and
 * new_guest_cr3() in xen/arch/x86/mm.c). Only the tables the domain
 * builder made are used: they are validated on both hypervisors, while a
 * new table needs the full page-table validation of the next issue. The
 * builders order their tables differently, so the test finds its L1, L2
 * and L3 by walking from the L4.
 *
 * Xen 4.17's answers:
 * - NEW_BASEPTR with the current L4: 0. With a frame that is not a
 *   validated L4 of ours (a page we map writable, an L1, mfn 0, a frame
 *   of the hypervisor's, a frame number beyond RAM): -EINVAL;
 * - NEW_USER_BASEPTR: the L4 or 0 ("none"), repeated or not: 0; the same
 *   refusals as NEW_BASEPTR otherwise;
 * - PIN_Ln_TABLE of a table of that level: 0; of one already pinned (our
 *   L4 is, by the builder), of another level, of a writable page, of a
 *   frame not ours: -EINVAL. UNPIN of a pinned table: 0 (even our L4, in
 *   use by CR3: it stays valid); of anything else: -EINVAL;
 * - TLB_FLUSH_LOCAL/ALL, INVLPG_LOCAL/ALL (any address, non-canonical
 *   ones ignored), TLB_FLUSH_MULTI with our vCPU, FLUSH_CACHE, SET_LDT
 *   with no entries: 0. MARK_SUPER: -EOPNOTSUPP; unknown commands:
 *   -ENOSYS; SET_LDT with an unaligned base or above 8192 entries:
 *   -EINVAL;
 * - foreigndom: our own id or a missing domain -ESRCH, DOMID_XEN and
 *   DOMID_IO -EPERM for a flush and -EINVAL for a pin;
 * - batches stop at the first failing op, return its error and add the
 *   ops done to *pdone (added to its old value when count carries Xen's
 *   MMU_UPDATE_PREEMPTED flag); an op list starting in Xen's range is
 *   -EFAULT with *pdone untouched (even for count 0), an unmapped one
 *   -EFAULT with 0 done; only the list's start is checked up front, so a
 *   huge count runs until an op fails; an unwritable pdone is ignored.
 */
#include <guest/arch/page.h>
#include <guest/console.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/pagetable.h>
#include <guest/setup.h>
#include <guest/string.h>
#include <guest/test.h>

const char test_name[] = "mmuext";
const char test_title[] = "mmuext_op: base pointers, pins, flushes, batches";

#define MMU_UPDATE_PREEMPTED 0x80000000u   /* Xen's continuation flag */

static char data_page[PAGE_SIZE]
    __attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));
static char other_page[PAGE_SIZE]
    __attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));

static xen_pfn_t l4, l3, l2, l1, data, xen_frame;

static long op1(unsigned int cmd, unsigned long arg1, domid_t dom)
{
    struct mmuext_op op = { .cmd = cmd };

    op.arg1.mfn = arg1;
    return hypercall_mmuext_op(&op, 1, NULL, dom);
}

static long self1(unsigned int cmd, unsigned long arg1)
{
    return op1(cmd, arg1, DOMID_SELF);
}

static void find_frames(void)
{
    l4 = guest_pt_mfn(data_page, 4);
    l3 = guest_pt_mfn(data_page, 3);
    l2 = guest_pt_mfn(data_page, 2);
    l1 = guest_pt_mfn(data_page, 1);
    data = guest_mfn_of(data_page);
    /* The top RAM frame: the hypervisor's own on Xen and on Xenolith. */
    xen_frame = hypercall_memory_op(XENMEM_maximum_ram_page, NULL) - 1;
    test_check(l4 && l3 && l2 && l1 && l4 == guest_mfn_of(
                   (void *)guest_start_info->pt_base),
               "walk", "l4 %#lx l3 %#lx l2 %#lx l1 %#lx", l4, l3, l2, l1);
}

static void check_baseptr(void)
{
    test_expect_rc("new_baseptr/current", self1(MMUEXT_NEW_BASEPTR, l4), 0);
    data_page[0] = 42;
    test_expect_eq("new_baseptr/still_running", data_page[0], 42);
    test_expect_rc("new_baseptr/writable_page", self1(MMUEXT_NEW_BASEPTR,
                                                      data), -EINVAL);
    test_expect_rc("new_baseptr/l1", self1(MMUEXT_NEW_BASEPTR, l1), -EINVAL);
    test_expect_rc("new_baseptr/mfn0", self1(MMUEXT_NEW_BASEPTR, 0), -EINVAL);
    test_expect_rc("new_baseptr/xen_frame", self1(MMUEXT_NEW_BASEPTR,
                                                  xen_frame), -EINVAL);
    test_expect_rc("new_baseptr/beyond_ram", self1(MMUEXT_NEW_BASEPTR,
                                                   0xfffffffffUL), -EINVAL);
    test_expect_rc("new_user_baseptr/l4", self1(MMUEXT_NEW_USER_BASEPTR, l4),
                   0);
    test_expect_rc("new_user_baseptr/l4_again",
                   self1(MMUEXT_NEW_USER_BASEPTR, l4), 0);
    test_expect_rc("new_user_baseptr/none", self1(MMUEXT_NEW_USER_BASEPTR, 0),
                   0);
    test_expect_rc("new_user_baseptr/none_again",
                   self1(MMUEXT_NEW_USER_BASEPTR, 0), 0);
    test_expect_rc("new_user_baseptr/writable_page",
                   self1(MMUEXT_NEW_USER_BASEPTR, data), -EINVAL);
    test_expect_rc("new_user_baseptr/l1", self1(MMUEXT_NEW_USER_BASEPTR, l1),
                   -EINVAL);
    test_expect_rc("new_user_baseptr/xen_frame",
                   self1(MMUEXT_NEW_USER_BASEPTR, xen_frame), -EINVAL);
}

static void check_pin_level(const char *name, unsigned int cmd,
                            xen_pfn_t table)
{
    char check[40];

    guest_snprintf(check, sizeof(check), "pin/%s", name);
    test_expect_rc(check, self1(cmd, table), 0);
    guest_snprintf(check, sizeof(check), "pin/%s/again", name);
    test_expect_rc(check, self1(cmd, table), -EINVAL);
    guest_snprintf(check, sizeof(check), "unpin/%s", name);
    test_expect_rc(check, self1(MMUEXT_UNPIN_TABLE, table), 0);
    guest_snprintf(check, sizeof(check), "unpin/%s/again", name);
    test_expect_rc(check, self1(MMUEXT_UNPIN_TABLE, table), -EINVAL);
}

static void check_pins(void)
{
    /* The builder pinned our L4; CR3 keeps it valid while unpinned. */
    test_expect_rc("pin/l4/pinned", self1(MMUEXT_PIN_L4_TABLE, l4), -EINVAL);
    test_expect_rc("unpin/l4", self1(MMUEXT_UNPIN_TABLE, l4), 0);
    test_expect_rc("unpin/l4/again", self1(MMUEXT_UNPIN_TABLE, l4), -EINVAL);
    test_expect_rc("pin/l4", self1(MMUEXT_PIN_L4_TABLE, l4), 0);
    check_pin_level("l1", MMUEXT_PIN_L1_TABLE, l1);
    check_pin_level("l2", MMUEXT_PIN_L2_TABLE, l2);
    check_pin_level("l3", MMUEXT_PIN_L3_TABLE, l3);
    test_expect_rc("pin/l1_as_l4", self1(MMUEXT_PIN_L4_TABLE, l1), -EINVAL);
    test_expect_rc("pin/l1_as_l2", self1(MMUEXT_PIN_L2_TABLE, l1), -EINVAL);
    test_expect_rc("pin/l4_as_l3", self1(MMUEXT_PIN_L3_TABLE, l4), -EINVAL);
    test_expect_rc("pin/writable_page", self1(MMUEXT_PIN_L1_TABLE, data),
                   -EINVAL);
    test_expect_rc("pin/mfn0", self1(MMUEXT_PIN_L1_TABLE, 0), -EINVAL);
    test_expect_rc("pin/xen_frame", self1(MMUEXT_PIN_L4_TABLE, xen_frame),
                   -EINVAL);
    test_expect_rc("unpin/writable_page", self1(MMUEXT_UNPIN_TABLE, data),
                   -EINVAL);
    test_expect_rc("unpin/xen_frame", self1(MMUEXT_UNPIN_TABLE, xen_frame),
                   -EINVAL);
}

/* After a PTE change without a flush, INVLPG makes the new one seen. */
static void check_invlpg_effect(void)
{
    uint64_t own = (uint64_t)data << PAGE_SHIFT;
    uint64_t other = (uint64_t)guest_mfn_of(other_page) << PAGE_SHIFT;
    long rc;

    data_page[8] = 'd';
    other_page[8] = 'o';
    rc = hypercall_update_va_mapping((unsigned long)data_page,
                                     other | PTE_PRESENT | PTE_ACCESSED, 0);
    test_expect_rc("invlpg/remap", rc, 0);
    test_expect_rc("invlpg/local", self1(MMUEXT_INVLPG_LOCAL,
                                         (unsigned long)data_page), 0);
    test_expect_eq("invlpg/new_mapping_seen", data_page[8], 'o');
    guest_mm_map(data_page, own, PTE_PRESENT | PTE_RW | PTE_ACCESSED |
                                     PTE_DIRTY);
    test_expect_eq("invlpg/restored", data_page[8], 'd');
}

static void check_flushes(void)
{
    struct mmuext_op op = { .cmd = MMUEXT_TLB_FLUSH_MULTI };
    unsigned long mask = 1;

    test_expect_rc("tlb_flush_local", self1(MMUEXT_TLB_FLUSH_LOCAL, 0), 0);
    test_expect_rc("tlb_flush_all", self1(MMUEXT_TLB_FLUSH_ALL, 0), 0);
    test_expect_rc("invlpg_all", self1(MMUEXT_INVLPG_ALL,
                                       (unsigned long)data_page), 0);
    test_expect_rc("invlpg/noncanonical", self1(MMUEXT_INVLPG_LOCAL,
                                                TEST_ADDR_NONCANONICAL), 0);
    set_xen_guest_handle(op.arg2.vcpumask, &mask);
    test_expect_rc("tlb_flush_multi", hypercall_mmuext_op(&op, 1, NULL,
                                                          DOMID_SELF), 0);
    test_expect_rc("flush_cache", self1(MMUEXT_FLUSH_CACHE, 0), 0);
    test_expect_rc("flush_cache_global", self1(MMUEXT_FLUSH_CACHE_GLOBAL, 0),
                   0);
    test_expect_rc("set_ldt/none", self1(MMUEXT_SET_LDT, 0), 0);
    check_invlpg_effect();
}

static void check_odd_commands(void)
{
    struct mmuext_op op = { .cmd = MMUEXT_SET_LDT };

    op.arg1.linear_addr = (unsigned long)data_page + 8;
    op.arg2.nr_ents = 1;
    test_expect_rc("set_ldt/unaligned", hypercall_mmuext_op(&op, 1, NULL,
                                                            DOMID_SELF),
                   -EINVAL);
    op.arg1.linear_addr = (unsigned long)data_page;
    op.arg2.nr_ents = 8193;
    test_expect_rc("set_ldt/too_many", hypercall_mmuext_op(&op, 1, NULL,
                                                           DOMID_SELF),
                   -EINVAL);
    test_expect_rc("mark_super", self1(MMUEXT_MARK_SUPER, data), -EOPNOTSUPP);
    test_expect_rc("unknown_cmd", self1(99, 0), -ENOSYS);
    test_expect_rc("foreign/own_id", op1(MMUEXT_TLB_FLUSH_LOCAL, 0, 0),
                   -ESRCH);
    test_expect_rc("foreign/no_such_domain", op1(MMUEXT_TLB_FLUSH_LOCAL, 0,
                                                 1), -ESRCH);
    test_expect_rc("foreign/xen_flush", op1(MMUEXT_TLB_FLUSH_LOCAL, 0,
                                            DOMID_XEN), -EPERM);
    test_expect_rc("foreign/io_baseptr", op1(MMUEXT_NEW_BASEPTR, l4,
                                             DOMID_IO), -EPERM);
    test_expect_rc("foreign/xen_pin", op1(MMUEXT_PIN_L1_TABLE, l1,
                                          DOMID_XEN), -EINVAL);
}

static void check_batches(void)
{
    struct mmuext_op ops[3];
    unsigned int done;

    memset(ops, 0, sizeof(ops));
    ops[0].cmd = ops[2].cmd = MMUEXT_TLB_FLUSH_LOCAL;
    ops[1].cmd = MMUEXT_PIN_L1_TABLE;
    ops[1].arg1.mfn = data;
    done = 77;
    test_expect_rc("batch/stops", hypercall_mmuext_op(ops, 3, &done,
                                                      DOMID_SELF), -EINVAL);
    test_expect_eq("batch/stops/done", done, 1);
    ops[1].cmd = MMUEXT_TLB_FLUSH_LOCAL;
    test_expect_rc("batch/all", hypercall_mmuext_op(ops, 3, &done,
                                                    DOMID_SELF), 0);
    test_expect_eq("batch/all/done", done, 3);
    done = 5;
    test_expect_rc("batch/continued", hypercall_mmuext_op(
                       ops, 3 | MMU_UPDATE_PREEMPTED, &done, DOMID_SELF), 0);
    test_expect_eq("batch/continued/done", done, 8);
    test_expect_rc("batch/empty", hypercall_mmuext_op(ops, 0, &done,
                                                      DOMID_SELF), 0);
    test_expect_eq("batch/empty/done", done, 0);
}

static void check_batches_hostile(void)
{
    struct mmuext_op ops[2] = { { .cmd = MMUEXT_TLB_FLUSH_LOCAL },
                                { .cmd = 99 } };
    unsigned int done = 77;

    test_expect_rc("ops/xen", hypercall_mmuext_op((void *)TEST_ADDR_XEN, 1,
                                                  &done, DOMID_SELF), -EFAULT);
    test_expect_eq("ops/xen/done_untouched", done, 77);
    test_expect_rc("ops/xen_empty", hypercall_mmuext_op(
                       (void *)TEST_ADDR_XEN, 0, &done, DOMID_SELF), -EFAULT);
    test_expect_rc("ops/noncanonical", hypercall_mmuext_op(
                       (void *)TEST_ADDR_NONCANONICAL, 1, &done, DOMID_SELF),
                   -EFAULT);
    test_expect_rc("ops/hole", hypercall_mmuext_op(test_unmapped_page(), 1,
                                                   &done, DOMID_SELF),
                   -EFAULT);
    test_expect_eq("ops/hole/done", done, 0);
    test_expect_rc("done/xen", hypercall_mmuext_op(
                       &(struct mmuext_op){ .cmd = MMUEXT_TLB_FLUSH_LOCAL }, 1,
                       (void *)TEST_ADDR_XEN, DOMID_SELF), 0);
    /* Only the start of the list is checked: this stops at its op 1. */
    test_expect_rc("huge_count", hypercall_mmuext_op(ops, 0x7fffffff, &done,
                                                     DOMID_SELF), -ENOSYS);
    test_expect_eq("huge_count/done", done, 1);
}

void test_main(void)
{
    find_frames();
    check_baseptr();
    check_pins();
    check_flushes();
    check_odd_commands();
    check_batches();
    check_batches_hostile();
}
