/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xl vcpu-list [Domain, ...] (Xen 4.17 main_vcpulist, tools/xl/xl_vcpu.c):
 * one line per vCPU from domctl getvcpuinfo, in xl's columns. Affinity
 * needs getvcpuaffinity, which Xenolith does not offer: shown as "all".
 */
#include <errno.h>
#include <string.h>

#include "xl.h"

static void print_vcpu(struct cmd_context *ctx, const char *name,
                       domid_t domid, const struct xen_domctl_getvcpuinfo *v)
{
    char state[4] = "---", cpu[8];

    if ( v->online )
        state[0] = v->running ? 'r' : v->blocked ? 'b' : '-';
    else
        state[0] = 'p';
    snprintf(cpu, sizeof(cpu), "%u", v->cpu);
    fprintf(ctx->io->out, "%-32s %5u %5u %5s %5s %9.1f  all / all\n",
            name, (unsigned int)domid, v->vcpu, v->online ? cpu : "-",
            state, (double)v->cpu_time / 1e9);
}

static int list_domain(struct cmd_context *ctx,
                       const struct xen_domctl_getdomaininfo *info)
{
    struct xen_domctl op;
    char buf[64];
    const char *name = cmd_domain_name(ctx, info, buf, sizeof(buf));
    unsigned int i;
    long rc;

    for ( i = 0; i <= info->max_vcpu_id; i++ )
    {
        memset(&op, 0, sizeof(op));
        op.cmd = XEN_DOMCTL_getvcpuinfo;
        op.domain = info->domain;
        op.u.getvcpuinfo.vcpu = i;
        rc = ctl_domctl(ctx->io->hv, &op);
        if ( rc == -ESRCH )
            continue;               /* never brought up */
        if ( rc )
            return cmd_hypercall_failed(ctx, "DOMCTL_getvcpuinfo", rc);
        print_vcpu(ctx, name ? name : "(null)", info->domain,
                   &op.u.getvcpuinfo);
    }
    return XL_EXIT_OK;
}

int cmd_vcpu_list(struct cmd_context *ctx, int argc, char **argv)
{
    static const struct option opts[] = { CMD_COMMON_LONG_OPTS, { 0 } };
    struct xen_domctl_getdomaininfo info;
    struct xen_domctl op;
    struct xl_domain_ref dom;
    unsigned int next = 0;
    domid_t domid;
    int i, status = XL_EXIT_OK;

    if ( cmd_getopt(ctx, argc, argv, "", opts) != -1 )
        return ctx->exit_code;
    for ( i = optind; i < argc; i++ )
        if ( !cmd_domain(ctx, argv[i], &dom) )
            return XL_EXIT_USAGE;
    if ( !ctx->io->hv )
        return cmd_not_available(ctx, "XEN_DOMCTL_getvcpuinfo");
    fprintf(ctx->io->out, "%-32s %5s %5s %5s %5s %9s  %s\n", "Name", "ID",
            "VCPU", "CPU", "State", "Time(s)", "Affinity (Hard / Soft)");
    for ( i = optind; i < argc; i++ )
    {
        cmd_domain(ctx, argv[i], &dom);
        if ( !cmd_resolve_domain(ctx, &dom, &domid) ||
             ctl_domain_info(ctx->io->hv, domid, &info) ||
             list_domain(ctx, &info) )
            status = XL_EXIT_FAILURE;
    }
    if ( optind < argc )
        return status;
    for ( ;; )      /* every domain: getdomaininfo's "at or above" walk */
    {
        memset(&op, 0, sizeof(op));
        op.cmd = XEN_DOMCTL_getdomaininfo;
        op.domain = (domid_t)next;
        if ( next >= DOMID_FIRST_RESERVED || ctl_domctl(ctx->io->hv, &op) )
            return status;
        info = op.u.getdomaininfo;
        if ( list_domain(ctx, &info) )
            status = XL_EXIT_FAILURE;
        next = info.domain + 1u;
    }
}
