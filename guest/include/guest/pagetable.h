/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reading the guest's own page tables, as the domain builder left them:
 * the tables live in the initial mapping (start_info.pt_base onwards,
 * nr_pt_frames frames, mapped read-only; xen/include/public/xen.h, "start
 * of day"), so they can be read but not written. The order of the tables
 * in that area is the builder's business (Xen's and Xenolith's differ),
 * so tests find them by walking.
 */
#ifndef GUEST_PAGETABLE_H
#define GUEST_PAGETABLE_H

#include <guest/xen.h>

/*
 * The machine frame of the level-level table (4: the L4 at pt_base, 1: an
 * L1) on the walk to va, or 0 if the walk stops earlier (an entry not
 * present, a superpage, or a table outside the bootstrap area).
 */
xen_pfn_t guest_pt_mfn(const void *va, unsigned int level);

/* Where the bootstrap area maps table frame mfn (read-only), or NULL. */
const uint64_t *guest_pt_table_va(xen_pfn_t mfn);

#endif /* GUEST_PAGETABLE_H */
