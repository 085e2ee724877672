/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The boot allocator: frames for page tables and the frame table before the
 * buddy allocator can exist (it needs the frame table). It carves frames
 * off the top of the free-RAM map below 4 GiB, where the early page tables
 * already give a direct mapping, so the frames are usable at once.
 */
#include <asm/page.h>
#include <xenolith/panic.h>
#include <xenolith/string.h>

#define EARLY_DIRECTMAP_LIMIT (4ULL << 30)

static struct memmap *free_map;
static uint64_t used_frames;
static bool closed;

void boot_alloc_init(struct memmap *free_ram)
{
    free_map = free_ram;
}

paddr_t boot_alloc_pages(unsigned long nr)
{
    uint64_t bytes = (uint64_t)nr << PAGE_SHIFT;
    int i;

    BUG_ON(closed || !free_map);
    for ( i = (int)free_map->nr - 1; i >= 0; i-- )
    {
        const struct memmap_entry *e = &free_map->entries[i];
        paddr_t end = MIN(e->start + e->size, EARLY_DIRECTMAP_LIMIT);
        paddr_t start;

        if ( e->type != MEMMAP_RAM || end < e->start + bytes ||
             end <= e->start )
            continue;
        start = end - bytes;
        memmap_reserve(free_map, start, bytes);
        used_frames += nr;
        memset(directmap_va(start), 0, bytes);
        return start;
    }
    panic("out of memory while booting (wanted %lu pages below 4 GiB)", nr);
}

void boot_alloc_close(void)
{
    closed = true;
}

uint64_t boot_alloc_used_frames(void)
{
    return used_frames;
}
