/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * x86-64 page-table entries and the hypervisor's own mappings
 * (hv/arch/x86/mm/paging.c). Guest page tables are a different story
 * (validated, typed; issue 4) and do not use these helpers.
 */
#ifndef ASM_PAGE_H
#define ASM_PAGE_H

#include <asm/memlayout.h>
#include <xenolith/compiler.h>
#include <xenolith/memmap.h>
#include <xenolith/types.h>

#define _PAGE_PRESENT  (1ULL << 0)
#define _PAGE_RW       (1ULL << 1)
#define _PAGE_USER     (1ULL << 2)
#define _PAGE_PWT      (1ULL << 3)
#define _PAGE_PCD      (1ULL << 4)
#define _PAGE_ACCESSED (1ULL << 5)
#define _PAGE_DIRTY    (1ULL << 6)
#define _PAGE_PSE      (1ULL << 7)
#define _PAGE_GLOBAL   (1ULL << 8)
#define _PAGE_NX       (1ULL << 63)
#define PTE_ADDR_MASK  0x000ffffffffff000ULL

/* The hypervisor's mapping kinds (W^X: nothing is both writable and executable). */
#define PAGE_HYPERVISOR_RX (_PAGE_PRESENT | _PAGE_ACCESSED)
#define PAGE_HYPERVISOR_RO (_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_NX)
#define PAGE_HYPERVISOR_RW (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | \
                            _PAGE_DIRTY | _PAGE_NX)
#define PAGE_HYPERVISOR_UC (PAGE_HYPERVISOR_RW | _PAGE_PCD | _PAGE_PWT)

#define L1_SHIFT 12
#define L2_SHIFT 21
#define L3_SHIFT 30
#define L4_SHIFT 39
#define PT_ENTRIES 512
#define PT_INDEX(va, shift) (((va) >> (shift)) & (PT_ENTRIES - 1))
#define SUPERPAGE_SIZE (1UL << L2_SHIFT)

/* Direct map: every RAM frame at DIRECTMAP_VIRT_START + its address. */
static inline void *directmap_va(paddr_t pa)
{
    return (void *)(DIRECTMAP_VIRT_START + pa);
}

/*
 * Early memory: frames taken, before the buddy allocator exists, from the
 * sanitised free-RAM map, highest first and below 4 GiB (the early direct
 * map's reach). They are never freed. Context: boot only; panics when RAM
 * runs out (the machine cannot boot then anyway).
 */
void boot_alloc_init(struct memmap *free_ram);
paddr_t boot_alloc_pages(unsigned long nr);
/* After this, boot_alloc_pages() is a bug: the buddy allocator owns free RAM. */
void boot_alloc_close(void);
uint64_t boot_alloc_used_frames(void);

/*
 * Build the final hypervisor page tables: the image with W^X permissions
 * (the guard page under the boot stack left unmapped), the direct map of
 * RAM, ACPI ranges and the first MiB; then switch to them, dropping the
 * early identity map. Context: boot, boot CPU, once.
 */
void paging_init(const struct memmap *ram);

/*
 * Map nr frames from mfn at va in the hypervisor's tables with flags
 * (PAGE_HYPERVISOR_*), using 2 MiB pages where both are aligned. va must be
 * inside the hypervisor's reserved slots and not yet mapped. Returns 0 or
 * -ENOMEM. Context: boot, or any with the mapping lock (taken here).
 */
int map_pages_to_hypervisor(vaddr_t va, mfn_t mfn, uint64_t nr, uint64_t flags);

/* Remove 4 KiB mappings [va, va + nr pages) and flush them. */
void unmap_pages_from_hypervisor(vaddr_t va, uint64_t nr);

/*
 * Map device memory uncached in the MMIO window; returns the virtual address
 * of pa (page offset kept), or NULL when the window is full. Context: boot.
 */
void *ioremap(paddr_t pa, size_t len);

/* From now on, page-table frames come from the heap. Context: boot, once the heap works. */
void paging_use_heap(void);

/* Physical address of the hypervisor's L4 table (what CR3 holds when idle). */
paddr_t hypervisor_l4_maddr(void);

/*
 * Copy the hypervisor's L4 slots (HV_L4_FIRST_SLOT..HV_L4_LAST_SLOT) into
 * l4, a guest's top-level table: every address space carries them.
 */
void paging_fill_hypervisor_slots(uint64_t *l4);

#endif /* ASM_PAGE_H */
