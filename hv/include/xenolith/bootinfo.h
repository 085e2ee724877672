/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the boot loader told us, in one loader-independent form. Filled by
 * the Multiboot 1 and 2 parsers (hv/arch/x86/boot/multiboot.c), which copy
 * every string into it, so the loader's own structures may be reused once
 * parsing is done. Memory-map handling is in xenolith/memmap.h.
 */
#ifndef XENOLITH_BOOTINFO_H
#define XENOLITH_BOOTINFO_H

#include <xenolith/memmap.h>
#include <xenolith/types.h>

#define BOOT_CMDLINE_SIZE   1024    /* Xen's COMMAND_LINE_SIZE */
#define BOOT_MAX_MODULES    8
#define BOOT_LOADER_NAME_SIZE 64

struct boot_module {
    paddr_t start;
    uint64_t size;
    char cmdline[BOOT_CMDLINE_SIZE];   /* With the image name removed. */
};

struct boot_info {
    char loader_name[BOOT_LOADER_NAME_SIZE];
    char cmdline[BOOT_CMDLINE_SIZE];   /* Hypervisor's, image name removed. */
    unsigned int multiboot_version;    /* 1 or 2 */
    bool cmdline_truncated;            /* The loader's was longer. */
    unsigned int nr_modules;
    unsigned int nr_modules_dropped;   /* More than BOOT_MAX_MODULES given. */
    struct boot_module modules[BOOT_MAX_MODULES];
    struct memmap memmap;              /* Raw, as the loader gave it. */
    uint64_t mem_lower_kib, mem_upper_kib;
    paddr_t rsdp;                      /* 0: the loader gave no ACPI tag. */
    /* Physical range of the loader's information structure (kept reserved). */
    paddr_t info_start, info_end;
    /* What the parser had to drop or repair, as static sentences. */
    unsigned int nr_warnings;
    const char *warnings[8];
};

/*
 * Translates a physical address given by the boot loader into a pointer the
 * parser may read. Returns NULL if [pa, pa+len) is not readable (beyond
 * what the early page tables map), which the parser treats as malformed.
 */
typedef const void *(*boot_phys_to_virt_fn)(paddr_t pa, size_t len);

/*
 * Parse a Multiboot 1 (magic 0x2badb002) or Multiboot 2 (0x36d76289)
 * information structure at info_pa into *bi. Every length, count and
 * pointer in it is checked against map(); what had to be dropped or
 * repaired is listed in bi->warnings. Returns 0, or -EINVAL if the
 * structure is unusable (bad magic, unreadable). Pure. Context: boot.
 */
int multiboot_parse(uint32_t magic, paddr_t info_pa, boot_phys_to_virt_fn map,
                    struct boot_info *bi);

#endif /* XENOLITH_BOOTINFO_H */
