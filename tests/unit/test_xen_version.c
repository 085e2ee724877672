/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests of hv/common/hypercall/xen_version.c and hv/common/version.c
 * against a fake guest (fake_guest.h): each sub-op's answer and exactly
 * how many bytes it writes, what an unprivileged domain is denied, the
 * build id (SHA-1 of a fake image between __text_start and __rodata_end),
 * and -EFAULT for every bad guest buffer.
 */
#include <string.h>

#include "fake_guest.h"
#include "harness.h"

#include <xenolith/errno.h>
#include <xenolith/hypercall.h>
#include <xenolith/sha1.h>
#include <xenolith/version.h>
#include <xen/features.h>
#include <xen/version.h>

/* The "image" version.c hashes for the build id. */
__asm__(".section .rodata\n"
        ".globl __text_start\n.globl __rodata_end\n"
        "__text_start:\n.ascii \"a fake hypervisor image\"\n"
        "__rodata_end:\n.previous");
#define FAKE_IMAGE "a fake hypervisor image"

static long xen_version(unsigned long cmd, unsigned long arg)
{
    return do_xen_version(cmd, arg, 0, 0, 0);
}

/* A writable guest page 0, all 0x5a; returns its address. */
static uint64_t answer_page(void)
{
    fake_guest_map(fake_guest_page(0), 4096, true);
    return fake_guest_page(0);
}

static const char *answer(void)
{
    return fake_guest_ptr(fake_guest_page(0));
}

/* The sub-op wrote exactly size bytes, a terminated string among them. */
static void check_string_subop(int cmd, size_t size, const char *want)
{
    fake_guest_reset(0, true);
    CHECK_EQ(xen_version(cmd, answer_page()), 0);
    CHECK(strnlen(answer(), size) < size);
    CHECK_EQ((unsigned char)answer()[size - 1], 0);
    CHECK_EQ((unsigned char)answer()[size], 0x5a);
    if ( want )
        CHECK_STR(answer(), want);
}

TEST(version_is_4_17)
{
    fake_guest_reset(0, true);
    CHECK_EQ(xen_version(XENVER_version, 0), 0x40011);
    CHECK_EQ(xen_version(XENVER_version, FAKE_ADDR_XEN), 0x40011);
}

TEST(strings_fill_their_abi_arrays)
{
    check_string_subop(XENVER_extraversion, sizeof(xen_extraversion_t),
                       "-xenolith-0.1");
    check_string_subop(XENVER_capabilities, sizeof(xen_capabilities_info_t),
                       "xen-3.0-x86_64 ");
    check_string_subop(XENVER_changeset, sizeof(xen_changeset_info_t),
                       "unavailable");
    version_set_cmdline("console=com1 loglvl=all");
    check_string_subop(XENVER_commandline, sizeof(xen_commandline_t),
                       "console=com1 loglvl=all");
}

TEST(commandline_cut_to_abi_size)
{
    char longer[2000];

    memset(longer, 'c', sizeof(longer) - 1);
    longer[sizeof(longer) - 1] = '\0';
    version_set_cmdline(longer);
    CHECK_EQ(strlen(hypervisor_cmdline()), sizeof(xen_commandline_t) - 1);
    check_string_subop(XENVER_commandline, sizeof(xen_commandline_t), NULL);
    version_set_cmdline(NULL);
    CHECK_STR(hypervisor_cmdline(), "");
}

TEST(commandline_denied_to_domu)
{
    version_set_cmdline("secret=1");
    fake_guest_reset(2, false);
    CHECK_EQ(xen_version(XENVER_commandline, answer_page()), 0);
    CHECK_STR(answer(), "<denied>");
    CHECK_EQ((unsigned char)answer()[sizeof("<denied>")], 0x5a);
}

TEST(compile_info_terminated)
{
    const xen_compile_info_t *ci;

    fake_guest_reset(0, true);
    CHECK_EQ(xen_version(XENVER_compile_info, answer_page()), 0);
    ci = (const xen_compile_info_t *)answer();
    CHECK(!strncmp(ci->compiler, "gcc ", 4));
    CHECK_STR(ci->compile_by, "xenolith");
    CHECK_STR(ci->compile_domain, "unknown");
    CHECK_STR(ci->compile_date, version_compile_date());
    CHECK_EQ((unsigned char)answer()[sizeof(*ci)], 0x5a);
}

TEST(platform_parameters)
{
    fake_guest_reset(0, true);
    CHECK_EQ(xen_version(XENVER_platform_parameters, answer_page()), 0);
    CHECK_EQ(((const xen_platform_parameters_t *)answer())->virt_start,
             0xffff800000000000UL);
}

static long features(unsigned int idx, uint32_t *submap)
{
    xen_feature_info_t *fi = fake_guest_ptr(answer_page());
    long rc;

    fi->submap_idx = idx;
    fi->submap = 0;
    rc = xen_version(XENVER_get_features, fake_guest_page(0));
    *submap = fi->submap;
    return rc;
}

TEST(features_of_dom0_and_domu)
{
    uint32_t submap;

    fake_guest_reset(0, true);
    CHECK_EQ(features(0, &submap), 0);
    CHECK_EQ(submap, (1u << XENFEAT_dom0) | (1u << XENFEAT_direct_mapped) |
                     (1u << XENFEAT_mmu_pt_update_preserve_ad) |
                     (1u << XENFEAT_gnttab_map_avail_bits));
    fake_domain.vm_assist = 1UL << VMASST_TYPE_pae_extended_cr3;
    CHECK_EQ(features(0, &submap), 0);
    CHECK(submap & (1u << XENFEAT_pae_pgdir_above_4gb));
    fake_guest_reset(1, false);
    CHECK_EQ(features(0, &submap), 0);
    CHECK_EQ(submap, (1u << XENFEAT_direct_mapped) |
                     (1u << XENFEAT_mmu_pt_update_preserve_ad) |
                     (1u << XENFEAT_gnttab_map_avail_bits));
    CHECK_EQ(features(1, &submap), -EINVAL);
    CHECK_EQ(features(0xffffffffu, &submap), -EINVAL);
}

TEST(pagesize)
{
    fake_guest_reset(0, true);
    CHECK_EQ(xen_version(XENVER_pagesize, 0), 4096);
    CHECK_EQ(xen_version(XENVER_pagesize, answer_page()), -EINVAL);
}

TEST(guest_handle_is_zero)
{
    static const unsigned char zero[16];

    fake_guest_reset(0, true);
    CHECK_EQ(xen_version(XENVER_guest_handle, answer_page()), 0);
    CHECK(!memcmp(answer(), zero, 16));
    CHECK_EQ((unsigned char)answer()[16], 0x5a);
}

TEST(build_id_is_sha1_of_image)
{
    uint8_t want[SHA1_DIGEST_SIZE];
    xen_build_id_t *b;

    sha1_digest(FAKE_IMAGE, strlen(FAKE_IMAGE), want);
    fake_guest_reset(0, true);
    CHECK_EQ(xen_version(XENVER_build_id, 0), 20);
    b = fake_guest_ptr(answer_page());
    b->len = 20;
    CHECK_EQ(xen_version(XENVER_build_id, fake_guest_page(0)), 20);
    CHECK(!memcmp(b->buf, want, 20));
    CHECK_EQ(b->buf[20], 0x5a);
    b->len = 0;
    CHECK_EQ(xen_version(XENVER_build_id, fake_guest_page(0)), -EINVAL);
    b->len = 19;
    CHECK_EQ(xen_version(XENVER_build_id, fake_guest_page(0)), -ENOBUFS);
    b->len = 4096;
    CHECK_EQ(xen_version(XENVER_build_id, fake_guest_page(0)), 20);
}

TEST(build_id_denied_to_domu)
{
    fake_guest_reset(5, false);
    CHECK_EQ(xen_version(XENVER_build_id, 0), -EPERM);
    CHECK_EQ(xen_version(XENVER_build_id, answer_page()), -EPERM);
}

static const int pointer_subops[] = {
    XENVER_extraversion, XENVER_compile_info, XENVER_capabilities,
    XENVER_changeset, XENVER_platform_parameters, XENVER_get_features,
    XENVER_guest_handle, XENVER_commandline, XENVER_build_id,
};

TEST(bad_pointers_fault)
{
    const uint64_t bad[] = { fake_guest_page(1), FAKE_ADDR_XEN,
                             FAKE_ADDR_NONCANONICAL, 0x1000 };
    unsigned int i, j;

    fake_guest_reset(0, true);
    for ( i = 0; i < ARRAY_SIZE(pointer_subops); i++ )
        for ( j = 0; j < ARRAY_SIZE(bad); j++ )
            CHECK_EQ(xen_version(pointer_subops[i], bad[j]), -EFAULT);
}

/* Writes to a read-only page fault; so do those reaching past a mapping. */
TEST(readonly_and_straddling_buffers_fault)
{
    unsigned int i;

    fake_guest_reset(0, true);
    fake_guest_map(fake_guest_page(0), 4096, false);
    /* A valid request, so that get_features gets as far as writing. */
    ((xen_feature_info_t *)fake_guest_ptr(fake_guest_page(0)))->submap_idx = 0;
    for ( i = 0; i < ARRAY_SIZE(pointer_subops); i++ )
    {
        if ( pointer_subops[i] == XENVER_build_id )
            continue;           /* Reads the length: see build_id_is_... */
        CHECK_EQ(xen_version(pointer_subops[i], fake_guest_page(0)),
                 -EFAULT);
    }
    CHECK_EQ(xen_version(XENVER_commandline, fake_guest_page(1) - 16),
             -EFAULT);
}

TEST(unknown_subops)
{
    fake_guest_reset(0, true);
    CHECK_EQ(xen_version(11, answer_page()), -ENOSYS);
    CHECK_EQ(xen_version(0x7fff, answer_page()), -ENOSYS);
    CHECK_EQ(xen_version(-1UL, answer_page()), -ENOSYS);
}

/* Xen 4.17 takes cmd as an int. */
TEST(upper_half_of_cmd_ignored)
{
    fake_guest_reset(0, true);
    CHECK_EQ(xen_version((1UL << 32) | XENVER_pagesize, 0), 4096);
}
