/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xl create: read the config file and any key=value vars after it (they
 * override the file, as in xl), check everything against the host
 * (sysctl physinfo: memory), then build and start the domain
 * (create_domain.c) and, with -c, attach to its console. `create -n` /
 * `xl -N create` only print the configuration. Options from Xen 4.17's
 * main_create() (tools/xl/xl_vmcontrol.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "create_domain.h"
#include "domain_config.h"
#include "xl.h"

/* A config file bigger than this is refused before it is parsed. */
#define CONFIG_FILE_MAX (1024 * 1024)

#define VARS_SOURCE "<command line>"

struct create_options {
    const char *config_file;
    bool dry_run;
    bool quiet;
    bool paused;
    bool console;
};

/* Read a whole file into a malloc'd buffer; prints why on failure. */
static char *read_config_file(struct cmd_context *ctx, const char *path,
                              size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0;

    if ( !f )
    {
        fprintf(ctx->io->err, "xl create: can't open config file `%s': %s\n",
                path, strerror(errno));
        return NULL;
    }
    buf = malloc(CONFIG_FILE_MAX + 1);
    if ( buf )
        n = fread(buf, 1, CONFIG_FILE_MAX + 1, f);
    if ( !buf || ferror(f) || n > CONFIG_FILE_MAX )
    {
        fprintf(ctx->io->err, "xl create: can't read config file `%s': %s\n",
                path, !buf ? "out of memory" : ferror(f) ? "read error"
                                                     : "larger than 1 MiB");
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = n;
    return buf;
}

static void print_config_error(struct cmd_context *ctx, int rc,
                               const struct cfg_error *err,
                               const char *fallback_source)
{
    const char *source = err->source ? err->source : fallback_source;

    if ( rc == -ENOMEM )
        fprintf(ctx->io->err, "%s: error: out of memory\n", fallback_source);
    else if ( err->line )
        fprintf(ctx->io->err, "%s:%u: error: %s\n", source, err->line,
                err->message);
    else
        fprintf(ctx->io->err, "%s: error: %s\n", source, err->message);
}

/* Parse the file, then each var, then build the typed configuration. */
static int load_config(struct cmd_context *ctx,
                       const struct create_options *o, int nvars,
                       char **vars, const struct domain_config_limits *lim,
                       struct domain_config *dc)
{
    struct cfg_file cfg = CFG_FILE_INIT;
    struct cfg_error err = { 0 };
    size_t len;
    char *text = read_config_file(ctx, o->config_file, &len);
    int i, rc;

    if ( !text )
        return XL_EXIT_FAILURE;
    if ( !o->quiet )
        fprintf(ctx->io->err, "Parsing config from %s\n", o->config_file);
    rc = cfg_parse(&cfg, o->config_file, text, len, &err);
    for ( i = 0; i < nvars && !rc; i++ )
        rc = cfg_parse(&cfg, VARS_SOURCE, vars[i], strlen(vars[i]), &err);
    if ( !rc )
        rc = domain_config_from_cfg(dc, &cfg, lim, &err);
    cfg_file_free(&cfg);
    free(text);

    if ( rc )
    {
        print_config_error(ctx, rc, &err, o->config_file);
        return XL_EXIT_FAILURE;
    }
    fputs(dc->warnings, ctx->io->err);
    return XL_EXIT_OK;
}

static int parse_create_options(struct cmd_context *ctx, int argc,
                                char **argv, struct create_options *o)
{
    static const struct option opts[] = {
        { "dryrun", no_argument, NULL, 'n' },
        { "dry-run", no_argument, NULL, 'n' },
        { "quiet", no_argument, NULL, 'q' },
        { "defconfig", required_argument, NULL, 'f' },
        { "vncviewer", no_argument, NULL, 'V' },
        { "vncviewer-autopass", no_argument, NULL, 'A' },
        CMD_COMMON_LONG_OPTS,
        { 0 },
    };
    int opt;

    while ( (opt = cmd_getopt(ctx, argc, argv, "Fnqf:pcdeVA", opts)) != -1 )
    {
        switch ( opt )
        {
        case 'n': o->dry_run = true; break;
        case 'q': o->quiet = true; break;
        case 'f': o->config_file = optarg; break;
        case 'p': o->paused = true; break;
        case 'c': o->console = true; break;
        case 'F': case 'd': case 'e': case 'V': case 'A':
            break;      /* accepted; they matter once domains run */
        default:
            return ctx->exit_code;
        }
    }
    return -1;
}

/* The host's memory, for the config's bounds; all 0 without a hypervisor. */
static void host_limits(struct cmd_context *ctx,
                        struct domain_config_limits *lim)
{
    struct xen_sysctl op;

    memset(lim, 0, sizeof(*lim));
    memset(&op, 0, sizeof(op));
    op.cmd = XEN_SYSCTL_physinfo;
    if ( ctx->io->hv && ctl_sysctl(ctx->io->hv, &op) == 0 )
        lim->host_memory_mib = op.u.physinfo.total_pages >> 8;
}

int cmd_create(struct cmd_context *ctx, int argc, char **argv)
{
    struct create_options o = { .dry_run = ctx->dry_run };
    struct domain_config_limits lim;
    struct domain_config dc;
    domid_t domid;
    int i, rc = parse_create_options(ctx, argc, argv, &o);

    if ( rc >= 0 )
        return rc;
    /* xl: the first operand without '=' is the file, unless -f gave it. */
    if ( !o.config_file && optind < argc && !strchr(argv[optind], '=') )
        o.config_file = argv[optind++];
    if ( !o.config_file )
        return cmd_usage_error(ctx, "no config file given");
    for ( i = optind; i < argc; i++ )
        if ( !strchr(argv[i], '=') )
            return cmd_usage_error(ctx, "`%s' is not a key=value setting",
                                   argv[i]);

    host_limits(ctx, &lim);
    rc = load_config(ctx, &o, argc - optind, argv + optind, &lim, &dc);
    if ( rc )
        return rc;
    if ( o.dry_run )
        rc = domain_config_print(&dc, ctx->io->out) ? XL_EXIT_FAILURE
                                                    : XL_EXIT_OK;
    else if ( !ctx->io->hv )
        rc = cmd_not_available(ctx, "XEN_DOMCTL_createdomain");
    else
        rc = create_domain(ctx, &dc, o.paused, &domid);
    domain_config_free(&dc);
    if ( rc == XL_EXIT_OK && !o.dry_run && o.console )
        rc = cmd_console_attach(ctx, domid);
    return rc;
}
