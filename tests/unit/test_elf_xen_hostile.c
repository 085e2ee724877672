/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ELF kernel parser (portable/image/elf_xen.c, elf_xen_notes.c) on
 * hostile images: each case breaks one thing in a valid image and expects
 * Xen's errno and a clear reason; then a deterministic fuzz loop flips
 * bytes of a valid image and must never crash (ASan and UBSan watch), and
 * whatever it accepts must describe segments inside the image and the
 * kernel range.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "elf_builder.h"

#include <image/elf_xen.h>
#include <xen/elfnote.h>
#include <xenolith/errno.h>

static struct eb b;
static struct elf_xen_info info;

static int parse_size(size_t size)
{
    return elf_xen_parse(b.buf, size, &info);
}

static int parse(void)
{
    return parse_size(b.size);
}

/* Expect rc and a reason containing `why`. */
#define REFUSED(expr, rc, why)                                             \
    do {                                                                   \
        CHECK_EQ(expr, rc);                                                \
        CHECK(info.error && strstr(info.error, why));                      \
    } while ( 0 )

TEST(not_elf_and_truncated_headers)
{
    static const char text[] = "#!/bin/sh\necho not a kernel\n";

    REFUSED(elf_xen_parse(text, sizeof(text), &info), -ENOEXEC, "not an ELF");
    REFUSED(elf_xen_parse(NULL, 0, &info), -EINVAL, "no image");
    eb_linux_like(&b);
    REFUSED(parse_size(0), -ENOEXEC, "not an ELF");
    REFUSED(parse_size(3), -ENOEXEC, "not an ELF");
    REFUSED(parse_size(12), -EINVAL, "truncated");
    REFUSED(parse_size(63), -EINVAL, "truncated");
    REFUSED(parse_size(64), -EINVAL, "program headers lie outside");
    REFUSED(parse_size(EB_NOTES_OFF + 8), -EINVAL, "outside the image");
}

TEST(wrong_class_endianness_machine_type)
{
    eb_linux_like(&b);
    b.buf[EI_CLASS] = ELFCLASS32;
    REFUSED(parse(), -EOPNOTSUPP, "32-bit");
    b.buf[EI_CLASS] = 3;
    REFUSED(parse(), -EINVAL, "class");
    eb_linux_like(&b);
    b.buf[EI_DATA] = ELFDATA2MSB;
    REFUSED(parse(), -EINVAL, "little endian");
    eb_linux_like(&b);
    b.buf[EI_VERSION] = 0;
    REFUSED(parse(), -EINVAL, "version");
    eb_linux_like(&b);
    eb_ehdr(&b)->e_machine = EM_386;
    REFUSED(parse(), -EINVAL, "x86-64");
    eb_linux_like(&b);
    eb_ehdr(&b)->e_type = ET_REL;
    REFUSED(parse(), -EINVAL, "executable");
    eb_ehdr(&b)->e_type = ET_DYN;       /* libelf takes ET_DYN: so do we. */
    CHECK_EQ(parse(), 0);
}

TEST(program_header_table_outside_or_huge)
{
    eb_linux_like(&b);
    eb_ehdr(&b)->e_phoff = b.size - 8;
    REFUSED(parse(), -EINVAL, "program headers lie outside");
    eb_ehdr(&b)->e_phoff = ~0ULL - 16;            /* phoff + size wraps. */
    REFUSED(parse(), -EINVAL, "program headers lie outside");
    eb_linux_like(&b);
    eb_ehdr(&b)->e_phnum = 0xffff;
    REFUSED(parse(), -E2BIG, "too many ELF program headers");
    eb_ehdr(&b)->e_phnum = 0;
    REFUSED(parse(), -EINVAL, "no program headers");
    eb_linux_like(&b);
    eb_ehdr(&b)->e_phentsize = 32;
    REFUSED(parse(), -EINVAL, "56 bytes");
}

TEST(section_header_table_outside)
{
    eb_linux_like(&b);
    eb_ehdr(&b)->e_shnum = 10;
    eb_ehdr(&b)->e_shoff = b.size - 64;
    REFUSED(parse(), -EINVAL, "section headers lie outside");
    eb_ehdr(&b)->e_shoff = ~0ULL - 63;
    REFUSED(parse(), -EINVAL, "section headers lie outside");
    eb_ehdr(&b)->e_shentsize = 40;
    REFUSED(parse(), -EINVAL, "64 bytes");
}

TEST(bad_load_segments)
{
    eb_linux_like(&b);
    eb_phdr_at(&b, 1)->p_filesz = 0x4000;         /* > memsz 0x3000. */
    REFUSED(parse(), -EINVAL, "filesz > memsz");
    eb_linux_like(&b);
    eb_phdr_at(&b, 0)->p_offset = b.size - 0x100;
    REFUSED(parse(), -EINVAL, "PT_LOAD segment lies outside");
    eb_phdr_at(&b, 0)->p_offset = ~0ULL - 0xfff;  /* offset + filesz wraps. */
    REFUSED(parse(), -EINVAL, "PT_LOAD segment lies outside");
    eb_linux_like(&b);
    eb_phdr_at(&b, 1)->p_paddr = ~0ULL - 0x1000;  /* paddr + memsz wraps. */
    REFUSED(parse(), -EINVAL, "wraps");
    eb_linux_like(&b);
    eb_phdr_at(&b, 0)->p_flags = 0;               /* Not loadable: skipped. */
    eb_phdr_at(&b, 1)->p_type = PT_DYNAMIC;
    REFUSED(parse(), -EINVAL, "no loadable segment");
}

TEST(too_many_load_segments)
{
    unsigned int i;

    eb_xtf_like_begin(&b);
    for ( i = 0; i < ELF_XEN_MAX_LOADS; i++ )
        eb_phdr(&b, PT_LOAD, PF_R, EB_DATA_OFF, XTF_BASE, XTF_BASE, 0, 0x10);
    eb_finish(&b);
    REFUSED(parse(), -E2BIG, "too many PT_LOAD");
}

TEST(virtual_layout_wraps_or_escapes)
{
    /* VIRT_BASE pushes the top of the image past 2^64. */
    eb_init(&b, 0xfffffffffffff000ULL);
    eb_load(&b, 0, 0, 0x1000, 0x2000, PF_R | PF_X, 1);
    eb_note_str(&b, XEN_ELFNOTE_LOADER, "generic");
    eb_note_u64(&b, XEN_ELFNOTE_VIRT_BASE, 0xfffffffffffff000ULL);
    eb_note_u64(&b, XEN_ELFNOTE_PADDR_OFFSET, 0);
    eb_finish(&b);
    REFUSED(parse(), -EINVAL, "wraps");
    /* VIRT_BASE above the image start (PADDR_OFFSET > the lowest p_paddr). */
    eb_linux_like_begin(&b);
    eb_note_u64(&b, XEN_ELFNOTE_PADDR_OFFSET, 0x2000000);
    eb_finish(&b);
    REFUSED(parse(), -EINVAL, "VIRT_BASE lies above");
    /* PADDR_OFFSET without VIRT_BASE. */
    eb_xtf_like_begin(&b);
    eb_note_u64(&b, XEN_ELFNOTE_PADDR_OFFSET, 0);
    eb_finish(&b);
    REFUSED(parse(), -EINVAL, "PADDR_OFFSET set, VIRT_BASE unset");
    /* Entry outside the image, p2m inside it. */
    eb_linux_like_begin(&b);
    eb_note_u64(&b, XEN_ELFNOTE_ENTRY, LINUX_KEND + 1);
    eb_finish(&b);
    REFUSED(parse(), -EINVAL, "entry point");
    eb_linux_like_begin(&b);
    eb_note_u64(&b, XEN_ELFNOTE_ENTRY, LINUX_TEXT - 1);
    eb_finish(&b);
    REFUSED(parse(), -EINVAL, "entry point");
    eb_linux_like_begin(&b);
    eb_note_u64(&b, XEN_ELFNOTE_INIT_P2M, LINUX_TEXT + 0x2000);
    eb_finish(&b);
    REFUSED(parse(), -EINVAL, "INIT_P2M lies inside");
}

/* Offset in b.buf of the first note's header (the GNU build-id one). */
#define NOTE0 EB_NOTES_OFF

static void set_u32(size_t off, uint32_t v)
{
    memcpy(b.buf + off, &v, sizeof(v));
}

TEST(notes_with_bad_sizes)
{
    eb_linux_like(&b);
    set_u32(NOTE0, 0xffffffff);                   /* namesz. */
    REFUSED(parse(), -EINVAL, "name runs past");
    eb_linux_like(&b);
    set_u32(NOTE0 + 4, 0xfffffffd);               /* descsz. */
    REFUSED(parse(), -EINVAL, "value runs past");
    eb_linux_like(&b);
    set_u32(NOTE0 + 4, b.notes_len);              /* Just past the end. */
    REFUSED(parse(), -EINVAL, "value runs past");
    eb_linux_like(&b);
    eb_phdr_at(&b, 2)->p_filesz = b.notes_len + 6; /* A 6-byte tail. */
    REFUSED(parse(), -EINVAL, "header truncated");
    eb_linux_like(&b);
    eb_phdr_at(&b, 2)->p_offset = NOTE0 + 2;
    REFUSED(parse(), -EINVAL, "4-byte aligned");
    eb_linux_like(&b);
    eb_phdr_at(&b, 2)->p_filesz = b.size;         /* Past the image. */
    REFUSED(parse(), -EINVAL, "PT_NOTE segment lies outside");
}

TEST(xen_notes_with_bad_values)
{
    uint8_t three[3] = { 1, 2, 3 };

    eb_xtf_like_begin(&b);
    eb_note(&b, "Xen", XEN_ELFNOTE_VIRT_BASE, three, sizeof(three));
    eb_finish(&b);
    REFUSED(parse(), -EINVAL, "1, 2, 4 or 8");
    eb_xtf_like_begin(&b);
    eb_note(&b, "Xen", XEN_ELFNOTE_SUPPORTED_FEATURES, three, 2);
    eb_finish(&b);
    REFUSED(parse(), -EINVAL, "SUPPORTED_FEATURES");
    eb_xtf_like_begin(&b);
    eb_note(&b, "Xen", XEN_ELFNOTE_L1_MFN_VALID, three, 3);
    eb_finish(&b);
    REFUSED(parse(), -EINVAL, "L1_MFN_VALID");
    eb_xtf_like_begin(&b);
    eb_note_str(&b, XEN_ELFNOTE_FEATURES, "writable_page_tables|!frobnicate");
    eb_finish(&b);
    REFUSED(parse(), -EINVAL, "FEATURES requires a feature unknown");
}

TEST(string_notes_without_nul_stay_in_bounds)
{
    /* 64 bytes of 'A' at the very end of the image, no NUL anywhere after. */
    eb_init(&b, XTF_BASE);
    eb_load(&b, XTF_BASE, XTF_BASE, 0x1000, 0x1000, PF_R | PF_X, 1);
    eb_note_str(&b, XEN_ELFNOTE_LOADER, "generic");
    eb_note_ascii(&b, XEN_ELFNOTE_GUEST_OS, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
                                            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    eb_finish(&b);
    /* Cut inside the segment: refused before any string is read. */
    CHECK_EQ(parse_size(EB_NOTES_OFF + b.notes_len), -EINVAL);
    CHECK_EQ(parse(), 0);
    CHECK_EQ(strlen(info.guest_os), ELF_XEN_STR_MAX - 1);
}

TEST(no_xen_notes_at_all)
{
    eb_init(&b, XTF_BASE);
    eb_load(&b, XTF_BASE, XTF_BASE, 0x1000, 0x1000, PF_R | PF_X, 1);
    eb_note(&b, "GNU", NT_GNU_BUILD_ID, "abcd", 4);
    eb_finish(&b);
    REFUSED(parse(), -EINVAL, "no Xen ELF notes");
    eb_init(&b, XTF_BASE);
    eb_load(&b, XTF_BASE, XTF_BASE, 0x1000, 0x1000, PF_R | PF_X, 1);
    REFUSED(parse(), -EINVAL, "no Xen ELF notes");
}

TEST(huge_note_counts)
{
    unsigned int i;

    /* Empty notes (12 bytes each), far more than ELF_XEN_MAX_NOTES. */
    eb_xtf_like(&b);
    eb_phdr_at(&b, 1)->p_filesz = 12 * (ELF_XEN_MAX_NOTES + 10);
    for ( i = 0; i < ELF_XEN_MAX_NOTES + 10; i++ )
        memset(b.buf + EB_DATA_OFF * 8 + 12 * i, 0, 12);
    eb_phdr_at(&b, 1)->p_offset = EB_DATA_OFF * 8;
    b.size = EB_DATA_OFF * 8 + 12 * (ELF_XEN_MAX_NOTES + 10);
    REFUSED(parse(), -E2BIG, "too many ELF notes");
}

/* Deterministic xorshift64: the fuzz loop is the same on every run. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static uint64_t seen_kstart, seen_kend;
static const uint8_t *fuzz_image;

static int fuzz_write(void *ctx, uint64_t virt, const void *src, size_t len)
{
    CHECK(virt >= seen_kstart && len <= seen_kend - virt);
    CHECK((const uint8_t *)src >= fuzz_image &&
          (const uint8_t *)src + len <= fuzz_image + b.size);
    return 0;
}

static int fuzz_zero(void *ctx, uint64_t virt, size_t len)
{
    CHECK(virt >= seen_kstart && len <= seen_kend - virt);
    return 0;
}

/* Values that catch overflow bugs, at a 4-aligned spot in the headers. */
static void poke_interesting(void)
{
    const uint64_t values[] = {
        0, 1, 0xfff, 0x1000, 0x7fffffff, 0xffffffff, 1ULL << 32,
        1ULL << 63, ~0ULL, ~0ULL - 0xfff, b.size, b.size - 1, b.size + 1,
    };
    uint64_t v = values[rng() % (sizeof(values) / sizeof(values[0]))];
    size_t where = (rng() % (0x1000 - 8)) & ~(size_t)3;

    memcpy(b.buf + where, &v, rng() % 2 ? 8 : 4);
}

static void check_accepted(const uint8_t *image)
{
    fuzz_image = image;
    seen_kstart = info.virt_kstart;
    seen_kend = info.virt_kend;
    CHECK(info.nr_segments >= 1 && info.nr_segments <= ELF_XEN_MAX_LOADS);
    if ( elf_xen_check_pv64(&info, ELF_XEN_PV64_FEATURES, true) == 0 )
        CHECK_EQ(elf_xen_load(image, b.size, &info, fuzz_write, fuzz_zero,
                              NULL), 0);
}

static void fuzz_one(const struct eb *orig, unsigned int flips)
{
    unsigned int i;
    size_t where;
    uint8_t *exact;

    memcpy(b.buf, orig->buf, orig->size);
    b.size = orig->size;
    for ( i = 0; i < flips; i++ )
    {
        /* Mostly the headers and notes, sometimes anywhere. */
        where = rng() % (rng() & 1 ? 0x1000 : b.size);
        b.buf[where] ^= 1u << (rng() % 8);
        if ( rng() % 4 == 0 )
            b.buf[where] = rng();
    }
    if ( rng() % 4 == 0 )
        poke_interesting();
    if ( rng() % 8 == 0 )
        b.size = rng() % b.size;
    /* An exact-size heap copy, so that ASan sees any read past the end. */
    exact = malloc(b.size ? b.size : 1);
    memcpy(exact, b.buf, b.size);
    if ( elf_xen_parse(exact, b.size, &info) )
        CHECK(info.error != NULL);
    else
        check_accepted(exact);
    free(exact);
}

/* Notes last in the file, so a note read past its end leaves the image. */
static void eb_notes_last(struct eb *c)
{
    eb_init(c, XTF_ENTRY);
    eb_phdr(c, PT_LOAD, PF_R | PF_X, 0, XTF_BASE, XTF_BASE, EB_NOTES_OFF,
            0x2000);
    eb_note_str(c, XEN_ELFNOTE_GUEST_OS, "linux");
    eb_note_str(c, XEN_ELFNOTE_XEN_VERSION, "xen-3.0");
    eb_note_ascii(c, XEN_ELFNOTE_FEATURES, "!writable_page_tables");
    eb_note_u64(c, XEN_ELFNOTE_HYPERCALL_PAGE, XTF_HYPERCALL);
    eb_finish(c);
}

TEST(fuzz_byte_flips_never_crash)
{
    static struct eb originals[3];
    unsigned int iter, accepted = 0;

    eb_linux_like(&originals[0]);
    eb_xtf_like(&originals[1]);
    eb_notes_last(&originals[2]);
    for ( iter = 0; iter < 60000; iter++ )
    {
        fuzz_one(&originals[iter % 3], 1 + rng() % 8);
        accepted += info.error == NULL;
    }
    /* Both outcomes must occur, or the loop tests nothing. */
    CHECK(accepted > 1000 && accepted < 59000);
}
