/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hypervisor command-line options. Each option is declared next to the code
 * that uses it with one of the *_param() macros, which put a descriptor in
 * the .data.param section; cmdline_parse() walks a table of descriptors, so
 * the parser itself is pure and host-testable (tests/unit/test_cmdline.c).
 *
 * Syntax, as Xen's: options separated by spaces; "name", "name=value",
 * "no-name" (booleans); a value may be double-quoted to hold spaces. Names
 * compare with '-' and '_' as the same character.
 */
#ifndef XENOLITH_PARAM_H
#define XENOLITH_PARAM_H

#include <xenolith/compiler.h>
#include <xenolith/types.h>

enum param_kind {
    PARAM_BOOL,      /* bool *: name, no-name, name=<yes|no|1|0|on|off|true|false|enable|disable> */
    PARAM_UINT,      /* unsigned int *: decimal, 0x hex */
    PARAM_SIZE,      /* uint64_t *: number with optional K, M, G, T suffix (bytes) */
    PARAM_STRING,    /* char[size]: copied, truncation reported */
    PARAM_CUSTOM,    /* int (*)(const char *value): 0 or -EINVAL */
};

struct param_def {
    const char *name;
    enum param_kind kind;
    void *var;
    size_t size;                         /* PARAM_STRING buffer size. */
    int (*parse)(const char *value);     /* PARAM_CUSTOM; value may be NULL. */
};

#define PARAM_SECTION __used __section(".data.param") __aligned(8)

#define boolean_param(_name, _var)                                           \
    static const struct param_def param_##_var PARAM_SECTION =               \
        { .name = _name, .kind = PARAM_BOOL, .var = &(_var) }
#define integer_param(_name, _var)                                           \
    static const struct param_def param_##_var PARAM_SECTION =               \
        { .name = _name, .kind = PARAM_UINT, .var = &(_var) }
#define size_param(_name, _var)                                              \
    static const struct param_def param_##_var PARAM_SECTION =               \
        { .name = _name, .kind = PARAM_SIZE, .var = &(_var) }
#define string_param(_name, _var)                                            \
    static const struct param_def param_##_var PARAM_SECTION =               \
        { .name = _name, .kind = PARAM_STRING, .var = (_var),               \
          .size = sizeof(_var) }
#define custom_param(_name, _fn)                                             \
    static const struct param_def param_##_fn PARAM_SECTION =                \
        { .name = _name, .kind = PARAM_CUSTOM, .parse = (_fn) }

/*
 * How cmdline_parse() reports what it could not take. Called once per
 * problem with a complete sentence; the parser goes on with the next option.
 */
typedef void (*cmdline_report_fn)(const char *message);

/*
 * Parse cmdline (NUL-terminated, any content: it comes from the boot loader)
 * against table[0..n). Unknown options, bad values, unterminated quotes and
 * over-long values are reported through report and otherwise ignored.
 * Returns the number of problems reported. Context: boot.
 */
unsigned int cmdline_parse(const char *cmdline, const struct param_def *table,
                           size_t n, cmdline_report_fn report);

/*
 * Xen's rule for the first word of a command line: boot loaders other than
 * GRUB 2 (QEMU's Multiboot loader, GRUB legacy) put the image's file name
 * first; GRUB 2 does not. Returns cmdline without leading spaces and, unless
 * the loader is GRUB 2, without its first word. Pure.
 */
const char *cmdline_skip_image_name(const char *cmdline, const char *loader);

/* Parse "yes/no/on/off/..." into *out; -EINVAL if it is none of them. Pure. */
int parse_bool(const char *s, bool *out);

/* Parse a size such as "512M" into *bytes; -EINVAL if malformed. Pure. */
int parse_size(const char *s, uint64_t *bytes);

/* The options registered with the macros above (hv/common/cmdline.c). */
void cmdline_parse_registered(const char *cmdline);

#endif /* XENOLITH_PARAM_H */
