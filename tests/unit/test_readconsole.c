/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests of hv/common/control/readconsole.c (sysctl readconsole, Xen
 * 4.17's read_console_ring()) against a fake 16-byte console ring whose
 * 32-bit indices the test sets, and a fake calling guest (fake_guest.h):
 * reads from the oldest byte or an index inside the unread window, a
 * window that wraps at 2^32, the ring's own wrap split into two copies,
 * counts that stop early, clear, and faults that consume nothing.
 */
#include "fake_guest.h"
#include "harness.h"

#include <string.h>
#include <xenolith/console.h>
#include <xenolith/errno.h>
#include "../../hv/common/control/sysctl_ops.h"

#define RING 16u

static char ring[RING];
static uint32_t ring_c, ring_p;
static unsigned int clears;

void console_ring_indices(uint32_t *consumer, uint32_t *producer)
{
    *consumer = ring_c;
    *producer = ring_p;
}

const char *console_ring_at(uint32_t index, uint32_t *contiguous)
{
    *contiguous = RING - index % RING;
    return &ring[index % RING];
}

void console_ring_clear(uint32_t consumer)
{
    ring_c = consumer;
    clears++;
}

/* Ring byte at index i is 'a' + i % 26, so any window's text is known. */
static void ring_reset(uint32_t c, uint32_t p)
{
    uint32_t i;

    for ( i = c; i != p; i++ )
        ring[i % RING] = 'a' + i % 26;
    ring_c = c;
    ring_p = p;
    clears = 0;
    fake_guest_reset(0, true);
    fake_guest_map(fake_guest_page(0), 4096, true);
}

static struct xen_sysctl_readconsole op_for(uint64_t buf, uint32_t count,
                                            bool incremental, uint32_t index)
{
    struct xen_sysctl_readconsole op;

    memset(&op, 0, sizeof(op));
    set_xen_guest_handle(op.buffer, (char *)buf);
    op.count = count;
    op.incremental = incremental;
    op.index = index;
    return op;
}

/* The guest buffer holds the ring's bytes [from, from + n). */
static bool guest_holds(uint64_t buf, uint32_t from, uint32_t n)
{
    const char *text = fake_guest_ptr(buf);
    uint32_t i;

    for ( i = 0; i < n; i++ )
        if ( text[i] != (char)('a' + (from + i) % 26) )
            return false;
    return true;
}

TEST(reads_from_oldest_byte)
{
    struct xen_sysctl_readconsole op;
    uint64_t buf = fake_guest_page(0);

    ring_reset(100, 110);
    op = op_for(buf, 64, false, 12345);
    CHECK_EQ(sysctl_readconsole(&op), 0);
    CHECK_EQ(op.count, 10);
    CHECK_EQ(op.index, 110);
    CHECK(guest_holds(buf, 100, 10));
    CHECK_EQ(clears, 0);
}

TEST(incremental_index_inside_window_is_used)
{
    struct xen_sysctl_readconsole op;
    uint64_t buf = fake_guest_page(0);

    ring_reset(100, 110);
    op = op_for(buf, 64, true, 105);
    CHECK_EQ(sysctl_readconsole(&op), 0);
    CHECK_EQ(op.count, 5);
    CHECK(guest_holds(buf, 105, 5));
    op = op_for(buf, 64, true, 110);        /* The producer: nothing new. */
    CHECK_EQ(sysctl_readconsole(&op), 0);
    CHECK_EQ(op.count, 0);
    CHECK_EQ(op.index, 110);
}

TEST(incremental_index_outside_window_reads_from_oldest)
{
    static const uint32_t outside[] = { 0, 99, 100, 111, 0xffffffffu };
    struct xen_sysctl_readconsole op;
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(outside); i++ )
    {
        ring_reset(100, 110);
        op = op_for(fake_guest_page(0), 64, true, outside[i]);
        CHECK_EQ(sysctl_readconsole(&op), 0);
        CHECK_EQ(op.count, 10);
        CHECK_EQ(op.index, 110);
    }
}

TEST(window_wrapping_at_2_to_32)
{
    struct xen_sysctl_readconsole op;
    uint64_t buf = fake_guest_page(0);

    ring_reset(0xfffffffau, 6);             /* 12 bytes across the wrap. */
    op = op_for(buf, 64, false, 0);
    CHECK_EQ(sysctl_readconsole(&op), 0);
    CHECK_EQ(op.count, 12);
    CHECK_EQ(op.index, 6);
    CHECK(guest_holds(buf, 0xfffffffau, 6));
    op = op_for(buf, 64, true, 2);          /* Inside, past the wrap. */
    CHECK_EQ(sysctl_readconsole(&op), 0);
    CHECK_EQ(op.count, 4);
    op = op_for(buf, 64, true, 0xfffffffdu);  /* Inside, before it. */
    CHECK_EQ(sysctl_readconsole(&op), 0);
    CHECK_EQ(op.count, 9);
    op = op_for(buf, 64, true, 7);          /* Outside: from the oldest. */
    CHECK_EQ(sysctl_readconsole(&op), 0);
    CHECK_EQ(op.count, 12);
}

TEST(ring_wrap_and_short_counts)
{
    struct xen_sysctl_readconsole op;
    uint64_t buf = fake_guest_page(0);

    ring_reset(10, 26);                     /* The whole ring, split. */
    op = op_for(buf, 64, false, 0);
    CHECK_EQ(sysctl_readconsole(&op), 0);
    CHECK_EQ(op.count, 16);
    CHECK(guest_holds(buf, 10, 16));
    op = op_for(buf, 7, false, 0);          /* Stops at the count. */
    CHECK_EQ(sysctl_readconsole(&op), 0);
    CHECK_EQ(op.count, 7);
    CHECK_EQ(op.index, 17);
    op = op_for(buf, 0, false, 0);
    CHECK_EQ(sysctl_readconsole(&op), 0);
    CHECK_EQ(op.count, 0);
    CHECK_EQ(op.index, 10);
    op = op_for(buf, 0xffffffffu, false, 0);  /* Bounded by the ring. */
    CHECK_EQ(sysctl_readconsole(&op), 0);
    CHECK_EQ(op.count, 16);
}

TEST(clear_starts_later_reads_after_what_was_read)
{
    struct xen_sysctl_readconsole op;

    ring_reset(100, 110);
    op = op_for(fake_guest_page(0), 4, false, 0);
    op.clear = 1;
    CHECK_EQ(sysctl_readconsole(&op), 0);
    CHECK_EQ(clears, 1);
    CHECK_EQ(ring_c, 104);
}

TEST(faults_consume_and_clear_nothing)
{
    struct xen_sysctl_readconsole op;
    uint64_t bad[] = { fake_guest_page(1), FAKE_ADDR_XEN,
                       FAKE_ADDR_NONCANONICAL, fake_guest_page(1) - 4 };
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(bad); i++ )
    {
        ring_reset(100, 110);
        op = op_for(bad[i], 64, true, 102);
        op.clear = 1;
        CHECK_EQ(sysctl_readconsole(&op), -EFAULT);
        CHECK_EQ(op.count, 64);             /* Not written back. */
        CHECK_EQ(op.index, 102);
        CHECK_EQ(clears, 0);
    }
    ring_reset(100, 110);
    fake_guest_map(fake_guest_page(1), 4096, false);
    op = op_for(fake_guest_page(1), 64, false, 0);
    CHECK_EQ(sysctl_readconsole(&op), -EFAULT);
}
