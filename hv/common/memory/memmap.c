/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Canonicalising the boot loader's memory map. Firmware maps overlap, come
 * unsorted, split one range into many and leave RAM edges unaligned; every
 * later consumer (the frame table, the buddy allocator, dom0's machine
 * memory map) wants sorted, disjoint, page-aligned RAM. Overlaps resolve
 * against RAM: memory anybody calls reserved is never handed out.
 */
#include <xenolith/memmap.h>
#include <xenolith/string.h>

void memmap_add(struct memmap *m, paddr_t start, uint64_t size, uint32_t type)
{
    if ( size == 0 )
        return;
    if ( m->nr == MEMMAP_MAX )
    {
        m->overflowed = true;
        return;
    }
    m->entries[m->nr++] = (struct memmap_entry){ start, size, type };
}

static uint32_t normal_type(uint32_t type)
{
    return (type >= MEMMAP_RAM && type <= MEMMAP_UNUSABLE) ? type
                                                            : MEMMAP_RESERVED;
}

/* RAM loses to everything; among the rest the larger number wins. */
static uint32_t stronger_type(uint32_t a, uint32_t b)
{
    if ( a == 0 )
        return b;
    if ( a == MEMMAP_RAM )
        return b;
    if ( b == MEMMAP_RAM )
        return a;
    return a > b ? a : b;
}

static paddr_t entry_end(const struct memmap_entry *e)
{
    paddr_t end = e->start + e->size;

    return end < e->start ? UINT64_MAX : end;   /* Clip what wraps. */
}

static void sort_points(paddr_t *p, unsigned int n)
{
    unsigned int i, j;

    for ( i = 1; i < n; i++ )
        for ( j = i; j > 0 && p[j - 1] > p[j]; j-- )
        {
            paddr_t t = p[j];

            p[j] = p[j - 1];
            p[j - 1] = t;
        }
}

static void push_range(struct memmap *out, paddr_t start, paddr_t end,
                       uint32_t type)
{
    struct memmap_entry *last = out->nr ? &out->entries[out->nr - 1] : NULL;

    if ( type == MEMMAP_RAM )
    {
        start = ROUNDUP(start, PAGE_SIZE);
        end = ROUNDDOWN(end, PAGE_SIZE);
        if ( end <= start )
            return;
    }
    if ( last && last->type == type && entry_end(last) == start )
    {
        last->size = end - last->start;
        return;
    }
    memmap_add(out, start, end - start, type);
}

/* Boot-time only, one caller at a time: the scratch space is static. */
void memmap_sanitize(struct memmap *m)
{
    static paddr_t points[2 * MEMMAP_MAX];
    static struct memmap out;
    unsigned int i, j, nr_points = 0;

    for ( i = 0; i < m->nr; i++ )
    {
        points[nr_points++] = m->entries[i].start;
        points[nr_points++] = entry_end(&m->entries[i]);
    }
    sort_points(points, nr_points);

    memset(&out, 0, sizeof(out));
    out.overflowed = m->overflowed;
    for ( i = 0; i + 1 < nr_points; i++ )
    {
        paddr_t lo = points[i], hi = points[i + 1];
        uint32_t type = 0;

        if ( lo == hi )
            continue;
        for ( j = 0; j < m->nr; j++ )
            if ( m->entries[j].start <= lo && entry_end(&m->entries[j]) >= hi )
                type = stronger_type(type, normal_type(m->entries[j].type));
        if ( type )
            push_range(&out, lo, hi, type);
    }
    *m = out;
}

uint64_t memmap_ram_bytes(const struct memmap *m)
{
    uint64_t total = 0;
    unsigned int i;

    for ( i = 0; i < m->nr; i++ )
        if ( m->entries[i].type == MEMMAP_RAM )
            total += m->entries[i].size;
    return total;
}

/*
 * Carves the range out of RAM in place rather than adding an entry, so it
 * cannot be lost to a full table: when a split needs a slot that is not
 * there, the piece of RAM above the range is dropped instead (losing RAM is
 * safe; losing a reservation is not).
 */
void memmap_reserve(struct memmap *m, paddr_t start, uint64_t size)
{
    paddr_t end = start + size < start ? UINT64_MAX : start + size;
    unsigned int i;

    start = ROUNDDOWN(start, PAGE_SIZE);
    end = end > UINT64_MAX - PAGE_SIZE ? ROUNDDOWN(end, PAGE_SIZE)
                                       : ROUNDUP(end, PAGE_SIZE);
    for ( i = 0; i < m->nr; i++ )
    {
        struct memmap_entry *e = &m->entries[i];
        paddr_t e_end = entry_end(e);

        if ( e->type != MEMMAP_RAM || e_end <= start || e->start >= end )
            continue;
        if ( e->start < start && e_end > end && m->nr < MEMMAP_MAX )
        {
            /* Split: keep the low part here, the high part in a new slot. */
            memmap_add(m, end, e_end - end, MEMMAP_RAM);
            e = &m->entries[i];
        }
        if ( e->start < start )
            e->size = start - e->start;
        else if ( e_end > end )
        {
            e->size = e_end - end;
            e->start = end;
        }
        else
            e->size = 0;
    }
    /* Drop emptied entries and restore order. */
    memmap_sanitize(m);
}

const char *memmap_type_name(uint32_t type)
{
    switch ( type )
    {
    case MEMMAP_RAM: return "RAM";
    case MEMMAP_RESERVED: return "reserved";
    case MEMMAP_ACPI: return "ACPI data";
    case MEMMAP_NVS: return "ACPI NVS";
    case MEMMAP_UNUSABLE: return "unusable";
    default: return "unknown";
    }
}
