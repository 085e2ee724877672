/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the hypervisor says about itself (hv/common/version.c): the Xen
 * interface version it implements, its identity strings, the command line
 * it booted with and its build id. XENVER_* (hypercall/xen_version.c) hands
 * them to guests; boot messages may print them.
 */
#ifndef XENOLITH_VERSION_H
#define XENOLITH_VERSION_H

#include <xenolith/types.h>

/*
 * The Xen version guests are told (XENVER_version). Xenolith implements
 * Xen 4.17's guest ABI and says so, so that guests written for Xen, which
 * test the version before using a feature, behave as they do on 4.17.
 * Xenolith's own version is in the extraversion string.
 */
#define XEN_INTERFACE_MAJOR 4
#define XEN_INTERFACE_MINOR 17

/*
 * Keep a copy of the hypervisor's command line for XENVER_commandline,
 * cut to 1023 characters (xen_commandline_t). NULL keeps "". Context: boot,
 * before any domain runs.
 */
void version_set_cmdline(const char *cmdline);

/* The saved command line ("" before version_set_cmdline()). Context: any. */
const char *hypervisor_cmdline(void);

/*
 * Identity strings, each fitting its xen_version ABI field with its NUL:
 * extraversion ("-xenolith-<version>", appended to "4.17" by guests),
 * compiler, compile_by, compile_domain, compile_date and changeset.
 * Context: any.
 */
const char *version_extraversion(void);
const char *version_compiler(void);
const char *version_compile_by(void);
const char *version_compile_domain(void);
const char *version_compile_date(void);
const char *version_changeset(void);

/*
 * The build id: SHA-1 of the image's text and read-only data, computed on
 * the first call. Stores its address in *id and returns its length (20).
 * Context: hypercall or boot, not IRQ (takes a lock; the first call hashes
 * the image).
 */
unsigned int version_build_id(const uint8_t **id);

#endif /* XENOLITH_VERSION_H */
