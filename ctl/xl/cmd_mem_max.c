/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xl mem-max <Domain> <size>: the most memory a domain may have, with
 * xl's size syntax (arg_parse.h; Xen 4.17 main_memmax in
 * tools/xl/xl_mem.c): domctl max_mem with libxl's slack added
 * (libxl_domain_setmaxmem). A ceiling below what the domain has now is
 * refused, as libxl refuses one below its target.
 */
#include <errno.h>

#include "dom_build.h"
#include "xl.h"

int cmd_mem_max(struct cmd_context *ctx, int argc, char **argv)
{
    static const struct option opts[] = { CMD_COMMON_LONG_OPTS, { 0 } };
    struct xen_domctl_getdomaininfo info;
    struct xl_domain_ref dom;
    struct xen_domctl op = { .cmd = XEN_DOMCTL_max_mem };
    uint64_t kib;
    domid_t domid;
    long rc;

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
    if ( !ctx->io->hv )
        return cmd_not_available(ctx, "XEN_DOMCTL_max_mem");
    if ( !cmd_resolve_domain(ctx, &dom, &domid) )
        return XL_EXIT_FAILURE;
    rc = ctl_domain_info(ctx->io->hv, domid, &info);
    if ( rc )
        return cmd_hypercall_failed(ctx, "DOMCTL_getdomaininfo", rc);
    if ( kib < (uint64_t)info.tot_pages * 4 )
    {
        fprintf(ctx->io->err, "xl mem-max: %llu KiB is below the %llu KiB "
                "domain %u has\n", (unsigned long long)kib,
                (unsigned long long)info.tot_pages * 4, (unsigned int)domid);
        return XL_EXIT_FAILURE;
    }
    op.domain = domid;
    op.u.max_mem.max_memkb = kib + DOM_BUILD_MAXMEM_SLACK_KIB;
    rc = ctl_domctl(ctx->io->hv, &op);
    return rc ? cmd_hypercall_failed(ctx, "DOMCTL_max_mem", rc) : XL_EXIT_OK;
}
