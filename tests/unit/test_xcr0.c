/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests of hv/arch/x86/cpu/xcr0.c: the XCR0 values a guest may load
 * with XSETBV, as Xen 4.17's handle_xsetbv decides (valid_xcr0, and only
 * states the guest's CPUID offers). One line per value; then every value
 * of the low 10 bits against a few maxima, checked against the rules
 * restated independently.
 */
#include "harness.h"

#include <asm/xcr0.h>

#define HASWELL  0x7ULL                 /* x87, SSE, AVX */
#define SKYLAKEX 0xe7ULL                /* and AVX-512; MPX, PKRU not offered */
#define ALL      (~0ULL)

static const struct {
    uint64_t xcr0, max;
    bool ok;
} cases[] = {
    { 0x1, HASWELL, true },             /* x87 alone */
    { 0x3, HASWELL, true },
    { 0x7, HASWELL, true },
    { 0x0, HASWELL, false },            /* x87 must be set */
    { 0x2, HASWELL, false },
    { 0x6, HASWELL, false },
    { 0x5, HASWELL, false },            /* AVX without SSE */
    { 0x7, 0x3, false },                /* AVX not offered */
    { 0xe7, HASWELL, false },           /* AVX-512 not offered */
    { 0xe7, SKYLAKEX, true },
    { 0x27, SKYLAKEX, false },          /* AVX-512 states only together */
    { 0x67, SKYLAKEX, false },
    { 0xe3, SKYLAKEX, false },          /* AVX-512 needs AVX */
    { 0x1b, ALL, true },                /* MPX's two states together */
    { 0x0b, ALL, false },
    { 0x13, ALL, false },
    { 0x203, SKYLAKEX, false },         /* PKRU never offered here */
    { 1ULL << 40 | 3, HASWELL, false }, /* unknown high bits */
    { 1ULL << 63 | 3, HASWELL, false },
    { 1ULL << 63 | 3, ALL, true },      /* xcr0_valid knows no more rules */
};

TEST(table)
{
    unsigned int i;

    for ( i = 0; i < sizeof(cases) / sizeof(cases[0]); i++ )
    {
        if ( xcr0_guest_ok(cases[i].xcr0, cases[i].max) != cases[i].ok )
            harness_fail(__FILE__, __LINE__, "xcr0 %#llx max %#llx: want %s",
                         (unsigned long long)cases[i].xcr0,
                         (unsigned long long)cases[i].max,
                         cases[i].ok ? "ok" : "refused");
    }
}

static bool rules(uint64_t x)
{
    bool fp = x & 1, sse = x & 2, ymm = x & 4, bndregs = x & 8,
         bndcsr = x & 0x10, avx512 = (x & 0xe0) == 0xe0, any512 = x & 0xe0;

    return fp && (!ymm || sse) && (!any512 || (avx512 && ymm)) &&
           bndregs == bndcsr;
}

TEST(exhaustive_low_bits)
{
    static const uint64_t maxima[] = { 0x3, HASWELL, SKYLAKEX, 0x3ff };
    unsigned int i;
    uint64_t x;

    for ( i = 0; i < sizeof(maxima) / sizeof(maxima[0]); i++ )
        for ( x = 0; x < 0x400; x++ )
        {
            bool want = !(x & ~maxima[i]) && rules(x);

            if ( xcr0_guest_ok(x, maxima[i]) != want )
                harness_fail(__FILE__, __LINE__, "xcr0 %#llx max %#llx",
                             (unsigned long long)x,
                             (unsigned long long)maxima[i]);
        }
}
