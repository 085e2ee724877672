/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Page-table helpers for a PV guest: frame numbers of the kernel image and
 * single-page remapping through HYPERVISOR_update_va_mapping. Only
 * addresses inside the initial mapping the domain builder made (the kernel
 * image and what follows it) have an L1 entry to change.
 */
#ifndef GUEST_MM_H
#define GUEST_MM_H

#include <guest/xen.h>

/* Guest pseudo-physical frame of a kernel virtual address. */
unsigned long guest_pfn_of(const void *va);

/* Machine frame of a kernel virtual address, from start_info's mfn_list. */
xen_pfn_t guest_mfn_of(const void *va);

/*
 * Point the page at va (page aligned, in the initial mapping) at machine
 * address maddr with PTE flags (guest/arch/page.h), flushing its TLB entry.
 * Returns 0 or the hypervisor's negative errno; the old mapping stays on
 * failure.
 */
int guest_mm_map(void *va, uint64_t maddr, uint64_t flags);

/* Clear the PTE of the page at va. Returns 0 or a negative errno. */
int guest_mm_unmap(void *va);

#endif /* GUEST_MM_H */
