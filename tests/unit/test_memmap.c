/* SPDX-License-Identifier: GPL-2.0-only */
/* Memory-map sanitising (hv/common/memory/memmap.c). */
#include <string.h>

#include "harness.h"

#include <xenolith/memmap.h>

static struct memmap m;

static void reset(void)
{
    memset(&m, 0, sizeof(m));
}

#define E(i, s, sz, t)                                                     \
    do {                                                                   \
        CHECK_EQ(m.entries[i].start, (s));                                 \
        CHECK_EQ(m.entries[i].size, (sz));                                 \
        CHECK_EQ(m.entries[i].type, (t));                                  \
    } while ( 0 )

TEST(qemu_like_map_sorted_and_kept)
{
    reset();
    memmap_add(&m, 0x100000, 0x7ee0000, MEMMAP_RAM);
    memmap_add(&m, 0, 0x9fc00, MEMMAP_RAM);
    memmap_add(&m, 0x9fc00, 0x400, MEMMAP_RESERVED);
    memmap_add(&m, 0xf0000, 0x10000, MEMMAP_RESERVED);
    memmap_add(&m, 0x7fe0000, 0x20000, MEMMAP_RESERVED);
    memmap_sanitize(&m);
    CHECK_EQ(m.nr, 5);
    E(0, 0, 0x9f000, MEMMAP_RAM);              /* Trimmed to whole pages. */
    E(1, 0x9fc00, 0x400, MEMMAP_RESERVED);
    E(2, 0xf0000, 0x10000, MEMMAP_RESERVED);
    E(3, 0x100000, 0x7ee0000, MEMMAP_RAM);
    E(4, 0x7fe0000, 0x20000, MEMMAP_RESERVED);
    CHECK_EQ(memmap_ram_bytes(&m), 0x9f000 + 0x7ee0000);
}

TEST(overlap_resolves_against_ram)
{
    reset();
    memmap_add(&m, 0x100000, 0x400000, MEMMAP_RAM);
    memmap_add(&m, 0x200000, 0x1000, MEMMAP_ACPI);
    memmap_sanitize(&m);
    CHECK_EQ(m.nr, 3);
    E(0, 0x100000, 0x100000, MEMMAP_RAM);
    E(1, 0x200000, 0x1000, MEMMAP_ACPI);
    E(2, 0x201000, 0x2ff000, MEMMAP_RAM);
}

TEST(adjacent_and_duplicate_ranges_merge)
{
    reset();
    memmap_add(&m, 0x100000, 0x100000, MEMMAP_RAM);
    memmap_add(&m, 0x200000, 0x100000, MEMMAP_RAM);
    memmap_add(&m, 0x100000, 0x100000, MEMMAP_RAM);
    memmap_sanitize(&m);
    CHECK_EQ(m.nr, 1);
    E(0, 0x100000, 0x200000, MEMMAP_RAM);
}

TEST(unknown_types_are_reserved_and_zero_sizes_dropped)
{
    reset();
    memmap_add(&m, 0x1000, 0x1000, 77);
    memmap_add(&m, 0x5000, 0, MEMMAP_RAM);
    memmap_sanitize(&m);
    CHECK_EQ(m.nr, 1);
    E(0, 0x1000, 0x1000, MEMMAP_RESERVED);
}

TEST(wrapping_range_is_clipped)
{
    reset();
    memmap_add(&m, 0xffffffffffff0000ULL, 0x20000, MEMMAP_RAM);
    memmap_sanitize(&m);
    CHECK_EQ(m.nr, 1);
    CHECK_EQ(m.entries[0].start, 0xffffffffffff0000ULL);
    CHECK_EQ(m.entries[0].size, 0xf000);         /* Clipped below 2^64. */
}

TEST(tiny_ram_fragment_vanishes)
{
    reset();
    memmap_add(&m, 0x1800, 0x400, MEMMAP_RAM);
    memmap_sanitize(&m);
    CHECK_EQ(m.nr, 0);
    CHECK_EQ(memmap_ram_bytes(&m), 0);
}

TEST(reserve_splits_ram)
{
    reset();
    memmap_add(&m, 0, 0x1000000, MEMMAP_RAM);
    memmap_sanitize(&m);
    memmap_reserve(&m, 0x200000, 0x1800);       /* Rounds out to pages. */
    CHECK_EQ(m.nr, 2);
    E(0, 0, 0x200000, MEMMAP_RAM);
    E(1, 0x202000, 0xdfe000, MEMMAP_RAM);
    memmap_reserve(&m, 0, 0x100000);
    E(0, 0x100000, 0x100000, MEMMAP_RAM);
    memmap_reserve(&m, 0xf00000, 0x1000000);    /* Beyond the end. */
    CHECK_EQ(m.entries[m.nr - 1].start + m.entries[m.nr - 1].size, 0xf00000);
}

TEST(reserve_never_lost_when_full)
{
    unsigned int i;

    reset();
    for ( i = 0; i < MEMMAP_MAX; i++ )
        memmap_add(&m, (uint64_t)i * 0x200000, 0x100000, MEMMAP_RAM);
    memmap_add(&m, 1ULL << 40, 0x1000, MEMMAP_RAM);
    CHECK(m.overflowed);
    memmap_reserve(&m, 0x40000, 0x1000);       /* Splits a full table. */
    for ( i = 0; i < m.nr; i++ )
        CHECK(!(m.entries[i].type == MEMMAP_RAM &&
                m.entries[i].start <= 0x40000 &&
                m.entries[i].start + m.entries[i].size > 0x40000));
}

TEST(many_overlapping_ranges_stay_disjoint_and_sorted)
{
    unsigned int i;
    uint64_t seed = 12345;

    reset();
    for ( i = 0; i < MEMMAP_MAX; i++ )
    {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        memmap_add(&m, (seed >> 20) & 0xfffffff, (seed >> 40) & 0xffffff,
                   1 + (seed >> 61) % 5);
    }
    memmap_sanitize(&m);
    for ( i = 0; i + 1 < m.nr; i++ )
        CHECK(m.entries[i].start + m.entries[i].size <= m.entries[i + 1].start);
    for ( i = 0; i < m.nr; i++ )
        if ( m.entries[i].type == MEMMAP_RAM )
            CHECK((m.entries[i].start | m.entries[i].size) % 4096 == 0);
}
