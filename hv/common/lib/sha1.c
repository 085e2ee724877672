/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SHA-1 (FIPS 180-4, section 6.1), one-shot. The hypervisor uses it for a
 * build id (xenolith/version.h), the same hash GNU ld's --build-id=sha1
 * gives Xen; it is not used where collision resistance matters.
 */
#include <xenolith/sha1.h>
#include <xenolith/string.h>

#define SHA1_BLOCK_SIZE 64

static uint32_t rol32(uint32_t x, unsigned int n)
{
    return (x << n) | (x >> (32 - n));
}

static uint32_t load_be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
           ((uint32_t)p[2] << 8) | p[3];
}

/* The round function and constant of step i (FIPS 180-4, 4.1.1 and 4.2.1). */
static uint32_t round_f(unsigned int i, uint32_t b, uint32_t c, uint32_t d,
                        uint32_t *k)
{
    if ( i < 20 )
    {
        *k = 0x5a827999;
        return (b & c) | (~b & d);
    }
    if ( i < 40 )
    {
        *k = 0x6ed9eba1;
        return b ^ c ^ d;
    }
    if ( i < 60 )
    {
        *k = 0x8f1bbcdc;
        return (b & c) | (b & d) | (c & d);
    }
    *k = 0xca62c1d6;
    return b ^ c ^ d;
}

static void sha1_block(uint32_t h[5], const uint8_t *block)
{
    uint32_t w[80], a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    uint32_t f, k, t;
    unsigned int i;

    for ( i = 0; i < 16; i++ )
        w[i] = load_be32(block + 4 * i);
    for ( ; i < 80; i++ )
        w[i] = rol32(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    for ( i = 0; i < 80; i++ )
    {
        f = round_f(i, b, c, d, &k);
        t = rol32(a, 5) + f + e + k + w[i];
        e = d;
        d = c;
        c = rol32(b, 30);
        b = a;
        a = t;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
}

void sha1_digest(const void *data, size_t len, uint8_t digest[SHA1_DIGEST_SIZE])
{
    uint32_t h[5] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476,
                      0xc3d2e1f0 };
    const uint8_t *p = data;
    uint8_t tail[2 * SHA1_BLOCK_SIZE];
    size_t rest = len % SHA1_BLOCK_SIZE, full = len - rest, i;
    size_t tail_len = rest < SHA1_BLOCK_SIZE - 8 ? SHA1_BLOCK_SIZE
                                                 : 2 * SHA1_BLOCK_SIZE;
    uint64_t bits = (uint64_t)len * 8;

    for ( i = 0; i < full; i += SHA1_BLOCK_SIZE )
        sha1_block(h, p + i);

    /* Padding: 0x80, zeros, then the message length in bits, big-endian. */
    memset(tail, 0, sizeof(tail));
    if ( rest )
        memcpy(tail, p + full, rest);
    tail[rest] = 0x80;
    for ( i = 0; i < 8; i++ )
        tail[tail_len - 1 - i] = (uint8_t)(bits >> (8 * i));
    for ( i = 0; i < tail_len; i += SHA1_BLOCK_SIZE )
        sha1_block(h, tail + i);

    for ( i = 0; i < SHA1_DIGEST_SIZE; i++ )
        digest[i] = (uint8_t)(h[i / 4] >> (24 - 8 * (i % 4)));
}
