/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ELF64 kernel images for the PV builders: the ELF header, the program
 * headers, the loadable segments, where the Xen notes are looked for, and
 * the copy into guest memory. The notes themselves, the defaults and the
 * PV64 policy are in elf_xen_notes.c.
 *
 * Model: elf_xen_parse() validates everything once and keeps the checked
 * segments in struct elf_xen_info; elf_xen_load() then only copies. The
 * order of the checks and the Xen behaviour they copy follow libelf
 * (xen/common/libelf/libelf-loader.c elf_init(), elf_parse_binary(),
 * libelf-dominfo.c elf_xen_parse()): segments are placed by p_paddr,
 * PT_LOAD segments without any of PF_R/W/X are not loaded, PT_NOTE
 * segments at file offset 0 are skipped (a binutils bug), SHT_NOTE
 * sections are read only when no PT_NOTE segment holds a Xen note.
 */
#include <xenolith/compiler.h>

#include "elf_xen_private.h"

BUILD_BUG_ON(sizeof(struct elf64_ehdr) != 64);
BUILD_BUG_ON(sizeof(struct elf64_phdr) != 56);
BUILD_BUG_ON(sizeof(struct elf64_shdr) != 64);

static const uint8_t elf_magic[4] = { 0x7f, 'E', 'L', 'F' };

static int check_ident(struct elf_xen_image *img)
{
    struct elf_xen_info *info = img->info;
    const uint8_t *id = img->bytes;

    if ( img->size < 4 || memcmp(id, elf_magic, 4) )
        return elf_xen_refuse(info, -ENOEXEC, "not an ELF image");
    if ( img->size < ELF_EI_NIDENT )
        return elf_xen_refuse(info, -EINVAL, "ELF header truncated");
    if ( id[ELF_EI_CLASS] == ELF_CLASS32 )
        return elf_xen_refuse(info, -EOPNOTSUPP,
                              "32-bit ELF kernel: 32-bit PV guests are not "
                              "supported, use a 64-bit kernel");
    if ( id[ELF_EI_CLASS] != ELF_CLASS64 )
        return elf_xen_refuse(info, -EINVAL, "ELF class is not 64-bit");
    if ( id[ELF_EI_DATA] != ELF_DATA2LSB )
        return elf_xen_refuse(info, -EINVAL, "ELF image is not little endian");
    if ( id[ELF_EI_VERSION] != ELF_EV_CURRENT )
        return elf_xen_refuse(info, -EINVAL, "ELF version is not 1");
    return 0;
}

static int check_ehdr(struct elf_xen_image *img)
{
    struct elf_xen_info *info = img->info;
    const struct elf64_ehdr *eh = &img->ehdr;

    if ( img->size < sizeof(*eh) )
        return elf_xen_refuse(info, -EINVAL, "ELF header truncated");
    memcpy(&img->ehdr, img->bytes, sizeof(img->ehdr));
    /* Xen 4.17: "Mismatch between Xen and DOM0 kernel". */
    if ( eh->e_machine != ELF_EM_X86_64 )
        return elf_xen_refuse(info, -EINVAL, "ELF machine is not x86-64");
    /*
     * Differs from Xen: libelf does not look at e_type; we accept the two
     * types that carry program headers (Linux and XTF are ET_EXEC).
     */
    if ( eh->e_type != ELF_ET_EXEC && eh->e_type != ELF_ET_DYN )
        return elf_xen_refuse(info, -EINVAL,
                              "ELF image is not an executable (ET_EXEC)");
    info->e_entry = eh->e_entry;
    return 0;
}

/* The program-header table: sane entry size and count, inside the image. */
static int check_phdr_table(struct elf_xen_image *img)
{
    struct elf_xen_info *info = img->info;
    const struct elf64_ehdr *eh = &img->ehdr;

    if ( eh->e_phnum == 0 )
        return elf_xen_refuse(info, -EINVAL,
                              "ELF image has no program headers");
    if ( eh->e_phentsize != sizeof(struct elf64_phdr) )
        return elf_xen_refuse(info, -EINVAL,
                              "ELF program header size is not 56 bytes");
    /* 0xffff (PN_XNUM) means "more than 65534": far too many anyway. */
    if ( eh->e_phnum > ELF_XEN_MAX_PHDRS )
        return elf_xen_refuse(info, -E2BIG, "too many ELF program headers");
    if ( !elf_xen_range_ok(img, eh->e_phoff,
                           (uint64_t)eh->e_phnum * eh->e_phentsize) )
        return elf_xen_refuse(info, -EINVAL,
                              "ELF program headers lie outside the image");
    return 0;
}

/* Xen 4.17 (elf_init) refuses a section-header table outside the image. */
static int check_shdr_table(struct elf_xen_image *img)
{
    struct elf_xen_info *info = img->info;
    const struct elf64_ehdr *eh = &img->ehdr;

    if ( eh->e_shnum == 0 )
        return 0;
    if ( eh->e_shentsize != sizeof(struct elf64_shdr) )
        return elf_xen_refuse(info, -EINVAL,
                              "ELF section header size is not 64 bytes");
    if ( !elf_xen_range_ok(img, eh->e_shoff,
                           (uint64_t)eh->e_shnum * eh->e_shentsize) )
        return elf_xen_refuse(info, -EINVAL,
                              "ELF section headers lie outside the image");
    return 0;
}

static void read_phdr(const struct elf_xen_image *img, unsigned int i,
                      struct elf64_phdr *ph)
{
    memcpy(ph, img->bytes + img->ehdr.e_phoff + (uint64_t)i * sizeof(*ph),
           sizeof(*ph));
}

static void read_shdr(const struct elf_xen_image *img, unsigned int i,
                      struct elf64_shdr *sh)
{
    memcpy(sh, img->bytes + img->ehdr.e_shoff + (uint64_t)i * sizeof(*sh),
           sizeof(*sh));
}

static int add_segment(struct elf_xen_image *img, const struct elf64_phdr *ph)
{
    struct elf_xen_info *info = img->info;
    struct elf_xen_segment *seg;

    if ( info->nr_segments == ELF_XEN_MAX_LOADS )
        return elf_xen_refuse(info, -E2BIG, "too many PT_LOAD segments");
    if ( ph->p_filesz > ph->p_memsz )
        return elf_xen_refuse(info, -EINVAL,
                              "PT_LOAD segment has filesz > memsz");
    if ( !elf_xen_range_ok(img, ph->p_offset, ph->p_filesz) )
        return elf_xen_refuse(info, -EINVAL,
                              "PT_LOAD segment lies outside the image");
    if ( ph->p_paddr + ph->p_memsz < ph->p_paddr )
        return elf_xen_refuse(info, -EINVAL,
                              "PT_LOAD segment wraps around the address space");
    seg = &info->segments[info->nr_segments++];
    seg->offset = ph->p_offset;
    seg->filesz = ph->p_filesz;
    seg->memsz = ph->p_memsz;
    seg->paddr = ph->p_paddr;
    seg->flags = ph->p_flags;
    info->pstart = MIN(info->pstart, ph->p_paddr);
    info->pend = MAX(info->pend, ph->p_paddr + ph->p_memsz);
    return 0;
}

static int scan_segments(struct elf_xen_image *img)
{
    struct elf_xen_info *info = img->info;
    struct elf64_phdr ph;
    unsigned int i;
    int rc;

    info->pstart = ~0ULL;
    info->pend = 0;
    for ( i = 0; i < img->ehdr.e_phnum; i++ )
    {
        read_phdr(img, i, &ph);
        if ( ph.p_type != ELF_PT_LOAD || !(ph.p_flags & ELF_PF_RWX) )
            continue;
        if ( (rc = add_segment(img, &ph)) )
            return rc;
    }
    if ( info->nr_segments == 0 )
        return elf_xen_refuse(info, -EINVAL,
                              "ELF image has no loadable segment");
    return 0;
}

static int scan_note_segments(struct elf_xen_image *img)
{
    struct elf64_phdr ph;
    unsigned int i;
    int rc;

    for ( i = 0; i < img->ehdr.e_phnum; i++ )
    {
        read_phdr(img, i, &ph);
        /* Xen 4.17: some binutils leave p_offset 0 in note segments. */
        if ( ph.p_type != ELF_PT_NOTE || ph.p_offset == 0 )
            continue;
        if ( !elf_xen_range_ok(img, ph.p_offset, ph.p_filesz) )
            return elf_xen_refuse(img->info, -EINVAL,
                                  "PT_NOTE segment lies outside the image");
        if ( (rc = elf_xen_parse_notes(img, ph.p_offset, ph.p_filesz)) )
            return rc;
    }
    return 0;
}

/* Xen 4.17: SHT_NOTE sections, skipping section 0, if no segment had notes. */
static int scan_note_sections(struct elf_xen_image *img)
{
    struct elf64_shdr sh;
    unsigned int i;
    int rc;

    for ( i = 1; i < img->ehdr.e_shnum; i++ )
    {
        read_shdr(img, i, &sh);
        if ( sh.sh_type != ELF_SHT_NOTE )
            continue;
        if ( !elf_xen_range_ok(img, sh.sh_offset, sh.sh_size) )
            return elf_xen_refuse(img->info, -EINVAL,
                                  "SHT_NOTE section lies outside the image");
        if ( (rc = elf_xen_parse_notes(img, sh.sh_offset, sh.sh_size)) )
            return rc;
    }
    img->info->notes_from_sections = img->nr_xen_notes != 0;
    return 0;
}

/*
 * Differs from Xen: the legacy "__xen_guest" section (pre-2006 kernels) is
 * not read; Linux has carried notes since 2.6.23, XTF and Mini-OS too.
 */
static int find_notes(struct elf_xen_image *img)
{
    int rc = scan_note_segments(img);

    if ( !rc && img->nr_xen_notes == 0 )
        rc = scan_note_sections(img);
    if ( !rc && img->nr_xen_notes == 0 )
        rc = elf_xen_refuse(img->info, -EINVAL,
                            "not a Xen kernel: no Xen ELF notes (the legacy "
                            "__xen_guest section is not supported)");
    return rc;
}

static void info_init(struct elf_xen_info *info)
{
    memset(info, 0, sizeof(*info));
    info->virt_base = ELF_XEN_UNSET;
    info->paddr_offset = ELF_XEN_UNSET;
    info->virt_entry = ELF_XEN_UNSET;
    info->virt_hypercall = ELF_XEN_UNSET;
    info->p2m_base = ELF_XEN_UNSET;
    info->hv_start_low = ELF_XEN_UNSET;
    info->phys32_entry = ELF_XEN_UNSET;
    info->suspend_cancel = ELF_XEN_UNSET;
}

int elf_xen_parse(const void *image, size_t size, struct elf_xen_info *info)
{
    struct elf_xen_image img = { .bytes = image, .size = size, .info = info };
    unsigned int i;
    int rc;

    info_init(info);
    if ( !image )
        return elf_xen_refuse(info, -EINVAL, "no image");
    if ( (rc = check_ident(&img)) || (rc = check_ehdr(&img)) ||
         (rc = check_phdr_table(&img)) || (rc = check_shdr_table(&img)) ||
         (rc = scan_segments(&img)) || (rc = find_notes(&img)) ||
         (rc = elf_xen_compute_layout(info)) )
        return rc;
    for ( i = 0; i < info->nr_segments; i++ )
        info->segments[i].virt = info->segments[i].paddr +
                                 (info->virt_kstart - info->pstart);
    info->error = NULL;
    return 0;
}

static int load_segment(const uint8_t *bytes, const struct elf_xen_segment *seg,
                        int (*write)(void *ctx, uint64_t virt,
                                     const void *src, size_t len),
                        int (*zero)(void *ctx, uint64_t virt, size_t len),
                        void *ctx)
{
    int rc = 0;

    if ( seg->filesz )
        rc = write(ctx, seg->virt, bytes + seg->offset, seg->filesz);
    if ( !rc && seg->memsz > seg->filesz )
        rc = zero(ctx, seg->virt + seg->filesz, seg->memsz - seg->filesz);
    return rc;
}

int elf_xen_load(const void *image, size_t size,
                 const struct elf_xen_info *info,
                 int (*write)(void *ctx, uint64_t virt,
                              const void *src, size_t len),
                 int (*zero)(void *ctx, uint64_t virt, size_t len),
                 void *ctx)
{
    const struct elf_xen_segment *seg;
    unsigned int i;
    int rc;

    if ( !image || !write || !zero || info->error ||
         info->nr_segments > ELF_XEN_MAX_LOADS )
        return -EINVAL;
    for ( i = 0; i < info->nr_segments; i++ )
    {
        seg = &info->segments[i];
        /* Cheap insurance against an info that belongs to another image. */
        if ( seg->offset > size || seg->filesz > size - seg->offset ||
             seg->filesz > seg->memsz || (size_t)seg->memsz != seg->memsz )
            return -EINVAL;
        if ( (rc = load_segment(image, seg, write, zero, ctx)) )
            return rc;
    }
    return 0;
}
