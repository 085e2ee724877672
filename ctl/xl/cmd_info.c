/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The host commands: xl info [-n] [name] and xl dmesg [-c], options as
 * Xen 4.17's main_info and main_dmesg (tools/xl/xl_info.c). They need
 * sysctl physinfo and readconsole (issue 5).
 */
#include "xl.h"

int cmd_info(struct cmd_context *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        { "numa", no_argument, NULL, 'n' },
        CMD_COMMON_LONG_OPTS,
        { 0 },
    };
    int opt;

    while ( (opt = cmd_getopt(ctx, argc, argv, "n", opts)) != -1 )
        if ( opt != 'n' )
            return ctx->exit_code;
    /* xl: one optional operand, the name of the one field to print. */
    if ( !cmd_operands(ctx, argc, 0, 1) )
        return XL_EXIT_USAGE;
    return cmd_not_available(ctx, "XEN_SYSCTL_physinfo");
}

int cmd_dmesg(struct cmd_context *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        { "clear", no_argument, NULL, 'c' },
        CMD_COMMON_LONG_OPTS,
        { 0 },
    };
    int opt;

    while ( (opt = cmd_getopt(ctx, argc, argv, "c", opts)) != -1 )
        if ( opt != 'c' )
            return ctx->exit_code;
    if ( !cmd_operands(ctx, argc, 0, 0) )
        return XL_EXIT_USAGE;
    return cmd_not_available(ctx, "XEN_SYSCTL_readconsole");
}
