/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The machine-to-phys table (M2P): for every machine frame, the
 * pseudo-physical frame its owner uses for it, or M2P_INVALID. PV guests
 * read it directly, read-only, at RO_M2P_VIRT_START (Xen's ABI:
 * machine_to_phys_mapping, xen/arch-x86/xen-x86_64.h); Linux's
 * mfn_to_pfn() does so from its very first page-table walk. The hypervisor
 * writes it through the direct map.
 */
#ifndef ASM_M2P_H
#define ASM_M2P_H

#include <xenolith/types.h>

#define M2P_INVALID (~0UL)

/*
 * Allocate and map the table for every frame below max_page, all entries
 * invalid. Context: boot, after the heap works. Panics without memory.
 */
void m2p_init(void);

/* Record that mfn is pseudo-physical frame pfn (or M2P_INVALID). */
void m2p_set(mfn_t mfn, uint64_t pfn);

/*
 * The table is made of 2 MiB extents (naturally aligned blocks of 512
 * frames, in address order at RO_M2P_VIRT_START): how many, and the first
 * machine frame of extent i, or INVALID_MFN past the end. Context: any
 * after m2p_init().
 */
unsigned int m2p_nr_extents(void);
mfn_t m2p_extent_mfn(unsigned int i);

#endif /* ASM_M2P_H */
