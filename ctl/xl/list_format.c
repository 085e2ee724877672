/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * `xl list` formatting (see list_format.h). The field conversions are
 * libxl's xcinfo2xlinfo() (tools/libs/light/libxl_domain.c) and the
 * printf formats are list_domains() in tools/xl/xl_info.c, Xen 4.17;
 * our own code.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "list_format.h"

#define KIB_PER_PAGE 4      /* x86: 4 KiB pages */

int xl_list_format_header(char *buf, size_t size,
                          const struct xl_list_options *opts)
{
    return snprintf(buf, size, "%s%s%s\n",
                    "Name                                        ID   Mem "
                    "VCPUs\tState\tTime(s)",
                    opts->verbose ? "   UUID                            "
                                    "Reason-Code\tSecurity Label" : "",
                    opts->context && !opts->verbose ? "   Security Label"
                                                    : "");
}

void xl_list_state(const struct xen_domctl_getdomaininfo *info,
                   char state[7])
{
    static const char reason_letters[] = "-rscwS";
    uint32_t f = info->flags;
    unsigned int reason = 0;

    if ( f & XEN_DOMINF_shutdown )
        reason = (f >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask;

    state[0] = f & XEN_DOMINF_running ? 'r' : '-';
    state[1] = f & XEN_DOMINF_blocked ? 'b' : '-';
    state[2] = f & XEN_DOMINF_paused ? 'p' : '-';
    state[3] = f & XEN_DOMINF_shutdown ? 's' : '-';
    state[4] = reason < sizeof(reason_letters) - 1 ? reason_letters[reason]
                                                   : '?';
    state[5] = f & XEN_DOMINF_dying ? 'd' : '-';
    state[6] = '\0';
}

/* A copy of name with non-printable bytes replaced; NULL -> "(null)". */
static char *printable_name(const char *name)
{
    size_t i, len;
    char *copy;

    if ( !name )
        name = "(null)";
    len = strlen(name);
    copy = malloc(len + 1);
    if ( !copy )
        return NULL;
    for ( i = 0; i < len; i++ )
    {
        unsigned char c = (unsigned char)name[i];

        copy[i] = c >= 0x20 && c < 0x7f ? (char)c : '?';
    }
    copy[len] = '\0';
    return copy;
}

/* " UUID reason" of xl list -v: the handle as xl's LIBXL_UUID_FMT. */
static int format_verbose(char *buf, size_t size,
                          const struct xen_domctl_getdomaininfo *info)
{
    const uint8_t *u = info->handle;
    char reason[16];

    if ( info->flags & XEN_DOMINF_shutdown )
        snprintf(reason, sizeof(reason), " %8x",
                 (info->flags >> XEN_DOMINF_shutdownshift) &
                     XEN_DOMINF_shutdownmask);
    else
        snprintf(reason, sizeof(reason), " %8s", "-");
    return snprintf(buf, size,
                    " %02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                    "%02x%02x%02x%02x%02x%02x%s",
                    u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8],
                    u[9], u[10], u[11], u[12], u[13], u[14], u[15], reason);
}

int xl_list_format_row(char *buf, size_t size,
                       const struct xen_domctl_getdomaininfo *info,
                       const char *name,
                       const struct xl_list_options *opts)
{
    char state[7], extra[96] = "";
    char *shown = printable_name(name);
    uint64_t mem_kib = (info->tot_pages + info->outstanding_pages) *
                       KIB_PER_PAGE;
    size_t used = 0;
    int len;

    if ( !shown )
        return -1;
    xl_list_state(info, state);
    if ( opts->verbose )
        used = (size_t)format_verbose(extra, sizeof(extra), info);
    /* Without FLASK there is no security label: xl prints "-". */
    if ( opts->verbose || opts->context )
        snprintf(extra + used, sizeof(extra) - used, " %16s", "-");

    /* Xen 4.17 xl: "%-40s %5d %5lu %5d     %c%c%c%c%c%c  %8.1f". */
    len = snprintf(buf, size, "%-40s %5u %5lu %5u     %s  %8.1f%s\n", shown,
                   (unsigned int)info->domain, (unsigned long)(mem_kib / 1024),
                   (unsigned int)info->nr_online_vcpus, state,
                   (double)((float)info->cpu_time / 1e9), extra);
    free(shown);
    return len;
}
