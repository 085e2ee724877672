/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The machine's physical memory map as the boot loader described it,
 * sanitised (memmap_sanitize(): sorted, disjoint, whole-page RAM) but
 * before the hypervisor reserved anything in it: what Xen calls the e820
 * and hands the hardware domain through XENMEM_machine_memory_map.
 */
#ifndef XENOLITH_HOST_MEMMAP_H
#define XENOLITH_HOST_MEMMAP_H

#include <xenolith/memmap.h>

/*
 * The map, recorded once by the boot path (hv/arch/x86/setup.c) before the
 * frame table exists and read-only afterwards. Context: any, after
 * memory set-up at boot. Never NULL.
 */
const struct memmap *host_memory_map(void);

#endif /* XENOLITH_HOST_MEMMAP_H */
