/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xl sched-bvt: show or set a domain's Borrowed Virtual Time parameters,
 * shaped like xl's sched-credit (tools/xl/xl_sched.c): -d picks the
 * domain, the other options set values; with no -d, all domains are
 * shown. Xen 4.17 has no BVT scheduler: the options are ours, one per
 * field of struct xenolith_domctl_sched_bvt with its bounds, as the config
 * keys (domain_config.h). Reading and setting go through domctl
 * scheduler_op (issue 5).
 */
#include "domain_config.h"
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
                        const struct bvt_option *o, const char *arg)
{
    uint64_t v;

    if ( xl_parse_uint(arg, o->min, o->max, &v) == 0 )
        return true;
    cmd_usage_error(ctx, "%s: `%s' is not a %s from %llu to %llu", opt, arg,
                    o->name, (unsigned long long)o->min,
                    (unsigned long long)o->max);
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
            ok = parse_value(ctx, "-m", &bvt_mcu_advance, optarg);
            setting = true;
            break;
        case 'W': case 'l': case 'u':
            ok = parse_value(ctx, opt == 'W' ? "-W" : opt == 'l' ? "-l"
                                                                 : "-u",
                             &bvt_uint32, optarg);
            setting = true;
            break;
        default:
            return ctx->exit_code;
        }
    }
    if ( !ok || !cmd_operands(ctx, argc, 0, 0) )
        return XL_EXIT_USAGE;
    if ( setting && !domain )
        return cmd_usage_error(ctx, "setting parameters needs -d <Domain>");
    return cmd_not_available(ctx, setting ? "XEN_DOMCTL_SCHEDOP_putinfo"
                                          : "XEN_DOMCTL_SCHEDOP_getinfo");
}
