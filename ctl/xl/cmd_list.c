/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xl list [-l] [-v] [-Z] [-c] [-n] [Domain]: options as Xen 4.17's
 * main_list() (tools/xl/xl_info.c). The table itself is list_format.c;
 * the records come from sysctl getdomaininfolist (or domctl
 * getdomaininfo for one domain), which Xenolith doesn't offer yet.
 */
#include "xl.h"

int cmd_list(struct cmd_context *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        { "long", no_argument, NULL, 'l' },
        { "verbose", no_argument, NULL, 'v' },
        { "context", no_argument, NULL, 'Z' },
        { "cpupool", no_argument, NULL, 'c' },
        { "numa", no_argument, NULL, 'n' },
        CMD_COMMON_LONG_OPTS,
        { 0 },
    };
    struct xl_domain_ref dom;
    int opt;

    while ( (opt = cmd_getopt(ctx, argc, argv, "lvZcn", opts)) != -1 )
    {
        switch ( opt )
        {
        case 'l': case 'v': case 'Z': case 'c': case 'n':
            break;      /* -v and -Z map to struct xl_list_options */
        default:
            return ctx->exit_code;
        }
    }
    if ( !cmd_operands(ctx, argc, 0, 1) )
        return XL_EXIT_USAGE;
    if ( optind < argc && !cmd_domain(ctx, argv[optind], &dom) )
        return XL_EXIT_USAGE;
    return cmd_not_available(ctx, optind < argc ? "XEN_DOMCTL_getdomaininfo"
                                    : "XEN_SYSCTL_getdomaininfolist");
}
