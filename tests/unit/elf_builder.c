/* SPDX-License-Identifier: GPL-2.0-only */
/* The in-memory ELF64 image builder of elf_builder.h. */
#include <stdlib.h>
#include <string.h>

#include <xen/elfnote.h>
#include <xen/features.h>

#include "elf_builder.h"

static void put(struct eb *b, size_t off, const void *src, size_t len)
{
    if ( off + len > EB_MAX )
        abort();
    memcpy(b->buf + off, src, len);
    if ( off + len > b->size )
        b->size = off + len;
}

Elf64_Ehdr *eb_ehdr(struct eb *b)
{
    return (Elf64_Ehdr *)b->buf;
}

Elf64_Phdr *eb_phdr_at(struct eb *b, unsigned int i)
{
    return (Elf64_Phdr *)(b->buf + EB_PHDRS_OFF + i * sizeof(Elf64_Phdr));
}

void eb_init(struct eb *b, uint64_t entry)
{
    Elf64_Ehdr eh = {
        .e_ident = { ELFMAG0, ELFMAG1, ELFMAG2, ELFMAG3, ELFCLASS64,
                     ELFDATA2LSB, EV_CURRENT },
        .e_type = ET_EXEC, .e_machine = EM_X86_64, .e_version = EV_CURRENT,
        .e_entry = entry, .e_phoff = EB_PHDRS_OFF,
        .e_ehsize = sizeof(Elf64_Ehdr), .e_phentsize = sizeof(Elf64_Phdr),
        .e_shentsize = sizeof(Elf64_Shdr),
    };

    memset(b, 0, sizeof(*b));
    b->data_end = EB_DATA_OFF;
    put(b, 0, &eh, sizeof(eh));
}

void eb_phdr(struct eb *b, uint32_t type, uint32_t flags, uint64_t offset,
             uint64_t vaddr, uint64_t paddr, uint64_t filesz, uint64_t memsz)
{
    Elf64_Ehdr *eh = eb_ehdr(b);
    Elf64_Phdr ph = {
        .p_type = type, .p_flags = flags, .p_offset = offset,
        .p_vaddr = vaddr, .p_paddr = paddr, .p_filesz = filesz,
        .p_memsz = memsz, .p_align = 4096,
    };

    if ( eh->e_phnum >= EB_MAX_PHDRS )
        abort();
    put(b, EB_PHDRS_OFF + eh->e_phnum * sizeof(ph), &ph, sizeof(ph));
    eh->e_phnum++;
}

void eb_load(struct eb *b, uint64_t vaddr, uint64_t paddr, uint64_t filesz,
             uint64_t memsz, uint32_t flags, uint8_t fill)
{
    size_t off = b->data_end;

    if ( off + filesz > EB_MAX )
        abort();
    memset(b->buf + off, fill, filesz);
    if ( off + filesz > b->size )
        b->size = off + filesz;
    b->data_end = (off + filesz + 0xfff) & ~(size_t)0xfff;
    eb_phdr(b, PT_LOAD, flags, off, vaddr, paddr, filesz, memsz);
}

void eb_note(struct eb *b, const char *owner, uint32_t type, const void *desc,
             uint32_t descsz)
{
    uint32_t namesz = strlen(owner) + 1;
    Elf64_Nhdr nh = { .n_namesz = namesz, .n_descsz = descsz, .n_type = type };
    size_t off = EB_NOTES_OFF + b->notes_len;
    size_t name_pad = (namesz + 3) & ~3u, desc_pad = (descsz + 3) & ~3u;

    if ( b->notes_len + sizeof(nh) + name_pad + desc_pad > EB_NOTES_MAX )
        abort();
    put(b, off, &nh, sizeof(nh));
    put(b, off + sizeof(nh), owner, namesz);
    put(b, off + sizeof(nh) + name_pad, desc, descsz);
    b->notes_len += sizeof(nh) + name_pad + desc_pad;
}

void eb_note_str(struct eb *b, uint32_t type, const char *s)
{
    eb_note(b, "Xen", type, s, strlen(s) + 1);
}

void eb_note_ascii(struct eb *b, uint32_t type, const char *s)
{
    eb_note(b, "Xen", type, s, strlen(s));
}

void eb_note_u32(struct eb *b, uint32_t type, uint32_t v)
{
    eb_note(b, "Xen", type, &v, sizeof(v));
}

void eb_note_u64(struct eb *b, uint32_t type, uint64_t v)
{
    eb_note(b, "Xen", type, &v, sizeof(v));
}

void eb_finish(struct eb *b)
{
    if ( b->notes_len )
        eb_phdr(b, PT_NOTE, PF_R, EB_NOTES_OFF, 0, 0, b->notes_len,
                b->notes_len);
}

/* Section 0 (null), 1 (.notes, SHT_NOTE), placed after the data. */
void eb_finish_with_section(struct eb *b)
{
    Elf64_Shdr sh[2] = {
        [1] = { .sh_type = SHT_NOTE, .sh_offset = EB_NOTES_OFF,
                .sh_size = b->notes_len, .sh_addralign = 4 },
    };
    size_t off = b->data_end;

    put(b, off, sh, sizeof(sh));
    eb_ehdr(b)->e_shoff = off;
    eb_ehdr(b)->e_shnum = 2;
}

void eb_linux_like_begin(struct eb *b)
{
    static const uint8_t build_id[20] = { 0xde, 0xad, 0xbe, 0xef };
    const uint64_t l1_mfn_valid[2] = { 1, 1 };

    eb_init(b, 0x1000000);
    eb_load(b, LINUX_TEXT, 0x1000000, 0x2000, 0x2000, PF_R | PF_X, 0xcc);
    eb_load(b, LINUX_TEXT + 0x3000, 0x1003000, 0x800, 0x3000, PF_R | PF_W,
            0xdd);
    eb_note(b, "GNU", NT_GNU_BUILD_ID, build_id, sizeof(build_id));
    eb_note_str(b, XEN_ELFNOTE_GUEST_OS, "linux");
    eb_note_str(b, XEN_ELFNOTE_GUEST_VERSION, "2.6");
    eb_note_str(b, XEN_ELFNOTE_XEN_VERSION, "xen-3.0");
    eb_note_u64(b, XEN_ELFNOTE_VIRT_BASE, 0xffffffff80000000ULL);
    eb_note_u64(b, XEN_ELFNOTE_INIT_P2M, 0x8000000000ULL);
    eb_note_u64(b, XEN_ELFNOTE_ENTRY, LINUX_ENTRY);
    eb_note_ascii(b, XEN_ELFNOTE_FEATURES, "!writable_page_tables");
    eb_note_str(b, XEN_ELFNOTE_PAE_MODE, "yes");
    eb_note(b, "Xen", XEN_ELFNOTE_L1_MFN_VALID, l1_mfn_valid,
            sizeof(l1_mfn_valid));
    eb_note_u64(b, XEN_ELFNOTE_HYPERCALL_PAGE, LINUX_HYPERCALL);
    eb_note_u32(b, XEN_ELFNOTE_SUPPORTED_FEATURES,
                (1U << XENFEAT_writable_page_tables) | (1U << XENFEAT_dom0) |
                (1U << XENFEAT_linux_rsdp_unrestricted));
    eb_note_str(b, XEN_ELFNOTE_LOADER, "generic");
    eb_note_u32(b, XEN_ELFNOTE_SUSPEND_CANCEL, 1);
    eb_note_u32(b, XEN_ELFNOTE_MOD_START_PFN, 1);
    eb_note_u64(b, XEN_ELFNOTE_HV_START_LOW, 0xffff800000000000ULL);
    eb_note_u64(b, XEN_ELFNOTE_PADDR_OFFSET, 0);
    eb_note_u32(b, XEN_ELFNOTE_PHYS32_ENTRY, 0x1000180);
}

void eb_linux_like(struct eb *b)
{
    eb_linux_like_begin(b);
    eb_finish(b);
}

void eb_xtf_like_begin(struct eb *b)
{
    eb_init(b, XTF_ENTRY);
    eb_load(b, XTF_BASE, XTF_BASE, 0x3000, 0x5000, PF_R | PF_W | PF_X, 0x90);
    eb_note_str(b, XEN_ELFNOTE_GUEST_OS, "XTF");
    eb_note_str(b, XEN_ELFNOTE_XEN_VERSION, "xen-3.0");
    eb_note_u64(b, XEN_ELFNOTE_HYPERCALL_PAGE, XTF_HYPERCALL);
    eb_note_str(b, XEN_ELFNOTE_LOADER, "generic");
    eb_note_str(b, XEN_ELFNOTE_FEATURES,
                "!writable_page_tables|pae_pgdir_above_4gb");
    eb_note_str(b, XEN_ELFNOTE_PAE_MODE, "yes");
}

void eb_xtf_like(struct eb *b)
{
    eb_xtf_like_begin(b);
    eb_finish(b);
}
