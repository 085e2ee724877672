/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests of hv/common/hypercall/multicall.c against a fake guest
 * (fake_guest.h) and a stub hypercall_call() that records each call: every
 * entry runs nested with its op and first five arguments, only `result` is
 * written back, the first entry that cannot be read or written back ends
 * the batch with -EFAULT after the earlier ones ran, and the list's start
 * is checked even for no entries (Xen 4.17).
 */
#include <string.h>

#include "fake_guest.h"
#include "harness.h"

#include <xenolith/errno.h>
#include <xenolith/hypercall.h>

#define MAX_SEEN 8

static unsigned int nr_seen;
static unsigned long seen_op[MAX_SEEN];
static unsigned long seen_args[MAX_SEEN][HYPERCALL_MAX_ARGS];
static bool seen_nested[MAX_SEEN];

long hypercall_call(unsigned long nr,
                    const unsigned long args[HYPERCALL_MAX_ARGS], bool nested)
{
    if ( nr_seen < MAX_SEEN )
    {
        seen_op[nr_seen] = nr;
        memcpy(seen_args[nr_seen], args, sizeof(seen_args[0]));
        seen_nested[nr_seen] = nested;
    }
    nr_seen++;
    return (long)(nr * 100);
}

static long multicall(unsigned long list, unsigned long nr)
{
    return do_multicall(list, nr, 0, 0, 0);
}

static void reset(void)
{
    fake_guest_reset(0, true);
    nr_seen = 0;
}

static multicall_entry_t *entries(uint64_t va)
{
    return fake_guest_ptr(va);
}

static void set_entry(multicall_entry_t *e, unsigned long op)
{
    unsigned int i;

    e->op = op;
    e->result = 0xdeadbeef;
    for ( i = 0; i < 6; i++ )
        e->args[i] = op * 10 + i;
}

TEST(batch_runs_every_entry_nested)
{
    uint64_t list = fake_guest_page(0);
    multicall_entry_t *e = entries(list);
    unsigned int i;

    reset();
    fake_guest_map(list, 4096, true);
    for ( i = 0; i < 3; i++ )
        set_entry(&e[i], 7 + i);
    CHECK_EQ(multicall(list, 3), 0);
    CHECK_EQ(nr_seen, 3);
    for ( i = 0; i < 3; i++ )
    {
        CHECK_EQ(seen_op[i], 7 + i);
        CHECK(seen_nested[i]);
        CHECK_EQ(seen_args[i][0], (7 + i) * 10);
        CHECK_EQ(seen_args[i][4], (7 + i) * 10 + 4);
        CHECK_EQ(e[i].result, (7 + i) * 100);
        /* Only result is written back. */
        CHECK_EQ(e[i].op, 7 + i);
        CHECK_EQ(e[i].args[5], (7 + i) * 10 + 5);
    }
}

TEST(bad_lists_fault_before_any_call)
{
    reset();
    CHECK_EQ(multicall(fake_guest_page(0), 1), -EFAULT);
    CHECK_EQ(multicall(fake_guest_page(0), 0xffffffffu), -EFAULT);
    CHECK_EQ(multicall(FAKE_ADDR_XEN, 1), -EFAULT);
    CHECK_EQ(multicall(FAKE_ADDR_NONCANONICAL, 0xffffffffu), -EFAULT);
    CHECK_EQ(nr_seen, 0);
}

/* Xen 4.17 checks the start of the list even for no entries. */
TEST(empty_list_start_checked)
{
    reset();
    CHECK_EQ(multicall(fake_guest_page(0), 0), 0);
    CHECK_EQ(multicall(FAKE_ADDR_XEN, 0), -EFAULT);
    CHECK_EQ(multicall(FAKE_ADDR_NONCANONICAL, 0), -EFAULT);
    CHECK_EQ(nr_seen, 0);
}

TEST(straddling_list_runs_entries_before_the_hole)
{
    uint64_t list = fake_guest_page(1) - sizeof(multicall_entry_t);
    multicall_entry_t *e = entries(list);

    reset();
    fake_guest_map(fake_guest_page(0), 4096, true);
    set_entry(e, 9);
    CHECK_EQ(multicall(list, 2), -EFAULT);
    CHECK_EQ(nr_seen, 1);
    CHECK_EQ(e->result, 900);
}

/* The entry runs; writing its result faults and ends the batch. */
TEST(readonly_list_faults_after_first_entry)
{
    uint64_t list = fake_guest_page(0);

    reset();
    fake_guest_map(list, 4096, false);
    set_entry(entries(list), 4);
    set_entry(entries(list) + 1, 5);
    CHECK_EQ(multicall(list, 2), -EFAULT);
    CHECK_EQ(nr_seen, 1);
    CHECK_EQ(entries(list)->result, 0xdeadbeef);
}

/* Xen 4.17 takes nr_calls as uint32_t. */
TEST(upper_half_of_nr_calls_ignored)
{
    uint64_t list = fake_guest_page(0);

    reset();
    fake_guest_map(list, 4096, true);
    set_entry(entries(list), 1);
    set_entry(entries(list) + 1, 2);
    CHECK_EQ(multicall(list, (1UL << 32) | 1), 0);
    CHECK_EQ(nr_seen, 1);
}
