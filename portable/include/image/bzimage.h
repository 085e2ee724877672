/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux bzImage recognition (Documentation/arch/x86/boot.rst, "The Real-Mode
 * Kernel Header"): where the compressed kernel sits inside a bzImage and
 * which compressor made it. Xenolith does not decompress kernels itself:
 * the host tool tools/extract-vmlinux turns a bzImage into the ELF vmlinux
 * the PV builders load, and the builders use this file to say so clearly
 * when they are handed a bzImage. Pure; the image is untrusted.
 */
#ifndef IMAGE_BZIMAGE_H
#define IMAGE_BZIMAGE_H

#include <xenolith/types.h>

enum bzimage_format {
    BZIMAGE_FMT_UNKNOWN = 0,
    BZIMAGE_FMT_GZIP,
    BZIMAGE_FMT_BZIP2,
    BZIMAGE_FMT_LZMA,
    BZIMAGE_FMT_XZ,
    BZIMAGE_FMT_LZO,
    BZIMAGE_FMT_LZ4,
    BZIMAGE_FMT_ZSTD,
    BZIMAGE_FMT_ELF,       /* CONFIG_KERNEL_UNCOMPRESSED. */
};

/*
 * Find the payload of a bzImage: checks the "HdrS" signature and boot
 * protocol >= 2.08 (which added payload_offset and payload_length) and
 * that the payload lies inside the image.
 * Context: any. Pure.
 * Returns 0 with *off and *len set (offsets in img), -ENOEXEC (not a
 * bzImage), -EOPNOTSUPP (boot protocol older than 2.08), -EINVAL (payload
 * outside the image or empty). *off and *len are untouched on failure.
 */
int __must_check bzimage_find_payload(const void *img, size_t size,
                                      size_t *off, size_t *len);

/* The boot protocol version of a bzImage (0x020f for 2.15), 0 if none. */
unsigned int bzimage_protocol(const void *img, size_t size);

/* Which compressor produced payload (by its magic number). */
enum bzimage_format bzimage_sniff(const void *payload, size_t len);

/* "gzip", "xz", ...; "unknown" for BZIMAGE_FMT_UNKNOWN or bad values. */
const char *bzimage_format_name(enum bzimage_format fmt);

/*
 * The uncompressed size Linux's build appends to every compressed payload
 * (its last 4 bytes, little endian), or 0 if len < 4.
 */
uint32_t bzimage_uncompressed_size(const void *payload, size_t len);

#endif /* IMAGE_BZIMAGE_H */
