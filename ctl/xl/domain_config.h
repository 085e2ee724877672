/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A PV domain's configuration, read from xl.cfg settings (cfg_parse.h).
 *
 * Keys (xl's names and meanings, man xl.cfg, except the BVT ones):
 *   name        string, required
 *   kernel      string, required: the PV kernel image in dom0's filesystem
 *   ramdisk     string
 *   cmdline     string: the kernel command line; if absent, xl builds it
 *               from root and extra as "root=ROOT EXTRA"
 *   root, extra strings (ignored, with a warning, when cmdline is set)
 *   memory      MiB, default maxmem if set, else 32 (libxl); at most the
 *               host's memory
 *   maxmem      MiB, default memory; not below memory
 *   vcpus       default 1; maxvcpus default vcpus, not below vcpus
 *   on_poweroff, on_reboot, on_crash
 *               destroy | restart | rename-restart | preserve |
 *               coredump-destroy | coredump-restart | soft-reset
 *               (defaults destroy, restart, destroy, as xl)
 *   disk, vif   lists of strings, kept verbatim (no backends yet)
 *   Borrowed Virtual Time (Xenolith's scheduler; Xen 4.17 has none), the
 *   fields of struct xenolith_domctl_sched_bvt (public/xenolith_sched_bvt.h)
 *   under the paper's names:
 *   mcu_advance virtual time charged per minimum charging unit run, i.e.
 *               1 / weight: domains with 4, 2 and 1 get CPU 1:2:4;
 *               1..2^20, default the scheduler's (10)
 *   warp        virtual time a woken domain borrows (0: none)
 *   warp_limit  microseconds a domain may run warped (0: no limit)
 *   unwarp      microseconds it then runs unwarped before warping again
 * Integers are read as xl reads them (strtol base 0: 0x10 is 16, 010 is 8);
 * quoted digits count as numbers. Unknown keys are errors (xl ignores
 * them; see README.md).
 */
#ifndef CTL_XL_DOMAIN_CONFIG_H
#define CTL_XL_DOMAIN_CONFIG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <public/xenolith_sched_bvt.h>

#include "cfg_error.h"
#include "cfg_parse.h"

#define DOMAIN_CONFIG_DEFAULT_MEMORY_MIB 32
/* The frame table describes 16 TiB; nothing bigger can exist. */
#define DOMAIN_CONFIG_MAX_MEMORY_MIB     (16ULL << 20)
#define DOMAIN_CONFIG_MAX_VCPUS          128
#define DOMAIN_CONFIG_WARNINGS_MAX       512

enum domain_action {
    DOMAIN_ACTION_DESTROY,
    DOMAIN_ACTION_RESTART,
    DOMAIN_ACTION_RENAME_RESTART,
    DOMAIN_ACTION_PRESERVE,
    DOMAIN_ACTION_COREDUMP_DESTROY,
    DOMAIN_ACTION_COREDUMP_RESTART,
    DOMAIN_ACTION_SOFT_RESET,
};

/* What the host allows; 0 in a field means "not known": no check. */
struct domain_config_limits {
    uint64_t host_memory_mib;
    unsigned int max_vcpus;
};

struct domain_string_list {
    char **items;
    size_t count;
};

struct domain_config {
    char *name;
    char *kernel;
    char *ramdisk;              /* NULL: none */
    char *cmdline;              /* NULL: none (root/extra already folded) */
    uint64_t memory_mib;
    uint64_t maxmem_mib;
    unsigned int vcpus;
    unsigned int maxvcpus;
    enum domain_action on_poweroff;
    enum domain_action on_reboot;
    enum domain_action on_crash;
    struct xenolith_domctl_sched_bvt bvt;   /* as domctl scheduler_op */
    struct domain_string_list disks;
    struct domain_string_list vifs;
    /* "SOURCE:LINE: warning: ...\n" lines for the caller to print. */
    char warnings[DOMAIN_CONFIG_WARNINGS_MAX];
};

/*
 * Build *dc from parsed settings, checking every key, type and bound.
 * limits may be NULL (nothing known about the host).
 * Returns 0; -EINVAL with *err filled in (unknown key, wrong type, value
 * out of range, missing name or kernel, memory above the host's); or
 * -ENOMEM. On failure *dc holds nothing (no need to free it).
 */
int domain_config_from_cfg(struct domain_config *dc,
                           const struct cfg_file *cfg,
                           const struct domain_config_limits *limits,
                           struct cfg_error *err);

/* Parse one text and build *dc from it: cfg_parse + the above. */
int domain_config_parse(struct domain_config *dc, const char *source,
                        const char *text, size_t len,
                        const struct domain_config_limits *limits,
                        struct cfg_error *err);

void domain_config_free(struct domain_config *dc);

/* xl's name for an action ("rename-restart"). */
const char *domain_action_name(enum domain_action action);

/*
 * Print *dc in xl.cfg syntax, every key explicit, so that the output
 * parses back to the same configuration. Returns 0 or -EIO.
 */
int domain_config_print(const struct domain_config *dc, FILE *out);

#endif /* CTL_XL_DOMAIN_CONFIG_H */
