/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bzImage recognition: the setup header fields at their fixed offsets
 * (Documentation/arch/x86/boot.rst), bounds-checked, and the compressors'
 * magic numbers as Linux's arch/x86/boot/compressed/Makefile produces them
 * (each payload is followed by its 32-bit uncompressed size). Xen 4.17's
 * xen/arch/x86/bzimage.c makes the same checks before decompressing; we
 * stop at recognising (see bzimage.h).
 */
#include <image/bzimage.h>
#include <xenolith/errno.h>
#include <xenolith/string.h>

#define BZ_SETUP_SECTS     0x1f1
#define BZ_HEADER          0x202
#define BZ_VERSION         0x206
#define BZ_PAYLOAD_OFFSET  0x248
#define BZ_PAYLOAD_LENGTH  0x24c
#define BZ_HEADER_END      0x250
#define BZ_SECTOR          512

static uint32_t get_le(const uint8_t *p, unsigned int len)
{
    uint32_t v = 0;

    while ( len-- )
        v = (v << 8) | p[len];
    return v;
}

unsigned int bzimage_protocol(const void *img, size_t size)
{
    const uint8_t *b = img;

    if ( !img || size < BZ_HEADER_END || memcmp(b + BZ_HEADER, "HdrS", 4) )
        return 0;
    return get_le(b + BZ_VERSION, 2);
}

int bzimage_find_payload(const void *img, size_t size, size_t *off,
                         size_t *len)
{
    const uint8_t *b = img;
    unsigned int version = bzimage_protocol(img, size);
    uint64_t setup_sects, start, length;

    if ( !version )
        return -ENOEXEC;
    if ( version < 0x208 )
        return -EOPNOTSUPP;
    /* A setup_sects of 0 means 4, for very old boot loaders. */
    setup_sects = b[BZ_SETUP_SECTS] ? b[BZ_SETUP_SECTS] : 4;
    start = (setup_sects + 1) * BZ_SECTOR + get_le(b + BZ_PAYLOAD_OFFSET, 4);
    length = get_le(b + BZ_PAYLOAD_LENGTH, 4);
    if ( length == 0 || start > size || length > size - start )
        return -EINVAL;
    *off = start;
    *len = length;
    return 0;
}

static const struct {
    enum bzimage_format fmt;
    const char *name;
    unsigned int magic_len;
    uint8_t magic[6];
} formats[] = {
    { BZIMAGE_FMT_GZIP, "gzip", 2, { 0x1f, 0x8b } },
    { BZIMAGE_FMT_BZIP2, "bzip2", 3, { 'B', 'Z', 'h' } },
    { BZIMAGE_FMT_LZMA, "lzma", 3, { 0x5d, 0x00, 0x00 } },
    { BZIMAGE_FMT_XZ, "xz", 6, { 0xfd, '7', 'z', 'X', 'Z', 0x00 } },
    { BZIMAGE_FMT_LZO, "lzo", 4, { 0x89, 'L', 'Z', 'O' } },
    { BZIMAGE_FMT_LZ4, "lz4", 4, { 0x02, 0x21, 0x4c, 0x18 } },
    { BZIMAGE_FMT_ZSTD, "zstd", 4, { 0x28, 0xb5, 0x2f, 0xfd } },
    { BZIMAGE_FMT_ELF, "uncompressed ELF", 4, { 0x7f, 'E', 'L', 'F' } },
};

enum bzimage_format bzimage_sniff(const void *payload, size_t len)
{
    unsigned int i;

    for ( i = 0; payload && i < ARRAY_SIZE(formats); i++ )
        if ( len >= formats[i].magic_len &&
             !memcmp(payload, formats[i].magic, formats[i].magic_len) )
            return formats[i].fmt;
    return BZIMAGE_FMT_UNKNOWN;
}

const char *bzimage_format_name(enum bzimage_format fmt)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(formats); i++ )
        if ( formats[i].fmt == fmt )
            return formats[i].name;
    return "unknown";
}

uint32_t bzimage_uncompressed_size(const void *payload, size_t len)
{
    if ( !payload || len < 4 )
        return 0;
    return get_le((const uint8_t *)payload + len - 4, 4);
}
