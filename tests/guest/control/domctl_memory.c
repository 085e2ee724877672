/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * control, domctls about a domain's memory, dom0 acting on itself (Xen
 * 4.17's xen/common/domctl.c max_mem, xen/arch/x86/domctl.c
 * getpageframeinfo3, xen/arch/x86/mm/paging.c shadow_op):
 * - max_mem: 0; max_pages becomes max_memkb / 4 (rounded down, at most
 *   2^32 - 1), also below tot_pages, after which increase_reservation
 *   gets no extent;
 * - getpageframeinfo3: each frame number of the array is replaced by its
 *   type: our L4 (pinned by the builder) L4TAB|LPINTAB, our L3, L2, L1
 *   L3TAB, L2TAB, L1TAB, the L1 once pinned L1TAB|LPINTAB, a data page
 *   NOTAB, the hypervisor's top frame, our shared_info (the hypervisor's
 *   page) and frames beyond RAM XTAB. num 0: 0; above 1024: -E2BIG; an
 *   array that cannot be read or written: -EFAULT, the entries before it
 *   done;
 * - shadow_op on ourselves: -EINVAL whatever the op (paging_domctl()
 *   refuses the caller's own domain);
 * - all of them on a domain that does not exist: -ESRCH.
 */
#include <guest/arch/page.h>
#include <guest/console.h>
#include <guest/mm.h>
#include <guest/pagetable.h>
#include <guest/setup.h>
#include <guest/string.h>
#include <guest/test.h>
#include "control.h"

static char data_page[PAGE_SIZE]
    __attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));

static long max_mem(domid_t dom, uint64_t kib)
{
    struct xen_domctl op;

    control_domctl_init(&op, XEN_DOMCTL_max_mem, dom);
    op.u.max_mem.max_memkb = kib;
    return control_domctl(&op);
}

static uint64_t max_pages_now(void)
{
    struct xen_domctl op;

    control_domctl_init(&op, XEN_DOMCTL_getdomaininfo, 0);
    return control_domctl(&op) ? 0 : op.u.getdomaininfo.max_pages;
}

static long one_more_page(void)
{
    static xen_pfn_t frame;
    struct xen_memory_reservation r = {
        .nr_extents = 1, .extent_order = 0, .domid = DOMID_SELF,
    };

    set_xen_guest_handle(r.extent_start, &frame);
    return hypercall_memory_op(XENMEM_increase_reservation, &r);
}

static void check_max_mem(void)
{
    uint64_t orig = max_pages_now();
    long tot = hypercall_memory_op(XENMEM_current_reservation,
                                   &(domid_t){ DOMID_SELF });

    test_note("dom0 max_pages %#lx, tot_pages %ld", (unsigned long)orig, tot);
    test_expect_rc("max_mem/below_tot", max_mem(0, (tot - 1) * 4), 0);
    test_expect_eq("max_mem/below_tot_pages", max_pages_now(), tot - 1);
    test_expect_rc("max_mem/below_tot_no_alloc", one_more_page(), 0);
    test_expect_rc("max_mem/round_down", max_mem(0, 4 * 1000 + 3), 0);
    test_expect_eq("max_mem/round_down_pages", max_pages_now(), 1000);
    test_expect_rc("max_mem/huge", max_mem(0, ~0ULL), 0);
    test_expect_eq("max_mem/huge_pages", (long)max_pages_now(), 0xffffffffL);
    test_expect_rc("max_mem/restore", max_mem(0, orig * 4), 0);
    test_expect_eq("max_mem/restored", (long)max_pages_now(), (long)orig);
    test_expect_rc("max_mem/no_domain", max_mem(CONTROL_NO_DOMAIN, 1 << 20),
                   -ESRCH);
}

static long pageframeinfo3(domid_t dom, uint64_t num, void *array)
{
    struct xen_domctl op;

    control_domctl_init(&op, XEN_DOMCTL_getpageframeinfo3, dom);
    op.u.getpageframeinfo3.num = num;
    set_xen_guest_handle(op.u.getpageframeinfo3.array, array);
    return control_domctl(&op);
}

static long pin(unsigned int cmd, xen_pfn_t mfn)
{
    struct mmuext_op op = { .cmd = cmd };

    op.arg1.mfn = mfn;
    return hypercall_mmuext_op(&op, 1, NULL, DOMID_SELF);
}

static void check_frame_types(void)
{
    static const struct { const char *check; uint64_t want; } want[] = {
        { "pfinfo/l4_pinned", XEN_DOMCTL_PFINFO_L4TAB |
                              XEN_DOMCTL_PFINFO_LPINTAB },
        { "pfinfo/l3", XEN_DOMCTL_PFINFO_L3TAB },
        { "pfinfo/l2", XEN_DOMCTL_PFINFO_L2TAB },
        { "pfinfo/l1", XEN_DOMCTL_PFINFO_L1TAB },
        { "pfinfo/data", XEN_DOMCTL_PFINFO_NOTAB },
        { "pfinfo/xen_frame", XEN_DOMCTL_PFINFO_XTAB },
        { "pfinfo/shared_info", XEN_DOMCTL_PFINFO_XTAB },
        { "pfinfo/beyond_ram", XEN_DOMCTL_PFINFO_XTAB },
        { "pfinfo/all_ones", XEN_DOMCTL_PFINFO_XTAB },
    };
    uint64_t frames[9] = {
        guest_pt_mfn(data_page, 4), guest_pt_mfn(data_page, 3),
        guest_pt_mfn(data_page, 2), guest_pt_mfn(data_page, 1),
        guest_mfn_of(data_page),
        hypercall_memory_op(XENMEM_maximum_ram_page, NULL) - 1,
        guest_start_info->shared_info >> PAGE_SHIFT, 0xfffffffffULL, ~0ULL,
    };
    xen_pfn_t l1 = frames[3];
    unsigned int i;

    test_expect_rc("pfinfo", pageframeinfo3(0, 9, frames), 0);
    for ( i = 0; i < 9; i++ )
        test_expect_eq(want[i].check, (long)frames[i], (long)want[i].want);
    frames[0] = l1;
    test_expect_rc("pfinfo/pin_l1", pin(MMUEXT_PIN_L1_TABLE, l1), 0);
    test_expect_rc("pfinfo/l1_pinned", pageframeinfo3(0, 1, frames), 0);
    test_expect_eq("pfinfo/l1_pinned_type", (long)frames[0],
                   XEN_DOMCTL_PFINFO_L1TAB | XEN_DOMCTL_PFINFO_LPINTAB);
    test_expect_rc("pfinfo/unpin_l1", pin(MMUEXT_UNPIN_TABLE, l1), 0);
}

static void check_frame_refusals(void)
{
    static uint64_t many[1025];
    uint64_t *straddle = control_straddle(8);
    unsigned int count, i;
    const struct test_bad_pointer *bad = test_bad_pointers(&count);
    char check[48];

    many[0] = guest_mfn_of(data_page);
    test_expect_rc("pfinfo/num_0", pageframeinfo3(0, 0, NULL), 0);
    test_expect_rc("pfinfo/num_1024", pageframeinfo3(0, 1024, many), 0);
    test_expect_eq("pfinfo/num_1024_first", (long)many[0], 0);
    test_expect_rc("pfinfo/num_1025", pageframeinfo3(0, 1025, many), -E2BIG);
    test_expect_rc("pfinfo/num_2^32", pageframeinfo3(0, (1ULL << 32) + 1,
                                                     many), -E2BIG);
    test_expect_rc("pfinfo/num_huge", pageframeinfo3(0, ~0ULL, many), -E2BIG);
    for ( i = 0; i < count; i++ )
    {
        guest_snprintf(check, sizeof(check), "pfinfo/%s", bad[i].name);
        test_expect_rc(check, pageframeinfo3(0, 1, bad[i].ptr), -EFAULT);
    }
    test_expect_rc("pfinfo/readonly",
                   pageframeinfo3(0, 1, test_readonly_page()), -EFAULT);
    /* The entry before the unmapped page is done, then the fault. */
    straddle[0] = guest_mfn_of(data_page);
    test_expect_rc("pfinfo/straddle", pageframeinfo3(0, 2, straddle),
                   -EFAULT);
    test_expect_eq("pfinfo/straddle_first_done", (long)straddle[0],
                   XEN_DOMCTL_PFINFO_NOTAB);
    test_expect_rc("pfinfo/no_domain",
                   pageframeinfo3(CONTROL_NO_DOMAIN, 1, many), -ESRCH);
}

static long shadow_op(domid_t dom, uint32_t sub, uint32_t mb)
{
    struct xen_domctl op;

    control_domctl_init(&op, XEN_DOMCTL_shadow_op, dom);
    op.u.shadow_op.op = sub;
    op.u.shadow_op.mb = mb;
    return control_domctl(&op);
}

static void check_shadow_op(void)
{
    static const struct { const char *check; uint32_t op; } ops[] = {
        { "shadow_op/self_off", XEN_DOMCTL_SHADOW_OP_OFF },
        { "shadow_op/self_get_allocation",
          XEN_DOMCTL_SHADOW_OP_GET_ALLOCATION },
        { "shadow_op/self_set_allocation",
          XEN_DOMCTL_SHADOW_OP_SET_ALLOCATION },
        { "shadow_op/self_enable", XEN_DOMCTL_SHADOW_OP_ENABLE },
        { "shadow_op/self_enable_test", XEN_DOMCTL_SHADOW_OP_ENABLE_TEST },
        { "shadow_op/self_enable_logdirty",
          XEN_DOMCTL_SHADOW_OP_ENABLE_LOGDIRTY },
        { "shadow_op/self_clean", XEN_DOMCTL_SHADOW_OP_CLEAN },
        { "shadow_op/self_unknown", 999 },
    };
    unsigned int i;

    for ( i = 0; i < sizeof(ops) / sizeof(ops[0]); i++ )
        test_expect_rc(ops[i].check, shadow_op(0, ops[i].op, 16), -EINVAL);
    test_expect_rc("shadow_op/no_domain",
                   shadow_op(CONTROL_NO_DOMAIN, XEN_DOMCTL_SHADOW_OP_OFF, 0),
                   -ESRCH);
}

void check_domctl_memory(void)
{
    check_max_mem();
    check_frame_types();
    check_frame_refusals();
    check_shadow_op();
}
