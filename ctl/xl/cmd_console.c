/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xl console [-t pv|serial|vuart] [-n NUM] <Domain> (Xen 4.17
 * main_console, tools/xl/xl_console.c). Attaching needs the domain's
 * console ring and event channel, found through domctl and served by the
 * dom0 console backend (issue 5).
 */
#include <string.h>

#include "xl.h"

int cmd_console(struct cmd_context *ctx, int argc, char **argv)
{
    static const struct option opts[] = { CMD_COMMON_LONG_OPTS, { 0 } };
    struct xl_domain_ref dom;
    uint64_t number;
    int opt;

    while ( (opt = cmd_getopt(ctx, argc, argv, "t:n:", opts)) != -1 )
    {
        switch ( opt )
        {
        case 't':
            if ( strcmp(optarg, "pv") && strcmp(optarg, "serial") &&
                 strcmp(optarg, "vuart") )
                return cmd_usage_error(ctx, "console type must be pv, "
                                       "serial or vuart, not `%s'", optarg);
            break;
        case 'n':
            if ( xl_parse_uint(optarg, 0, 0x7fffffff, &number) )
                return cmd_usage_error(ctx, "`%s' is not a console number",
                                       optarg);
            break;
        default:
            return ctx->exit_code;
        }
    }
    if ( !cmd_operands(ctx, argc, 1, 1) ||
         !cmd_domain(ctx, argv[optind], &dom) )
        return XL_EXIT_USAGE;
    return cmd_not_available(ctx, "XEN_DOMCTL_getdomaininfo");
}
