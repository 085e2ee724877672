/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Multiboot 1 and 2 information parsers (the Multiboot Specification 0.6.96
 * and 2.0). The structure comes from the boot loader, so it is treated as
 * untrusted input: every pointer is checked with the caller's map function,
 * every count and length is bounded, and strings are copied with limits.
 * Xen's rules for command lines apply (xenolith/param.h).
 */
#include <xenolith/bootinfo.h>
#include <xenolith/errno.h>
#include <xenolith/param.h>
#include <xenolith/string.h>

#define MB1_LOADER_MAGIC 0x2badb002
#define MB2_LOADER_MAGIC 0x36d76289

#define MB1_INFO_MEMORY   (1u << 0)
#define MB1_INFO_CMDLINE  (1u << 2)
#define MB1_INFO_MODS     (1u << 3)
#define MB1_INFO_MMAP     (1u << 6)
#define MB1_INFO_LOADER   (1u << 9)

#define MB2_TAG_END       0
#define MB2_TAG_CMDLINE   1
#define MB2_TAG_LOADER    2
#define MB2_TAG_MODULE    3
#define MB2_TAG_MEMINFO   4
#define MB2_TAG_MMAP      6
#define MB2_TAG_ACPI_OLD  14
#define MB2_TAG_ACPI_NEW  15

#define MB2_INFO_MAX      (1u << 20)   /* No real loader gives more. */

struct mb1_info {
    uint32_t flags, mem_lower, mem_upper, boot_device, cmdline;
    uint32_t mods_count, mods_addr, syms[4];
    uint32_t mmap_length, mmap_addr, drives_length, drives_addr;
    uint32_t config_table, boot_loader_name;
} __packed;

struct mb1_module {
    uint32_t mod_start, mod_end, string, reserved;
} __packed;

struct mb1_mmap_entry {
    uint32_t size;
    uint64_t base, length;
    uint32_t type;
} __packed;

struct mb2_tag {
    uint32_t type, size;
} __packed;

static void warn(struct boot_info *bi, const char *msg)
{
    if ( bi->nr_warnings < ARRAY_SIZE(bi->warnings) )
        bi->warnings[bi->nr_warnings++] = msg;
}

/*
 * Copies the loader's NUL-terminated string at pa into dst[size]; returns
 * true if it had to be cut (too long, or unreadable memory on the way).
 */
static bool copy_string(boot_phys_to_virt_fn map, paddr_t pa, char *dst,
                        size_t size)
{
    size_t i;

    for ( i = 0; i + 1 < size; i++ )
    {
        const char *c = map(pa + i, 1);

        if ( !c )
            break;
        if ( *c == '\0' )
        {
            dst[i] = '\0';
            return false;
        }
        dst[i] = *c;
    }
    dst[i] = '\0';
    return true;
}

/* Stores a module command line with Xen's image-name rule applied. */
static void set_module_cmdline(struct boot_module *mod, const char *raw,
                               const char *loader)
{
    const char *args = cmdline_skip_image_name(raw, loader);

    memmove(mod->cmdline, args, strlen(args) + 1);
}

static void add_module(struct boot_info *bi, boot_phys_to_virt_fn map,
                       paddr_t start, paddr_t end, paddr_t string)
{
    struct boot_module *mod;

    if ( end <= start )
    {
        warn(bi, "a boot module with no contents was ignored");
        return;
    }
    if ( bi->nr_modules == BOOT_MAX_MODULES )
    {
        bi->nr_modules_dropped++;
        return;
    }
    mod = &bi->modules[bi->nr_modules++];
    mod->start = start;
    mod->size = end - start;
    mod->cmdline[0] = '\0';
    if ( string && copy_string(map, string, mod->cmdline, sizeof(mod->cmdline)) )
        warn(bi, "a boot module's command line was truncated");
}

static void set_cmdline(struct boot_info *bi, boot_phys_to_virt_fn map,
                        paddr_t pa)
{
    bi->cmdline_truncated = copy_string(map, pa, bi->cmdline,
                                        sizeof(bi->cmdline));
}

static int parse_mb1(paddr_t info_pa, boot_phys_to_virt_fn map,
                     struct boot_info *bi)
{
    const struct mb1_info *mbi = map(info_pa, sizeof(*mbi));
    uint32_t i;

    if ( !mbi )
        return -EINVAL;
    bi->multiboot_version = 1;
    bi->info_start = info_pa;
    bi->info_end = info_pa + sizeof(*mbi);
    if ( (mbi->flags & MB1_INFO_LOADER) &&
         copy_string(map, mbi->boot_loader_name, bi->loader_name,
                     sizeof(bi->loader_name)) )
        warn(bi, "the boot loader's name was truncated");
    if ( mbi->flags & MB1_INFO_CMDLINE )
        set_cmdline(bi, map, mbi->cmdline);
    if ( mbi->flags & MB1_INFO_MEMORY )
    {
        bi->mem_lower_kib = mbi->mem_lower;
        bi->mem_upper_kib = mbi->mem_upper;
    }
    if ( mbi->flags & MB1_INFO_MODS )
    {
        const struct mb1_module *mods =
            map(mbi->mods_addr, (size_t)mbi->mods_count * sizeof(*mods));

        if ( !mods && mbi->mods_count )
            warn(bi, "the module list is unreadable and was ignored");
        for ( i = 0; mods && i < mbi->mods_count; i++ )
            add_module(bi, map, mods[i].mod_start, mods[i].mod_end,
                       mods[i].string);
    }
    if ( mbi->flags & MB1_INFO_MMAP )
    {
        uint32_t off = 0;

        if ( !map(mbi->mmap_addr, mbi->mmap_length) )
            warn(bi, "the memory map is unreadable and was ignored");
        else
            while ( off + sizeof(struct mb1_mmap_entry) <= mbi->mmap_length )
            {
                const struct mb1_mmap_entry *e = map(mbi->mmap_addr + off,
                                                     sizeof(*e));

                if ( e->size < 20 )
                {
                    warn(bi, "a malformed memory-map entry ended the map");
                    break;
                }
                memmap_add(&bi->memmap, e->base, e->length, e->type);
                off += e->size + 4;
            }
    }
    return 0;
}

static void parse_mb2_mmap(struct boot_info *bi, boot_phys_to_virt_fn map,
                           paddr_t tag_pa, uint32_t tag_size)
{
    const uint32_t *hdr = map(tag_pa + 8, 8);
    uint32_t entry_size = hdr[0], off;

    if ( entry_size < 20 || entry_size > 4096 )
    {
        warn(bi, "a malformed memory-map tag was ignored");
        return;
    }
    for ( off = 16; off + entry_size <= tag_size; off += entry_size )
    {
        const struct { uint64_t base, length; uint32_t type; } __packed *e =
            map(tag_pa + off, 20);

        memmap_add(&bi->memmap, e->base, e->length, e->type);
    }
}

static int parse_mb2(paddr_t info_pa, boot_phys_to_virt_fn map,
                     struct boot_info *bi)
{
    const uint32_t *hdr = map(info_pa, 8);
    uint32_t total, off;

    if ( !hdr || (info_pa & 7) )
        return -EINVAL;
    total = hdr[0];
    if ( total < 16 || total > MB2_INFO_MAX || !map(info_pa, total) )
        return -EINVAL;
    bi->multiboot_version = 2;
    bi->info_start = info_pa;
    bi->info_end = info_pa + total;

    for ( off = 8; off + sizeof(struct mb2_tag) <= total;
          off += ROUNDUP(((const struct mb2_tag *)map(info_pa + off, 8))->size,
                         8u) )
    {
        const struct mb2_tag *tag = map(info_pa + off, sizeof(*tag));
        const uint32_t *u32 = (const uint32_t *)(tag + 1);

        if ( tag->type == MB2_TAG_END )
            return 0;
        if ( tag->size < 8 || tag->size > total - off )
        {
            warn(bi, "a malformed Multiboot 2 tag ended the tag list");
            return 0;
        }
        switch ( tag->type )
        {
        case MB2_TAG_CMDLINE:
            set_cmdline(bi, map, info_pa + off + 8);
            break;
        case MB2_TAG_LOADER:
            copy_string(map, info_pa + off + 8, bi->loader_name,
                        sizeof(bi->loader_name));
            break;
        case MB2_TAG_MODULE:
            if ( tag->size >= 17 )
                add_module(bi, map, u32[0], u32[1], info_pa + off + 16);
            break;
        case MB2_TAG_MEMINFO:
            if ( tag->size >= 16 )
            {
                bi->mem_lower_kib = u32[0];
                bi->mem_upper_kib = u32[1];
            }
            break;
        case MB2_TAG_MMAP:
            if ( tag->size >= 16 )
                parse_mb2_mmap(bi, map, info_pa + off, tag->size);
            break;
        case MB2_TAG_ACPI_OLD:
        case MB2_TAG_ACPI_NEW:
            if ( tag->size >= 8 + 20 && (!bi->rsdp || tag->type == MB2_TAG_ACPI_NEW) )
                bi->rsdp = info_pa + off + 8;
            break;
        default:
            break;
        }
    }
    warn(bi, "the Multiboot 2 tag list has no end tag");
    return 0;
}

int multiboot_parse(uint32_t magic, paddr_t info_pa, boot_phys_to_virt_fn map,
                    struct boot_info *bi)
{
    int rc;
    unsigned int i;

    memset(bi, 0, sizeof(*bi));
    if ( magic == MB1_LOADER_MAGIC )
        rc = parse_mb1(info_pa, map, bi);
    else if ( magic == MB2_LOADER_MAGIC )
        rc = parse_mb2(info_pa, map, bi);
    else
        rc = -EINVAL;
    if ( rc )
        return rc;

    /* Xen's first-word rule, once the loader's name is known. */
    {
        const char *args = cmdline_skip_image_name(bi->cmdline,
                                                   bi->loader_name);

        memmove(bi->cmdline, args, strlen(args) + 1);
    }
    for ( i = 0; i < bi->nr_modules; i++ )
        set_module_cmdline(&bi->modules[i], bi->modules[i].cmdline,
                           bi->loader_name);
    /* No map at all: fall back to the basic lower/upper memory sizes. */
    if ( bi->memmap.nr == 0 && bi->mem_upper_kib )
    {
        warn(bi, "no memory map given; using the basic memory sizes");
        memmap_add(&bi->memmap, 0, bi->mem_lower_kib << 10, MEMMAP_RAM);
        memmap_add(&bi->memmap, 1 << 20, bi->mem_upper_kib << 10, MEMMAP_RAM);
    }
    if ( bi->nr_modules_dropped )
        warn(bi, "more boot modules than Xenolith keeps; the rest were ignored");
    if ( bi->memmap.overflowed )
        warn(bi, "the memory map has more entries than Xenolith keeps");
    return 0;
}
