/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ELF64 kernel images and their Xen ELF notes, for the PV domain builders
 * (the hypervisor's dom0 builder, later the toolstack's).
 *
 * The image is hostile input: every offset, size and count is checked
 * before use, nothing is allocated, nothing printed. Each refusal returns a
 * Xen errno and leaves a static, human-readable reason in info->error for
 * the caller to print. The semantics are those of Xen 4.17's libelf
 * (xen/common/libelf/libelf-dominfo.c: which notes exist, their defaults,
 * how the load addresses are computed) and of its PV dom0 builder
 * (xen/arch/x86/pv/dom0_build.c: what a 64-bit PV kernel must satisfy);
 * the note numbers and feature bits come from the public xen/elfnote.h and
 * xen/features.h. Where we are stricter than Xen the code says so.
 *
 * Typical use (the dom0 builder):
 *
 *     struct elf_xen_info info;
 *     rc = elf_xen_parse(image, size, &info);
 *     if ( !rc )
 *         rc = elf_xen_check_pv64(&info, ELF_XEN_PV64_FEATURES, true);
 *     if ( rc )
 *         -> print info.error, give up
 *     allocate and map [info.virt_base, info.virt_kend) and the rest of the
 *     start-of-day layout, then
 *     rc = elf_xen_load(image, size, &info, write_fn, zero_fn, ctx);
 *     write the hypercall page at info.virt_hypercall if it is not
 *     ELF_XEN_UNSET, start the vCPU at info.virt_entry.
 */
#ifndef IMAGE_ELF_XEN_H
#define IMAGE_ELF_XEN_H

#include <xenolith/types.h>
#include <xen/features.h>

/* Limits on what a kernel image may contain (real ones use far less). */
#define ELF_XEN_MAX_PHDRS    64    /* Program headers. */
#define ELF_XEN_MAX_LOADS    16    /* Loadable (PT_LOAD) segments. */
#define ELF_XEN_MAX_NOTES    4096  /* ELF notes of any owner, in total. */
#define ELF_XEN_STR_MAX      32    /* String notes are kept truncated to 31. */

/* A numeric note (or address) that the image does not set. */
#define ELF_XEN_UNSET        (~0ULL)

/*
 * The features a 64-bit PV guest may require of Xenolith (bit numbers from
 * xen/features.h): writable page tables are offered through the
 * VMASST_TYPE_writable_pagetables assist, as on Xen; pae_pgdir_above_4gb is
 * meaningless for 64-bit guests and harmless. Auto-translated physmap,
 * supervisor-mode kernels, writable descriptor tables and the HVM callback
 * vector are not PV64 features.
 */
#define ELF_XEN_PV64_FEATURES                                              \
    ((1U << XENFEAT_writable_page_tables) | (1U << XENFEAT_pae_pgdir_above_4gb))

/* One loadable segment, as found in the program headers and checked. */
struct elf_xen_segment {
    uint64_t offset;     /* Of its bytes in the image. */
    uint64_t filesz;     /* Bytes copied from the image, <= memsz. */
    uint64_t memsz;      /* Bytes in memory; the rest are zeroed. */
    uint64_t paddr;      /* p_paddr: libelf places segments by it. */
    uint64_t virt;       /* Loaded at paddr + virt_base - paddr_offset. */
    uint32_t flags;      /* PF_X, PF_W, PF_R. */
};

/*
 * Everything the builders need from an image. Filled by elf_xen_parse();
 * numeric notes the image lacks read ELF_XEN_UNSET unless a default is
 * stated. The strings are NUL-terminated and truncated to
 * ELF_XEN_STR_MAX - 1 characters (Xen keeps 15).
 */
struct elf_xen_info {
    /* The ELF file. */
    uint64_t e_entry;
    unsigned int nr_segments;
    struct elf_xen_segment segments[ELF_XEN_MAX_LOADS];
    uint64_t pstart, pend;            /* Span of the segments' p_paddr. */

    /* The Xen notes, raw. */
    uint32_t notes_present;           /* Bit n: note type n was seen. */
    bool notes_from_sections;         /* Found in SHT_NOTE, not PT_NOTE. */
    char guest_os[ELF_XEN_STR_MAX];
    char guest_version[ELF_XEN_STR_MAX];
    char xen_version[ELF_XEN_STR_MAX];
    char loader[ELF_XEN_STR_MAX];
    char pae_mode[ELF_XEN_STR_MAX];
    bool bsd_symtab;                  /* BSD_SYMTAB is "yes". */
    bool mod_start_pfn;               /* MOD_START_PFN != 0: unmapped initrd. */
    uint64_t suspend_cancel;
    uint64_t hv_start_low;            /* 32-bit guests only; recorded. */
    uint64_t l1_mfn_valid[2];         /* Mask and value, if present. */
    uint64_t phys32_entry;            /* PVH entry; recorded only. */
    uint32_t features_supported;      /* FEATURES and SUPPORTED_FEATURES. */
    uint32_t features_required;       /* FEATURES names with '!'. */

    /* The layout, defaults applied as Xen does. */
    uint64_t virt_base;               /* VIRT_BASE, default 0. */
    uint64_t paddr_offset;            /* PADDR_OFFSET, default 0 (notes). */
    uint64_t virt_entry;              /* ENTRY, default e_entry. */
    uint64_t virt_hypercall;          /* HYPERCALL_PAGE or ELF_XEN_UNSET. */
    uint64_t p2m_base;                /* INIT_P2M or ELF_XEN_UNSET. */
    uint64_t virt_kstart, virt_kend;  /* The loaded image, [start, end). */

    /* Why the last call refused, or NULL. Static storage. */
    const char *error;
};

/*
 * Parse an ELF64 kernel image: check the ELF header (64-bit, little endian,
 * x86-64, executable), the program headers and each PT_LOAD segment (inside
 * the image, filesz <= memsz, no address wrap, at most ELF_XEN_MAX_LOADS),
 * read the Xen notes from the PT_NOTE segments (from SHT_NOTE sections if
 * no segment has any, as Xen does), apply Xen's defaults and compute the
 * virtual layout, checking entry and INIT_P2M against it.
 * Context: any. Pure; image is untrusted and only read.
 * Returns 0 with *info filled, or -ENOEXEC (not ELF), -EOPNOTSUPP (32-bit
 * ELF), -E2BIG (too many headers, segments or notes), -EINVAL (anything
 * malformed); info->error says why. *info is undefined on failure except
 * for info->error.
 */
int __must_check elf_xen_parse(const void *image, size_t size,
                               struct elf_xen_info *info);

/*
 * Check a parsed image against what a 64-bit PV domain needs, as Xen's
 * libelf and PV dom0 builder do: LOADER "generic" or GUEST_OS "linux",
 * XEN_VERSION "xen-3.0", no required feature outside offered_features, no
 * BSD_SYMTAB, a canonical image clear of the hypervisor's range
 * [0xffff800000000000, 0xffff880000000000), a page-aligned hypercall page
 * inside the image, and for dom0 (is_dom0) XENFEAT_dom0 among the
 * SUPPORTED_FEATURES when that note is present (Xen 4.17 refuses the rest).
 * Context: any. Pure.
 * Returns 0, or -EINVAL / -EOPNOTSUPP / -E2BIG with info->error set.
 */
int __must_check elf_xen_check_pv64(struct elf_xen_info *info,
                                    uint32_t offered_features, bool is_dom0);

/*
 * Load a parsed image: for each segment, write() its file bytes at
 * seg->virt and zero() the rest of its memsz, in program-header order.
 * The callbacks take guest virtual addresses inside [virt_kstart,
 * virt_kend) and return 0 or a negative errno; the caller maps guest
 * memory and must still bound every write it is asked to do.
 * image and size must be those given to elf_xen_parse() for info.
 * Returns 0, -EINVAL (info does not match the image, or records a refusal
 * in info->error), or the first callback error (segments before it stay
 * written).
 */
int __must_check elf_xen_load(const void *image, size_t size,
                              const struct elf_xen_info *info,
                              int (*write)(void *ctx, uint64_t virt,
                                           const void *src, size_t len),
                              int (*zero)(void *ctx, uint64_t virt,
                                          size_t len),
                              void *ctx);

/* Was Xen note `type` (XEN_ELFNOTE_*) present in the parsed image? */
bool elf_xen_has_note(const struct elf_xen_info *info, unsigned int type);

/* Name of a Xen note type ("GUEST_OS", ...), or "unknown". */
const char *elf_xen_note_name(unsigned int type);

/* Name of a XENFEAT_* bit libelf knows ("dom0", ...), or NULL. */
const char *elf_xen_feature_name(unsigned int bit);

/*
 * Parse a FEATURES string of len bytes (it may lack a NUL): names
 * separated by '|', a leading '!' marking a required feature. Sets the
 * bits of the names Xen's libelf knows in *supported, and of the required
 * ones also in *required; unknown names are ignored unless required.
 * Returns 0, or -EINVAL for an unknown required feature.
 */
int __must_check elf_xen_parse_features(const char *s, size_t len,
                                        uint32_t *supported,
                                        uint32_t *required);

#endif /* IMAGE_ELF_XEN_H */
