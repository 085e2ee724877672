/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xl's entry: global options, then one subcommand from the table below,
 * with xl's names, synopses and options (Xen 4.17 tools/xl/xl_cmdtable.c)
 * for the commands Xenolith's toolstack will have. sched-bvt is ours:
 * Xen 4.17 has no BVT scheduler.
 */
#include <string.h>

#include "xl.h"

const struct cmd_spec xl_commands[] = {
    { "create", cmd_create, "Create a domain from config file <ConfigFile>",
      "[options] <ConfigFile> [vars]",
      "-h                      Print this help.\n"
      "-p                      Leave the domain paused after it is created.\n"
      "-c                      Connect to the console after the domain is "
      "created.\n"
      "-f FILE, --defconfig=FILE\n"
      "                        Use the given configuration file.\n"
      "-q, --quiet             Quiet.\n"
      "-n, --dryrun, --dry-run Dry run: parse the configuration and print "
      "it.\n"
      "-d                      Enable debug messages.\n"
      "-F                      Run in foreground until death of the domain.\n"
      "-e                      Do not wait in the background for the death "
      "of the domain.\n"
      "-V, --vncviewer         Connect to the VNC display after the domain "
      "is created.\n"
      "-A, --vncviewer-autopass\n"
      "                        Pass VNC password to viewer via stdin.\n"
      "vars are key=value settings that override the file's." },
    { "list", cmd_list, "List information about all/some domains",
      "[options] [Domain]",
      "-l, --long              Output all VM details\n"
      "-v, --verbose           Prints out UUIDs and security context\n"
      "-Z, --context           Prints out security context\n"
      "-c, --cpupool           Prints the cpupool the domain is in\n"
      "-n, --numa              Prints out NUMA node affinity" },
    { "destroy", cmd_destroy, "Terminate a domain immediately",
      "[options] <Domain>",
      "-f                      Permit destroying domain 0." },
    { "shutdown", cmd_shutdown, "Issue a shutdown signal to a domain",
      "[options] <-a|Domain>",
      "-a, --all               Shutdown all guest domains.\n"
      "-h                      Print this help.\n"
      "-F                      Fallback to ACPI power event for HVM guests "
      "with\n"
      "                        no PV drivers.\n"
      "-w, --wait              Wait for guest(s) to shutdown." },
    { "pause", cmd_pause, "Pause execution of a domain", "<Domain>", "" },
    { "unpause", cmd_unpause, "Unpause a paused domain", "<Domain>", "" },
    { "sched-bvt", cmd_sched_bvt,
      "Get/set Borrowed Virtual Time scheduler parameters",
      "[-d <Domain> [-m MCU_ADVANCE] [-W WARP] [-l WARP_LIMIT] "
      "[-u UNWARP]]",
      "-d DOMAIN, --domain=DOMAIN        Domain to show or modify\n"
      "-m N, --mcu-advance=N             Virtual time per MCU run: 1/weight\n"
      "                                  (1 to 1048576; 4, 2, 1 share CPU "
      "1:2:4)\n"
      "-W WARP, --warp=WARP              Virtual time a woken domain "
      "borrows\n"
      "-l LIMIT, --warp-limit=LIMIT      Longest warped run, in "
      "microseconds\n"
      "-u UNWARP, --unwarp=UNWARP        Unwarped time required between "
      "warps,\n"
      "                                  in microseconds" },
    { "mem-max", cmd_mem_max,
      "Set the maximum amount reservation for a domain",
      "<Domain> <MemMB['b'[bytes]|'k'[KB]|'m'[MB]|'g'[GB]|'t'[TB]]>", "" },
    { "vcpu-list", cmd_vcpu_list, "List the VCPUs for all/some domains",
      "[Domain, ...]", "" },
    { "dmesg", cmd_dmesg, "Read and/or clear dmesg buffer", "[-c]",
      "-c, --clear             Clear dmesg buffer as well as printing it" },
    { "info", cmd_info, "Get information about Xen host", "[options] [name]",
      "-n, --numa              List host NUMA topology information" },
    { "console", cmd_console, "Attach to domain's console",
      "[options] <Domain>",
      "-t <type>               console type, pv, serial or vuart\n"
      "-n <number>             console number" },
    { "help", cmd_help, "Print help about xl or one of its commands",
      "[command]", "" },
};
const unsigned int xl_nr_commands = sizeof(xl_commands) /
                                    sizeof(xl_commands[0]);

static void print_global_help(FILE *stream)
{
    unsigned int i;

    fputs("Usage: xl [-vN] <subcommand> [args]\n\n"
          "Xenolith's toolstack, with xl's commands and xl.cfg syntax.\n\n"
          "Global options:\n\n"
          "-v  Verbose.\n"
          "-N  Dry run: do nothing that changes the host (create parses "
          "and prints\n    the configuration).\n"
          "-h  Print this help.\n\n"
          "Subcommands:\n\n", stream);
    for ( i = 0; i < xl_nr_commands; i++ )
        fprintf(stream, " %-20s%s\n", xl_commands[i].name,
                xl_commands[i].summary);
    fputs("\nExit status: 0 success, 1 failure (including commands that "
          "need a\nhypervisor interface not built yet), 2 usage error.\n",
          stream);
}

static const struct cmd_spec *find_command(const char *name)
{
    unsigned int i;

    for ( i = 0; i < xl_nr_commands; i++ )
        if ( !strcmp(xl_commands[i].name, name) )
            return &xl_commands[i];
    return NULL;
}

int cmd_help(struct cmd_context *ctx, int argc, char **argv)
{
    static const struct option opts[] = { CMD_COMMON_LONG_OPTS, { 0 } };
    const struct cmd_spec *spec;

    if ( cmd_getopt(ctx, argc, argv, "", opts) != -1 )
        return ctx->exit_code;
    if ( !cmd_operands(ctx, argc, 0, 1) )
        return XL_EXIT_USAGE;
    if ( optind == argc )
    {
        print_global_help(ctx->io->out);
        return XL_EXIT_OK;
    }
    spec = find_command(argv[optind]);
    if ( !spec )
        return cmd_usage_error(ctx, "unknown command `%s'", argv[optind]);
    cmd_print_help(spec, ctx->io->out);
    return XL_EXIT_OK;
}

/* Global options stop at the subcommand ('+'), as xl's do. */
static int parse_global_options(struct cmd_context *ctx, int argc,
                                char **argv)
{
    int opt;

    optind = 0;
    opterr = 0;
    while ( (opt = getopt(argc, argv, "+vNh")) != -1 )
    {
        switch ( opt )
        {
        case 'v':
            ctx->verbose++;
            break;
        case 'N':
            ctx->dry_run = true;
            break;
        case 'h':
            print_global_help(ctx->io->out);
            return XL_EXIT_OK;
        default:
            fprintf(ctx->io->err, "xl: unknown global option -%c\n\n",
                    optopt);
            print_global_help(ctx->io->err);
            return XL_EXIT_USAGE;
        }
    }
    return -1;
}

int xl_main(int argc, char **argv, const struct xl_io *io)
{
    struct cmd_context ctx = { .io = io };
    int rc = parse_global_options(&ctx, argc, argv);

    if ( rc >= 0 )
        return rc;
    if ( optind >= argc )
    {
        print_global_help(io->err);
        return XL_EXIT_USAGE;
    }
    ctx.spec = find_command(argv[optind]);
    if ( !ctx.spec )
    {
        fprintf(io->err, "xl: unknown command `%s' (xl help lists them)\n",
                argv[optind]);
        return XL_EXIT_USAGE;
    }

    argc -= optind;
    argv += optind;
    optind = 0;     /* glibc: start afresh at argv[1] */
    return ctx.spec->handler(&ctx, argc, argv);
}
