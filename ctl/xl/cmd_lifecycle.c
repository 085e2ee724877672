/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The commands that change one domain's run state: destroy, shutdown,
 * pause, unpause. Options as Xen 4.17's main_destroy, main_shutdown,
 * main_pause and main_unpause (tools/xl/xl_vmcontrol.c). Each needs a
 * domctl (or, for shutdown, the guest's control/shutdown xenstore node
 * and SCHEDOP_remote_shutdown), none of which exists yet.
 */
#include "xl.h"

/* Commands whose only operand is one domain and whose only option is -h. */
static int one_domain_command(struct cmd_context *ctx, int argc,
                              char **argv, const char *hypercall)
{
    static const struct option opts[] = { CMD_COMMON_LONG_OPTS, { 0 } };
    struct xl_domain_ref dom;

    if ( cmd_getopt(ctx, argc, argv, "", opts) != -1 )
        return ctx->exit_code;
    if ( !cmd_operands(ctx, argc, 1, 1) ||
         !cmd_domain(ctx, argv[optind], &dom) )
        return XL_EXIT_USAGE;
    return cmd_not_available(ctx, hypercall);
}

int cmd_pause(struct cmd_context *ctx, int argc, char **argv)
{
    return one_domain_command(ctx, argc, argv, "XEN_DOMCTL_pausedomain");
}

int cmd_unpause(struct cmd_context *ctx, int argc, char **argv)
{
    return one_domain_command(ctx, argc, argv, "XEN_DOMCTL_unpausedomain");
}

int cmd_destroy(struct cmd_context *ctx, int argc, char **argv)
{
    static const struct option opts[] = { CMD_COMMON_LONG_OPTS, { 0 } };
    struct xl_domain_ref dom;
    bool force = false;
    int opt;

    while ( (opt = cmd_getopt(ctx, argc, argv, "f", opts)) != -1 )
    {
        if ( opt != 'f' )
            return ctx->exit_code;
        force = true;
    }
    if ( !cmd_operands(ctx, argc, 1, 1) ||
         !cmd_domain(ctx, argv[optind], &dom) )
        return XL_EXIT_USAGE;
    /* xl refuses domain 0 without -f. */
    if ( dom.by_id && dom.domid == 0 && !force )
    {
        fprintf(ctx->io->err, "xl destroy: destroying domain 0 is not "
                "allowed without -f\n");
        return XL_EXIT_FAILURE;
    }
    return cmd_not_available(ctx, "XEN_DOMCTL_destroydomain");
}

int cmd_shutdown(struct cmd_context *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        { "all", no_argument, NULL, 'a' },
        { "wait", no_argument, NULL, 'w' },
        CMD_COMMON_LONG_OPTS,
        { 0 },
    };
    struct xl_domain_ref dom;
    bool all = false;
    int opt;

    while ( (opt = cmd_getopt(ctx, argc, argv, "awF", opts)) != -1 )
    {
        switch ( opt )
        {
        case 'a': all = true; break;
        case 'w': case 'F': break;
        default:
            return ctx->exit_code;
        }
    }
    if ( all ? !cmd_operands(ctx, argc, 0, 0)
             : !cmd_operands(ctx, argc, 1, 1) ||
                   !cmd_domain(ctx, argv[optind], &dom) )
        return XL_EXIT_USAGE;
    return cmd_not_available(ctx, "SCHEDOP_remote_shutdown");
}
