/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xl mem-max <Domain> <size>: the most memory a domain may have, with
 * xl's size syntax (arg_parse.h; Xen 4.17 main_memmax in
 * tools/xl/xl_mem.c). Needs domctl max_mem (issue 5).
 */
#include <errno.h>

#include "xl.h"

int cmd_mem_max(struct cmd_context *ctx, int argc, char **argv)
{
    static const struct option opts[] = { CMD_COMMON_LONG_OPTS, { 0 } };
    struct xl_domain_ref dom;
    uint64_t kib;
    int rc;

    if ( cmd_getopt(ctx, argc, argv, "", opts) != -1 )
        return ctx->exit_code;
    if ( !cmd_operands(ctx, argc, 2, 2) ||
         !cmd_domain(ctx, argv[optind], &dom) )
        return XL_EXIT_USAGE;
    rc = xl_parse_mem_size_kib(argv[optind + 1], &kib);
    if ( rc )
        return cmd_usage_error(ctx, "invalid memory size `%s'%s",
                               argv[optind + 1],
                               rc == -ERANGE ? " (too large)" : "");
    return cmd_not_available(ctx, "XEN_DOMCTL_max_mem");
}
