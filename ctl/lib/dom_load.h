/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Filling a PV domain's start-of-day region once it is mapped in dom0:
 * the kernel's segments, the ramdisk, the phys-to-machine list, start_info
 * and the initial page tables (pv_layout.h). Pure over the mapping, so
 * the unit tests run it on plain memory.
 */
#ifndef CTL_LIB_DOM_LOAD_H
#define CTL_LIB_DOM_LOAD_H

#include <image/elf_xen.h>

#include "pv_layout.h"
#include "pv_start.h"

/*
 * region is the mapping of pfns [0, l->bootstrap_pages), zeroed. image is
 * the kernel that info was parsed from; p2m lists l->nr_pages machine
 * frames; dev->ramdisk_bytes bytes of ramdisk are copied from ramdisk.
 * Returns 0, or the ELF loader's error (a segment outside the region:
 * -EINVAL).
 */
int dom_load_region(void *region, const struct pv_layout *l,
                    const void *image, size_t image_size,
                    const struct elf_xen_info *info, const void *ramdisk,
                    const xen_pfn_t *p2m, const struct pv_start_devices *dev);

#endif /* CTL_LIB_DOM_LOAD_H */
