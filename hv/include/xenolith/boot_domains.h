/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Boot-time domains: besides dom0, the hypervisor starts one domain per
 * boot module whose command line starts with the word "domU" (as Xen's
 * dom0less/hyperlaunch do from a device tree; a module line is what every
 * Multiboot loader already passes). The line's form:
 *
 *     domU [mem=SIZE] [count=N] [-- GUEST COMMAND LINE]
 *
 * mem is the domain's memory (a size such as 16M; default 16 MiB; the PV
 * start-of-day layout needs 4 MiB at least); count starts N domains from
 * the one module (default 1, at most BOOT_DOMAIN_MAX_COUNT), for tests of
 * many domains; the words after "--" are the start_info command line of
 * each. Each gets the next
 * free domain id from 1 in module order, one vCPU, no privilege, BVT's
 * default parameters (dom0 tunes them with domctl), and may write the
 * hypervisor console with console_io (its lines tagged "(dN)").
 */
#ifndef XENOLITH_BOOT_DOMAINS_H
#define XENOLITH_BOOT_DOMAINS_H

#include <xenolith/bootinfo.h>
#include <xenolith/compiler.h>
#include <xenolith/types.h>

#define BOOT_DOMAIN_DEFAULT_MEM (16UL << 20)
#define BOOT_DOMAIN_MIN_MEM     (1UL << 20)
#define BOOT_DOMAIN_MAX_COUNT   4096

struct boot_domain_config {
    uint64_t mem_bytes;
    unsigned int count;
    const char *guest_cmdline;        /* Into the module's line, or "". */
};

/* Does this module command line ask for a boot-time domain? Pure. */
bool boot_domain_requested(const char *module_cmdline);

/*
 * Parse a module command line that boot_domain_requested(). Returns 0 and
 * *cfg, or -EINVAL with *why a static sentence saying what is wrong
 * (unknown option, bad size). Pure.
 */
int boot_domain_parse(const char *module_cmdline,
                      struct boot_domain_config *cfg, const char **why);

/*
 * Build the domains each module from index first on asks for; a module
 * that can't be parsed is reported and skipped, and a domain that can't be
 * built (out of memory) ends that module's count; the others still start.
 * Returns how many were built. Context: boot, after dom0 is built.
 */
unsigned int boot_domains_build(const struct boot_info *bi,
                                unsigned int first);

#endif /* XENOLITH_BOOT_DOMAINS_H */
