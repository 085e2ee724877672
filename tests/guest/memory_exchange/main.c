/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * memory_exchange: XENMEM_exchange and XENMEM_machphys_mfn_list for a PV
 * dom0 (xen/include/public/memory.h). Semantics: Xen 4.17's
 * memory_exchange() (xen/common/memory.c) with steal_page()
 * (xen/arch/x86/mm.c), and subarch_memory_op() (xen/arch/x86/x86_64/mm.c).
 *
 * machphys_mfn_list: the first frame of each 2 MiB extent of the M2P, as
 * many as max_extents allows (0: none), nr_extents written back; the M2P
 * covers maximum_ram_page frames, 8 bytes each. A buffer that cannot be
 * written is -EFAULT. machphys_compat_mfn_list (the 32-bit guests' M2P):
 * -EOPNOTSUPP, the reference Xen 4.17's answer here (no PV32 M2P), and
 * Xenolith's (no 32-bit guests at all).
 *
 * exchange: four order-0 frames from increase_reservation traded for one
 * order-2 extent below 4 GiB (what Linux's xen_create_contiguous_region()
 * asks): 0, nr_exchanged 4, the extent's MFN over the output list's entry
 * and the M2P giving the pseudo-physical frames that entry held; the
 * reservation is unchanged. Xen 4.17's refusals, each with nr_exchanged
 * written back (the input extents done before the refusal):
 *  - an order above 18 (dom0's maximum): -EPERM;
 *  - sizes that differ, different domids, nr_exchanged > nr_extents:
 *    -EINVAL; nr_exchanged == nr_extents: 0 and nothing done;
 *  - lists or argument outside guest memory: -EFAULT;
 *  - a domain that does not exist: -ESRCH;
 *  - a frame that is not ours (the hypervisor's, beyond RAM, shared_info)
 *    or that something still holds (mapped, a page table): -EINVAL, frames
 *    of earlier extents traded (nr_exchanged counts them);
 *  - address bits of 13: no memory there, -ENOMEM, the frame still ours.
 */
#include <guest/arch/page.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/setup.h>
#include <guest/string.h>
#include <guest/test.h>

const char test_name[] = "memory_exchange";
const char test_title[] = "XENMEM_exchange and XENMEM_machphys_mfn_list";

#define M2P         ((const volatile unsigned long *)0xffff800000000000UL)
#define MAX_EXTENTS 64
#define GPFN_BASE   0x7000000UL      /* Pseudo-physical frames for outputs. */

static char mapped_page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static xen_pfn_t extents[MAX_EXTENTS + 1];

static long reserved(void)
{
    domid_t self = DOMID_SELF;

    return hypercall_memory_op(XENMEM_current_reservation, &self);
}

static long reservation(unsigned int cmd, xen_pfn_t *list, unsigned int nr,
                        unsigned int order)
{
    struct xen_memory_reservation r = {
        .nr_extents = nr, .extent_order = order, .domid = DOMID_SELF,
    };

    set_xen_guest_handle(r.extent_start, list);
    return hypercall_memory_op(cmd, &r);
}

static long mfn_list(unsigned int max, xen_pfn_t *buffer,
                     unsigned int *nr)
{
    struct xen_machphys_mfn_list l = { .max_extents = max, .nr_extents = 99 };
    long rc;

    set_xen_guest_handle(l.extent_start, buffer);
    rc = hypercall_memory_op(XENMEM_machphys_mfn_list, &l);
    *nr = l.nr_extents;
    return rc;
}

static void check_machphys_mfn_list(void)
{
    long top = hypercall_memory_op(XENMEM_maximum_ram_page, NULL);
    unsigned long want = (top * 8 + (2UL << 20) - 1) >> 21, i, bad = 0;
    struct xen_machphys_mfn_list l = { .max_extents = 1 };
    unsigned int nr;

    memset(extents, 0xa5, sizeof(extents));
    test_expect_rc("mfn_list", mfn_list(MAX_EXTENTS, extents, &nr), 0);
    test_expect_eq("mfn_list/nr_extents", nr, want);
    for ( i = 0; i < nr && i < MAX_EXTENTS; i++ )
        if ( extents[i] % 512 || extents[i] == 0 ||
             extents[i] >= (xen_pfn_t)top )
            bad++;
    test_expect_eq("mfn_list/extents_2mib_frames_in_ram", bad, 0);
    test_expect_eq("mfn_list/rest_untouched", extents[nr],
                   0xa5a5a5a5a5a5a5a5UL);
    memset(extents, 0xa5, sizeof(extents));
    test_expect_rc("mfn_list/max_0", mfn_list(0, extents, &nr), 0);
    test_check(nr == 0 && extents[0] == 0xa5a5a5a5a5a5a5a5UL,
               "mfn_list/max_0/nothing", "nr %u", nr);
    test_expect_rc("mfn_list/max_0/bad_buffer",
                   mfn_list(0, (xen_pfn_t *)TEST_ADDR_XEN, &nr), 0);
    test_expect_rc("mfn_list/max_1", mfn_list(1, extents, &nr), 0);
    test_check(nr == 1 && extents[1] == 0xa5a5a5a5a5a5a5a5UL,
               "mfn_list/max_1/one", "nr %u", nr);
    test_expect_rc("hostile/mfn_list/buffer_xen",
                   mfn_list(1, (xen_pfn_t *)TEST_ADDR_XEN, &nr), -EFAULT);
    test_expect_rc("hostile/mfn_list/buffer_unmapped",
                   mfn_list(1, test_unmapped_page(), &nr), -EFAULT);
    test_expect_rc("hostile/mfn_list/arg_xen",
                   hypercall_memory_op(XENMEM_machphys_mfn_list,
                                       (void *)TEST_ADDR_XEN), -EFAULT);
    set_xen_guest_handle(l.extent_start, extents);
    test_expect_rc("mfn_list/compat",
                   hypercall_memory_op(XENMEM_machphys_compat_mfn_list, &l),
                   -EOPNOTSUPP);
}

/* An exchange request of DOMID_SELF's frames. */
static struct xen_memory_exchange request(xen_pfn_t *in, unsigned long nr_in,
                                          unsigned int in_order,
                                          xen_pfn_t *out, unsigned long nr_out,
                                          unsigned int out_order)
{
    struct xen_memory_exchange x = {
        .in = { .nr_extents = nr_in, .extent_order = in_order,
                .domid = DOMID_SELF },
        .out = { .nr_extents = nr_out, .extent_order = out_order,
                 .mem_flags = XENMEMF_address_bits(32), .domid = DOMID_SELF },
    };

    set_xen_guest_handle(x.in.extent_start, in);
    set_xen_guest_handle(x.out.extent_start, out);
    return x;
}

static long exchange(struct xen_memory_exchange *x)
{
    return hypercall_memory_op(XENMEM_exchange, x);
}

static void check_exchange(void)
{
    static xen_pfn_t in[4], out[2];
    long before = reserved();
    struct xen_memory_exchange x;
    unsigned int k, bad = 0;

    test_expect_rc("exchange/get_frames",
                   reservation(XENMEM_increase_reservation, in, 4, 0), 4);
    x = request(in, 4, 0, out, 1, 2);
    out[0] = GPFN_BASE;
    test_expect_rc("exchange", exchange(&x), 0);
    test_expect_eq("exchange/nr_exchanged", x.nr_exchanged, 4);
    test_check(out[0] % 4 == 0 && out[0] < (1UL << 20),
               "exchange/extent_aligned_below_4g", "mfn %#lx",
               (unsigned long)out[0]);
    for ( k = 0; k < 4; k++ )
        if ( M2P[out[0] + k] != GPFN_BASE + k )
            bad++;
    test_expect_eq("exchange/m2p", bad, 0);
    test_expect_eq("exchange/reservation_unchanged", reserved(), before + 4);
    /* The old frames are gone: giving one back now finds nothing. */
    test_expect_rc("exchange/old_frames_gone",
                   reservation(XENMEM_decrease_reservation, in, 1, 0), 0);
    test_expect_rc("exchange/new_extent_ours",
                   reservation(XENMEM_decrease_reservation, out, 1, 2), 1);

    /* One order-1 extent for two frames, and nothing left to do. */
    test_expect_rc("exchange/get_extent",
                   reservation(XENMEM_increase_reservation, in, 1, 1), 1);
    x = request(in, 1, 1, out, 2, 0);
    out[0] = GPFN_BASE;
    out[1] = GPFN_BASE + 9;
    test_expect_rc("exchange/split", exchange(&x), 0);
    test_check(M2P[out[0]] == GPFN_BASE && M2P[out[1]] == GPFN_BASE + 9,
               "exchange/split/m2p", "%#lx %#lx", M2P[out[0]], M2P[out[1]]);
    test_expect_rc("exchange/nothing_left", exchange(&x), 0);
    test_expect_rc("exchange/split/given_back",
                   reservation(XENMEM_decrease_reservation, out, 2, 0), 2);
    test_expect_eq("exchange/reservation_back", reserved(), before);
}

/* Expect rc and nr_exchanged from x. */
static void expect(const char *check, struct xen_memory_exchange *x,
                   long rc, unsigned long nr_exchanged)
{
    test_expect_rc(check, exchange(x), rc);
    test_expect_eq(check, x->nr_exchanged, nr_exchanged);
}

static void check_exchange_hostile(void)
{
    static xen_pfn_t in[2], out[2];
    struct xen_memory_exchange x;
    long before = reserved();
    unsigned int n;
    const struct test_bad_pointer *bad = test_bad_pointers(&n);

    test_expect_rc("hostile/get_frame",
                   reservation(XENMEM_increase_reservation, in, 1, 0), 1);
    x = request(in, 1, 0, out, 1, 19);
    expect("hostile/order_19", &x, -EPERM, 0);
    x = request(in, 1, 19, out, 1, 0);
    expect("hostile/in_order_19", &x, -EPERM, 0);
    x = request(in, 1, 0, out, 1, 1);
    expect("hostile/sizes_differ", &x, -EINVAL, 0);
    x = request(in, 1, 0, out, 1, 0);
    x.out.domid = 0;
    expect("hostile/domids_differ", &x, -EINVAL, 0);
    x = request(in, 1, 0, out, 1, 0);
    x.nr_exchanged = 2;
    expect("hostile/nr_exchanged_past_end", &x, -EINVAL, 2);
    x = request(in, 1, 0, out, 1, 0);
    x.in.domid = x.out.domid = 7;
    expect("hostile/no_such_domain", &x, -ESRCH, 0);
    x = request((xen_pfn_t *)TEST_ADDR_XEN, 1, 0, out, 1, 0);
    expect("hostile/in_list_xen", &x, -EFAULT, 0);
    x = request(in, 1, 0, (xen_pfn_t *)TEST_ADDR_NONCANONICAL, 1, 0);
    expect("hostile/out_list_noncanonical", &x, -EFAULT, 0);
    for ( ; n; n--, bad++ )
        test_expect_rc("hostile/arg", hypercall_memory_op(XENMEM_exchange,
                                                          bad->ptr), -EFAULT);

    /* Frames that are not ours, or that something still holds. */
    x = request(in, 2, 0, out, 2, 0);
    in[1] = guest_mfn_of(mapped_page);
    out[0] = GPFN_BASE;
    out[1] = GPFN_BASE + 1;
    mapped_page[0] = 1;
    expect("hostile/mapped_frame", &x, -EINVAL, 1);
    test_check(M2P[out[0]] == GPFN_BASE, "hostile/mapped_frame/first_done",
               "mfn %#lx", (unsigned long)out[0]);
    test_expect_eq("hostile/mapped_frame/still_mapped", mapped_page[0], 1);
    in[0] = out[0];
    x = request(in, 1, 0, out, 1, 0);
    in[0] = guest_mfn_of((void *)guest_start_info->pt_base);
    expect("hostile/page_table", &x, -EINVAL, 0);
    in[0] = guest_start_info->shared_info >> PAGE_SHIFT;
    expect("hostile/shared_info", &x, -EINVAL, 0);
    in[0] = extents[0];                           /* The M2P's own frame. */
    expect("hostile/hypervisor_frame", &x, -EINVAL, 0);
    in[0] = 1UL << 40;
    expect("hostile/beyond_ram", &x, -EINVAL, 0);

    /* Nowhere to put it: the frame stays ours. */
    in[0] = out[0];
    x = request(in, 1, 0, out, 1, 0);
    x.out.mem_flags = XENMEMF_address_bits(13);
    expect("hostile/address_bits_13", &x, -ENOMEM, 0);
    test_expect_rc("hostile/given_back",
                   reservation(XENMEM_decrease_reservation, in, 1, 0), 1);
    test_expect_eq("hostile/reservation_back", reserved(), before);
}

void test_main(void)
{
    check_machphys_mfn_list();
    check_exchange();
    check_exchange_hostile();
}
