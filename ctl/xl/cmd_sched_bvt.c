/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xl sched-bvt: show or set a domain's Borrowed Virtual Time parameters,
 * shaped like xl's sched-credit (tools/xl/xl_sched.c): -d picks the
 * domain, the other options set values; with no -d, all domains are
 * shown. Xen 4.17 has no BVT scheduler: the options are ours, one per
 * field of struct xenolith_domctl_sched_bvt with its bounds, as the config
 * keys (domain_config.h). Reading and setting go through domctl
 * scheduler_op (sched_bvt.c), after sysctl sched_id says the scheduler is
 * BVT: on Xen it is not, and the command says so.
 */
#include <string.h>

#include "domain_config.h"
#include "sched_bvt.h"
#include "xl.h"

struct bvt_option {
    const char *name;
    uint64_t min;
    uint64_t max;
};

static const struct bvt_option bvt_mcu_advance = {
    "number", XENOLITH_BVT_MCU_ADVANCE_MIN, XENOLITH_BVT_MCU_ADVANCE_MAX
};
static const struct bvt_option bvt_uint32 = { "number", 0, UINT32_MAX };

static bool parse_value(struct cmd_context *ctx, const char *opt,
                        const struct bvt_option *o, const char *arg,
                        uint32_t *value)
{
    uint64_t v;

    if ( xl_parse_uint(arg, o->min, o->max, &v) == 0 )
    {
        *value = (uint32_t)v;
        return true;
    }
    cmd_usage_error(ctx, "%s: `%s' is not a %s from %llu to %llu", opt, arg,
                    o->name, (unsigned long long)o->min,
                    (unsigned long long)o->max);
    return false;
}

/* Which parameters the options set, and to what. */
struct bvt_settings {
    bool set_mcu, set_warp, set_limit, set_unwarp;
    struct xenolith_domctl_sched_bvt p;
};

static void print_domain(struct cmd_context *ctx,
                         const struct xen_domctl_getdomaininfo *info,
                         const struct xenolith_domctl_sched_bvt *p)
{
    char buf[64];
    const char *name = cmd_domain_name(ctx, info, buf, sizeof(buf));

    fprintf(ctx->io->out, "%-32s %5u %11u %10u %10u %10u\n",
            name ? name : "(null)", (unsigned int)info->domain,
            p->mcu_advance, p->warp, p->warp_limit_us, p->unwarp_us);
}

static int show_one(struct cmd_context *ctx,
                    const struct xen_domctl_getdomaininfo *info)
{
    struct xenolith_domctl_sched_bvt p;
    long rc = sched_bvt_get(ctx, info->domain, &p);

    if ( rc )
        return cmd_hypercall_failed(ctx, "DOMCTL_scheduler_op getinfo", rc);
    print_domain(ctx, info, &p);
    return XL_EXIT_OK;
}

static int show(struct cmd_context *ctx, const struct xl_domain_ref *dom)
{
    struct xen_domctl_getdomaininfo info;
    struct xen_domctl op;
    unsigned int next = 0;
    domid_t domid;
    int status = XL_EXIT_OK;

    fprintf(ctx->io->out, "%-32s %5s %11s %10s %10s %10s\n", "Name", "ID",
            "MCU_advance", "Warp", "Warp_limit", "Unwarp");
    if ( dom )
    {
        if ( !cmd_resolve_domain(ctx, dom, &domid) ||
             ctl_domain_info(ctx->io->hv, domid, &info) )
            return XL_EXIT_FAILURE;
        return show_one(ctx, &info);
    }
    while ( next < DOMID_FIRST_RESERVED )
    {
        memset(&op, 0, sizeof(op));
        op.cmd = XEN_DOMCTL_getdomaininfo;
        op.domain = (domid_t)next;
        if ( ctl_domctl(ctx->io->hv, &op) )
            break;
        info = op.u.getdomaininfo;
        if ( show_one(ctx, &info) )
            status = XL_EXIT_FAILURE;
        next = info.domain + 1u;
    }
    return status;
}

/* Read the domain's parameters, change the ones given, write them back. */
static int set(struct cmd_context *ctx, const struct xl_domain_ref *dom,
               const struct bvt_settings *s)
{
    struct xenolith_domctl_sched_bvt p;
    domid_t domid;
    long rc;

    if ( !cmd_resolve_domain(ctx, dom, &domid) )
        return XL_EXIT_FAILURE;
    rc = sched_bvt_get(ctx, domid, &p);
    if ( rc )
        return cmd_hypercall_failed(ctx, "DOMCTL_scheduler_op getinfo", rc);
    if ( s->set_mcu )
        p.mcu_advance = s->p.mcu_advance;
    if ( s->set_warp )
        p.warp = s->p.warp;
    if ( s->set_limit )
        p.warp_limit_us = s->p.warp_limit_us;
    if ( s->set_unwarp )
        p.unwarp_us = s->p.unwarp_us;
    rc = sched_bvt_put(ctx, domid, &p);
    return rc ? cmd_hypercall_failed(ctx, "DOMCTL_scheduler_op putinfo", rc)
              : XL_EXIT_OK;
}

/* The hypervisor must schedule with BVT (Xen 4.17 does not). */
static bool scheduler_is_bvt(struct cmd_context *ctx)
{
    uint32_t sched_id;
    char name[16];
    long rc = sched_bvt_scheduler_id(ctx, &sched_id);

    if ( rc )
    {
        cmd_hypercall_failed(ctx, "SYSCTL_sched_id", rc);
        return false;
    }
    if ( sched_id == XENOLITH_SCHEDULER_BVT )
        return true;
    fprintf(ctx->io->err, "xl sched-bvt: the BVT scheduler is not in use: "
            "the hypervisor's scheduler is %s (id %u), BVT's id is %u\n",
            sched_bvt_scheduler_name(sched_id, name, sizeof(name)), sched_id,
            XENOLITH_SCHEDULER_BVT);
    return false;
}

int cmd_sched_bvt(struct cmd_context *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        { "domain", required_argument, NULL, 'd' },
        { "mcu-advance", required_argument, NULL, 'm' },
        { "warp", required_argument, NULL, 'W' },
        { "warp-limit", required_argument, NULL, 'l' },
        { "unwarp", required_argument, NULL, 'u' },
        CMD_COMMON_LONG_OPTS,
        { 0 },
    };
    struct xl_domain_ref dom;
    struct bvt_settings s = { .set_mcu = false };
    const char *domain = NULL;
    bool setting = false, ok = true;
    int opt;

    while ( ok && (opt = cmd_getopt(ctx, argc, argv, "d:m:W:l:u:", opts)) !=
                      -1 )
    {
        switch ( opt )
        {
        case 'd':
            domain = optarg;
            ok = cmd_domain(ctx, optarg, &dom);
            break;
        case 'm':
            ok = parse_value(ctx, "-m", &bvt_mcu_advance, optarg,
                             &s.p.mcu_advance);
            setting = s.set_mcu = true;
            break;
        case 'W':
            ok = parse_value(ctx, "-W", &bvt_uint32, optarg, &s.p.warp);
            setting = s.set_warp = true;
            break;
        case 'l':
            ok = parse_value(ctx, "-l", &bvt_uint32, optarg,
                             &s.p.warp_limit_us);
            setting = s.set_limit = true;
            break;
        case 'u':
            ok = parse_value(ctx, "-u", &bvt_uint32, optarg, &s.p.unwarp_us);
            setting = s.set_unwarp = true;
            break;
        default:
            return ctx->exit_code;
        }
    }
    if ( !ok || !cmd_operands(ctx, argc, 0, 0) )
        return XL_EXIT_USAGE;
    if ( setting && !domain )
        return cmd_usage_error(ctx, "setting parameters needs -d <Domain>");
    if ( !ctx->io->hv )
        return cmd_not_available(ctx, setting ? "XEN_DOMCTL_SCHEDOP_putinfo"
                                              : "XEN_DOMCTL_SCHEDOP_getinfo");
    if ( !scheduler_is_bvt(ctx) )
        return XL_EXIT_FAILURE;
    return setting ? set(ctx, &dom, &s) : show(ctx, domain ? &dom : NULL);
}
