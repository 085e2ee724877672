/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The commands that change one domain's run state: destroy, shutdown,
 * pause, unpause. Options as Xen 4.17's main_destroy, main_shutdown,
 * main_pause and main_unpause (tools/xl/xl_vmcontrol.c); one domctl each.
 *
 * shutdown: Xen's xl asks a PV guest to shut down through xenstore
 * (control/shutdown = "poweroff"), which a guest without PV drivers never
 * reads. There is no xenstore here, so xl shutdown does what the
 * hypervisor offers a privileged domain: SCHEDOP_remote_shutdown(poweroff),
 * which shuts the domain down at once without its cooperation; then, as
 * xl's domain-death handler would, the record's on_poweroff action
 * (destroy, or preserve: the domain stays, shut down).
 */
#include <stdint.h>
#include <string.h>

#include <xen/sched.h>

#include "dom_record.h"
#include "xl.h"

/* Parse "<Domain>" with only -h, resolve it; false: exit status set. */
static bool one_domain_operand(struct cmd_context *ctx, int argc,
                               char **argv, const char *hypercall,
                               domid_t *domid)
{
    static const struct option opts[] = { CMD_COMMON_LONG_OPTS, { 0 } };
    struct xl_domain_ref dom;

    if ( cmd_getopt(ctx, argc, argv, "", opts) != -1 )
        return false;
    if ( !cmd_operands(ctx, argc, 1, 1) ||
         !cmd_domain(ctx, argv[optind], &dom) )
    {
        ctx->exit_code = XL_EXIT_USAGE;
        return false;
    }
    if ( !ctx->io->hv )
    {
        ctx->exit_code = cmd_not_available(ctx, hypercall);
        return false;
    }
    if ( !cmd_resolve_domain(ctx, &dom, domid) )
    {
        ctx->exit_code = XL_EXIT_FAILURE;
        return false;
    }
    return true;
}

static int run_state_command(struct cmd_context *ctx, int argc, char **argv,
                             unsigned int cmd, const char *name)
{
    domid_t domid;
    long rc;

    if ( !one_domain_operand(ctx, argc, argv, name, &domid) )
        return ctx->exit_code;
    rc = ctl_domctl_simple(ctx->io->hv, cmd, domid);
    return rc ? cmd_hypercall_failed(ctx, name + strlen("XEN_"), rc)
              : XL_EXIT_OK;
}

int cmd_pause(struct cmd_context *ctx, int argc, char **argv)
{
    return run_state_command(ctx, argc, argv, XEN_DOMCTL_pausedomain,
                             "XEN_DOMCTL_pausedomain");
}

int cmd_unpause(struct cmd_context *ctx, int argc, char **argv)
{
    return run_state_command(ctx, argc, argv, XEN_DOMCTL_unpausedomain,
                             "XEN_DOMCTL_unpausedomain");
}

/* Destroy domid and forget its record. */
static int destroy_domain(struct cmd_context *ctx, domid_t domid)
{
    long rc = ctl_domain_destroy(ctx->io->hv, domid);

    if ( rc )
        return cmd_hypercall_failed(ctx, "DOMCTL_destroydomain", rc);
    if ( ctx->io->state_dir )
        dom_record_remove(ctx->io->state_dir, domid);
    return XL_EXIT_OK;
}

int cmd_destroy(struct cmd_context *ctx, int argc, char **argv)
{
    static const struct option opts[] = { CMD_COMMON_LONG_OPTS, { 0 } };
    struct xl_domain_ref dom;
    bool force = false;
    domid_t domid;
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
    if ( !ctx->io->hv )
        return cmd_not_available(ctx, "XEN_DOMCTL_destroydomain");
    if ( !cmd_resolve_domain(ctx, &dom, &domid) )
        return XL_EXIT_FAILURE;
    return destroy_domain(ctx, domid);
}

static int shutdown_domain(struct cmd_context *ctx, domid_t domid)
{
    struct sched_remote_shutdown op = {
        .domain_id = domid,
        .reason = SHUTDOWN_poweroff,
    };
    struct dom_record rec;
    long rc;

    if ( domid == 0 )
    {
        fprintf(ctx->io->err, "xl shutdown: domain 0 shuts itself down "
                "(poweroff in dom0)\n");
        return XL_EXIT_FAILURE;
    }
    rc = ctl_sched_op(ctx->io->hv, SCHEDOP_remote_shutdown, &op);
    if ( rc )
        return cmd_hypercall_failed(ctx, "SCHEDOP_remote_shutdown", rc);
    /* No record (not ours): Xen's default, destroy. */
    if ( !ctx->io->state_dir ||
         dom_record_read(ctx->io->state_dir, domid, &rec) ||
         rec.destroy_on_poweroff )
        return destroy_domain(ctx, domid);
    return XL_EXIT_OK;
}

/* Every domain but dom0, in id order (shutdown -a). */
static int shutdown_all(struct cmd_context *ctx)
{
    struct xen_domctl_getdomaininfo info;
    struct xen_domctl op;
    unsigned int next = 1;
    int status = XL_EXIT_OK;

    while ( next < DOMID_FIRST_RESERVED )
    {
        memset(&op, 0, sizeof(op));
        op.cmd = XEN_DOMCTL_getdomaininfo;
        op.domain = (domid_t)next;
        if ( ctl_domctl(ctx->io->hv, &op) )
            break;              /* -ESRCH: no domain at or above next */
        info = op.u.getdomaininfo;
        if ( shutdown_domain(ctx, info.domain) )
            status = XL_EXIT_FAILURE;
        next = info.domain + 1u;
    }
    return status;
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
    domid_t domid;
    int opt;

    while ( (opt = cmd_getopt(ctx, argc, argv, "awF", opts)) != -1 )
    {
        switch ( opt )
        {
        case 'a': all = true; break;
        case 'w': case 'F': break;  /* remote_shutdown is immediate */
        default:
            return ctx->exit_code;
        }
    }
    if ( all ? !cmd_operands(ctx, argc, 0, 0)
             : !cmd_operands(ctx, argc, 1, 1) ||
                   !cmd_domain(ctx, argv[optind], &dom) )
        return XL_EXIT_USAGE;
    if ( !ctx->io->hv )
        return cmd_not_available(ctx, "SCHEDOP_remote_shutdown");
    if ( all )
        return shutdown_all(ctx);
    if ( !cmd_resolve_domain(ctx, &dom, &domid) )
        return XL_EXIT_FAILURE;
    return shutdown_domain(ctx, domid);
}
