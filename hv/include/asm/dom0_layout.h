/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The start-of-day layout of a PV dom0 (xen/xen.h), as pure arithmetic so
 * host tests can check it (tests/unit/test_dom0_layout.c): the virtual
 * layout of the initial mapping and, since the builder hands out frames in
 * pseudo-physical order, which pseudo-physical frames hold what.
 *
 * Pseudo-physical frames, as Xen 4.17 numbers them:
 *   [0, init_alloc)                  the initial allocation: 2^order frames
 *                                    covering the initial mapping (less a
 *                                    mapped initrd); frame n of the mapping
 *                                    is pfn n
 *   [initrd_pfn, + initrd pages)     an unmapped (MOD_START_PFN) initrd,
 *                                    right after the initial allocation; a
 *                                    mapped one sits inside the mapping
 *   [first_p2m_pfn, + nr_p2m_frames) an INIT_P2M list outside the mapping:
 *                                    its page-table frames and its pages,
 *                                    in the order they are first needed
 *   [..., nr_pages)                  the rest
 */
#ifndef ASM_DOM0_LAYOUT_H
#define ASM_DOM0_LAYOUT_H

#include <xenolith/compiler.h>
#include <xenolith/types.h>

/* dom0_layout_input.p2m_base without an INIT_P2M note. */
#define DOM0_P2M_IN_MAP (~0ULL)

/* What the kernel image and the boot modules ask for. */
struct dom0_layout_input {
    uint64_t virt_base;               /* VIRT_BASE: the mapping's start. */
    uint64_t kern_start, kern_end;    /* The loaded image. */
    uint64_t initrd_len;              /* Bytes; 0: no initrd. */
    uint64_t nr_pages;                /* The domain's size in frames. */
    uint64_t p2m_base;                /* INIT_P2M, or DOM0_P2M_IN_MAP. */
    bool unmapped_initrd;             /* MOD_START_PFN given. */
};

struct dom0_layout {
    uint64_t v_start, v_end;          /* The initial mapping. */
    uint64_t kern_start, kern_end;
    uint64_t initrd_start;            /* Virtual; 0 when not mapped. */
    uint64_t initrd_len, initrd_pfn;  /* initrd_pfn: its first frame. */
    uint64_t p2m_start;               /* start_info.mfn_list. */
    bool p2m_separate;                /* Mapped at INIT_P2M, not in the map. */
    uint64_t first_p2m_pfn;           /* start_info.first_p2m_pfn. */
    uint64_t nr_p2m_frames;           /* start_info.nr_p2m_frames. */
    uint64_t start_info;
    uint64_t pt_start, nr_pt_frames;  /* Bootstrap page tables. */
    uint64_t stack_end;               /* Top of the one-page stack. */
    uint64_t nr_pages;                /* The domain's size, from the input. */
};

/*
 * Lay out, as Xen 4.17's dom0_construct_pv() does, the kernel image mapped
 * from virt_base; then the initrd unless unmapped_initrd; then the p2m
 * list (one xen_pfn_t per page) unless p2m_base gives it its own place;
 * the start_info page (with room for the VGA console info Xen puts after
 * it); page tables that map the whole range (themselves included); a
 * stack page; and padding to a 4 MiB boundary with at least 512 KiB. With
 * p2m_base, also count the frames its mapping takes (4 KiB pages only,
 * reusing the initial mapping's tables where they cover it).
 * Context: any. Pure; the input comes from a kernel image.
 * Returns 0 with *l filled, -EINVAL if the inputs are inconsistent, the
 * range would wrap or leave the lower end of the top half, or the p2m
 * range is non-canonical, reaches the hypervisor's slots or touches the
 * initial mapping; -ENOMEM if nr_pages cannot hold it all. *l is undefined
 * on failure.
 */
int __must_check dom0_layout_compute(const struct dom0_layout_input *in,
                                     struct dom0_layout *l);

#endif /* ASM_DOM0_LAYOUT_H */
