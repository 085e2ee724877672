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
 * state PGC_STATE_RESERVED or PGC_STATE_BOOT; they become free, split into
 * naturally aligned blocks merged with free neighbours. Otherwise (a boot
 * bug) nothing changes and it BUG()s. Takes heap_lock. Context: boot.
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
 * Free 2^order naturally aligned frames in use: a block from buddy_alloc(),
 * or an aligned part of one (a single frame of a larger allocation, as Xen's
 * decrease_reservation frees them). Merges with free buddies. A block outside
 * the table, misaligned, or holding a frame not PGC_STATE_INUSE (a double
 * free) is a hypervisor bug: nothing changes and it BUG()s. Takes heap_lock.
 * Context: any but NMI.
 */
void buddy_free(struct page_info *pg, unsigned int order);

/* Number of free frames. Takes heap_lock. Context: any but NMI. */
uint64_t buddy_free_frames(void);

/*
 * Hypervisor heap: xmalloc() returns size bytes aligned to 16 (or to the
 * power of two at or above size, up to a page, for sizes that are powers of
 * two), contents undefined; xzalloc() zeroes; NULL when memory runs out or
 * size is beyond the largest buddy block. xmalloc(0) returns a unique
 * minimal object. xfree(NULL) does nothing; xfree() of anything but a live
 * object from xmalloc() BUG()s where it can tell (not a heap page, not the
 * start of an object, already free). Memory comes from the buddy allocator
 * and is accessed through the direct map. Takes xmalloc_lock, then
 * heap_lock. Context: any but NMI and IRQ.
 */
void *xmalloc(size_t size);
void *xzalloc(size_t size);
void xfree(void *p);

/*
 * Allocate and zero one page for the hypervisor's own use (page tables...);
 * NULL when memory runs out. free_xenheap_page(NULL) does nothing; freeing
 * anything but a page from alloc_xenheap_page() BUG()s where it can tell.
 * Takes heap_lock. Context: any but NMI and IRQ.
 */
void *alloc_xenheap_page(void);
void free_xenheap_page(void *va);

/* Translate between the direct map and machine addresses (arch code). */
void *maddr_to_virt(paddr_t ma);
paddr_t virt_to_maddr(const void *va);

#endif /* XENOLITH_MM_H */
