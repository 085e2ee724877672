/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xl vcpu-list [Domain, ...] (Xen 4.17 main_vcpulist, tools/xl/xl_vcpu.c).
 * Needs domctl getvcpuinfo (issue 5).
 */
#include "xl.h"

int cmd_vcpu_list(struct cmd_context *ctx, int argc, char **argv)
{
    static const struct option opts[] = { CMD_COMMON_LONG_OPTS, { 0 } };
    struct xl_domain_ref dom;
    int i;

    if ( cmd_getopt(ctx, argc, argv, "", opts) != -1 )
        return ctx->exit_code;
    for ( i = optind; i < argc; i++ )
        if ( !cmd_domain(ctx, argv[i], &dom) )
            return XL_EXIT_USAGE;
    return cmd_not_available(ctx, "XEN_DOMCTL_getvcpuinfo");
}
