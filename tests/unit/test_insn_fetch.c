/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests of hv/arch/x86/pv/insn_fetch.c over the fake guest
 * (fake_guest.h) and the real guest_access.c: instructions running into
 * an unmapped page stop there as a page fault, the range arithmetic stops
 * at the top of the lower canonical half, at the hypervisor's slots and at
 * the end of the address space, and nothing outside the guest's range is
 * ever read.
 */
#include "fake_guest.h"
#include "harness.h"

#include <asm/insn.h>
#include <asm/memlayout.h>
#include <string.h>

TEST(whole_instruction_on_a_mapped_page)
{
    uint8_t buf[INSN_MAX_LEN];
    enum insn_fetch_stop stop;
    uint64_t rip = fake_guest_page(1) + 100;

    fake_guest_reset(0, true);
    fake_guest_map(fake_guest_page(1), 4096, false);
    memcpy(fake_guest_ptr(rip), "\x0f\x32", 2);
    CHECK_EQ(pv_insn_fetch(rip, buf, INSN_MAX_LEN, &stop), INSN_MAX_LEN);
    CHECK(buf[0] == 0x0f && buf[1] == 0x32);
}

TEST(stops_at_an_unmapped_page)
{
    uint8_t buf[INSN_MAX_LEN];
    enum insn_fetch_stop stop;
    uint64_t rip = fake_guest_page(3) - 2;

    fake_guest_reset(0, true);
    fake_guest_map(fake_guest_page(2), 4096, true);
    CHECK_EQ(pv_insn_fetch(rip, buf, 7, &stop), 2);
    CHECK_EQ(stop, INSN_FETCH_PAGE_FAULT);
    CHECK_EQ(pv_insn_fetch(fake_guest_page(3), buf, 7, &stop), 0);
    CHECK_EQ(stop, INSN_FETCH_PAGE_FAULT);
}

TEST(outside_the_guest_range_nothing_is_read)
{
    uint8_t buf[INSN_MAX_LEN];
    enum insn_fetch_stop stop;

    fake_guest_reset(0, true);
    CHECK_EQ(pv_insn_fetch(HV_VIRT_START, buf, 15, &stop), 0);
    CHECK_EQ(stop, INSN_FETCH_BAD_ADDRESS);
    CHECK_EQ(pv_insn_fetch(FAKE_ADDR_XEN, buf, 15, &stop), 0);
    CHECK_EQ(pv_insn_fetch(FAKE_ADDR_NONCANONICAL, buf, 15, &stop), 0);
    CHECK_EQ(stop, INSN_FETCH_BAD_ADDRESS);
    CHECK_EQ(pv_insn_fetch(0x8000000000000000UL, buf, 15, &stop), 0);
}

TEST(limit_at_the_boundaries)
{
    CHECK_EQ(insn_fetch_limit(0x00007ffffffffff0UL, 15), 15);
    CHECK_EQ(insn_fetch_limit(0x00007ffffffffffaUL, 15), 6);
    CHECK_EQ(insn_fetch_limit(0x00007fffffffffffUL, 15), 1);
    CHECK_EQ(insn_fetch_limit(0x0000800000000000UL, 15), 0);
    CHECK_EQ(insn_fetch_limit(HV_VIRT_START - 1, 15), 0);  /* Non-canonical. */
    CHECK_EQ(insn_fetch_limit(HV_VIRT_END - 3, 15), 0);    /* Ours. */
    CHECK_EQ(insn_fetch_limit(HV_VIRT_END, 15), 15);
    CHECK_EQ(insn_fetch_limit(0xfffffffffffffffcUL, 15), 4); /* Wraps. */
    CHECK_EQ(insn_fetch_limit(0xffffffffffffffffUL, 15), 1);
    CHECK_EQ(insn_fetch_limit(0x1000, 40), INSN_MAX_LEN);
    CHECK_EQ(insn_fetch_limit(0x1000, 0), 0);
}
