/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xl list [-l] [-v] [-Z] [-c] [-n] [Domain]: options as Xen 4.17's
 * main_list() (tools/xl/xl_info.c). The table itself is list_format.c;
 * the records come from sysctl getdomaininfolist (domctl getdomaininfo
 * for one domain). Names live in xenstore on Xen, which does not exist
 * here yet: domain 0 is "Domain-0" as xl names it, a domain xl created
 * has the name in its record (cmd_domain.c), others show "(null)".
 * -l (JSON), -c (cpupool) and -n (NUMA) are accepted and ignored.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <xen/sysctl.h>

#include "list_format.h"
#include "xl.h"

#define LIST_BATCH 64

static int print_row(struct cmd_context *ctx,
                     const struct xen_domctl_getdomaininfo *info,
                     const struct xl_list_options *lo)
{
    char line[XL_LIST_LINE_BASE + 16], name[64];

    xl_list_format_row(line, sizeof(line), info,
                       cmd_domain_name(ctx, info, name, sizeof(name)), lo);
    fputs(line, ctx->io->out);
    return 0;
}

/* One domain: domctl getdomaininfo, which must answer for that very id. */
static int list_one(struct cmd_context *ctx, unsigned int domid,
                    const struct xl_list_options *lo)
{
    struct xen_domctl_getdomaininfo info;
    long rc = ctl_domain_info(ctx->io->hv, (domid_t)domid, &info);

    if ( rc )
    {
        fprintf(ctx->io->err, "xl list: domain %u: %s\n", domid,
                strerror((int)-rc));
        return XL_EXIT_FAILURE;
    }
    return print_row(ctx, &info, lo);
}

/* Every domain: sysctl getdomaininfolist, LIST_BATCH records at a time. */
static int list_all(struct cmd_context *ctx, const struct xl_list_options *lo)
{
    static struct xen_domctl_getdomaininfo infos[LIST_BATCH];
    struct xen_sysctl op;
    unsigned int first = 0, i;
    long rc;

    for ( ;; )
    {
        memset(&op, 0, sizeof(op));
        op.cmd = XEN_SYSCTL_getdomaininfolist;
        op.u.getdomaininfolist.first_domain = (domid_t)first;
        op.u.getdomaininfolist.max_domains = LIST_BATCH;
        set_xen_guest_handle(op.u.getdomaininfolist.buffer, infos);
        rc = ctl_sysctl(ctx->io->hv, &op);
        if ( rc )
            return cmd_hypercall_failed(ctx, "getdomaininfolist", rc);
        for ( i = 0; i < op.u.getdomaininfolist.num_domains; i++ )
            print_row(ctx, &infos[i], lo);
        if ( op.u.getdomaininfolist.num_domains < LIST_BATCH )
            return XL_EXIT_OK;
        first = infos[LIST_BATCH - 1].domain + 1u;
    }
}

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
    struct xl_list_options lo = { false, false };
    struct xl_domain_ref dom;
    char header[XL_LIST_LINE_BASE];
    domid_t domid;
    int opt;

    while ( (opt = cmd_getopt(ctx, argc, argv, "lvZcn", opts)) != -1 )
    {
        switch ( opt )
        {
        case 'v':
            lo.verbose = true;
            break;
        case 'Z':
            lo.context = true;
            break;
        case 'l': case 'c': case 'n':
            break;
        default:
            return ctx->exit_code;
        }
    }
    if ( !cmd_operands(ctx, argc, 0, 1) )
        return XL_EXIT_USAGE;
    if ( optind < argc && !cmd_domain(ctx, argv[optind], &dom) )
        return XL_EXIT_USAGE;
    if ( !ctx->io->hv )
        return cmd_not_available(ctx, optind < argc
                                      ? "XEN_DOMCTL_getdomaininfo"
                                      : "XEN_SYSCTL_getdomaininfolist");
    if ( optind < argc && !dom.by_id )
    {
        if ( !cmd_resolve_domain(ctx, &dom, &domid) )
            return XL_EXIT_FAILURE;
        dom.domid = domid;
    }
    xl_list_format_header(header, sizeof(header), &lo);
    fputs(header, ctx->io->out);
    return optind < argc ? list_one(ctx, dom.domid, &lo) : list_all(ctx, &lo);
}
