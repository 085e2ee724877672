/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * References on domain frames: the general count (someone maps or uses the
 * frame; it cannot be freed) and the typed count (someone uses it as a page
 * table of a given level, a descriptor page, or maps it writable). The type
 * can change only while its count is zero: that is what keeps a guest from
 * writing a page table behind the hypervisor's back, and a frame's contents
 * are validated when it becomes a page table or descriptor page.
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
 * Take a type reference of type (PGT_*). Succeeds if the frame already has
 * that type, or has no type references so its type can change. A frame
 * becoming a page table or descriptor page is validated first
 * (page_type_validate(): every entry checked, references taken on what it
 * maps); if that fails, nothing is taken and its error is returned.
 * Returns 0, -EINVAL for a frame in use as another type (or a type count
 * at its limit), or the validation's error. The caller holds a general
 * reference.
 *
 * put_page_type() drops one; dropping the last of a page-table type undoes
 * the validation (page_type_invalidate(): every reference the entries
 * held goes), so the frame can change type.
 *
 * A type change flushes the TLB when a translation through the frame's
 * previous use may still be cached (tlbflush_timestamp, asm/flush.h): a
 * stale writable mapping of a new page table, or a stale walk through a
 * page table that became writable, would bypass validation.
 */
int __must_check get_page_type(struct page_info *pg, uint64_t type);
void put_page_type(struct page_info *pg);

/*
 * The architecture's part of typing a frame (arch/x86/mm/page_type.c).
 * page_type_validate() runs once, with the caller holding the frame's only
 * type reference and PGT_VALIDATED clear (so nobody else uses it as that
 * type meanwhile); page_type_invalidate() runs once when the last reference
 * of a validated page-table type goes, before the count reaches zero.
 * Returns 0 or a negative errno (Xen's value for the first bad entry).
 */
bool page_type_needs_validation(uint64_t type);
int page_type_validate(struct page_info *pg, uint64_t type);
void page_type_invalidate(struct page_info *pg, uint64_t type);

/*
 * Both at once for a frame number from a guest: a general reference if mfn
 * is a valid frame owned by d, and a type reference of type. Returns 0
 * with *out set, or -EINVAL (not d's frame) or get_page_type()'s error,
 * with nothing taken.
 */
int __must_check get_page_and_type(mfn_t mfn, const struct domain *d,
                                   uint64_t type, struct page_info **out);
void put_page_and_type(struct page_info *pg);

#endif /* XENOLITH_PAGE_REF_H */
