/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A tiny in-memory ELF64 image builder for the tests of
 * portable/image/elf_xen.c: an ELF header, program headers, one area of
 * notes (covered by a PT_NOTE segment, or an SHT_NOTE section) and
 * loadable segments filled with a recognisable pattern. Layout:
 *
 *     0x000  ELF header        0x040  program headers (up to 20)
 *     0x600  notes (2.5 KiB)   0x1000 segment data, page by page
 *
 * Hostile tests build a valid image first, then poke at it through
 * eb_ehdr() / eb_phdr_at().
 */
#ifndef TESTS_UNIT_ELF_BUILDER_H
#define TESTS_UNIT_ELF_BUILDER_H

#include <elf.h>
#include <stddef.h>
#include <stdint.h>

#define EB_MAX        (256 * 1024)
#define EB_PHDRS_OFF  0x40
#define EB_MAX_PHDRS  20
#define EB_NOTES_OFF  0x600
#define EB_NOTES_MAX  0xa00
#define EB_DATA_OFF   0x1000

struct eb {
    uint8_t buf[EB_MAX] __attribute__((aligned(8)));
    size_t size;
    size_t notes_len;
    size_t data_end;
};

void eb_init(struct eb *b, uint64_t entry);
Elf64_Ehdr *eb_ehdr(struct eb *b);
Elf64_Phdr *eb_phdr_at(struct eb *b, unsigned int i);
void eb_phdr(struct eb *b, uint32_t type, uint32_t flags, uint64_t offset,
             uint64_t vaddr, uint64_t paddr, uint64_t filesz, uint64_t memsz);

/* Append a PT_LOAD whose file bytes are `fill`, at the next free page. */
void eb_load(struct eb *b, uint64_t vaddr, uint64_t paddr, uint64_t filesz,
             uint64_t memsz, uint32_t flags, uint8_t fill);

/* Append a note of any owner; desc is padded to 4 bytes. */
void eb_note(struct eb *b, const char *owner, uint32_t type, const void *desc,
             uint32_t descsz);
void eb_note_str(struct eb *b, uint32_t type, const char *s);    /* With NUL. */
void eb_note_ascii(struct eb *b, uint32_t type, const char *s);  /* Without. */
void eb_note_u32(struct eb *b, uint32_t type, uint32_t v);
void eb_note_u64(struct eb *b, uint32_t type, uint64_t v);

/* Cover the notes with a PT_NOTE segment (or SHT_NOTE section), set size. */
void eb_finish(struct eb *b);
void eb_finish_with_section(struct eb *b);

/*
 * Images shaped like the real ones: Linux 6.1's arch/x86/xen/xen-head.S
 * notes with its vmlinux layout (at 0xffffffff81000000, VIRT_BASE
 * 0xffffffff80000000), and an XTF test kernel (VIRT_BASE 0, at 1 MiB, no
 * ENTRY note).
 */
#define LINUX_TEXT      0xffffffff81000000ULL
#define LINUX_ENTRY     (LINUX_TEXT + 0x40)
#define LINUX_HYPERCALL (LINUX_TEXT + 0x1000)
#define LINUX_KEND      (LINUX_TEXT + 0x6000)
void eb_linux_like_begin(struct eb *b);   /* All but eb_finish(). */
void eb_linux_like(struct eb *b);

#define XTF_BASE        0x100000ULL
#define XTF_ENTRY       (XTF_BASE + 0x10)
#define XTF_HYPERCALL   (XTF_BASE + 0x1000)
void eb_xtf_like_begin(struct eb *b);
void eb_xtf_like(struct eb *b);

#endif /* TESTS_UNIT_ELF_BUILDER_H */
