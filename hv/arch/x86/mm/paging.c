/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's own page tables: one L4 (the "idle" table) whose slots
 * 256-271 every guest address space will share. This file builds it at boot
 * (image with W^X, direct map) and maps things into it later (frame table,
 * GDT windows, MMIO). Page-table frames come from the boot allocator until
 * the buddy allocator runs, then from the hypervisor heap.
 */
#include <asm/page.h>
#include <asm/processor.h>
#include <xenolith/console.h>
#include <xenolith/errno.h>
#include <xenolith/mm.h>
#include <xenolith/panic.h>
#include <xenolith/spinlock.h>
#include <xenolith/string.h>

extern char __text_start[], __text_end[], __rodata_start[], __rodata_end[];
extern char __data_start[], __bss_end[], cpu0_stack_guard[];

static DEFINE_SPINLOCK(map_lock);
static paddr_t idle_l4_maddr;
static bool use_heap_for_tables;
static vaddr_t mmio_next = MMIO_VIRT_START;

paddr_t hypervisor_l4_maddr(void)
{
    return idle_l4_maddr;
}

void paging_fill_hypervisor_slots(uint64_t *l4)
{
    const uint64_t *idle = maddr_to_virt(idle_l4_maddr);

    memcpy(&l4[HV_L4_FIRST_SLOT], &idle[HV_L4_FIRST_SLOT],
           (HV_L4_LAST_SLOT - HV_L4_FIRST_SLOT + 1) * sizeof(*l4));
}

void *maddr_to_virt(paddr_t ma)
{
    return directmap_va(ma);
}

paddr_t virt_to_maddr(const void *p)
{
    vaddr_t va = (vaddr_t)p;

    if ( va >= DIRECTMAP_VIRT_START && va < DIRECTMAP_VIRT_END )
        return va - DIRECTMAP_VIRT_START;
    if ( va >= IMAGE_VIRT_BASE && va < IMAGE_VIRT_BASE + (1UL << 30) )
        return va - IMAGE_VIRT_BASE;
    panic("virt_to_maddr(%p): not a direct-map or image address", p);
}

static paddr_t alloc_table(void)
{
    if ( use_heap_for_tables )
    {
        void *p = alloc_xenheap_page();

        return p ? virt_to_maddr(p) : 0;
    }
    return boot_alloc_pages(1);
}

/*
 * The entry at level shift for va, creating intermediate tables on the way.
 * Returns NULL if a table could not be allocated or a superpage is in the way.
 */
static uint64_t *walk_create(paddr_t l4, vaddr_t va, unsigned int level_shift,
                             uint64_t user)
{
    uint64_t *table = maddr_to_virt(l4);
    unsigned int shift;

    for ( shift = L4_SHIFT; shift > level_shift; shift -= 9 )
    {
        uint64_t *e = &table[PT_INDEX(va, shift)];

        if ( !(*e & _PAGE_PRESENT) )
        {
            paddr_t t = alloc_table();

            if ( !t )
                return NULL;
            *e = t | _PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY |
                 user;
        }
        else if ( *e & _PAGE_PSE )
            return NULL;
        table = maddr_to_virt(*e & PTE_ADDR_MASK);
    }
    return &table[PT_INDEX(va, level_shift)];
}

static int map_into(paddr_t l4, vaddr_t va, mfn_t mfn, uint64_t nr,
                    uint64_t flags)
{
    paddr_t pa = mfn_to_maddr(mfn);

    while ( nr )
    {
        bool large = IS_ALIGNED(va | pa, SUPERPAGE_SIZE) && nr >= 512;
        /* Guest-readable mappings (the M2P) need user access at every level. */
        uint64_t *e = walk_create(l4, va, large ? L2_SHIFT : L1_SHIFT,
                                  flags & _PAGE_USER);

        if ( !e )
            return -ENOMEM;
        *e = pa | flags | (large ? _PAGE_PSE : 0);
        invlpg((void *)va);
        va += large ? SUPERPAGE_SIZE : PAGE_SIZE;
        pa += large ? SUPERPAGE_SIZE : PAGE_SIZE;
        nr -= large ? 512 : 1;
    }
    return 0;
}

int map_pages_to_hypervisor(vaddr_t va, mfn_t mfn, uint64_t nr, uint64_t flags)
{
    uint64_t irq;
    int rc;

    if ( va < HV_VIRT_START || va + (nr << PAGE_SHIFT) > HV_VIRT_END ||
         va + (nr << PAGE_SHIFT) < va )
        return -EINVAL;
    irq = spin_lock_irqsave(&map_lock);
    rc = map_into(idle_l4_maddr, va, mfn, nr, flags);
    spin_unlock_irqrestore(&map_lock, irq);
    return rc;
}

void unmap_pages_from_hypervisor(vaddr_t va, uint64_t nr)
{
    uint64_t irq = spin_lock_irqsave(&map_lock);

    for ( ; nr; nr--, va += PAGE_SIZE )
    {
        uint64_t *e = walk_create(idle_l4_maddr, va, L1_SHIFT, 0);

        if ( e )
            *e = 0;
        invlpg((void *)va);
    }
    spin_unlock_irqrestore(&map_lock, irq);
}

void *ioremap(paddr_t pa, size_t len)
{
    paddr_t base = ROUNDDOWN(pa, PAGE_SIZE);
    uint64_t nr = (ROUNDUP(pa + len, PAGE_SIZE) - base) >> PAGE_SHIFT;
    vaddr_t va = mmio_next;

    if ( va + (nr << PAGE_SHIFT) > MMIO_VIRT_START + MMIO_VIRT_SIZE ||
         map_pages_to_hypervisor(va, maddr_to_mfn(base), nr,
                                 PAGE_HYPERVISOR_UC) )
        return NULL;
    mmio_next += nr << PAGE_SHIFT;
    return (void *)(va + (pa - base));
}

static void map_image_range(paddr_t l4, const char *start, const char *end,
                            uint64_t flags)
{
    vaddr_t va = (vaddr_t)start;
    uint64_t nr = ((vaddr_t)end - va) >> PAGE_SHIFT;

    /* 4 KiB pages only: the permission boundaries are page-aligned. */
    for ( ; nr; nr--, va += PAGE_SIZE )
    {
        uint64_t *e = walk_create(l4, va, L1_SHIFT, 0);

        if ( !e )
            panic("out of memory mapping the hypervisor image");
        *e = (va - IMAGE_VIRT_BASE) | flags;
    }
}

static void map_direct(paddr_t l4, paddr_t start, uint64_t size)
{
    paddr_t s = ROUNDDOWN(start, PAGE_SIZE);
    paddr_t e = ROUNDUP(start + size, PAGE_SIZE);

    if ( e > DIRECTMAP_VIRT_END - DIRECTMAP_VIRT_START )
        e = DIRECTMAP_VIRT_END - DIRECTMAP_VIRT_START;
    if ( e > s && map_into(l4, DIRECTMAP_VIRT_START + s, maddr_to_mfn(s),
                           (e - s) >> PAGE_SHIFT, PAGE_HYPERVISOR_RW) )
        panic("out of memory building the direct map");
}

void paging_init(const struct memmap *ram)
{
    paddr_t l4 = boot_alloc_pages(1);
    unsigned int i;

    map_image_range(l4, __text_start, __text_end, PAGE_HYPERVISOR_RX);
    map_image_range(l4, __rodata_start, __rodata_end, PAGE_HYPERVISOR_RO);
    map_image_range(l4, __data_start, cpu0_stack_guard, PAGE_HYPERVISOR_RW);
    /* cpu0_stack_guard stays unmapped: overflow faults instead of corrupting. */
    map_image_range(l4, cpu0_stack_guard + PAGE_SIZE, __bss_end,
                    PAGE_HYPERVISOR_RW);

    map_direct(l4, 0, 1 << 20);                 /* BIOS data, EBDA, RSDP. */
    for ( i = 0; i < ram->nr; i++ )
        if ( ram->entries[i].type == MEMMAP_RAM ||
             ram->entries[i].type == MEMMAP_ACPI ||
             ram->entries[i].type == MEMMAP_NVS )
            map_direct(l4, ram->entries[i].start, ram->entries[i].size);

    idle_l4_maddr = l4;
    write_cr3(l4);
}

void paging_use_heap(void)
{
    use_heap_for_tables = true;
}
