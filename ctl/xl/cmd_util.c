/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What every subcommand shares: option parsing with xl's conventions
 * (tools/xl/xl.h SWITCH_FOREACH_OPT: -h prints help and exits 0, a bad
 * option or a missing operand prints help and exits 2), operand checks,
 * and the "not available yet" answer.
 */
#include <stdarg.h>
#include <string.h>

#include <stdint.h>
#include <xen/xen.h>

#include "xl.h"

void cmd_print_help(const struct cmd_spec *spec, FILE *stream)
{
    fprintf(stream, "Usage: xl [-vN] %s %s\n\n%s.\n", spec->name,
            spec->usage, spec->summary);
    if ( spec->options_help && spec->options_help[0] )
        fprintf(stream, "\nOptions:\n\n%s\n", spec->options_help);
}

int cmd_usage_error(struct cmd_context *ctx, const char *fmt, ...)
{
    va_list ap;

    fprintf(ctx->io->err, "xl %s: ", ctx->spec->name);
    va_start(ap, fmt);
    vfprintf(ctx->io->err, fmt, ap);
    va_end(ap);
    fputs("\n\n", ctx->io->err);
    cmd_print_help(ctx->spec, ctx->io->err);
    return XL_EXIT_USAGE;
}

int cmd_getopt(struct cmd_context *ctx, int argc, char **argv,
               const char *optstring, const struct option *longopts)
{
    char full[64];
    int opt;

    /* ':' first: a missing argument is reported as ':', not '?'. */
    snprintf(full, sizeof(full), ":h%s", optstring);
    opterr = 0;
    opt = getopt_long(argc, argv, full, longopts, NULL);
    switch ( opt )
    {
    case 'h':
        cmd_print_help(ctx->spec, ctx->io->out);
        ctx->exit_code = XL_EXIT_OK;
        return CMD_OPT_EXIT;
    case '?':
        if ( optopt )
            ctx->exit_code = cmd_usage_error(ctx, "unknown option -%c",
                                             optopt);
        else
            ctx->exit_code = cmd_usage_error(ctx, "unknown option %s",
                                             argv[optind - 1]);
        return CMD_OPT_EXIT;
    case ':':
        ctx->exit_code = cmd_usage_error(ctx, "option %s needs a value",
                                         argv[optind - 1]);
        return CMD_OPT_EXIT;
    default:
        return opt;
    }
}

bool cmd_operands(struct cmd_context *ctx, int argc, int min, int max)
{
    int n = argc - optind;

    if ( n < min )
    {
        cmd_usage_error(ctx, "needs %d more argument%s", min - n,
                        min - n == 1 ? "" : "s");
        return false;
    }
    if ( max >= 0 && n > max )
    {
        cmd_usage_error(ctx, "too many arguments");
        return false;
    }
    return true;
}

bool cmd_domain(struct cmd_context *ctx, const char *arg,
                struct xl_domain_ref *ref)
{
    if ( xl_parse_domain(arg, ref) == 0 )
        return true;
    cmd_usage_error(ctx, "`%s' is not a domain id (0 to %u) or name",
                    arg, (unsigned int)DOMID_FIRST_RESERVED - 1);
    return false;
}

int cmd_not_available(struct cmd_context *ctx, const char *hypercall)
{
    fprintf(ctx->io->err,
            "xl %s: not available yet: needs domctl (issue 5) [%s]\n",
            ctx->spec->name, hypercall);
    return XL_EXIT_FAILURE;
}
