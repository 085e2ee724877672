/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Allocating machine memory: the buddy frame allocator (frames, power-of-two
 * blocks) and the hypervisor heap (xmalloc) on top of it.
 */
#ifndef XENOLITH_MM_H
#define XENOLITH_MM_H

#include <xenolith/compiler.h>
#include <xenolith/frame_table.h>
#include <xenolith/types.h>

#define MAX_ORDER 20                   /* Largest block: 4 GiB. */

/*
 * Give frames [first, first+nr) to the allocator. They must be valid and in
 * state PGC_STATE_RESERVED or PGC_STATE_BOOT; they become free. Context: boot.
 */
void buddy_add_range(mfn_t first, uint64_t nr);

/*
 * Allocate 2^order contiguous, naturally aligned frames. The head frame's
 * page_info is returned with count_info = PGC_STATE_INUSE and the others
 * likewise; owner is NULL. Returns NULL if no block is free. Takes heap_lock.
 * Context: any but NMI.
 */
struct page_info *buddy_alloc(unsigned int order);

/*
 * Free a block from buddy_alloc() (same order). Merges with free buddies.
 * Freeing a frame that is not in use is a hypervisor bug (BUG()).
 * Takes heap_lock.
 */
void buddy_free(struct page_info *pg, unsigned int order);

/* Number of free frames. */
uint64_t buddy_free_frames(void);

/*
 * Hypervisor heap: xmalloc() returns size bytes aligned to 16 (or to the
 * power of two at or above size, up to a page, for sizes that are powers of
 * two), contents undefined; xzalloc() zeroes; NULL when memory runs out.
 * xfree(NULL) does nothing. Memory comes from the buddy allocator and is
 * accessed through the direct map. Context: any but NMI and IRQ.
 */
void *xmalloc(size_t size);
void *xzalloc(size_t size);
void xfree(void *p);

/* Allocate and zero one page for the hypervisor's own use (page tables...). */
void *alloc_xenheap_page(void);
void free_xenheap_page(void *va);

/* Translate between the direct map and machine addresses (arch code). */
void *maddr_to_virt(paddr_t ma);
paddr_t virt_to_maddr(const void *va);

#endif /* XENOLITH_MM_H */
