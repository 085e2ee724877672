/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * `xl list` output: the exact layout of Xen 4.17's xl (list_domains() in
 * tools/xl/xl_info.c), from the records sysctl getdomaininfolist returns
 * (struct xen_domctl_getdomaininfo). Pure formatting, no hypervisor.
 *
 * Name                                        ID   Mem VCPUs<TAB>State<TAB>...
 * Domain-0                                     0  1024     1     r-----  ...
 *
 * State letters: r running, b blocked, p paused, s shut down, then the
 * shutdown reason (- poweroff or none, r reboot, s suspend, c crash,
 * w watchdog, S soft reset, ? other), d dying. Mem is (tot_pages +
 * outstanding_pages) in MiB; Time is cpu_time in seconds, rounded through
 * a float exactly as xl does.
 */
#ifndef CTL_XL_LIST_FORMAT_H
#define CTL_XL_LIST_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

#include <stdint.h>
#include <xen/domctl.h>

/* Columns beyond the default: xl list -v (UUID, reason code, label), -Z. */
struct xl_list_options {
    bool verbose;
    bool context;
};

/* A line is at most this long, plus the name's length. */
#define XL_LIST_LINE_BASE 160

/*
 * Format the header line (with its '\n') into buf, snprintf-style:
 * returns the length it needed; the output is cut to fit size.
 */
int xl_list_format_header(char *buf, size_t size,
                          const struct xl_list_options *opts);

/*
 * Format one domain's line (with its '\n'). name may be NULL (xl prints
 * "(null)" when a domain has no name in xenstore); bytes of name outside
 * printable ASCII are shown as '?', so a guest-chosen name can't send
 * terminal escapes. Returns the length needed, as snprintf, or -1 if
 * out of memory.
 */
int xl_list_format_row(char *buf, size_t size,
                       const struct xen_domctl_getdomaininfo *info,
                       const char *name,
                       const struct xl_list_options *opts);

/* The six state letters of info, NUL-terminated, into state[7]. */
void xl_list_state(const struct xen_domctl_getdomaininfo *info,
                   char state[7]);

#endif /* CTL_XL_LIST_FORMAT_H */
