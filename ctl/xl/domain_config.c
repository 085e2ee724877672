/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * From xl.cfg settings to a struct domain_config (see domain_config.h for
 * the keys). Semantics from Xen 4.17's tools/xl/xl_parse.c
 * (parse_config_data, parse_action_on_shutdown, the root/extra folding)
 * and the getters of tools/libs/util/libxlu_cfg.c; our own code.
 *
 * Decode first, then publish: every key is checked into a local
 * domain_config, which is handed to the caller only when all of it is
 * good, so a bad file produces nothing.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "domain_config.h"

struct build {
    struct domain_config dc;
    const struct domain_config_limits *limits;
    struct cfg_error *err;
    const struct cfg_setting *memory;   /* for cross-check messages */
    const struct cfg_setting *vcpus;
    char *root;
    char *extra;
};

static const char *const action_names[] = {
    [DOMAIN_ACTION_DESTROY]          = "destroy",
    [DOMAIN_ACTION_RESTART]          = "restart",
    [DOMAIN_ACTION_RENAME_RESTART]   = "rename-restart",
    [DOMAIN_ACTION_PRESERVE]         = "preserve",
    [DOMAIN_ACTION_COREDUMP_DESTROY] = "coredump-destroy",
    [DOMAIN_ACTION_COREDUMP_RESTART] = "coredump-restart",
    [DOMAIN_ACTION_SOFT_RESET]       = "soft-reset",
};
#define NR_ACTIONS (sizeof(action_names) / sizeof(action_names[0]))

const char *domain_action_name(enum domain_action action)
{
    return (unsigned int)action < NR_ACTIONS ? action_names[action] : "?";
}

static int setting_error(struct build *b, const struct cfg_setting *s,
                         const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int setting_error(struct build *b, const struct cfg_setting *s,
                         const char *fmt, ...)
{
    char msg[CFG_ERROR_MESSAGE_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return cfg_error_set(b->err, s->source, s->line, "`%s': %s", s->key,
                         msg);
}

static char *copy_string(const char *s)
{
    size_t len = strlen(s) + 1;
    char *copy = malloc(len);

    if ( copy )
        memcpy(copy, s, len);
    return copy;
}

static int need_atom(struct build *b, const struct cfg_setting *s)
{
    if ( s->value->kind != CFG_VALUE_ATOM )
        return setting_error(b, s, "is a list but should be a single value");
    return 0;
}

static int get_string(struct build *b, const struct cfg_setting *s,
                      char **out)
{
    int rc = need_atom(b, s);

    if ( rc )
        return rc;
    free(*out);
    *out = copy_string(s->value->atom);
    return *out ? 0 : -ENOMEM;
}

/* An integer in [min, max], read as xl reads it (strtoll, base 0). */
static int get_integer(struct build *b, const struct cfg_setting *s,
                       long long min, long long max, long long *out)
{
    const char *text;
    char *end;
    long long v;
    int rc = need_atom(b, s);

    if ( rc )
        return rc;
    if ( s->added )
        return setting_error(b, s, "can't use += with numbers");
    text = s->value->atom;
    errno = 0;
    v = strtoll(text, &end, 0);
    if ( end == text || *end != '\0' )
        return setting_error(b, s, "\"%s\" is not a number", text);
    if ( errno == ERANGE || v < min || v > max )
        return setting_error(b, s, "%s is out of range (%lld to %lld)",
                             text, min, max);
    *out = v;
    return 0;
}

static int get_action(struct build *b, const struct cfg_setting *s,
                      enum domain_action *out)
{
    unsigned int i;
    int rc = need_atom(b, s);

    if ( rc )
        return rc;
    for ( i = 0; i < NR_ACTIONS; i++ )
        if ( !strcmp(s->value->atom, action_names[i]) )
        {
            *out = (enum domain_action)i;
            return 0;
        }
    return setting_error(b, s, "unknown action \"%s\" (destroy, restart, "
                         "rename-restart, preserve, coredump-destroy, "
                         "coredump-restart or soft-reset)", s->value->atom);
}

static void string_list_free(struct domain_string_list *l)
{
    size_t i;

    for ( i = 0; i < l->count; i++ )
        free(l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

static int get_string_list(struct build *b, const struct cfg_setting *s,
                           struct domain_string_list *out)
{
    const struct cfg_value *v = s->value;
    size_t i;

    if ( v->kind != CFG_VALUE_LIST )
        return setting_error(b, s, "is a single value but should be a list");
    for ( i = 0; i < v->count; i++ )
        if ( v->items[i]->kind != CFG_VALUE_ATOM )
            return setting_error(b, s, "item %zu is a list but should be "
                                 "a string", i + 1);

    string_list_free(out);
    out->items = calloc(v->count + 1, sizeof(*out->items));
    if ( !out->items )
        return -ENOMEM;
    for ( i = 0; i < v->count; i++ )
    {
        out->items[i] = copy_string(v->items[i]->atom);
        if ( !out->items[i] )
            return -ENOMEM;     /* freed with the whole build */
        out->count++;
    }
    return 0;
}

/* One handler per key; each reads one setting into the build. */
#define KEY_HANDLER(fn) \
    static int fn(struct build *b, const struct cfg_setting *s)

KEY_HANDLER(key_name)    { return get_string(b, s, &b->dc.name); }
KEY_HANDLER(key_kernel)  { return get_string(b, s, &b->dc.kernel); }
KEY_HANDLER(key_ramdisk) { return get_string(b, s, &b->dc.ramdisk); }
KEY_HANDLER(key_cmdline) { return get_string(b, s, &b->dc.cmdline); }
KEY_HANDLER(key_root)    { return get_string(b, s, &b->root); }
KEY_HANDLER(key_extra)   { return get_string(b, s, &b->extra); }
KEY_HANDLER(key_disk)    { return get_string_list(b, s, &b->dc.disks); }
KEY_HANDLER(key_vif)     { return get_string_list(b, s, &b->dc.vifs); }

KEY_HANDLER(key_on_poweroff) { return get_action(b, s, &b->dc.on_poweroff); }
KEY_HANDLER(key_on_reboot)   { return get_action(b, s, &b->dc.on_reboot); }
KEY_HANDLER(key_on_crash)    { return get_action(b, s, &b->dc.on_crash); }

KEY_HANDLER(key_memory)
{
    long long v;
    int rc = get_integer(b, s, 1, DOMAIN_CONFIG_MAX_MEMORY_MIB, &v);

    if ( rc )
        return rc;
    b->dc.memory_mib = (uint64_t)v;
    b->memory = s;
    return 0;
}

KEY_HANDLER(key_maxmem)
{
    long long v;
    int rc = get_integer(b, s, 1, DOMAIN_CONFIG_MAX_MEMORY_MIB, &v);

    if ( rc )
        return rc;
    b->dc.maxmem_mib = (uint64_t)v;
    return 0;
}

KEY_HANDLER(key_vcpus)
{
    long long v;
    int rc = get_integer(b, s, 1, DOMAIN_CONFIG_MAX_VCPUS, &v);

    if ( rc )
        return rc;
    b->dc.vcpus = (unsigned int)v;
    b->vcpus = s;
    return 0;
}

KEY_HANDLER(key_maxvcpus)
{
    long long v;
    int rc = get_integer(b, s, 1, DOMAIN_CONFIG_MAX_VCPUS, &v);

    if ( rc )
        return rc;
    b->dc.maxvcpus = (unsigned int)v;
    return 0;
}

KEY_HANDLER(key_mcu_advance)
{
    long long v;
    int rc = get_integer(b, s, XENOLITH_BVT_MCU_ADVANCE_MIN,
                         XENOLITH_BVT_MCU_ADVANCE_MAX, &v);

    if ( rc )
        return rc;
    b->dc.bvt.mcu_advance = (uint32_t)v;
    return 0;
}

static int get_uint32(struct build *b, const struct cfg_setting *s,
                      uint32_t *out)
{
    long long v;
    int rc = get_integer(b, s, 0, UINT32_MAX, &v);

    if ( rc )
        return rc;
    *out = (uint32_t)v;
    return 0;
}

KEY_HANDLER(key_warp)       { return get_uint32(b, s, &b->dc.bvt.warp); }
KEY_HANDLER(key_warp_limit)
{
    return get_uint32(b, s, &b->dc.bvt.warp_limit_us);
}
KEY_HANDLER(key_unwarp)     { return get_uint32(b, s, &b->dc.bvt.unwarp_us); }

static const struct key_spec {
    const char *key;
    int (*apply)(struct build *b, const struct cfg_setting *s);
} keys[] = {
    { "name", key_name },         { "kernel", key_kernel },
    { "ramdisk", key_ramdisk },   { "cmdline", key_cmdline },
    { "root", key_root },         { "extra", key_extra },
    { "memory", key_memory },     { "maxmem", key_maxmem },
    { "vcpus", key_vcpus },       { "maxvcpus", key_maxvcpus },
    { "on_poweroff", key_on_poweroff },
    { "on_reboot", key_on_reboot },
    { "on_crash", key_on_crash },
    { "mcu_advance", key_mcu_advance },
    { "warp", key_warp },         { "warp_limit", key_warp_limit },
    { "unwarp", key_unwarp },
    { "disk", key_disk },         { "vif", key_vif },
};
#define NR_KEYS (sizeof(keys) / sizeof(keys[0]))

static const struct key_spec *key_lookup(const char *key)
{
    unsigned int i;

    for ( i = 0; i < NR_KEYS; i++ )
        if ( !strcmp(keys[i].key, key) )
            return &keys[i];
    return NULL;
}

static void add_warning(struct build *b, const struct cfg_setting *s,
                        const char *msg)
{
    size_t used = strlen(b->dc.warnings);

    snprintf(b->dc.warnings + used, sizeof(b->dc.warnings) - used,
             "%s:%u: warning: %s\n", s->source, s->line, msg);
}

/* xl: cmdline wins; otherwise "root=ROOT EXTRA", "root=ROOT" or EXTRA. */
static int fold_root_and_extra(struct build *b, const struct cfg_file *cfg)
{
    size_t len;

    if ( b->dc.cmdline )
    {
        if ( b->root || b->extra )
            add_warning(b, cfg_find(cfg, b->root ? "root" : "extra"),
                        "ignoring root= and extra= in favour of cmdline=");
        return 0;
    }
    if ( !b->root )
    {
        b->dc.cmdline = b->extra;
        b->extra = NULL;
        return 0;
    }
    len = strlen("root=") + strlen(b->root) +
          (b->extra ? 1 + strlen(b->extra) : 0) + 1;
    b->dc.cmdline = malloc(len);
    if ( !b->dc.cmdline )
        return -ENOMEM;
    snprintf(b->dc.cmdline, len, "root=%s%s%s", b->root,
             b->extra ? " " : "", b->extra ? b->extra : "");
    return 0;
}

static int check_required(struct build *b)
{
    if ( !b->dc.name || !b->dc.name[0] )
        return cfg_error_set(b->err, NULL, 0,
                             "`name' is missing or empty: a domain needs a "
                             "name");
    if ( !b->dc.kernel || !b->dc.kernel[0] )
        return cfg_error_set(b->err, NULL, 0,
                             "`kernel' is missing or empty: a PV domain "
                             "needs a kernel image");
    return 0;
}

/* Defaults that depend on other keys, then the checks across keys. */
static int finish(struct build *b, const struct cfg_file *cfg)
{
    const struct domain_config_limits *l = b->limits;
    const struct cfg_setting *s;
    int rc = check_required(b);

    if ( rc )
        return rc;
    /* libxl: memory defaults to maxmem, maxmem to memory, both to 32. */
    if ( !b->memory && b->dc.maxmem_mib )
        b->dc.memory_mib = b->dc.maxmem_mib;
    if ( !b->dc.maxmem_mib )
        b->dc.maxmem_mib = b->dc.memory_mib;
    if ( !b->dc.maxvcpus )
        b->dc.maxvcpus = b->dc.vcpus;

    if ( l && l->host_memory_mib && b->dc.memory_mib > l->host_memory_mib )
        return cfg_error_set(b->err, b->memory ? b->memory->source : NULL,
                             b->memory ? b->memory->line : 0,
                             "`memory': %" PRIu64 " MiB is more than the "
                             "host's %" PRIu64 " MiB", b->dc.memory_mib,
                             l->host_memory_mib);
    if ( b->dc.maxmem_mib < b->dc.memory_mib )
        return setting_error(b, cfg_find(cfg, "maxmem"),
                             "%" PRIu64 " MiB is below memory (%" PRIu64
                             " MiB)", b->dc.maxmem_mib, b->dc.memory_mib);
    if ( l && l->max_vcpus && b->dc.vcpus > l->max_vcpus )
        return setting_error(b, b->vcpus, "%u is more than the host "
                             "allows (%u)", b->dc.vcpus, l->max_vcpus);
    if ( b->dc.maxvcpus < b->dc.vcpus )
        return setting_error(b, cfg_find(cfg, "maxvcpus"),
                             "%u is below vcpus (%u)", b->dc.maxvcpus,
                             b->dc.vcpus);
    if ( l && l->max_vcpus && b->dc.maxvcpus > l->max_vcpus &&
         (s = cfg_find(cfg, "maxvcpus")) != NULL )
        return setting_error(b, s, "%u is more than the host allows (%u)",
                             b->dc.maxvcpus, l->max_vcpus);
    return fold_root_and_extra(b, cfg);
}

static void build_init(struct build *b)
{
    memset(b, 0, sizeof(*b));
    b->dc.memory_mib = DOMAIN_CONFIG_DEFAULT_MEMORY_MIB;
    b->dc.vcpus = 1;
    b->dc.on_poweroff = DOMAIN_ACTION_DESTROY;
    b->dc.on_reboot = DOMAIN_ACTION_RESTART;
    b->dc.on_crash = DOMAIN_ACTION_DESTROY;
    b->dc.bvt.mcu_advance = XENOLITH_BVT_MCU_ADVANCE_DEFAULT;
}

int domain_config_from_cfg(struct domain_config *dc,
                           const struct cfg_file *cfg,
                           const struct domain_config_limits *limits,
                           struct cfg_error *err)
{
    const struct cfg_setting *s;
    struct build b;
    unsigned int i;
    int rc = 0;

    build_init(&b);
    b.limits = limits;
    b.err = err;

    for ( s = cfg->first; s && !rc; s = s->next )
        if ( !key_lookup(s->key) )
            rc = cfg_error_set(err, s->source, s->line,
                               "unknown key `%s'", s->key);
    for ( i = 0; i < NR_KEYS && !rc; i++ )
        if ( (s = cfg_find(cfg, keys[i].key)) != NULL )
            rc = keys[i].apply(&b, s);
    if ( !rc )
        rc = finish(&b, cfg);

    free(b.root);
    free(b.extra);
    if ( rc )
    {
        domain_config_free(&b.dc);
        return rc;
    }
    *dc = b.dc;
    return 0;
}

int domain_config_parse(struct domain_config *dc, const char *source,
                        const char *text, size_t len,
                        const struct domain_config_limits *limits,
                        struct cfg_error *err)
{
    struct cfg_file cfg = CFG_FILE_INIT;
    int rc = cfg_parse(&cfg, source, text, len, err);

    if ( !rc )
        rc = domain_config_from_cfg(dc, &cfg, limits, err);
    cfg_file_free(&cfg);
    return rc;
}

void domain_config_free(struct domain_config *dc)
{
    free(dc->name);
    free(dc->kernel);
    free(dc->ramdisk);
    free(dc->cmdline);
    string_list_free(&dc->disks);
    string_list_free(&dc->vifs);
    memset(dc, 0, sizeof(*dc));
}
