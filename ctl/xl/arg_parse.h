/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Parsers for xl's command-line arguments that are pure logic: a domain
 * given by id or name, a memory size with xl's unit suffixes, a bounded
 * decimal number. Every one checks the whole argument and its range.
 */
#ifndef CTL_XL_ARG_PARSE_H
#define CTL_XL_ARG_PARSE_H

#include <stdbool.h>
#include <stdint.h>

/* Longest domain name we accept on the command line. */
#define XL_DOMAIN_NAME_MAX 255

struct xl_domain_ref {
    bool by_id;
    uint32_t domid;         /* by_id */
    const char *name;       /* !by_id; points into the argument */
};

/*
 * A domain as xl's find_domain() takes it: all digits is a domain id
 * (below DOMID_FIRST_RESERVED), anything else a name (printable ASCII,
 * 1..XL_DOMAIN_NAME_MAX bytes). Returns 0 or -EINVAL.
 */
int xl_parse_domain(const char *arg, struct xl_domain_ref *ref);

/*
 * A memory size as xl's mem-max/mem-set take it (parse_mem_size_kb in
 * tools/xl/xl_utils.c): decimal digits, then an optional unit b, k, m, g
 * or t (either case); no unit means MiB. Bytes are rounded down to KiB.
 * Returns 0 and the size in KiB, or -EINVAL (syntax) / -ERANGE (too big).
 */
int xl_parse_mem_size_kib(const char *arg, uint64_t *kib);

/*
 * A decimal number in [min, max], digits only (no sign, no spaces).
 * Returns 0, -EINVAL (not a number) or -ERANGE.
 */
int xl_parse_uint(const char *arg, uint64_t min, uint64_t max,
                  uint64_t *out);

#endif /* CTL_XL_ARG_PARSE_H */
