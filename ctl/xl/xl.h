/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The xl command: global options, the table of subcommands and the
 * helpers every subcommand uses to parse its options the way xl does
 * (getopt_long, -h/--help on every command, usage errors exit 2).
 *
 * Exit status, as xl: 0 success (and -h), 1 failure (including a command
 * that needs a hypervisor interface not built yet, and config errors),
 * 2 usage error.
 */
#ifndef CTL_XL_XL_H
#define CTL_XL_XL_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "arg_parse.h"
#include "ctl_hv.h"

#define XL_EXIT_OK      0
#define XL_EXIT_FAILURE 1
#define XL_EXIT_USAGE   2

/*
 * Where a run of xl reads and writes, and how it reaches the hypervisor:
 * hv (ctl_hv.h: Linux's /dev/xen devices in dom0, a fake in the unit
 * tests, or NULL: a command that needs it then says it is not
 * available). in_fd is the console's input (-1: none); state_dir holds
 * the records of the domains xl created (dom_record.h).
 */
struct xl_io {
    FILE *out;
    FILE *err;
    const struct ctl_hv *hv;
    int in_fd;
    const char *state_dir;
};

/* Where dom0's xl keeps its domain records. */
#define XL_STATE_DIR "/run/xl"

struct cmd_context;

struct cmd_spec {
    const char *name;
    int (*handler)(struct cmd_context *ctx, int argc, char **argv);
    const char *summary;
    const char *usage;          /* after "xl <name> " */
    const char *options_help;   /* lines of "-x, --long   what" */
};

struct cmd_context {
    const struct cmd_spec *spec;
    const struct xl_io *io;
    bool dry_run;               /* global -N */
    unsigned int verbose;       /* global -v, repeatable */
    int exit_code;              /* set when cmd_getopt returns CMD_OPT_EXIT */
};

/*
 * Run xl with argv as given to main(). Context: a process; uses getopt's
 * globals (not reentrant). Returns the exit status.
 */
int xl_main(int argc, char **argv, const struct xl_io *io);

/* The subcommand table, and its length. */
extern const struct cmd_spec xl_commands[];
extern const unsigned int xl_nr_commands;

/* Every command's long options end with this (--help) and a zero entry. */
#define CMD_COMMON_LONG_OPTS { "help", no_argument, NULL, 'h' }

/* cmd_getopt()'s "stop now": ctx->exit_code holds the status. */
#define CMD_OPT_EXIT (-2)

/*
 * getopt_long for a subcommand: optstring without 'h' (added here).
 * Returns the next option, -1 when they are done (operands start at
 * optind), or CMD_OPT_EXIT after printing help (exit 0) or a usage error
 * (exit 2).
 */
int cmd_getopt(struct cmd_context *ctx, int argc, char **argv,
               const char *optstring, const struct option *longopts);

/*
 * Check the number of operands left after the options: between min and
 * max (max < 0: no limit). Prints the usage error and returns false if not.
 */
bool cmd_operands(struct cmd_context *ctx, int argc, int min, int max);

/* A domain operand; prints the error (exit 2 follows) on a bad one. */
bool cmd_domain(struct cmd_context *ctx, const char *arg,
                struct xl_domain_ref *ref);

/* Print a usage error for this command; returns XL_EXIT_USAGE. */
int cmd_usage_error(struct cmd_context *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Print the command's help to stream. */
void cmd_print_help(const struct cmd_spec *spec, FILE *stream);

/*
 * The command needs a hypervisor interface Xenolith doesn't offer yet:
 * say so ("not available yet: needs domctl (issue 5)", naming the call)
 * and return XL_EXIT_FAILURE.
 */
int cmd_not_available(struct cmd_context *ctx, const char *hypercall);

/*
 * A hypercall failed: print "xl <cmd>: <what>: <strerror>" and return
 * XL_EXIT_FAILURE.
 */
int cmd_hypercall_failed(struct cmd_context *ctx, const char *what, long rc);

/*
 * Resolve a domain operand to a live domain id: an id must exist, a name
 * is looked up in the domain records (with a live domain of the same
 * UUID). Prints why and returns false if not.
 */
bool cmd_resolve_domain(struct cmd_context *ctx,
                        const struct xl_domain_ref *ref, domid_t *domid);

/*
 * The name xl shows for a domain: "Domain-0", a record's name when its
 * UUID matches info's, else NULL.
 */
const char *cmd_domain_name(struct cmd_context *ctx,
                            const struct xen_domctl_getdomaininfo *info,
                            char *buf, size_t len);

/*
 * Attach the terminal to domid's console until Ctrl-] or the domain's
 * end (console_attach.c). Returns an exit status.
 */
int cmd_console_attach(struct cmd_context *ctx, domid_t domid);

/* The handlers, one per subcommand (cmd_<name>.c). */
int cmd_create(struct cmd_context *ctx, int argc, char **argv);
int cmd_list(struct cmd_context *ctx, int argc, char **argv);
int cmd_destroy(struct cmd_context *ctx, int argc, char **argv);
int cmd_shutdown(struct cmd_context *ctx, int argc, char **argv);
int cmd_pause(struct cmd_context *ctx, int argc, char **argv);
int cmd_unpause(struct cmd_context *ctx, int argc, char **argv);
int cmd_sched_bvt(struct cmd_context *ctx, int argc, char **argv);
int cmd_mem_max(struct cmd_context *ctx, int argc, char **argv);
int cmd_vcpu_list(struct cmd_context *ctx, int argc, char **argv);
int cmd_dmesg(struct cmd_context *ctx, int argc, char **argv);
int cmd_info(struct cmd_context *ctx, int argc, char **argv);
int cmd_console(struct cmd_context *ctx, int argc, char **argv);
int cmd_help(struct cmd_context *ctx, int argc, char **argv);

#endif /* CTL_XL_XL_H */
