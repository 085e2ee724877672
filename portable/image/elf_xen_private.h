/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Internals shared by elf_xen.c (ELF headers, segments, loading) and
 * elf_xen_notes.c (Xen notes, features, the PV64 policy): the ELF64
 * structures as laid out in the file (System V gABI), and the bounded
 * readers. Every structure is copied out of the image with memcpy() after
 * a bounds check, so no field is ever read through a misaligned or
 * out-of-range pointer.
 */
#ifndef PORTABLE_IMAGE_ELF_XEN_PRIVATE_H
#define PORTABLE_IMAGE_ELF_XEN_PRIVATE_H

#include <image/elf_xen.h>
#include <xenolith/errno.h>
#include <xenolith/string.h>

#define ELF_EI_NIDENT     16
#define ELF_EI_CLASS      4
#define ELF_EI_DATA       5
#define ELF_EI_VERSION    6
#define ELF_CLASS32       1
#define ELF_CLASS64       2
#define ELF_DATA2LSB      1
#define ELF_EV_CURRENT    1
#define ELF_ET_EXEC       2
#define ELF_ET_DYN        3
#define ELF_EM_X86_64     62
#define ELF_PT_LOAD       1
#define ELF_PT_NOTE       4
#define ELF_SHT_NOTE      7
#define ELF_PF_RWX        7U

struct elf64_ehdr {
    uint8_t e_ident[16];
    uint16_t e_type, e_machine;
    uint32_t e_version;
    uint64_t e_entry, e_phoff, e_shoff;
    uint32_t e_flags;
    uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf64_phdr {
    uint32_t p_type, p_flags;
    uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

struct elf64_shdr {
    uint32_t sh_name, sh_type;
    uint64_t sh_flags, sh_addr, sh_offset, sh_size;
    uint32_t sh_link, sh_info;
    uint64_t sh_addralign, sh_entsize;
};

struct elf_note_hdr {
    uint32_t namesz, descsz, type;
};

/* An image being parsed: the bytes and the answer being built. */
struct elf_xen_image {
    const uint8_t *bytes;
    size_t size;
    struct elf64_ehdr ehdr;
    struct elf_xen_info *info;
    unsigned int nr_notes;            /* Notes of any owner walked so far. */
    unsigned int nr_xen_notes;
};

/* Is [off, off + len) inside the image? Overflow-safe. */
static inline bool elf_xen_range_ok(const struct elf_xen_image *img,
                                    uint64_t off, uint64_t len)
{
    return off <= img->size && len <= img->size - off;
}

/* Record a refusal: the reason for the caller, the errno for the return. */
static inline int elf_xen_refuse(struct elf_xen_info *info, int rc,
                                 const char *why)
{
    info->error = why;
    return rc;
}

/* Walk the notes in [off, off + len) of the image (already bounds-checked). */
int elf_xen_parse_notes(struct elf_xen_image *img, uint64_t off,
                        uint64_t len);

/* Apply Xen's defaults, compute virt_kstart/kend and check entry, INIT_P2M. */
int elf_xen_compute_layout(struct elf_xen_info *info);

#endif /* PORTABLE_IMAGE_ELF_XEN_PRIVATE_H */
