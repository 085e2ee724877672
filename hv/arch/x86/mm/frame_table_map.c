/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Setting up the frame table at boot: mapping it at FRAMETABLE_VIRT_START
 * only where RAM is (a 4 KiB page of table describes 64 frames, so holes in
 * the memory map cost nothing), recording each frame's initial state, and
 * handing free RAM to the buddy allocator. After this the boot allocator is
 * closed and every RAM frame is accounted for in the table.
 */
#include <asm/page.h>
#include <xenolith/console.h>
#include <xenolith/mm.h>
#include <xenolith/panic.h>
#include <xenolith/setup.h>
#include <xenolith/string.h>

#define ENTRIES_PER_TABLE_PAGE (PAGE_SIZE / sizeof(struct page_info))

BUILD_BUG_ON(sizeof(struct page_info) != 64);
BUILD_BUG_ON(FRAME_TABLE_VALID_CHUNK != ENTRIES_PER_TABLE_PAGE);

static uint64_t ram_frames;
extern char __image_start[], __image_end[];

static uint64_t highest_ram_frame(const struct memmap *ram)
{
    uint64_t top = 0;
    unsigned int i;

    for ( i = 0; i < ram->nr; i++ )
        if ( ram->entries[i].type == MEMMAP_RAM )
            top = MAX(top, (ram->entries[i].start + ram->entries[i].size) >>
                               PAGE_SHIFT);
    return top;
}

/* Map the table pages describing frames [first, first+nr). */
static void map_table_for(uint64_t first, uint64_t nr)
{
    uint64_t chunk = first / ENTRIES_PER_TABLE_PAGE;
    uint64_t last = (first + nr - 1) / ENTRIES_PER_TABLE_PAGE;

    for ( ; chunk <= last; chunk++ )
    {
        vaddr_t va = FRAMETABLE_VIRT_START + chunk * PAGE_SIZE;

        if ( mfn_valid(_mfn(chunk * ENTRIES_PER_TABLE_PAGE)) )
            continue;                     /* Shared with the previous range. */
        if ( map_pages_to_hypervisor(va, maddr_to_mfn(boot_alloc_pages(1)), 1,
                                     PAGE_HYPERVISOR_RW) )
            panic("out of memory mapping the frame table");
        frame_table_mark_valid(_mfn(chunk * ENTRIES_PER_TABLE_PAGE),
                               ENTRIES_PER_TABLE_PAGE);
    }
}

static void set_state(uint64_t first, uint64_t nr, uint64_t state)
{
    for ( ; nr; nr--, first++ )
        mfn_to_page(_mfn(first))->count_info = state;
}

void frame_table_init(const struct memmap *ram, struct memmap *free_ram)
{
    uint64_t top = highest_ram_frame(ram);
    uint64_t bitmap_bytes = ROUNDUP(top / FRAME_TABLE_VALID_CHUNK + 1, 64) / 8;
    unsigned int i;

    if ( top * sizeof(struct page_info) > FRAMETABLE_VIRT_SIZE )
        panic("RAM above %lu GiB cannot be described by the frame table",
              (FRAMETABLE_VIRT_SIZE / sizeof(struct page_info)) >> 18);
    frame_table_setup((struct page_info *)FRAMETABLE_VIRT_START, top,
                      maddr_to_virt(boot_alloc_pages(
                          ROUNDUP(bitmap_bytes, PAGE_SIZE) >> PAGE_SHIFT)));

    for ( i = 0; i < ram->nr; i++ )
        if ( ram->entries[i].type == MEMMAP_RAM )
            map_table_for(ram->entries[i].start >> PAGE_SHIFT,
                          ram->entries[i].size >> PAGE_SHIFT);

    /* From here on free_ram is final: the boot allocator takes no more. */
    boot_alloc_close();
    for ( i = 0; i < ram->nr; i++ )
        if ( ram->entries[i].type == MEMMAP_RAM )
        {
            set_state(ram->entries[i].start >> PAGE_SHIFT,
                      ram->entries[i].size >> PAGE_SHIFT, PGC_STATE_BOOT);
            ram_frames += ram->entries[i].size >> PAGE_SHIFT;
        }
    for ( i = 0; i < free_ram->nr; i++ )
        if ( free_ram->entries[i].type == MEMMAP_RAM )
            buddy_add_range(maddr_to_mfn(free_ram->entries[i].start),
                            free_ram->entries[i].size >> PAGE_SHIFT);
}

void memory_report(void)
{
    struct frame_accounting acc;

    frame_table_account(&acc);
    printk("Memory: %lu MiB of RAM in %lu frames; frame table spans %lu "
           "frames\n", ram_frames >> 8, ram_frames, max_page);
    uint64_t image = (__image_end - __image_start) >> PAGE_SHIFT;
    uint64_t early = boot_alloc_used_frames();

    printk("Memory: %lu frames free (%lu MiB), %lu hypervisor heap, %lu "
           "allocated\n", acc.free, acc.free >> 8, acc.xen_heap,
           acc.inuse - acc.xen_heap);
    printk("Memory: %lu frames held since boot: image %lu, page tables and "
           "frame table %lu, first MiB, boot modules and loader data %lu\n",
           acc.boot, image, early, acc.boot - image - early);
}
