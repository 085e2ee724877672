/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The physical memory map as E820-style ranges, and its sanitiser: sorted,
 * non-overlapping, with a reserved range winning over RAM where they
 * overlap, RAM trimmed to whole pages. Pure (tests/unit/test_memmap.c).
 */
#ifndef XENOLITH_MEMMAP_H
#define XENOLITH_MEMMAP_H

#include <xenolith/types.h>

#define MEMMAP_MAX 128

enum memmap_type {
    MEMMAP_RAM = 1,
    MEMMAP_RESERVED = 2,
    MEMMAP_ACPI = 3,
    MEMMAP_NVS = 4,
    MEMMAP_UNUSABLE = 5,
};

struct memmap_entry {
    paddr_t start;
    uint64_t size;
    uint32_t type;
};

struct memmap {
    unsigned int nr;
    bool overflowed;                   /* Entries were dropped. */
    struct memmap_entry entries[MEMMAP_MAX];
};

/* Append a range; sets overflowed (and drops it) when full. Zero sizes are ignored. */
void memmap_add(struct memmap *m, paddr_t start, uint64_t size, uint32_t type);

/*
 * Rewrite *m into canonical form: sorted by address, no overlaps, adjacent
 * ranges of one type merged, unknown types treated as reserved, any overlap
 * resolved in favour of the non-RAM type, RAM shrunk to whole pages, ranges
 * that wrap past 2^64 clipped.
 */
void memmap_sanitize(struct memmap *m);

/* Total bytes of RAM in a sanitised map. */
uint64_t memmap_ram_bytes(const struct memmap *m);

/* Remove [start, start+size) from the RAM of a sanitised map (make it reserved). */
void memmap_reserve(struct memmap *m, paddr_t start, uint64_t size);

/* Name of a type for printing ("RAM", "reserved", "ACPI data", ...). */
const char *memmap_type_name(uint32_t type);

#endif /* XENOLITH_MEMMAP_H */
