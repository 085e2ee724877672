/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ELF kernel parser and loader (portable/image/elf_xen.c, elf_xen_notes.c)
 * on well-formed images: a Linux-like and an XTF-like note set, Xen's
 * defaults, the FEATURES string, the PV64 policy and loading. Hostile
 * images are in test_elf_xen_hostile.c.
 */
#include <string.h>

#include "harness.h"
#include "elf_builder.h"

#include <image/elf_xen.h>
#include <xen/elfnote.h>
#include <xenolith/errno.h>

static struct eb b;
static struct elf_xen_info info;

static int parse(void)
{
    return elf_xen_parse(b.buf, b.size, &info);
}

TEST(linux_like_notes_parse)
{
    eb_linux_like(&b);
    CHECK_EQ(parse(), 0);
    CHECK(info.error == NULL);
    CHECK_STR(info.guest_os, "linux");
    CHECK_STR(info.guest_version, "2.6");
    CHECK_STR(info.xen_version, "xen-3.0");
    CHECK_STR(info.loader, "generic");
    CHECK_STR(info.pae_mode, "yes");
    CHECK_EQ(info.virt_base, 0xffffffff80000000ULL);
    CHECK_EQ(info.paddr_offset, 0);
    CHECK_EQ(info.virt_entry, LINUX_ENTRY);
    CHECK_EQ(info.virt_hypercall, LINUX_HYPERCALL);
    CHECK_EQ(info.p2m_base, 0x8000000000ULL);
    CHECK_EQ(info.hv_start_low, 0xffff800000000000ULL);
    CHECK_EQ(info.phys32_entry, 0x1000180);
    CHECK_EQ(info.suspend_cancel, 1);
    CHECK(info.mod_start_pfn);
    CHECK(!info.bsd_symtab);
    CHECK(!info.notes_from_sections);
    CHECK_EQ(info.l1_mfn_valid[0], 1);
    CHECK_EQ(info.l1_mfn_valid[1], 1);
    /* "!writable_page_tables" is an .ascii without NUL, as in Linux. */
    CHECK_EQ(info.features_required, 1U << XENFEAT_writable_page_tables);
    CHECK_EQ(info.features_supported,
             (1U << XENFEAT_writable_page_tables) | (1U << XENFEAT_dom0) |
             (1U << XENFEAT_linux_rsdp_unrestricted));
    CHECK(elf_xen_has_note(&info, XEN_ELFNOTE_SUPPORTED_FEATURES));
    CHECK(!elf_xen_has_note(&info, XEN_ELFNOTE_BSD_SYMTAB));
}

TEST(linux_like_layout_uses_paddr_plus_virt_base)
{
    eb_linux_like(&b);
    CHECK_EQ(parse(), 0);
    CHECK_EQ(info.pstart, 0x1000000);
    CHECK_EQ(info.pend, 0x1006000);
    CHECK_EQ(info.virt_kstart, LINUX_TEXT);
    CHECK_EQ(info.virt_kend, LINUX_KEND);
    CHECK_EQ(info.nr_segments, 2);
    CHECK_EQ(info.segments[0].virt, LINUX_TEXT);
    CHECK_EQ(info.segments[1].virt, LINUX_TEXT + 0x3000);
    CHECK_EQ(info.segments[1].filesz, 0x800);
    CHECK_EQ(info.segments[1].memsz, 0x3000);
    CHECK_EQ(elf_xen_check_pv64(&info, ELF_XEN_PV64_FEATURES, true), 0);
}

TEST(xtf_like_defaults)
{
    eb_xtf_like(&b);
    CHECK_EQ(parse(), 0);
    CHECK_STR(info.guest_os, "XTF");
    CHECK_EQ(info.virt_base, 0);              /* VIRT_BASE absent -> 0. */
    CHECK_EQ(info.paddr_offset, 0);           /* Notes -> 0, as libelf. */
    CHECK_EQ(info.virt_entry, XTF_ENTRY);     /* ENTRY absent -> e_entry. */
    CHECK_EQ(info.virt_kstart, XTF_BASE);
    CHECK_EQ(info.virt_kend, XTF_BASE + 0x5000);
    CHECK_EQ(info.p2m_base, ELF_XEN_UNSET);
    CHECK_EQ(info.suspend_cancel, ELF_XEN_UNSET);
    CHECK_EQ(info.phys32_entry, ELF_XEN_UNSET);
    CHECK(!info.mod_start_pfn);
    CHECK_EQ(info.features_required, 1U << XENFEAT_writable_page_tables);
    CHECK_EQ(info.features_supported, 1U << XENFEAT_writable_page_tables |
                                      1U << XENFEAT_pae_pgdir_above_4gb);
    CHECK(!elf_xen_has_note(&info, XEN_ELFNOTE_SUPPORTED_FEATURES));
    /* No SUPPORTED_FEATURES note: Xen builds it as dom0 all the same. */
    CHECK_EQ(elf_xen_check_pv64(&info, ELF_XEN_PV64_FEATURES, true), 0);
}

TEST(paddr_offset_shifts_the_image)
{
    eb_init(&b, 0xffffffff80100000ULL);
    eb_load(&b, 0, 0xc0100000ULL, 0x1000, 0x1000, PF_R | PF_X, 1);
    eb_note_str(&b, XEN_ELFNOTE_LOADER, "generic");
    eb_note_str(&b, XEN_ELFNOTE_XEN_VERSION, "xen-3.0");
    eb_note_u64(&b, XEN_ELFNOTE_VIRT_BASE, 0xffffffff80000000ULL);
    eb_note_u64(&b, XEN_ELFNOTE_PADDR_OFFSET, 0xc0000000ULL);
    eb_finish(&b);
    CHECK_EQ(parse(), 0);
    CHECK_EQ(info.virt_kstart, 0xffffffff80100000ULL);
    CHECK_EQ(info.segments[0].virt, 0xffffffff80100000ULL);
}

TEST(notes_found_in_sections_when_no_pt_note)
{
    eb_xtf_like_begin(&b);
    eb_finish_with_section(&b);
    CHECK_EQ(parse(), 0);
    CHECK(info.notes_from_sections);
    CHECK_STR(info.guest_os, "XTF");
}

TEST(later_notes_win_features_accumulate)
{
    eb_xtf_like_begin(&b);
    eb_note_str(&b, XEN_ELFNOTE_GUEST_OS, "Mini-OS");
    eb_note_str(&b, XEN_ELFNOTE_FEATURES, "dom0");
    eb_finish(&b);
    CHECK_EQ(parse(), 0);
    CHECK_STR(info.guest_os, "Mini-OS");
    CHECK(info.features_supported & (1U << XENFEAT_dom0));
    CHECK(info.features_required & (1U << XENFEAT_writable_page_tables));
}

TEST(long_strings_are_truncated_and_unknown_notes_skipped)
{
    static const char big[] = "a-guest-version-string-that-is-far-too-long";
    uint32_t x = 7;

    eb_xtf_like_begin(&b);
    eb_note_str(&b, XEN_ELFNOTE_GUEST_VERSION, big);
    eb_note(&b, "Xen", 0x1000001, &x, sizeof(x));         /* CRASH_INFO. */
    eb_note(&b, "Xen", XEN_ELFNOTE_INFO, &x, sizeof(x));
    eb_note(&b, "Linux", XEN_ELFNOTE_GUEST_OS, "evil", 5); /* Not "Xen". */
    eb_finish(&b);
    CHECK_EQ(parse(), 0);
    CHECK_EQ(strlen(info.guest_version), ELF_XEN_STR_MAX - 1);
    CHECK(!strncmp(info.guest_version, big, ELF_XEN_STR_MAX - 1));
    CHECK_STR(info.guest_os, "XTF");
}

TEST(feature_strings)
{
    uint32_t sup = 0, req = 0;
    static const char s1[] = "writable_page_tables|!dom0||hvm_safe_pvclock";

    CHECK_EQ(elf_xen_parse_features(s1, sizeof(s1), &sup, &req), 0);
    CHECK_EQ(sup, 1U << XENFEAT_writable_page_tables | 1U << XENFEAT_dom0);
    CHECK_EQ(req, 1U << XENFEAT_dom0);

    sup = req = 0;       /* Bounded by len: "!dom0" cut to "!do". */
    CHECK_EQ(elf_xen_parse_features("!dom0", 3, &sup, &req), -EINVAL);
    sup = req = 0;       /* Unknown required names refuse, as in Xen. */
    CHECK_EQ(elf_xen_parse_features("!hvm_safe_pvclock", 17, &sup, &req),
             -EINVAL);
    sup = req = 0;
    CHECK_EQ(elf_xen_parse_features("!|!supervisor_mode_kernel|", 26, &sup,
                                    &req), -EINVAL);
    sup = req = 0;
    CHECK_EQ(elf_xen_parse_features("!supervisor_mode_kernel|"
                                    "auto_translated_physmap\0!bogus", 60,
                                    &sup, &req), 0);
    CHECK_EQ(req, 1U << XENFEAT_supervisor_mode_kernel);
    CHECK_EQ(sup, 1U << XENFEAT_supervisor_mode_kernel |
                  1U << XENFEAT_auto_translated_physmap);
    sup = req = 0;
    CHECK_EQ(elf_xen_parse_features("", 0, &sup, &req), 0);
    CHECK_EQ(sup | req, 0);
    CHECK_STR(elf_xen_feature_name(XENFEAT_hvm_callback_vector),
              "hvm_callback_vector");
    CHECK(elf_xen_feature_name(XENFEAT_hvm_safe_pvclock) == NULL);
    CHECK_STR(elf_xen_note_name(XEN_ELFNOTE_PHYS32_ENTRY), "PHYS32_ENTRY");
    CHECK_STR(elf_xen_note_name(99), "unknown");
}

/* One PV64 refusal: an XTF-like image plus one note, built as dom0 or not. */
struct policy_case {
    uint32_t type;
    const char *str;            /* A string note, or NULL for a number. */
    uint64_t num;
    bool is_dom0;
    int rc;
    const char *why;            /* Part of info.error; NULL if rc == 0. */
};

static const struct policy_case policy_cases[] = {
    { XEN_ELFNOTE_LOADER, "bsdloader", 0, true, -EINVAL,
      "LOADER is not \"generic\" and GUEST_OS is not \"linux\"" },
    { XEN_ELFNOTE_XEN_VERSION, "xen-2.0", 0, true, -EINVAL,
      "ELF note XEN_VERSION is not xen-3.0" },
    { XEN_ELFNOTE_FEATURES, "!supervisor_mode_kernel", 0, true, -EOPNOTSUPP,
      "supervisor-mode" },
    { XEN_ELFNOTE_FEATURES, "!auto_translated_physmap", 0, true, -EOPNOTSUPP,
      "auto-translated" },
    { XEN_ELFNOTE_FEATURES, "!writable_descriptor_tables", 0, true,
      -EOPNOTSUPP, "not offered" },
    { XEN_ELFNOTE_SUPPORTED_FEATURES, NULL, 1, true, -EINVAL, "dom0" },
    { XEN_ELFNOTE_SUPPORTED_FEATURES, NULL, 1, false, 0, NULL },
    { XEN_ELFNOTE_BSD_SYMTAB, "yes", 0, true, -EOPNOTSUPP, "BSD_SYMTAB" },
    { XEN_ELFNOTE_HYPERCALL_PAGE, NULL, XTF_BASE + 8, true, -EINVAL,
      "HYPERCALL_PAGE" },
    { XEN_ELFNOTE_HYPERCALL_PAGE, NULL, XTF_BASE + 0x5000, true, -EINVAL,
      "HYPERCALL_PAGE" },
    { XEN_ELFNOTE_INIT_P2M, NULL, 0xffff800000000000ULL, true, -EINVAL,
      "INIT_P2M" },
    { XEN_ELFNOTE_INIT_P2M, NULL, 0x8000000800ULL, true, -EINVAL,
      "INIT_P2M" },
    /* libelf lets entry == kend through; the PV64 check does not. */
    { XEN_ELFNOTE_ENTRY, NULL, XTF_BASE + 0x5000, true, -EINVAL,
      "entry point" },
};

TEST(pv64_policy_refusals)
{
    const struct policy_case *c;
    unsigned int i;

    for ( i = 0; i < sizeof(policy_cases) / sizeof(policy_cases[0]); i++ )
    {
        c = &policy_cases[i];
        eb_xtf_like_begin(&b);
        if ( c->str )
            eb_note_str(&b, c->type, c->str);
        else if ( c->type == XEN_ELFNOTE_SUPPORTED_FEATURES )
            eb_note_u32(&b, c->type, c->num);
        else
            eb_note_u64(&b, c->type, c->num);
        eb_finish(&b);
        CHECK_EQ(parse(), 0);
        CHECK_EQ(elf_xen_check_pv64(&info, ELF_XEN_PV64_FEATURES, c->is_dom0),
                 c->rc);
        if ( c->why )
            CHECK(info.error && strstr(info.error, c->why));
        else
            CHECK(info.error == NULL);
    }
}

static void image_at(uint64_t virt_base, uint64_t paddr, uint64_t memsz)
{
    eb_init(&b, paddr);
    eb_load(&b, paddr, paddr, 0x1000, memsz, PF_R | PF_X, 1);
    eb_note_str(&b, XEN_ELFNOTE_GUEST_OS, "linux");
    eb_note_str(&b, XEN_ELFNOTE_XEN_VERSION, "xen-3.0");
    eb_note_u64(&b, XEN_ELFNOTE_VIRT_BASE, virt_base);
    eb_note_u64(&b, XEN_ELFNOTE_ENTRY, virt_base + paddr);
    eb_finish(&b);
}

TEST(pv64_address_space_refusals)
{
    /* Inside the hypervisor's range: Xen "overlaps with Xen private area". */
    image_at(0xffff804000000000ULL, 0x1000, 0x1000);
    CHECK_EQ(parse(), 0);
    CHECK_EQ(elf_xen_check_pv64(&info, ELF_XEN_PV64_FEATURES, true), -EINVAL);
    CHECK(strstr(info.error, "hypervisor"));
    /* Non-canonical. */
    image_at(0x0000800000000000ULL, 0x1000, 0x1000);
    CHECK_EQ(parse(), 0);
    CHECK_EQ(elf_xen_check_pv64(&info, ELF_XEN_PV64_FEATURES, true), -EINVAL);
    CHECK(strstr(info.error, "canonical"));
    /* Straddling the non-canonical hole. */
    image_at(0x00007ffffffff000ULL, 0, 0x2000);
    CHECK_EQ(parse(), 0);
    CHECK_EQ(elf_xen_check_pv64(&info, ELF_XEN_PV64_FEATURES, true), -EINVAL);
    /* Too big to map. */
    image_at(0, 0x1000, 2ULL << 30);
    CHECK_EQ(parse(), 0);
    CHECK_EQ(elf_xen_check_pv64(&info, ELF_XEN_PV64_FEATURES, true), -E2BIG);
    /* Just above the hypervisor's range: fine. */
    image_at(0xffff880000000000ULL, 0, 0x2000);
    CHECK_EQ(parse(), 0);
    CHECK_EQ(elf_xen_check_pv64(&info, ELF_XEN_PV64_FEATURES, true), 0);
}

/* A fake guest memory covering [LINUX_TEXT, LINUX_KEND). */
static uint8_t guest[LINUX_KEND - LINUX_TEXT];
static unsigned int nr_calls;

static uint8_t *guest_at(uint64_t virt, size_t len)
{
    CHECK(virt >= LINUX_TEXT && virt + len <= LINUX_KEND);
    return guest + (virt - LINUX_TEXT);
}

static int fake_write(void *ctx, uint64_t virt, const void *src, size_t len)
{
    nr_calls++;
    memcpy(guest_at(virt, len), src, len);
    return 0;
}

static int fake_zero(void *ctx, uint64_t virt, size_t len)
{
    nr_calls++;
    memset(guest_at(virt, len), 0, len);
    return 0;
}

static int failing_zero(void *ctx, uint64_t virt, size_t len)
{
    return -EFAULT;
}

TEST(load_copies_and_zeroes)
{
    eb_linux_like(&b);
    CHECK_EQ(parse(), 0);
    memset(guest, 0x55, sizeof(guest));
    nr_calls = 0;
    CHECK_EQ(elf_xen_load(b.buf, b.size, &info, fake_write, fake_zero, NULL),
             0);
    CHECK_EQ(nr_calls, 3);           /* Two copies, one bss. */
    CHECK_EQ(guest[0], 0xcc);
    CHECK_EQ(guest[0x1fff], 0xcc);
    CHECK_EQ(guest[0x2000], 0x55);   /* The gap between segments. */
    CHECK_EQ(guest[0x3000], 0xdd);
    CHECK_EQ(guest[0x37ff], 0xdd);
    CHECK_EQ(guest[0x3800], 0);
    CHECK_EQ(guest[0x5fff], 0);
    CHECK_EQ(elf_xen_load(b.buf, b.size, &info, fake_write, failing_zero,
                          NULL), -EFAULT);
    /* An info that does not fit the image is refused. */
    CHECK_EQ(elf_xen_load(b.buf, 0x1800, &info, fake_write, fake_zero, NULL),
             -EINVAL);
}
