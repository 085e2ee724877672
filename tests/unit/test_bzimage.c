/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bzImage recognition (portable/image/bzimage.c) on synthetic images laid
 * out as Documentation/arch/x86/boot.rst describes: setup sectors, the
 * "HdrS" header with payload_offset/payload_length, a payload whose magic
 * names the compressor and whose last 4 bytes hold the uncompressed size.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#include <image/bzimage.h>
#include <xenolith/errno.h>

#define SETUP_SECTS 3
#define PM_START    ((SETUP_SECTS + 1) * 512)
#define PAYLOAD_OFF 0x1c0
#define IMG_SIZE    0x2000

static uint8_t img[IMG_SIZE];

static void put_le(size_t off, uint32_t v, unsigned int len)
{
    while ( len-- )
    {
        img[off++] = v & 0xff;
        v >>= 8;
    }
}

/* A bzImage whose payload starts with magic[len] and is plen bytes long. */
static void build(const void *magic, size_t len, uint32_t plen)
{
    memset(img, 0, sizeof(img));
    img[0x1f1] = SETUP_SECTS;
    put_le(0x1fe, 0xaa55, 2);
    memcpy(img + 0x202, "HdrS", 4);
    put_le(0x206, 0x020f, 2);                 /* Boot protocol 2.15. */
    put_le(0x248, PAYLOAD_OFF, 4);
    put_le(0x24c, plen, 4);
    memcpy(img + PM_START + PAYLOAD_OFF, magic, len);
    put_le(PM_START + PAYLOAD_OFF + plen - 4, 0x2a00000, 4);
}

static int find(size_t size, size_t *off, size_t *len)
{
    return bzimage_find_payload(img, size, off, len);
}

TEST(finds_payload_and_names_each_compressor)
{
    static const struct {
        const char *magic;
        size_t len;
        enum bzimage_format fmt;
        const char *name;
    } cases[] = {
        { "\x1f\x8b\x08", 3, BZIMAGE_FMT_GZIP, "gzip" },
        { "BZh9", 4, BZIMAGE_FMT_BZIP2, "bzip2" },
        { "\x5d\x00\x00\x80", 4, BZIMAGE_FMT_LZMA, "lzma" },
        { "\xfd" "7zXZ\x00", 6, BZIMAGE_FMT_XZ, "xz" },
        { "\x89LZO", 4, BZIMAGE_FMT_LZO, "lzo" },
        { "\x02\x21\x4c\x18", 4, BZIMAGE_FMT_LZ4, "lz4" },
        { "\x28\xb5\x2f\xfd", 4, BZIMAGE_FMT_ZSTD, "zstd" },
        { "\x7f" "ELF", 4, BZIMAGE_FMT_ELF, "uncompressed ELF" },
        { "MZ\x90\x00", 4, BZIMAGE_FMT_UNKNOWN, "unknown" },
    };
    size_t off = 0, len = 0, i;

    for ( i = 0; i < sizeof(cases) / sizeof(cases[0]); i++ )
    {
        build(cases[i].magic, cases[i].len, 0x400);
        CHECK_EQ(find(IMG_SIZE, &off, &len), 0);
        CHECK_EQ(off, PM_START + PAYLOAD_OFF);
        CHECK_EQ(len, 0x400);
        CHECK_EQ(bzimage_sniff(img + off, len), cases[i].fmt);
        CHECK_STR(bzimage_format_name(bzimage_sniff(img + off, len)),
                  cases[i].name);
        CHECK_EQ(bzimage_uncompressed_size(img + off, len), 0x2a00000);
    }
    CHECK_EQ(bzimage_protocol(img, IMG_SIZE), 0x020f);
}

TEST(zero_setup_sects_means_four)
{
    size_t off = 0, len = 0;

    build("\x1f\x8b", 2, 0x100);
    img[0x1f1] = 0;
    CHECK_EQ(find(IMG_SIZE, &off, &len), 0);
    CHECK_EQ(off, 5 * 512 + PAYLOAD_OFF);
}

TEST(refuses_what_is_not_a_usable_bzimage)
{
    size_t off = 123, len = 456;

    build("\x1f\x8b", 2, 0x400);
    CHECK_EQ(find(0x24f, &off, &len), -ENOEXEC);        /* Header cut. */
    CHECK_EQ(bzimage_protocol(img, 0x24f), 0);
    CHECK_EQ(bzimage_find_payload(NULL, 0, &off, &len), -ENOEXEC);
    img[0x202] = 'h';
    CHECK_EQ(find(IMG_SIZE, &off, &len), -ENOEXEC);     /* No "HdrS". */
    build("\x1f\x8b", 2, 0x400);
    put_le(0x206, 0x0207, 2);
    CHECK_EQ(find(IMG_SIZE, &off, &len), -EOPNOTSUPP); /* Before 2.08. */
    build("\x1f\x8b", 2, 0x400);
    CHECK_EQ(find(PM_START + PAYLOAD_OFF + 0x3ff, &off, &len), -EINVAL);
    put_le(0x24c, 0, 4);
    CHECK_EQ(find(IMG_SIZE, &off, &len), -EINVAL);      /* Empty payload. */
    put_le(0x24c, 0xffffffff, 4);
    CHECK_EQ(find(IMG_SIZE, &off, &len), -EINVAL);
    put_le(0x24c, 0x10, 4);
    put_le(0x248, 0xfffffff0, 4);                       /* Offset past end. */
    CHECK_EQ(find(IMG_SIZE, &off, &len), -EINVAL);
    CHECK_EQ(off, 123);                                 /* Untouched. */
    CHECK_EQ(len, 456);
    CHECK_EQ(bzimage_sniff(img, 1), BZIMAGE_FMT_UNKNOWN);
    CHECK_EQ(bzimage_sniff(NULL, 0), BZIMAGE_FMT_UNKNOWN);
    CHECK_EQ(bzimage_uncompressed_size(img, 3), 0);
    CHECK_STR(bzimage_format_name((enum bzimage_format)99), "unknown");
}

TEST(fuzz_header_never_reads_outside)
{
    uint64_t s = 0x243f6a8885a308d3ULL;
    size_t off, len, size;
    uint8_t *copy;
    int i, rc;

    for ( i = 0; i < 20000; i++ )
    {
        build("\x28\xb5\x2f\xfd", 4, 0x400);
        s ^= s << 13, s ^= s >> 7, s ^= s << 17;
        img[0x1f0 + s % 0x60] = s >> 32;
        size = (s >> 16) % 4 ? IMG_SIZE : (s >> 20) % IMG_SIZE;
        copy = malloc(size ? size : 1);
        memcpy(copy, img, size);
        rc = bzimage_find_payload(copy, size, &off, &len);
        if ( rc == 0 )
        {
            CHECK(off <= size && len <= size - off);
            (void)bzimage_sniff(copy + off, len);
            (void)bzimage_uncompressed_size(copy + off, len);
        }
        free(copy);
    }
}
