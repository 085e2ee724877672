/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The start-of-day virtual layout of a PV dom0 (xen/xen.h), as pure
 * arithmetic so host tests can check it (tests/unit/test_dom0_layout.c).
 */
#ifndef ASM_DOM0_LAYOUT_H
#define ASM_DOM0_LAYOUT_H

#include <xenolith/compiler.h>
#include <xenolith/types.h>

struct dom0_layout {
    uint64_t v_start, v_end;          /* The initial mapping. */
    uint64_t kern_start, kern_end;
    uint64_t initrd_start, initrd_len;
    uint64_t p2m_start;               /* One xen_pfn_t per page. */
    uint64_t start_info;
    uint64_t pt_start, nr_pt_frames;  /* Bootstrap page tables. */
    uint64_t stack_end;               /* Top of the one-page stack. */
    uint64_t nr_pages;                /* Input: the domain's size. */
};

/*
 * Lay out kernel [kern_start, kern_end) mapped from virt_base, an initrd of
 * initrd_len bytes, the p2m list for l->nr_pages (set by the caller), the
 * start_info page, page tables that map the whole range (themselves
 * included), a stack page, and padding to a 4 MiB boundary with at least
 * 512 KiB, as Xen 4.17 does. Returns 0, -EINVAL if the inputs are
 * inconsistent or the range would wrap or leave the lower end of the top
 * half, -ENOMEM if nr_pages cannot cover the initial mapping.
 */
int __must_check dom0_layout_compute(uint64_t virt_base, uint64_t kern_start,
                                     uint64_t kern_end, uint64_t initrd_len,
                                     struct dom0_layout *l);

#endif /* ASM_DOM0_LAYOUT_H */
