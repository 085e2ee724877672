/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The xl.cfg parser: the grammar of Xen 4.17's libxlu_cfg_y.y, producing
 * untyped settings. A file is a sequence of statements separated by
 * newlines or ';':
 *
 *     key = value          value: "string" | 'string' | number | list
 *     key += value         append to an earlier string or list
 *     list: [ value, value, ... ]   (newlines allowed anywhere inside,
 *                                    a trailing comma allowed)
 *
 * Values stay text: "512" and 512 are the same atom, as in xl; what a key
 * means and which type it needs is decided by domain_config.c. A key set
 * twice takes its last value (xl's rule).
 */
#ifndef CTL_XL_CFG_PARSE_H
#define CTL_XL_CFG_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "cfg_error.h"

/* Lists may nest (xl allows it); deeper than this is refused. */
#define CFG_LIST_DEPTH_MAX 8

enum cfg_value_kind {
    CFG_VALUE_ATOM,         /* a string or a number, as text */
    CFG_VALUE_LIST,
};

struct cfg_value {
    enum cfg_value_kind kind;
    unsigned int line;
    char *atom;                 /* CFG_VALUE_ATOM */
    struct cfg_value **items;   /* CFG_VALUE_LIST */
    size_t count;
};

struct cfg_setting {
    char *key;
    struct cfg_value *value;
    const char *source;     /* not owned: outlives the cfg_file */
    unsigned int line;
    bool added;             /* written with += */
    struct cfg_setting *next;
};

/* Settings in the order written; start with CFG_FILE_INIT. */
struct cfg_file {
    struct cfg_setting *first;
    struct cfg_setting *last;
};
#define CFG_FILE_INIT { NULL, NULL }

/*
 * Parse len bytes of text named source (a file name, or "<command line>"),
 * adding its settings to *cfg after those already there (so `xl create`
 * vars override the file). source must outlive *cfg.
 * Returns 0; -EINVAL with *err filled in, *cfg unchanged; or -ENOMEM.
 */
int cfg_parse(struct cfg_file *cfg, const char *source, const char *text,
              size_t len, struct cfg_error *err);

/* The setting that decides key's value (the last one written), or NULL. */
const struct cfg_setting *cfg_find(const struct cfg_file *cfg,
                                   const char *key);

void cfg_file_free(struct cfg_file *cfg);

#endif /* CTL_XL_CFG_PARSE_H */
