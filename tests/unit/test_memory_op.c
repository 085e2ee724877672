/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests of hv/common/memory_op.c and hv/arch/x86/mm/arch_memory_op.c
 * through do_memory_op(), for a fake calling guest on real frames: the
 * answers the reference Xen 4.17 gave tests/guest/memory_op, and the
 * cases a dom0 cannot reach there (a domU's maps and permissions).
 * host_memory_map() is this file's: a small E820-like map.
 */
#include <stdlib.h>
#include <string.h>

#include "fake_frames.h"
#include "fake_guest.h"
#include "harness.h"

#include <xenolith/errno.h>
#include <xenolith/host_memmap.h>
#include <xenolith/hypercall.h>
#include <xenolith/memory_op.h>

#define ARG   fake_guest_page(0)
#define BUF   fake_guest_page(1)
#define M2P_START 0xffff800000000000UL
#define M2P_END   0xffff804000000000UL

struct e820_record {
    uint64_t addr, size;
    uint32_t type;
} __attribute__((packed));

static struct memmap host;
static shared_info_t shared;

const struct memmap *host_memory_map(void)
{
    return &host;
}

static void reset(domid_t domid, bool privileged)
{
    fake_frames_setup();
    fake_guest_reset(domid, privileged);
    fake_guest_map(ARG, 4 * PAGE_SIZE, true);
    memset(&shared, 0, sizeof(shared));
    fake_domain.shared_info = &shared;
    fake_domain.max_pages = 1000;
    memset(&host, 0, sizeof(host));
    memmap_add(&host, 0, 0x9f000, MEMMAP_RAM);
    memmap_add(&host, 0xf0000, 0x10000, MEMMAP_RESERVED);
    memmap_add(&host, 0x100000, 0x3f00000, MEMMAP_RAM);
    memmap_add(&host, 0xfee00000, 0x1000, MEMMAP_RESERVED);
}

static long memop(unsigned long cmd, uint64_t arg)
{
    return do_memory_op(cmd, arg, 0, 0, 0);
}

static long query(unsigned long cmd, domid_t domid)
{
    *(domid_t *)fake_guest_ptr(ARG) = domid;
    return memop(cmd, ARG);
}

TEST(queries)
{
    reset(0, true);
    fake_domain.tot_pages = 77;
    CHECK_EQ(query(XENMEM_current_reservation, DOMID_SELF), 77);
    CHECK_EQ(query(XENMEM_current_reservation, 0), 77);
    CHECK_EQ(query(XENMEM_maximum_reservation, DOMID_SELF), 1000);
    CHECK_EQ(query(XENMEM_maximum_gpfn, DOMID_SELF), 0);
    shared.arch.max_pfn = 1234;
    CHECK_EQ(query(XENMEM_maximum_gpfn, DOMID_SELF), 1233);
    CHECK_EQ(memop(XENMEM_maximum_ram_page, 0), (long)max_page);
    fake_domain.tot_pages = 0;
}

TEST(query_refusals)
{
    reset(0, true);
    CHECK_EQ(query(XENMEM_current_reservation, 1), -ESRCH);
    CHECK_EQ(query(XENMEM_current_reservation | (1 << 6), DOMID_SELF),
             -EINVAL);
    CHECK_EQ(memop(XENMEM_maximum_ram_page | (2 << 6), 0), -EINVAL);
    CHECK_EQ(memop(XENMEM_current_reservation, FAKE_ADDR_XEN), -EFAULT);
    CHECK_EQ(memop(XENMEM_maximum_gpfn, fake_guest_page(8)), -EFAULT);
    CHECK_EQ(memop(63, ARG), -ENOSYS);
    CHECK_EQ(memop(XENMEM_machphys_compat_mfn_list, ARG), -EOPNOTSUPP);
    CHECK_EQ(memop(XENMEM_machphys_mfn_list | (1 << 6), ARG), -ENOSYS);
    CHECK_EQ(memop(XENMEM_exchange | (1 << 6), ARG), -EINVAL);
}

static long mfn_list(uint64_t list, unsigned int max, unsigned int *nr)
{
    struct xen_machphys_mfn_list *m = fake_guest_ptr(ARG);
    long rc;

    m->max_extents = max;
    m->extent_start.p = (xen_pfn_t *)list;
    m->nr_extents = 0xdead;
    rc = memop(XENMEM_machphys_mfn_list, ARG);
    *nr = m->nr_extents;
    return rc;
}

/* Xen 4.17's subarch_memory_op(): up to max_extents 2 MiB extents. */
TEST(machphys_mfn_list)
{
    const xen_pfn_t *list = fake_guest_ptr(BUF);
    unsigned int nr;

    reset(0, true);
    CHECK_EQ(mfn_list(BUF, 64, &nr), 0);
    CHECK_EQ(nr, FAKE_M2P_EXTENTS);
    CHECK_EQ(list[0], FAKE_M2P_EXTENT_MFN(0));
    CHECK_EQ(list[2], FAKE_M2P_EXTENT_MFN(2));
    CHECK_EQ(list[3], 0x5a5a5a5a5a5a5a5aULL);          /* Untouched. */
    CHECK_EQ(mfn_list(BUF, 1, &nr), 0);
    CHECK_EQ(nr, 1);
    CHECK_EQ(mfn_list(FAKE_ADDR_XEN, 0, &nr), 0);      /* Nothing written. */
    CHECK_EQ(nr, 0);
    CHECK_EQ(mfn_list(FAKE_ADDR_XEN, 1, &nr), -EFAULT);
    CHECK_EQ(nr, 0xdead);
    CHECK_EQ(mfn_list(fake_guest_page(4) - 8, 2, &nr), -EFAULT);
    CHECK_EQ(memop(XENMEM_machphys_mfn_list, FAKE_ADDR_NONCANONICAL),
             -EFAULT);
}

static long get_map(unsigned long cmd, uint64_t buffer, unsigned int nr,
                    unsigned int *nr_out)
{
    struct xen_memory_map *m = fake_guest_ptr(ARG);
    long rc;

    m->nr_entries = nr;
    m->buffer.p = (void *)buffer;
    rc = memop(cmd, ARG);
    *nr_out = m->nr_entries;
    return rc;
}

TEST(memory_map_dom0_has_none_domu_one_range)
{
    const struct e820_record *rec = fake_guest_ptr(BUF);
    unsigned int nr;

    reset(0, true);
    CHECK_EQ(get_map(XENMEM_memory_map, BUF, 8, &nr), -ENOSYS);
    CHECK_EQ(nr, 8);
    reset(3, false);
    CHECK_EQ(get_map(XENMEM_memory_map, BUF, 8, &nr), 0);
    CHECK_EQ(nr, 1);
    CHECK(rec[0].addr == 0 && rec[0].size == 1000 * PAGE_SIZE &&
          rec[0].type == MEMMAP_RAM);
    CHECK_EQ(get_map(XENMEM_memory_map, BUF, 0, &nr), 0);
    CHECK_EQ(nr, 0);
    CHECK_EQ(get_map(XENMEM_memory_map, FAKE_ADDR_XEN, 8, &nr), -EFAULT);
    CHECK_EQ(get_map(XENMEM_memory_map | (1 << 6), BUF, 8, &nr), -ENOSYS);
}

TEST(machine_memory_map)
{
    const struct e820_record *rec = fake_guest_ptr(BUF);
    unsigned int nr;

    reset(0, true);
    CHECK_EQ(get_map(XENMEM_machine_memory_map, 0, 0, &nr), 0);
    CHECK_EQ(nr, 4);
    CHECK_EQ(get_map(XENMEM_machine_memory_map, BUF, 4, &nr), -EINVAL);
    CHECK_EQ(get_map(XENMEM_machine_memory_map, BUF, 5, &nr), 0);
    CHECK_EQ(nr, 4);
    CHECK(rec[0].addr == 0 && rec[0].size == 0x9f000 && rec[0].type == 1);
    CHECK(rec[3].addr == 0xfee00000 && rec[3].type == MEMMAP_RESERVED);
    CHECK_EQ(get_map(XENMEM_machine_memory_map, FAKE_ADDR_XEN, 64, &nr),
             -EFAULT);
    /* A buffer that starts in guest memory and runs into a hole. */
    CHECK_EQ(get_map(XENMEM_machine_memory_map, fake_guest_page(4) - 40, 64,
                     &nr), -EFAULT);
    CHECK_EQ(memop(XENMEM_machine_memory_map, FAKE_ADDR_NONCANONICAL),
             -EFAULT);
    reset(3, false);
    CHECK_EQ(get_map(XENMEM_machine_memory_map, BUF, 64, &nr), -EPERM);
}

TEST(machphys_mapping)
{
    struct xen_machphys_mapping *m = fake_guest_ptr(ARG);

    reset(0, true);
    CHECK_EQ(memop(XENMEM_machphys_mapping, ARG), 0);
    CHECK(m->v_start == M2P_START && m->v_end == M2P_END);
    CHECK_EQ(m->max_mfn, max_page - 1);
    reset(3, false);
    CHECK_EQ(memop(XENMEM_machphys_mapping, ARG), 0);
    CHECK_EQ(m->max_mfn, (M2P_END - M2P_START) / 8 - 1);
    CHECK_EQ(memop(XENMEM_machphys_mapping, FAKE_ADDR_XEN), -EFAULT);
}

static long reservation(unsigned long cmd, unsigned long nr, domid_t domid)
{
    struct xen_memory_reservation *r = fake_guest_ptr(ARG);

    memset(r, 0, sizeof(*r));
    r->extent_start.p = (xen_pfn_t *)BUF;
    r->nr_extents = nr;
    r->domid = domid;
    return memop(cmd, ARG);
}

TEST(reservation_answers_extents_never_errors)
{
    reset(0, true);
    CHECK_EQ(reservation(XENMEM_increase_reservation, 2, DOMID_SELF), 2);
    CHECK_EQ(fake_domain.tot_pages, 2);
    CHECK_EQ(reservation(XENMEM_decrease_reservation | (1 << 6), 2,
                         DOMID_SELF), 2);
    CHECK_EQ(fake_domain.tot_pages, 1);
    CHECK_EQ(reservation(XENMEM_decrease_reservation, 1, 0), 1);
    CHECK_EQ(fake_domain.tot_pages, 0);
    CHECK_EQ(reservation(XENMEM_increase_reservation | (7 << 6), 2,
                         DOMID_SELF), 7);
    CHECK_EQ(reservation(XENMEM_increase_reservation, 1, 9), 0);
    CHECK_EQ(reservation(XENMEM_increase_reservation, 1UL << 26, DOMID_SELF),
             0);
    CHECK_EQ(memop(XENMEM_populate_physmap | (3 << 6), FAKE_ADDR_XEN), 3);
    CHECK_EQ(fake_domain.tot_pages, 0);
    fake_frames_check_no_leak();
}
