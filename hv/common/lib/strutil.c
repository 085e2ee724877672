/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * String helpers the C library of the host lacks (strlcpy) or that are ours
 * (simple_strtoull). Kept apart from string.c so host tests can link them
 * without clashing with the C library.
 */
#include <xenolith/string.h>

size_t strlcpy(char *dst, const char *src, size_t size)
{
    size_t len = strlen(src);

    if ( size )
    {
        size_t n = len < size - 1 ? len : size - 1;

        memcpy(dst, src, n);
        dst[n] = '\0';
    }
    return len;
}

static int digit_value(char c)
{
    if ( c >= '0' && c <= '9' )
        return c - '0';
    if ( c >= 'a' && c <= 'z' )
        return c - 'a' + 10;
    if ( c >= 'A' && c <= 'Z' )
        return c - 'A' + 10;
    return 99;
}

uint64_t simple_strtoull(const char *s, const char **end, unsigned int base)
{
    uint64_t v = 0;
    bool saturated = false;

    if ( base == 0 )
    {
        if ( s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
             digit_value(s[2]) < 16 )
        {
            base = 16;
            s += 2;
        }
        else if ( s[0] == '0' )
            base = 8;
        else
            base = 10;
    }
    else if ( base == 16 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
              digit_value(s[2]) < 16 )
        s += 2;

    for ( ; digit_value(*s) < (int)base; s++ )
    {
        unsigned int d = digit_value(*s);

        if ( v > (UINT64_MAX - d) / base )
            saturated = true;
        else
            v = v * base + d;
    }
    if ( end )
        *end = s;
    return saturated ? UINT64_MAX : v;
}
