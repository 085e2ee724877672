/* SPDX-License-Identifier: GPL-2.0-only */
/* Boot-time entry points between the boot path and the subsystems. */
#ifndef XENOLITH_SETUP_H
#define XENOLITH_SETUP_H

#include <xenolith/compiler.h>
#include <xenolith/memmap.h>
#include <xenolith/types.h>

#define XENOLITH_VERSION "0.1"

/* Called by head.S with the loader's magic and information address. */
void start_xenolith(uint32_t magic, uint32_t info_pa) __noreturn;

/*
 * Map and fill the frame table for the RAM in ram, mark every RAM frame not
 * in free_ram as in use by the boot path, hand free_ram to the buddy
 * allocator and retire the boot allocator. Context: boot, after
 * paging_init(). (hv/arch/x86/mm/frame_table_map.c)
 */
void frame_table_init(const struct memmap *ram, struct memmap *free_ram);

/* Print frame accounting: total, free, hypervisor, boot modules, reserved. */
void memory_report(void);

#endif /* XENOLITH_SETUP_H */
