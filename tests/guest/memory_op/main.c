/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * memory_op: HYPERVISOR_memory_op (xen/include/public/memory.h; Xen 4.17:
 * do_memory_op() in xen/common/memory.c, arch_memory_op() in
 * xen/arch/x86/mm.c, subarch_memory_op() in xen/arch/x86/x86_64/mm.c),
 * as a 64-bit PV dom0 sees it. This file: the queries and the maps; the
 * reservation operations are in reservation.c.
 *
 * Xen 4.17's answers, with dom0_mem=64M on the runner's 512 MiB machine:
 * - current_reservation (DOMID_SELF or our own id 0) is tot_pages, which
 *   starts at start_info.nr_pages; maximum_reservation is 4294967295
 *   (dom0 without dom0_mem=max: may grow into all free memory);
 *   maximum_ram_page is one past the highest RAM frame; maximum_gpfn is
 *   the guest's own shared_info.arch.max_pfn minus one (0 while it is 0);
 * - a domid that does not exist: -ESRCH; an unreadable domid: -EFAULT;
 *   start-extent bits (cmd >> 6) on these: -EINVAL;
 * - memory_map: a PV dom0 has no pseudo-physical map, -ENOSYS (Linux asks
 *   for the machine map instead);
 * - machine_memory_map: the host's E820 map; a NULL buffer returns only
 *   the count; the buffer needs one spare entry, so one exactly the size
 *   of the map is -EINVAL; an unusable buffer or argument is -EFAULT. Xen
 *   adds reserved entries for MMIO dom0 may not touch (the IO-APIC and
 *   local APIC pages here); Xenolith gives dom0 no MMIO at all and adds
 *   none (docs/XEN-DIFFERENCES.md), so only the map's shape is checked;
 * - machphys_mapping: the read-only M2P at [0xffff800000000000,
 *   0xffff804000000000), max_mfn = maximum_ram_page - 1 for dom0;
 * - machphys_mfn_list: the M2P's 2 MiB frames (tests/guest/memory_exchange
 *   checks them);
 * - unknown sub-ops, and known arch ones with start-extent bits: -ENOSYS.
 */
#include <guest/console.h>
#include <guest/hypercall.h>
#include <guest/setup.h>
#include <guest/string.h>
#include <guest/test.h>

#include "memory_op.h"

const char test_name[] = "memory_op";
const char test_title[] = "memory_op queries, maps and reservations";

#define MAP_MAX 64
#define M2P_START 0xffff800000000000UL
#define M2P_END   0xffff804000000000UL

/* The BIOS E820 record the ABI uses: 20 bytes, packed. */
struct e820_record
{
    uint64_t addr, size;
    uint32_t type;
} __attribute__((packed));

static struct e820_record records[MAP_MAX];

long memop_query(unsigned int cmd, domid_t domid)
{
    return hypercall_memory_op(cmd, &domid);
}

static void check_queries(void)
{
    long nr = (long)guest_start_info->nr_pages;

    test_expect_rc("current/self", memop_query(XENMEM_current_reservation,
                                               DOMID_SELF), nr);
    test_expect_rc("current/own_id", memop_query(XENMEM_current_reservation,
                                                 0), nr);
    test_expect_rc("maximum/self", memop_query(XENMEM_maximum_reservation,
                                               DOMID_SELF), 4294967295L);
    test_check(hypercall_memory_op(XENMEM_maximum_ram_page, NULL) > nr,
               "maximum_ram_page", "%ld, want more than our %ld pages",
               hypercall_memory_op(XENMEM_maximum_ram_page, NULL), nr);
    test_expect_rc("maximum_gpfn/unset",
                   memop_query(XENMEM_maximum_gpfn, DOMID_SELF), 0);
    guest_shared_info->arch.max_pfn = 1234;
    test_expect_rc("maximum_gpfn/set",
                   memop_query(XENMEM_maximum_gpfn, DOMID_SELF), 1233);
    guest_shared_info->arch.max_pfn = 0;
}

static void check_queries_hostile(void)
{
    const struct test_bad_pointer *bad;
    unsigned int i, n;
    char check[48];

    test_expect_rc("current/no_such_domain",
                   memop_query(XENMEM_current_reservation, 1), -ESRCH);
    test_expect_rc("maximum_gpfn/no_such_domain",
                   memop_query(XENMEM_maximum_gpfn, 7), -ESRCH);
    bad = test_bad_pointers(&n);
    for ( i = 0; i < n; i++ )
    {
        guest_snprintf(check, sizeof(check), "current/bad_arg/%s",
                       bad[i].name);
        test_expect_rc(check, hypercall_memory_op(XENMEM_current_reservation,
                                                  bad[i].ptr), -EFAULT);
    }
    test_expect_rc("maximum_ram_page/start_extent",
                   hypercall_memory_op(XENMEM_maximum_ram_page | (1 << 6),
                                       NULL), -EINVAL);
    test_expect_rc("current/start_extent",
                   memop_query(XENMEM_current_reservation | (1 << 6),
                               DOMID_SELF), -EINVAL);
    test_expect_rc("unknown_subop", memop_query(63, DOMID_SELF), -ENOSYS);
}

static long get_map(unsigned int cmd, void *buffer, unsigned int *nr)
{
    struct xen_memory_map map = { .nr_entries = *nr };
    long rc;

    set_xen_guest_handle(map.buffer, buffer);
    rc = hypercall_memory_op(cmd, &map);
    *nr = map.nr_entries;
    return rc;
}

static void check_memory_map(void)
{
    unsigned int nr = MAP_MAX;
    struct xen_memory_map map = { .nr_entries = MAP_MAX };

    test_expect_rc("memory_map/dom0", get_map(XENMEM_memory_map, records, &nr),
                   -ENOSYS);
    test_expect_eq("memory_map/dom0_untouched", nr, MAP_MAX);
    set_xen_guest_handle(map.buffer, records);
    test_expect_rc("memory_map/start_extent",
                   hypercall_memory_op(XENMEM_memory_map | (1 << 6), &map),
                   -ENOSYS);
}

/* Sorted, disjoint, starting with RAM at 0, RAM up to maximum_ram_page. */
static void check_map_shape(unsigned int nr)
{
    uint64_t ram_end = 0, prev_end = 0;
    unsigned long top = hypercall_memory_op(XENMEM_maximum_ram_page, NULL);
    bool sorted = true;
    unsigned int i;

    for ( i = 0; i < nr; i++ )
    {
        sorted &= records[i].addr >= prev_end && records[i].size != 0;
        prev_end = records[i].addr + records[i].size;
        if ( records[i].type == 1 )
            ram_end = prev_end;
        test_note("machine map %u: [%#lx, %#lx) type %u", i,
                  (unsigned long)records[i].addr, (unsigned long)prev_end,
                  records[i].type);
    }
    test_check(sorted, "machine_map/sorted", "entries overlap or are empty");
    test_check(nr && records[0].addr == 0 && records[0].type == 1,
               "machine_map/low_ram", "first entry at %#lx, type %u",
               (unsigned long)records[0].addr, records[0].type);
    test_expect_eq("machine_map/ram_top", (long)(ram_end >> 12), (long)top);
}

static void check_machine_memory_map(void)
{
    unsigned int count = 0, nr = MAP_MAX;

    test_expect_rc("machine_map/count", get_map(XENMEM_machine_memory_map,
                                                NULL, &count), 0);
    test_expect_rc("machine_map/read", get_map(XENMEM_machine_memory_map,
                                               records, &nr), 0);
    test_expect_eq("machine_map/nr", nr, count);
    check_map_shape(nr);
    nr = count;
    test_expect_rc("machine_map/no_spare", get_map(XENMEM_machine_memory_map,
                                                   records, &nr), -EINVAL);
    nr = count + 1;
    test_expect_rc("machine_map/one_spare", get_map(XENMEM_machine_memory_map,
                                                    records, &nr), 0);
    nr = MAP_MAX;
    test_expect_rc("machine_map/buffer_xen",
                   get_map(XENMEM_machine_memory_map,
                           (void *)TEST_ADDR_XEN, &nr), -EFAULT);
    nr = MAP_MAX;
    test_expect_rc("machine_map/buffer_hole",
                   get_map(XENMEM_machine_memory_map, test_unmapped_page(),
                           &nr), -EFAULT);
    test_expect_rc("machine_map/bad_arg",
                   hypercall_memory_op(XENMEM_machine_memory_map,
                                       (void *)TEST_ADDR_XEN), -EFAULT);
}

static void check_machphys(void)
{
    struct xen_machphys_mapping m;
    struct xen_machphys_mfn_list list = { .max_extents = MAP_MAX };
    static xen_pfn_t extents[MAP_MAX];
    long top = hypercall_memory_op(XENMEM_maximum_ram_page, NULL);

    test_expect_rc("machphys_mapping", hypercall_memory_op(
                       XENMEM_machphys_mapping, &m), 0);
    test_check(m.v_start == M2P_START && m.v_end == M2P_END &&
                   (long)m.max_mfn == top - 1,
               "machphys_mapping/values", "[%#lx, %#lx) max_mfn %#lx",
               m.v_start, m.v_end, m.max_mfn);
    test_expect_rc("machphys_mapping/bad_arg", hypercall_memory_op(
                       XENMEM_machphys_mapping, (void *)TEST_ADDR_XEN),
                   -EFAULT);
    set_xen_guest_handle(list.extent_start, extents);
    test_expect_rc("machphys_mfn_list", hypercall_memory_op(
                       XENMEM_machphys_mfn_list, &list), 0);
}

void test_main(void)
{
    check_queries();
    check_queries_hostile();
    check_memory_map();
    check_machine_memory_map();
    check_machphys();
    check_reservations();
}
