/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The x86 part of typing frames (contract in xenolith/page_ref.h): page
 * tables are validated entry by entry (pt_validate.c), descriptor pages
 * descriptor by descriptor (pv/desc_check.c, Xen's alloc_segdesc_page).
 * Writable and untyped frames need nothing.
 */
#include <asm/guest_pt.h>
#include <asm/pv_desc.h>
#include <xenolith/errno.h>
#include <xenolith/mm.h>
#include <xenolith/page_ref.h>
#include <asm/flush.h>

uint32_t tlbflush_clock;

bool page_type_needs_validation(uint64_t type)
{
    return pt_level_of_type(type) || type == PGT_SEG_DESC_PAGE;
}

int page_type_validate(struct page_info *pg, uint64_t type)
{
    unsigned int level = pt_level_of_type(type);

    if ( level )
        return pt_validate_table(pg, level);
    /* A descriptor page: our type reference keeps writers out. */
    return pv_desc_check_page(maddr_to_virt(mfn_to_maddr(page_to_mfn(pg))))
           ? -EINVAL : 0;
}

void page_type_invalidate(struct page_info *pg, uint64_t type)
{
    pt_invalidate_table(pg, pt_level_of_type(type));
}
