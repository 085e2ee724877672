/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xl console [-t pv|serial|vuart] [-n NUM] <Domain> (Xen 4.17
 * main_console, tools/xl/xl_console.c): attach to the domain's PV console
 * (console_attach.c); Ctrl-] detaches. Only console 0 of type pv exists.
 */
#include <string.h>

#include "xl.h"

int cmd_console(struct cmd_context *ctx, int argc, char **argv)
{
    static const struct option opts[] = { CMD_COMMON_LONG_OPTS, { 0 } };
    struct xl_domain_ref dom;
    uint64_t number = 0;
    bool pv = true;
    domid_t domid;
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
            pv = !strcmp(optarg, "pv");
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
    if ( !ctx->io->hv )
        return cmd_not_available(ctx, "XEN_DOMCTL_getdomaininfo");
    if ( !pv || number != 0 )
    {
        fprintf(ctx->io->err, "xl console: a PV domain has one console: "
                "-t pv -n 0\n");
        return XL_EXIT_FAILURE;
    }
    if ( !cmd_resolve_domain(ctx, &dom, &domid) )
        return XL_EXIT_FAILURE;
    return cmd_console_attach(ctx, domid);
}
