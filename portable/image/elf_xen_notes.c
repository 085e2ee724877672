/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Xen ELF notes (xen/elfnote.h): walking note areas, decoding the notes
 * owned by "Xen", the FEATURES string, the defaults and the virtual layout
 * computed from them, and the checks a 64-bit PV domain needs.
 *
 * Semantics follow Xen 4.17's libelf (libelf-dominfo.c): the table of
 * known notes and which carry strings, last note wins except FEATURES and
 * SUPPORTED_FEATURES which accumulate, VIRT_BASE defaults to 0 and
 * PADDR_OFFSET to 0 (the VIRT_BASE default applied only to the legacy
 * __xen_guest string, which we do not read), ENTRY defaults to e_entry,
 * virt_kstart/kend = the p_paddr span + VIRT_BASE - PADDR_OFFSET. The PV64
 * checks are those of elf_xen_note_check() and of the PV dom0 builder
 * (xen/arch/x86/pv/dom0_build.c).
 *
 * Stricter than Xen, each marked "Differs from Xen": a note must lie wholly
 * inside its segment and be 4-byte aligned (libelf reads on to the end of
 * the image), string notes end at their descsz (libelf reads past it until
 * a NUL: Linux's FEATURES is an .ascii without one), numeric notes must be
 * 1, 2, 4 or 8 bytes (libelf reads other sizes as 0).
 */
#include "elf_xen_private.h"

#include <xen/elfnote.h>
#include <xen/xen.h>

enum note_kind { NOTE_NUMERIC = 1, NOTE_STRING, NOTE_ARRAY };

static const struct {
    const char *name;
    enum note_kind kind;
} note_desc[] = {
    [XEN_ELFNOTE_ENTRY] = { "ENTRY", NOTE_NUMERIC },
    [XEN_ELFNOTE_HYPERCALL_PAGE] = { "HYPERCALL_PAGE", NOTE_NUMERIC },
    [XEN_ELFNOTE_VIRT_BASE] = { "VIRT_BASE", NOTE_NUMERIC },
    [XEN_ELFNOTE_PADDR_OFFSET] = { "PADDR_OFFSET", NOTE_NUMERIC },
    [XEN_ELFNOTE_XEN_VERSION] = { "XEN_VERSION", NOTE_STRING },
    [XEN_ELFNOTE_GUEST_OS] = { "GUEST_OS", NOTE_STRING },
    [XEN_ELFNOTE_GUEST_VERSION] = { "GUEST_VERSION", NOTE_STRING },
    [XEN_ELFNOTE_LOADER] = { "LOADER", NOTE_STRING },
    [XEN_ELFNOTE_PAE_MODE] = { "PAE_MODE", NOTE_STRING },
    [XEN_ELFNOTE_FEATURES] = { "FEATURES", NOTE_STRING },
    [XEN_ELFNOTE_BSD_SYMTAB] = { "BSD_SYMTAB", NOTE_STRING },
    [XEN_ELFNOTE_HV_START_LOW] = { "HV_START_LOW", NOTE_NUMERIC },
    [XEN_ELFNOTE_L1_MFN_VALID] = { "L1_MFN_VALID", NOTE_ARRAY },
    [XEN_ELFNOTE_SUSPEND_CANCEL] = { "SUSPEND_CANCEL", NOTE_NUMERIC },
    [XEN_ELFNOTE_INIT_P2M] = { "INIT_P2M", NOTE_NUMERIC },
    [XEN_ELFNOTE_MOD_START_PFN] = { "MOD_START_PFN", NOTE_NUMERIC },
    [XEN_ELFNOTE_SUPPORTED_FEATURES] = { "SUPPORTED_FEATURES", NOTE_ARRAY },
    [XEN_ELFNOTE_PHYS32_ENTRY] = { "PHYS32_ENTRY", NOTE_NUMERIC },
};

/* The names libelf knows; others in xen/features.h are not accepted there. */
static const char *const feature_names[] = {
    [XENFEAT_writable_page_tables] = "writable_page_tables",
    [XENFEAT_writable_descriptor_tables] = "writable_descriptor_tables",
    [XENFEAT_auto_translated_physmap] = "auto_translated_physmap",
    [XENFEAT_supervisor_mode_kernel] = "supervisor_mode_kernel",
    [XENFEAT_pae_pgdir_above_4gb] = "pae_pgdir_above_4gb",
    [XENFEAT_hvm_callback_vector] = "hvm_callback_vector",
    [XENFEAT_dom0] = "dom0",
};

BUILD_BUG_ON(XEN_ELFNOTE_MAX >= 32);   /* notes_present is 32 bits. */
BUILD_BUG_ON(ARRAY_SIZE(feature_names) > 32);

const char *elf_xen_note_name(unsigned int type)
{
    if ( type < ARRAY_SIZE(note_desc) && note_desc[type].name )
        return note_desc[type].name;
    return "unknown";
}

const char *elf_xen_feature_name(unsigned int bit)
{
    return bit < ARRAY_SIZE(feature_names) ? feature_names[bit] : NULL;
}

bool elf_xen_has_note(const struct elf_xen_info *info, unsigned int type)
{
    return type < 32 && (info->notes_present & (1U << type));
}

/* Look up one '|'-separated name of len bytes (no '!'); -1 if unknown. */
static int feature_lookup(const char *name, size_t len)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(feature_names); i++ )
        if ( feature_names[i] && strlen(feature_names[i]) == len &&
             !memcmp(feature_names[i], name, len) )
            return i;
    return -1;
}

int elf_xen_parse_features(const char *s, size_t len, uint32_t *supported,
                           uint32_t *required)
{
    size_t pos = 0, tok;
    bool must;
    int bit;

    len = strnlen(s, len);
    while ( pos < len )
    {
        for ( tok = 0; pos + tok < len && s[pos + tok] != '|'; tok++ )
            continue;
        must = tok && s[pos] == '!';
        bit = feature_lookup(s + pos + must, tok - must);
        if ( bit >= 0 )
        {
            *supported |= 1U << bit;
            if ( must )
                *required |= 1U << bit;
        }
        else if ( must )
            return -EINVAL;       /* Xen 4.17 refuses the image. */
        pos += tok + 1;
    }
    return 0;
}

static uint64_t read_le(const uint8_t *p, size_t len)
{
    uint64_t v = 0;

    while ( len-- )
        v = (v << 8) | p[len];
    return v;
}

/* A string note ends at its first NUL or at descsz, whichever comes first. */
static int string_note(struct elf_xen_info *info, unsigned int type,
                       const uint8_t *desc, uint32_t descsz)
{
    const char *s = (const char *)desc;
    size_t len = strnlen(s, descsz);
    char *dst = NULL;

    switch ( type )
    {
    case XEN_ELFNOTE_XEN_VERSION:   dst = info->xen_version; break;
    case XEN_ELFNOTE_GUEST_OS:      dst = info->guest_os; break;
    case XEN_ELFNOTE_GUEST_VERSION: dst = info->guest_version; break;
    case XEN_ELFNOTE_LOADER:        dst = info->loader; break;
    case XEN_ELFNOTE_PAE_MODE:      dst = info->pae_mode; break;
    case XEN_ELFNOTE_BSD_SYMTAB:
        info->bsd_symtab = len == 3 && !memcmp(s, "yes", 3);
        return 0;
    case XEN_ELFNOTE_FEATURES:
        if ( elf_xen_parse_features(s, len, &info->features_supported,
                                    &info->features_required) )
            return elf_xen_refuse(info, -EINVAL,
                                  "ELF note FEATURES requires a feature "
                                  "unknown to Xen");
        return 0;
    }
    len = MIN(len, (size_t)ELF_XEN_STR_MAX - 1);
    memcpy(dst, s, len);
    dst[len] = '\0';
    return 0;
}

static int array_note(struct elf_xen_info *info, unsigned int type,
                      const uint8_t *desc, uint32_t descsz)
{
    if ( type == XEN_ELFNOTE_SUPPORTED_FEATURES )
    {
        /* Submap 0 is the only one (XENFEAT_NR_SUBMAPS == 1). */
        if ( descsz < 4 || descsz % 4 )
            return elf_xen_refuse(info, -EINVAL,
                                  "ELF note SUPPORTED_FEATURES is not an "
                                  "array of 32-bit words");
        info->features_supported |= (uint32_t)read_le(desc, 4);
        return 0;
    }
    /* L1_MFN_VALID: a mask and a value (Linux), or only a mask. */
    if ( descsz != 8 && descsz != 16 )
        return elf_xen_refuse(info, -EINVAL,
                              "ELF note L1_MFN_VALID is not 8 or 16 bytes");
    info->l1_mfn_valid[0] = read_le(desc, 8);
    info->l1_mfn_valid[1] = descsz == 16 ? read_le(desc + 8, 8) : 0;
    return 0;
}

static int numeric_note(struct elf_xen_info *info, unsigned int type,
                        const uint8_t *desc, uint32_t descsz)
{
    uint64_t v;

    if ( descsz != 1 && descsz != 2 && descsz != 4 && descsz != 8 )
        return elf_xen_refuse(info, -EINVAL,
                              "ELF note with a numeric value is not 1, 2, 4 "
                              "or 8 bytes long");
    v = read_le(desc, descsz);
    switch ( type )
    {
    case XEN_ELFNOTE_ENTRY:          info->virt_entry = v; break;
    case XEN_ELFNOTE_HYPERCALL_PAGE: info->virt_hypercall = v; break;
    case XEN_ELFNOTE_VIRT_BASE:      info->virt_base = v; break;
    case XEN_ELFNOTE_PADDR_OFFSET:   info->paddr_offset = v; break;
    case XEN_ELFNOTE_HV_START_LOW:   info->hv_start_low = v; break;
    case XEN_ELFNOTE_SUSPEND_CANCEL: info->suspend_cancel = v; break;
    case XEN_ELFNOTE_INIT_P2M:       info->p2m_base = v; break;
    case XEN_ELFNOTE_MOD_START_PFN:  info->mod_start_pfn = v != 0; break;
    case XEN_ELFNOTE_PHYS32_ENTRY:   info->phys32_entry = v; break;
    }
    return 0;
}

static int xen_note(struct elf_xen_image *img, unsigned int type,
                    const uint8_t *desc, uint32_t descsz)
{
    struct elf_xen_info *info = img->info;

    img->nr_xen_notes++;
    /* Xen 4.17: unknown types (and INFO) are skipped. */
    if ( type >= ARRAY_SIZE(note_desc) || !note_desc[type].name )
        return 0;
    info->notes_present |= 1U << type;
    switch ( note_desc[type].kind )
    {
    case NOTE_STRING:
        return string_note(info, type, desc, descsz);
    case NOTE_ARRAY:
        return array_note(info, type, desc, descsz);
    default:
        return numeric_note(info, type, desc, descsz);
    }
}

/* One note at pos; sets *next. Differs from Xen: it must fit its area. */
static int one_note(struct elf_xen_image *img, uint64_t pos, uint64_t end,
                    uint64_t *next)
{
    struct elf_note_hdr nh;
    uint64_t name = pos + sizeof(nh), desc;

    if ( ++img->nr_notes > ELF_XEN_MAX_NOTES )
        return elf_xen_refuse(img->info, -E2BIG, "too many ELF notes");
    if ( end - pos < sizeof(nh) )
        return elf_xen_refuse(img->info, -EINVAL, "ELF note header truncated");
    memcpy(&nh, img->bytes + pos, sizeof(nh));
    if ( ROUNDUP((uint64_t)nh.namesz, 4) > end - name )
        return elf_xen_refuse(img->info, -EINVAL,
                              "ELF note name runs past the end of its segment");
    desc = name + ROUNDUP((uint64_t)nh.namesz, 4);
    if ( nh.descsz > end - desc )
        return elf_xen_refuse(img->info, -EINVAL,
                              "ELF note value runs past the end of its "
                              "segment");
    /* The padding after the last value may be missing. */
    *next = MIN(desc + ROUNDUP((uint64_t)nh.descsz, 4), end);
    if ( nh.namesz != 4 || memcmp(img->bytes + name, "Xen", 4) )
        return 0;
    return xen_note(img, nh.type, img->bytes + desc, nh.descsz);
}

int elf_xen_parse_notes(struct elf_xen_image *img, uint64_t off, uint64_t len)
{
    uint64_t pos = off, end = off + len;
    int rc;

    if ( !IS_ALIGNED(off, 4) )
        return elf_xen_refuse(img->info, -EINVAL,
                              "ELF notes are not 4-byte aligned");
    while ( pos < end )
        if ( (rc = one_note(img, pos, end, &pos)) )
            return rc;
    return 0;
}

int elf_xen_compute_layout(struct elf_xen_info *info)
{
    uint64_t offset;

    if ( info->paddr_offset != ELF_XEN_UNSET &&
         info->virt_base == ELF_XEN_UNSET )
        return elf_xen_refuse(info, -EINVAL,
                              "ELF note PADDR_OFFSET set, VIRT_BASE unset");
    if ( info->virt_base == ELF_XEN_UNSET )
        info->virt_base = 0;
    if ( info->paddr_offset == ELF_XEN_UNSET )
        info->paddr_offset = 0;
    if ( info->virt_entry == ELF_XEN_UNSET )
        info->virt_entry = info->e_entry;
    offset = info->virt_base - info->paddr_offset;
    info->virt_kstart = info->pstart + offset;
    info->virt_kend = info->pend + offset;
    if ( info->virt_kstart > info->virt_kend )
        return elf_xen_refuse(info, -EINVAL,
                              "ELF image wraps around the address space");
    if ( info->virt_base > info->virt_kstart )
        return elf_xen_refuse(info, -EINVAL,
                              "ELF note VIRT_BASE lies above the image");
    if ( info->virt_entry < info->virt_kstart ||
         info->virt_entry > info->virt_kend )
        return elf_xen_refuse(info, -EINVAL,
                              "ELF entry point lies outside the image");
    if ( info->p2m_base != ELF_XEN_UNSET &&
         info->p2m_base >= info->virt_kstart &&
         info->p2m_base < info->virt_kend )
        return elf_xen_refuse(info, -EINVAL,
                              "ELF note INIT_P2M lies inside the image");
    return 0;
}

static bool starts_with(const char *s, const char *prefix)
{
    return !strncmp(s, prefix, strlen(prefix));
}

static int check_identity(struct elf_xen_info *info)
{
    /* Xen 4.17 compares prefixes, so "xen-3.0-foo" and "linux-2" pass. */
    if ( !starts_with(info->loader, "generic") &&
         !starts_with(info->guest_os, "linux") )
        return elf_xen_refuse(info, -EINVAL,
                              "ELF notes: LOADER is not \"generic\" and "
                              "GUEST_OS is not \"linux\"");
    if ( !starts_with(info->xen_version, "xen-3.0") )
        return elf_xen_refuse(info, -EINVAL,
                              "ELF note XEN_VERSION is not xen-3.0");
    if ( info->bsd_symtab )
        return elf_xen_refuse(info, -EOPNOTSUPP,
                              "ELF note BSD_SYMTAB: loading BSD symbol "
                              "tables is not supported");
    return 0;
}

static int check_features(struct elf_xen_info *info, uint32_t offered,
                          bool is_dom0)
{
    uint32_t missing = info->features_required & ~offered;

    if ( missing & (1U << XENFEAT_supervisor_mode_kernel) )
        return elf_xen_refuse(info, -EOPNOTSUPP,
                              "kernel requires supervisor-mode execution "
                              "(XENFEAT_supervisor_mode_kernel)");
    if ( missing & (1U << XENFEAT_auto_translated_physmap) )
        return elf_xen_refuse(info, -EOPNOTSUPP,
                              "kernel requires an auto-translated physmap "
                              "(that is PVH or HVM, not PV)");
    if ( missing )
        return elf_xen_refuse(info, -EOPNOTSUPP,
                              "kernel requires a Xen feature that PV guests "
                              "are not offered");
    if ( is_dom0 && elf_xen_has_note(info, XEN_ELFNOTE_SUPPORTED_FEATURES) &&
         !(info->features_supported & (1U << XENFEAT_dom0)) )
        return elf_xen_refuse(info, -EINVAL,
                              "kernel does not support dom0 operation "
                              "(SUPPORTED_FEATURES lacks XENFEAT_dom0)");
    return 0;
}

static bool is_canonical(uint64_t va)
{
    uint64_t top = va >> 47;

    return top == 0 || top == 0x1ffff;
}

/* [start, end) overlaps the range reserved for the hypervisor? */
static bool hits_hypervisor(uint64_t start, uint64_t end)
{
    return start < __HYPERVISOR_VIRT_END && end > __HYPERVISOR_VIRT_START;
}

#define PV64_MAX_SPAN (1ULL << 30)

static int check_layout(struct elf_xen_info *info)
{
    uint64_t base = info->virt_base, last = info->virt_kend - 1;

    if ( info->virt_kend == base )
        last = base;
    if ( !is_canonical(base) || !is_canonical(last) || (base ^ last) >> 63 )
        return elf_xen_refuse(info, -EINVAL,
                              "kernel image is not in canonical address space");
    if ( hits_hypervisor(base, info->virt_kend) )
        return elf_xen_refuse(info, -EINVAL,
                              "kernel image overlaps the hypervisor's "
                              "reserved range");
    if ( info->virt_kend - base > PV64_MAX_SPAN )
        return elf_xen_refuse(info, -E2BIG,
                              "kernel image spans more than 1 GiB from "
                              "VIRT_BASE");
    if ( info->virt_entry >= info->virt_kend )
        return elf_xen_refuse(info, -EINVAL,
                              "ELF entry point lies outside the image");
    return 0;
}

static int check_pages(struct elf_xen_info *info)
{
    uint64_t hc = info->virt_hypercall, p2m = info->p2m_base;
    uint64_t kend = ROUNDUP(info->virt_kend, PAGE_SIZE);

    /* Differs from Xen: the page must be aligned and inside the image. */
    if ( hc != ELF_XEN_UNSET &&
         (!IS_ALIGNED(hc, PAGE_SIZE) || hc < info->virt_kstart ||
          hc >= kend) )
        return elf_xen_refuse(info, -EINVAL,
                              "ELF note HYPERCALL_PAGE is not a page inside "
                              "the image");
    if ( p2m != ELF_XEN_UNSET &&
         (!IS_ALIGNED(p2m, PAGE_SIZE) || !is_canonical(p2m) ||
          hits_hypervisor(p2m, p2m + 1)) )
        return elf_xen_refuse(info, -EINVAL,
                              "ELF note INIT_P2M is not a usable address");
    return 0;
}

int elf_xen_check_pv64(struct elf_xen_info *info, uint32_t offered_features,
                       bool is_dom0)
{
    int rc;

    if ( (rc = check_identity(info)) ||
         (rc = check_features(info, offered_features, is_dom0)) ||
         (rc = check_layout(info)) || (rc = check_pages(info)) )
        return rc;
    return 0;
}
