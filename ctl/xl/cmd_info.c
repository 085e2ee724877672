/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The host commands: xl info [-n] [name] and xl dmesg [-c], options as
 * Xen 4.17's main_info and main_dmesg (tools/xl/xl_info.c). info prints
 * xl's "key : value" lines from sysctl physinfo, sysctl sched_id and
 * xen_version (the subset Xenolith's toolstack knows; a name operand
 * prints one value); dmesg is sysctl readconsole.
 */
#include <stdarg.h>
#include <string.h>
#include <sys/utsname.h>

#include <stdint.h>

#include <xen/version.h>

#include "sched_bvt.h"
#include "xl.h"

#define DMESG_BUFFER (64u << 10)

struct info_line {
    const char *key;
    char value[128];
};

#define INFO_LINES 16

static void add(struct info_line *lines, unsigned int *n, const char *key,
                const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void add(struct info_line *lines, unsigned int *n, const char *key,
                const char *fmt, ...)
{
    va_list ap;

    if ( *n >= INFO_LINES )
        return;
    lines[*n].key = key;
    va_start(ap, fmt);
    vsnprintf(lines[*n].value, sizeof(lines[*n].value), fmt, ap);
    va_end(ap);
    (*n)++;
}

static void add_host(struct info_line *l, unsigned int *n,
                     const struct xen_sysctl_physinfo *pi)
{
    struct utsname u;

    if ( uname(&u) == 0 )
    {
        add(l, n, "host", "%s", u.nodename);
        add(l, n, "release", "%s", u.release);
        add(l, n, "machine", "%s", u.machine);
    }
    add(l, n, "nr_cpus", "%u", pi->nr_cpus);
    add(l, n, "max_cpu_id", "%u", pi->max_cpu_id);
    add(l, n, "nr_nodes", "%u", pi->nr_nodes);
    add(l, n, "cores_per_socket", "%u", pi->cores_per_socket);
    add(l, n, "threads_per_core", "%u", pi->threads_per_core);
    add(l, n, "cpu_mhz", "%u.%03u", pi->cpu_khz / 1000, pi->cpu_khz % 1000);
    add(l, n, "total_memory", "%llu",
        (unsigned long long)(pi->total_pages >> 8));
    add(l, n, "free_memory", "%llu",
        (unsigned long long)(pi->free_pages >> 8));
    /*
     * Not in Xen's xl: the exact count, so that a leak of one frame shows
     * (tests/boot/linux-dom0-xl-loop.test compares it across 1000
     * create/destroy rounds). Scripts reading xl info by key ignore it.
     */
    add(l, n, "free_pages", "%llu", (unsigned long long)pi->free_pages);
}

static void add_hypervisor(struct cmd_context *ctx, struct info_line *l,
                           unsigned int *n)
{
    long v = ctl_xen_version(ctx->io->hv, XENVER_version, NULL);
    xen_extraversion_t extra;
    uint32_t sched_id;
    char name[16];

    memset(extra, 0, sizeof(extra));
    if ( v >= 0 )
    {
        add(l, n, "xen_major", "%ld", v >> 16);
        add(l, n, "xen_minor", "%ld", v & 0xffff);
    }
    if ( ctl_xen_version(ctx->io->hv, XENVER_extraversion, extra) == 0 )
        add(l, n, "xen_extra", "%.*s", (int)sizeof(extra) - 1, extra);
    if ( sched_bvt_scheduler_id(ctx, &sched_id) == 0 )
        add(l, n, "xen_scheduler", "%s",
            sched_bvt_scheduler_name(sched_id, name, sizeof(name)));
    add(l, n, "xen_pagesize", "%ld",
        ctl_xen_version(ctx->io->hv, XENVER_pagesize, NULL));
}

int cmd_info(struct cmd_context *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        { "numa", no_argument, NULL, 'n' },
        CMD_COMMON_LONG_OPTS,
        { 0 },
    };
    struct info_line lines[INFO_LINES];
    struct xen_sysctl op;
    unsigned int n = 0, i;
    const char *only = NULL;
    long rc;
    int opt;

    while ( (opt = cmd_getopt(ctx, argc, argv, "n", opts)) != -1 )
        if ( opt != 'n' )
            return ctx->exit_code;
    /* xl: one optional operand, the name of the one field to print. */
    if ( !cmd_operands(ctx, argc, 0, 1) )
        return XL_EXIT_USAGE;
    if ( optind < argc )
        only = argv[optind];
    if ( !ctx->io->hv )
        return cmd_not_available(ctx, "XEN_SYSCTL_physinfo");
    memset(&op, 0, sizeof(op));
    op.cmd = XEN_SYSCTL_physinfo;
    rc = ctl_sysctl(ctx->io->hv, &op);
    if ( rc )
        return cmd_hypercall_failed(ctx, "SYSCTL_physinfo", rc);
    add_host(lines, &n, &op.u.physinfo);
    add_hypervisor(ctx, lines, &n);
    for ( i = 0; i < n; i++ )
    {
        if ( !only )
            fprintf(ctx->io->out, "%-23s: %s\n", lines[i].key,
                    lines[i].value);
        else if ( !strcmp(only, lines[i].key) )
        {
            fprintf(ctx->io->out, "%s\n", lines[i].value);
            return XL_EXIT_OK;
        }
    }
    if ( only )
    {
        fprintf(ctx->io->err, "xl info: no field `%s'\n", only);
        return XL_EXIT_FAILURE;
    }
    return XL_EXIT_OK;
}

int cmd_dmesg(struct cmd_context *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        { "clear", no_argument, NULL, 'c' },
        CMD_COMMON_LONG_OPTS,
        { 0 },
    };
    static char buf[DMESG_BUFFER];
    struct xen_sysctl op;
    bool clear = false;
    long rc;
    int opt;

    while ( (opt = cmd_getopt(ctx, argc, argv, "c", opts)) != -1 )
    {
        if ( opt != 'c' )
            return ctx->exit_code;
        clear = true;
    }
    if ( !cmd_operands(ctx, argc, 0, 0) )
        return XL_EXIT_USAGE;
    if ( !ctx->io->hv )
        return cmd_not_available(ctx, "XEN_SYSCTL_readconsole");
    memset(&op, 0, sizeof(op));
    memset(buf, 0, sizeof(buf));
    op.cmd = XEN_SYSCTL_readconsole;
    op.u.readconsole.clear = clear;
    op.u.readconsole.count = sizeof(buf);
    set_xen_guest_handle(op.u.readconsole.buffer, buf);
    rc = ctl_sysctl(ctx->io->hv, &op);
    if ( rc )
        return cmd_hypercall_failed(ctx, "SYSCTL_readconsole", rc);
    fwrite(buf, 1, op.u.readconsole.count < sizeof(buf)
                       ? op.u.readconsole.count : sizeof(buf),
           ctx->io->out);
    return XL_EXIT_OK;
}
