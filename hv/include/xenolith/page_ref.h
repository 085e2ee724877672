/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * References on domain frames: the general count (someone maps or uses the
 * frame; it cannot be freed) and the typed count (someone uses it as a page
 * table of a given level, a descriptor page, or maps it writable). The type
 * can change only while its count is zero: that is what keeps a guest from
 * writing a page table behind the hypervisor's back (issue 4 validates the
 * table contents; today the builder and update_va_mapping keep the counts).
 *
 * Context: any; counts change with atomic compare-and-exchange, no lock.
 */
#ifndef XENOLITH_PAGE_REF_H
#define XENOLITH_PAGE_REF_H

#include <xenolith/compiler.h>
#include <xenolith/frame_table.h>

struct domain;

/*
 * Take a general reference if pg is an allocated frame owned by d.
 * Returns false (nothing taken) otherwise, and for a domain frame whose
 * last reference is gone (it is being freed). put_page() drops one; the
 * last reference of a domain frame whose allocation reference went
 * (domain_free_page()) frees it (domain_page_release()).
 */
bool __must_check get_page(struct page_info *pg, const struct domain *d);
void put_page(struct page_info *pg);

/*
 * Take a type reference of type (PGT_*): succeeds if the frame already has
 * that type, or has no type references so its type can change. Returns
 * false (nothing taken) otherwise. The caller holds a general reference.
 */
bool __must_check get_page_type(struct page_info *pg, uint64_t type);
void put_page_type(struct page_info *pg);

/*
 * Both at once for a frame number from a guest: a general reference if mfn
 * is a valid frame owned by d, and a type reference of type. Returns the
 * frame, or NULL with nothing taken.
 */
struct page_info *__must_check get_page_and_type(mfn_t mfn,
                                                 const struct domain *d,
                                                 uint64_t type);

#endif /* XENOLITH_PAGE_REF_H */
