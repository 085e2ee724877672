/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests of hv/common/lib/sha1.c against the FIPS 180 example vectors
 * (and the padding edges: 55, 56 and 64 bytes need one or two tail blocks).
 * Expected digests: the NIST examples, and `sha1sum` for the others.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#include <xenolith/sha1.h>

static void hex(const uint8_t d[SHA1_DIGEST_SIZE], char out[41])
{
    int i;

    for ( i = 0; i < SHA1_DIGEST_SIZE; i++ )
        sprintf(out + 2 * i, "%02x", d[i]);
}

static void check_digest(const void *data, size_t len, const char *want)
{
    uint8_t d[SHA1_DIGEST_SIZE];
    char got[41];

    sha1_digest(data, len, d);
    hex(d, got);
    CHECK_STR(got, want);
}

static void check_repeated(char c, size_t len, const char *want)
{
    char *buf = malloc(len);

    memset(buf, c, len);
    check_digest(buf, len, want);
    free(buf);
}

TEST(empty_message)
{
    check_digest(NULL, 0, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
}

TEST(abc)
{
    check_digest("abc", 3, "a9993e364706816aba3e25717850c26c9cd0d89d");
}

TEST(two_block_message)
{
    static const char msg[] =
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

    check_digest(msg, sizeof(msg) - 1,
                 "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
}

TEST(padding_edges)
{
    check_repeated('a', 55, "c1c8bbdc22796e28c0e15163d20899b65621d65a");
    check_repeated('a', 56, "c2db330f6083854c99d4b5bfb6e8f29f201be699");
    check_repeated('a', 64, "0098ba824b5c16427bd7a1122a5a442a25ec644d");
}

TEST(million_a)
{
    check_repeated('a', 1000000, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}
