/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests of hv/arch/x86/pv/insn_decode.c: the encodings PV emulation
 * handles, prefixes as a 64-bit CPU reads them (REX only directly before
 * the opcode, the 15-byte limit checked before the bytes run out), MOV
 * CR/DR without SIB or displacement, and garbage: every 1- and 2-byte
 * sequence and many random ones, each given in a buffer of exactly the
 * bytes available so that AddressSanitizer catches any read past them.
 */
#include "harness.h"

#include <stdlib.h>
#include <string.h>
#include <asm/insn.h>

/* Decode len bytes from a heap buffer of exactly that size. */
static enum insn_status decode(const uint8_t *bytes, unsigned int len,
                               struct insn *insn)
{
    uint8_t *copy = malloc(len ? len : 1);
    enum insn_status rc;

    if ( len )
        memcpy(copy, bytes, len);
    rc = insn_decode(copy, len, insn);
    free(copy);
    return rc;
}

#define DECODE(insn, ...)                                                  \
    ({                                                                     \
        static const uint8_t b_[] = { __VA_ARGS__ };                       \
        decode(b_, sizeof(b_), (insn));                                    \
    })

TEST(plain_instructions)
{
    struct insn i;

    CHECK_EQ(DECODE(&i, 0x0f, 0x32), INSN_OK);
    CHECK_EQ(i.len, 2);
    CHECK_EQ(i.opcode, INSN_OP0F(0x32));
    CHECK_EQ(DECODE(&i, 0xec), INSN_OK);
    CHECK_EQ(i.len, 1);
    CHECK_EQ(i.opcode, INSN_OP(0xec));
    CHECK_EQ(DECODE(&i, 0xe4, 0x21), INSN_OK);
    CHECK_EQ(i.len, 2);
    CHECK_EQ(i.imm8, 0x21);
    CHECK_EQ(DECODE(&i, 0x66, 0xed), INSN_OK);
    CHECK(i.opsize);
    CHECK_EQ(DECODE(&i, 0xf3, 0x6c), INSN_OK);
    CHECK_EQ(i.rep, 0xf3);
    CHECK_EQ(DECODE(&i, 0x0f, 0xa2), INSN_OK);
    CHECK_EQ(DECODE(&i, 0x0f, 0x01, 0xf9), INSN_OK);
    CHECK_EQ(i.len, 3);
    CHECK_EQ(DECODE(&i, 0x0f, 0x01, 0xd1), INSN_OK);
    CHECK_EQ(DECODE(&i, 0x66, 0x0f, 0x01, 0xd1), INSN_OK);  /* for its #UD */
    CHECK(i.opsize);
    CHECK_EQ(DECODE(&i, 0xf2, 0x0f, 0x01, 0xd1), INSN_OK);
    CHECK_EQ(i.rep, 0xf2);
    CHECK_EQ(DECODE(&i, 0xfa), INSN_OK);
    CHECK_EQ(DECODE(&i, 0x0f, 0x06), INSN_OK);
}

TEST(mov_cr_takes_no_sib_or_displacement)
{
    struct insn i;

    CHECK_EQ(DECODE(&i, 0x0f, 0x20, 0x80), INSN_OK);   /* Mod 10: disp32? No. */
    CHECK_EQ(i.len, 3);
    CHECK_EQ(insn_modrm_reg(&i), 0);
    CHECK_EQ(insn_modrm_rm(&i), 0);
    CHECK_EQ(DECODE(&i, 0x0f, 0x22, 0x04), INSN_OK);   /* rm 100: SIB? No. */
    CHECK_EQ(i.len, 3);
    CHECK_EQ(DECODE(&i, 0x44, 0x0f, 0x20, 0xc0), INSN_OK);
    CHECK_EQ(insn_modrm_reg(&i), 8);                   /* REX.R: CR8 */
    CHECK_EQ(DECODE(&i, 0x41, 0x0f, 0x20, 0xc1), INSN_OK);
    CHECK_EQ(insn_modrm_rm(&i), 9);                    /* REX.B: r9 */
}

TEST(prefixes)
{
    struct insn i;

    CHECK_EQ(DECODE(&i, 0x66, 0xf3, 0x2e, 0x48, 0x0f, 0x32), INSN_OK);
    CHECK_EQ(i.len, 6);
    CHECK_EQ(i.rex, 0x48);
    CHECK_EQ(i.rep, 0xf3);
    CHECK_EQ(i.segment, 0x2e);
    CHECK(i.opsize);
    CHECK_EQ(DECODE(&i, 0x48, 0x66, 0x0f, 0x32), INSN_OK);
    CHECK_EQ(i.rex, 0);                                /* Not last: ignored. */
    CHECK_EQ(DECODE(&i, 0x44, 0x40, 0x0f, 0x20, 0xc0), INSN_OK);
    CHECK_EQ(insn_modrm_reg(&i), 0);                   /* The last REX wins. */
    CHECK_EQ(DECODE(&i, 0xf3, 0xf2, 0x6c), INSN_OK);
    CHECK_EQ(i.rep, 0xf2);
    CHECK_EQ(DECODE(&i, 0xf0, 0x0f, 0x32), INSN_OK);
    CHECK(i.lock);
    CHECK_EQ(DECODE(&i, 0x67, 0x6e), INSN_OK);
    CHECK(i.addrsize);
}

TEST(length_limit)
{
    uint8_t b[20];
    struct insn i;

    memset(b, 0x66, sizeof(b));
    b[13] = 0x0f;
    b[14] = 0x32;
    CHECK_EQ(decode(b, 15, &i), INSN_OK);              /* 13 prefixes: 15 */
    CHECK_EQ(i.len, 15);
    memset(b, 0x66, sizeof(b));
    b[14] = 0x0f;
    b[15] = 0x32;
    CHECK_EQ(decode(b, 16, &i), INSN_TOO_LONG);        /* 14 prefixes: 16 */
    CHECK_EQ(decode(b, 15, &i), INSN_TOO_LONG);        /* Limit before need. */
    memset(b, 0x66, sizeof(b));
    CHECK_EQ(decode(b, 20, &i), INSN_TOO_LONG);
    b[14] = 0xe4;                                      /* imm8 is byte 16 */
    CHECK_EQ(decode(b, 16, &i), INSN_TOO_LONG);
}

TEST(truncated_input_asks_for_the_next_byte)
{
    static const uint8_t cases[][3] = {
        { 0x0f }, { 0xe4 }, { 0x66, 0x66 }, { 0x0f, 0x20 }, { 0x48 },
        { 0x0f, 0x01 },
    };
    static const unsigned int lens[] = { 1, 1, 2, 2, 1, 2 };
    struct insn i;
    unsigned int c;

    CHECK_EQ(decode(NULL, 0, &i), INSN_NEED_MORE);
    CHECK_EQ(i.len, 0);
    for ( c = 0; c < ARRAY_SIZE(lens); c++ )
    {
        CHECK_EQ(decode(cases[c], lens[c], &i), INSN_NEED_MORE);
        CHECK_EQ(i.len, lens[c]);
    }
}

TEST(unsupported)
{
    struct insn i;

    CHECK_EQ(DECODE(&i, 0x90), INSN_UNSUPPORTED);
    CHECK_EQ(DECODE(&i, 0xf4), INSN_UNSUPPORTED);      /* HLT: bounced */
    CHECK_EQ(DECODE(&i, 0x0f, 0x0b), INSN_UNSUPPORTED);
    CHECK_EQ(DECODE(&i, 0xcd, 0x80), INSN_UNSUPPORTED);
    CHECK_EQ(DECODE(&i, 0x0f, 0x01, 0x10), INSN_UNSUPPORTED); /* LGDT */
    CHECK_EQ(DECODE(&i, 0x0f, 0x01, 0xf8), INSN_UNSUPPORTED); /* SWAPGS */
    CHECK_EQ(DECODE(&i, 0xf3, 0x0f, 0x01, 0xf9), INSN_UNSUPPORTED);
    CHECK_EQ(DECODE(&i, 0x0f, 0x33), INSN_UNSUPPORTED);       /* RDPMC */
}

/* Whatever the result, the reported length must make sense. */
static void check_sane(const uint8_t *b, unsigned int avail)
{
    struct insn i;
    enum insn_status rc = decode(b, avail, &i);

    CHECK(i.len <= INSN_MAX_LEN);
    if ( rc == INSN_OK )
        CHECK(i.len >= 1 && i.len <= avail);
    if ( rc == INSN_NEED_MORE )
        CHECK_EQ(i.len, avail);
    if ( rc == INSN_TOO_LONG )
        CHECK_EQ(i.len, INSN_MAX_LEN);
}

TEST(every_two_byte_sequence)
{
    uint8_t b[2];
    unsigned int x;

    for ( x = 0; x < 0x10000; x++ )
    {
        b[0] = x & 0xff;
        b[1] = x >> 8;
        check_sane(b, 1);
        check_sane(b, 2);
    }
}

TEST(random_garbage)
{
    uint8_t b[INSN_MAX_LEN + 5];
    uint32_t seed = 12345;
    unsigned int n, k;

    for ( n = 0; n < 200000; n++ )
    {
        for ( k = 0; k < sizeof(b); k++ )
        {
            seed = seed * 1103515245u + 12345u;
            /* Bias towards prefixes so that long sequences occur. */
            b[k] = (seed >> 16) & 1 ? 0x66 + ((seed >> 20) & 1) : seed >> 24;
        }
        seed = seed * 1103515245u + 12345u;
        check_sane(b, (seed >> 16) % (sizeof(b) + 1));
    }
}
