/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Command-line argument parsers (see arg_parse.h). Semantics from Xen
 * 4.17's tools/xl/xl_utils.c (find_domain, parse_mem_size_kb); our code.
 */
#include <errno.h>
#include <string.h>

#include <stdint.h>
#include <xen/xen.h>

#include "arg_parse.h"

int xl_parse_uint(const char *arg, uint64_t min, uint64_t max,
                  uint64_t *out)
{
    uint64_t v = 0;
    const char *p;

    if ( !*arg )
        return -EINVAL;
    for ( p = arg; *p; p++ )
    {
        if ( *p < '0' || *p > '9' )
            return -EINVAL;
        if ( v > (UINT64_MAX - (uint64_t)(*p - '0')) / 10 )
            return -ERANGE;
        v = v * 10 + (uint64_t)(*p - '0');
    }
    if ( v < min || v > max )
        return -ERANGE;
    *out = v;
    return 0;
}

int xl_parse_domain(const char *arg, struct xl_domain_ref *ref)
{
    size_t i, len = strlen(arg);
    uint64_t id;
    int rc;

    if ( len == 0 || len > XL_DOMAIN_NAME_MAX )
        return -EINVAL;
    if ( arg[0] >= '0' && arg[0] <= '9' && strspn(arg, "0123456789") == len )
    {
        rc = xl_parse_uint(arg, 0, DOMID_FIRST_RESERVED - 1, &id);
        if ( rc )
            return -EINVAL;
        ref->by_id = true;
        ref->domid = (uint32_t)id;
        ref->name = NULL;
        return 0;
    }
    for ( i = 0; i < len; i++ )
        if ( arg[i] <= 0x20 || arg[i] >= 0x7f )
            return -EINVAL;
    ref->by_id = false;
    ref->domid = 0;
    ref->name = arg;
    return 0;
}

int xl_parse_mem_size_kib(const char *arg, uint64_t *kib)
{
    size_t digits = strspn(arg, "0123456789");
    char number[24], unit;
    unsigned int shift;     /* left shift from the unit to KiB */
    uint64_t v;
    int rc;

    if ( digits == 0 || digits >= sizeof(number) )
        return digits ? -ERANGE : -EINVAL;
    if ( arg[digits] && arg[digits + 1] )
        return -EINVAL;
    memcpy(number, arg, digits);
    number[digits] = '\0';
    if ( (rc = xl_parse_uint(number, 0, UINT64_MAX, &v)) )
        return rc;

    unit = arg[digits];
    switch ( unit | 0x20 )  /* lower case; '\0' becomes ' ' */
    {
    case 'b': *kib = v >> 10; return 0;
    case 'k': shift = 0; break;
    case ' ':
    case 'm': shift = 10; break;
    case 'g': shift = 20; break;
    case 't': shift = 30; break;
    default:
        return -EINVAL;
    }
    if ( unit == ' ' || v > (UINT64_MAX >> shift) )
        return unit == ' ' ? -EINVAL : -ERANGE;
    *kib = v << shift;
    return 0;
}
