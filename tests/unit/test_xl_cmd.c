/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The xl command skeleton (ctl/xl/xl.c, cmd_*.c, arg_parse.c), run
 * in-process with memory streams: global options, each subcommand's
 * options and operands with xl's exit codes (0, 1, 2), -h on every
 * command, `create --dry-run` printing a config, the "not available yet"
 * answer of the commands that need domctl, and the argument parsers.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <stdint.h>
#include <xen/sysctl.h>
#include <xen/domctl.h>
#include "harness.h"

#include "elf_builder.h"
#include "fake_ctl_hv.h"
#include "xl.h"

static char *out_buf, *err_buf;

/* The hypervisor xl reaches in run(): none, unless a test sets one. */
static const struct ctl_hv *test_hv;
static const char *test_state_dir;

/* Run xl with the given words; output lands in out_buf and err_buf. */
static int run(const char *words)
{
    char copy[512], *argv[32], *save = NULL, *w;
    size_t out_len, err_len;
    struct xl_io io = { .hv = test_hv, .in_fd = -1,
                        .state_dir = test_state_dir };
    int argc = 0, rc;

    free(out_buf);
    free(err_buf);
    snprintf(copy, sizeof(copy), "xl %s", words);
    for ( w = strtok_r(copy, " ", &save); w && argc < 31;
          w = strtok_r(NULL, " ", &save) )
        argv[argc++] = w;
    argv[argc] = NULL;
    io.out = open_memstream(&out_buf, &out_len);
    io.err = open_memstream(&err_buf, &err_len);
    rc = xl_main(argc, argv, &io);
    fclose(io.out);
    fclose(io.err);
    return rc;
}

static bool err_has(const char *s) { return strstr(err_buf, s) != NULL; }
static bool out_has(const char *s) { return strstr(out_buf, s) != NULL; }

static char config_path[64];

static void write_config(const char *text)
{
    int fd;

    strcpy(config_path, "/tmp/xl-unit-XXXXXX");
    fd = mkstemp(config_path);
    CHECK(fd >= 0);
    CHECK_EQ(write(fd, text, strlen(text)), (long long)strlen(text));
    close(fd);
}

TEST(no_command_and_unknown_command_are_usage_errors)
{
    CHECK_EQ(run(""), XL_EXIT_USAGE);
    CHECK(err_has("Subcommands:"));
    CHECK_EQ(run("frobnicate"), XL_EXIT_USAGE);
    CHECK(err_has("unknown command `frobnicate'"));
    CHECK_EQ(run("-q list"), XL_EXIT_USAGE);
}

TEST(help_lists_every_command_and_exit_codes)
{
    unsigned int i;

    CHECK_EQ(run("-h"), XL_EXIT_OK);
    for ( i = 0; i < xl_nr_commands; i++ )
        CHECK(out_has(xl_commands[i].name));
    CHECK(out_has("Exit status: 0 success, 1 failure"));
    CHECK_EQ(run("help sched-bvt"), XL_EXIT_OK);
    CHECK(out_has("--warp-limit"));
}

TEST(every_command_answers_dash_h)
{
    unsigned int i;
    char words[64];

    for ( i = 0; i < xl_nr_commands; i++ )
    {
        snprintf(words, sizeof(words), "%s -h", xl_commands[i].name);
        CHECK_EQ(run(words), XL_EXIT_OK);
        CHECK(out_has("Usage: xl [-vN] "));
        snprintf(words, sizeof(words), "%s --help", xl_commands[i].name);
        CHECK_EQ(run(words), XL_EXIT_OK);
        snprintf(words, sizeof(words), "%s --no-such-option",
                 xl_commands[i].name);
        CHECK_EQ(run(words), XL_EXIT_USAGE);
        CHECK(err_has("unknown option --no-such-option"));
    }
}

/* Commands with good arguments: the hypervisor part isn't there yet. */
TEST(hypervisor_commands_say_not_available)
{
    static const char *const good[] = {
        "list", "list -v 3", "destroy 5", "destroy -f 0", "shutdown -w web",
        "shutdown -a", "pause 1", "unpause guest", "sched-bvt",
        "sched-bvt -d 1", "sched-bvt -d 1 -m 2 -W 1000 -l 5000 -u 20000",
        "mem-max 1 512", "mem-max web 2g", "vcpu-list", "vcpu-list 1 2",
        "dmesg -c", "info", "info -n", "console -t pv -n 0 web",
    };
    unsigned int i;

    for ( i = 0; i < sizeof(good) / sizeof(good[0]); i++ )
    {
        if ( run(good[i]) != XL_EXIT_FAILURE ||
             !err_has("not available yet: needs domctl (issue 5)") )
        {
            harness_fail(__FILE__, __LINE__, "`xl %s' said: %s", good[i],
                         err_buf);
            return;
        }
    }
}

TEST(bad_operands_are_usage_errors)
{
    static const char *const bad[] = {
        "list 1 2", "destroy", "destroy 1 2", "destroy 32752",
        "destroy bad\tname", "shutdown", "shutdown -a web", "pause",
        "unpause 1 2", "sched-bvt -m 5", "sched-bvt -d 1 -m 0",
        "sched-bvt -d 1 -m 1048577", "sched-bvt -d 1 -W -1",
        "sched-bvt -d 1 -u 4294967296", "sched-bvt -d", "sched-bvt 1",
        "mem-max 1", "mem-max 1 12x", "mem-max 1 -5", "mem-max 1 5mb",
        "mem-max 1 99999999999999999999", "vcpu-list 1 99999",
        "dmesg extra", "info a b", "console", "console -t hvm web",
        "console -n x web", "create", "create a=b",
    };
    unsigned int i;

    for ( i = 0; i < sizeof(bad) / sizeof(bad[0]); i++ )
    {
        if ( run(bad[i]) != XL_EXIT_USAGE || !err_has("Usage: xl") )
        {
            harness_fail(__FILE__, __LINE__, "`xl %s' did not give a usage "
                         "error: %s", bad[i], err_buf);
            return;
        }
    }
}

TEST(destroy_refuses_dom0_without_force)
{
    CHECK_EQ(run("destroy 0"), XL_EXIT_FAILURE);
    CHECK(err_has("not allowed without -f"));
}

TEST(create_dry_run_prints_the_config)
{
    char words[128];

    write_config("name = \"g\"\nkernel = \"/k\"\nmemory = 64\n");
    snprintf(words, sizeof(words), "create --dry-run %s vcpus=2", config_path);
    CHECK_EQ(run(words), XL_EXIT_OK);
    CHECK(out_has("name = \"g\"\n"));
    CHECK(out_has("memory = 64\n"));
    CHECK(out_has("vcpus = 2\n"));
    CHECK(err_has("Parsing config from"));

    /* xl's spellings: -n, --dryrun, global -N, -f FILE, -q. */
    snprintf(words, sizeof(words), "-N create -q -f %s", config_path);
    CHECK_EQ(run(words), XL_EXIT_OK);
    CHECK(out_has("kernel = \"/k\"\n"));
    CHECK_STR(err_buf, "");
    snprintf(words, sizeof(words), "create %s -n --dryrun memory=128",
             config_path);
    CHECK_EQ(run(words), XL_EXIT_OK);
    CHECK(out_has("memory = 128\n"));

    /* Without a dry run, the config is checked, then create stops. */
    snprintf(words, sizeof(words), "create %s", config_path);
    CHECK_EQ(run(words), XL_EXIT_FAILURE);
    CHECK(err_has("not available yet: needs domctl (issue 5)"));
    unlink(config_path);
}

TEST(create_config_errors_name_file_and_line)
{
    char words[128];

    write_config("name = \"g\"\nkernel = \"/k\"\nmemroy = 64\n");
    snprintf(words, sizeof(words), "create -n %s", config_path);
    CHECK_EQ(run(words), XL_EXIT_FAILURE);
    CHECK(err_has(":3: error: unknown key `memroy'"));
    CHECK(err_has(config_path));
    CHECK_STR(out_buf, "");
    unlink(config_path);

    write_config("name = \"g\"\n");
    snprintf(words, sizeof(words), "create -n %s", config_path);
    CHECK_EQ(run(words), XL_EXIT_FAILURE);
    CHECK(err_has(": error: `kernel' is missing"));
    unlink(config_path);

    write_config("name = \"g\"\nkernel = \"/k\"\n");
    snprintf(words, sizeof(words), "create -n %s vcpus=[1]", config_path);
    CHECK_EQ(run(words), XL_EXIT_FAILURE);
    CHECK(err_has("<command line>:1: error: `vcpus': is a list"));
    unlink(config_path);

    CHECK_EQ(run("create -n /nonexistent/xl.cfg"), XL_EXIT_FAILURE);
    CHECK(err_has("can't open config file `/nonexistent/xl.cfg'"));
}

TEST(domain_arguments)
{
    struct xl_domain_ref ref;

    CHECK_EQ(xl_parse_domain("0", &ref), 0);
    CHECK(ref.by_id);
    CHECK_EQ(ref.domid, 0);
    CHECK_EQ(xl_parse_domain("32751", &ref), 0);
    CHECK_EQ(ref.domid, 32751);
    CHECK_EQ(xl_parse_domain("32752", &ref), -EINVAL);     /* DOMID_SELF.. */
    CHECK_EQ(xl_parse_domain("99999999999999999999999", &ref), -EINVAL);
    CHECK_EQ(xl_parse_domain("web-1", &ref), 0);
    CHECK(!ref.by_id);
    CHECK_STR(ref.name, "web-1");
    CHECK_EQ(xl_parse_domain("12abc", &ref), 0);            /* a name */
    CHECK(!ref.by_id);
    CHECK_EQ(xl_parse_domain("", &ref), -EINVAL);
    CHECK_EQ(xl_parse_domain("a b", &ref), -EINVAL);
    CHECK_EQ(xl_parse_domain("\x1b[2J", &ref), -EINVAL);
}

TEST(memory_sizes_as_xl)
{
    uint64_t kib;

    CHECK_EQ(xl_parse_mem_size_kib("512", &kib), 0);
    CHECK_EQ(kib, 512 * 1024);
    CHECK_EQ(xl_parse_mem_size_kib("512m", &kib), 0);
    CHECK_EQ(kib, 512 * 1024);
    CHECK_EQ(xl_parse_mem_size_kib("2G", &kib), 0);
    CHECK_EQ(kib, 2 * 1024 * 1024);
    CHECK_EQ(xl_parse_mem_size_kib("1t", &kib), 0);
    CHECK_EQ(kib, 1ULL << 30);
    CHECK_EQ(xl_parse_mem_size_kib("64k", &kib), 0);
    CHECK_EQ(kib, 64);
    CHECK_EQ(xl_parse_mem_size_kib("4097b", &kib), 0);
    CHECK_EQ(kib, 4);
    CHECK_EQ(xl_parse_mem_size_kib("", &kib), -EINVAL);
    CHECK_EQ(xl_parse_mem_size_kib("m", &kib), -EINVAL);
    CHECK_EQ(xl_parse_mem_size_kib("5mb", &kib), -EINVAL);
    CHECK_EQ(xl_parse_mem_size_kib("5 ", &kib), -EINVAL);
    CHECK_EQ(xl_parse_mem_size_kib("5x", &kib), -EINVAL);
    CHECK_EQ(xl_parse_mem_size_kib("-5", &kib), -EINVAL);
    CHECK_EQ(xl_parse_mem_size_kib("17179869184t", &kib), -ERANGE);
    CHECK_EQ(xl_parse_mem_size_kib("18446744073709551616", &kib), -ERANGE);
}

/*
 * xl list against the fake hypervisor (fake_ctl_hv.c): dom0 and domain 3
 * (paused) in sysctl getdomaininfolist, domctl getdomaininfo for one id
 * (the first domain at or above it, as Xen answers), errors passed on.
 */
TEST(list_through_the_hypervisor)
{
    fake_hv_reset();
    fake.doms[3] = (struct fake_domain){ .exists = true, .paused = true,
                                         .domid = 3, .nr_pages = 4096,
                                         .max_vcpus = 2 };
    test_hv = &fake.hv;
    CHECK_EQ(run("list"), XL_EXIT_OK);
    CHECK(out_has("Name "));
    CHECK(out_has("Domain-0                                     0   512     1     r-----       0.0"));
    CHECK(out_has("(null)                                       3    16     1     --p---"));
    CHECK_EQ(run("list 3"), XL_EXIT_OK);
    CHECK(!out_has("Domain-0"));
    CHECK(out_has("(null) "));
    CHECK_EQ(run("list 2"), XL_EXIT_FAILURE);          /* Xen gives 3. */
    CHECK(err_has("domain 2"));
    CHECK_EQ(run("list web"), XL_EXIT_FAILURE);        /* No record. */
    CHECK(err_has("no domain named `web'"));
    test_hv = NULL;
}

/*
 * The lifecycle on the fake hypervisor: create (a kernel file built by
 * elf_builder.c), the record's name in list, pause, unpause, console
 * (the domain shuts down, so the attach ends), shutdown, destroy, and a
 * create whose last step fails leaving no domain and no record.
 */
static char state_dir[64], kernel_path[48];

static void lifecycle_setup(void)
{
    static struct eb image;
    FILE *f;

    fake_hv_reset();
    test_hv = &fake.hv;
    strcpy(state_dir, "/tmp/xl-unit-state-XXXXXX");
    CHECK(mkdtemp(state_dir) != NULL);
    test_state_dir = state_dir;
    strcpy(kernel_path, "/tmp/xl-unit-kernel-XXXXXX");
    close(mkstemp(kernel_path));
    eb_xtf_like(&image);
    f = fopen(kernel_path, "wb");
    fwrite(image.buf, 1, image.size, f);
    fclose(f);
    snprintf(config_path, sizeof(config_path), "%s.cfg", kernel_path);
    f = fopen(config_path, "w");
    fprintf(f, "name = \"web\"\nkernel = \"%s\"\nmemory = 16\n",
            kernel_path);
    fclose(f);
}

static void lifecycle_teardown(void)
{
    char path[128];

    snprintf(path, sizeof(path), "rm -rf %s", state_dir);
    CHECK_EQ(system(path), 0);
    unlink(kernel_path);
    unlink(config_path);
    test_hv = NULL;
    test_state_dir = NULL;
}

TEST(create_list_pause_unpause_destroy)
{
    char words[160];

    lifecycle_setup();
    snprintf(words, sizeof(words), "create %s", config_path);
    CHECK_EQ(run(words), XL_EXIT_OK);
    CHECK(fake_domain(1) && !fake_domain(1)->paused);
    CHECK_EQ(run("list"), XL_EXIT_OK);
    CHECK(out_has("web                                          1    16     1     -b----"));
    CHECK_EQ(run("pause web"), XL_EXIT_OK);
    CHECK(fake_domain(1)->paused);
    CHECK_EQ(run("list web"), XL_EXIT_OK);
    CHECK(out_has("--p---"));
    CHECK_EQ(run("unpause 1"), XL_EXIT_OK);
    CHECK(!fake_domain(1)->paused);
    CHECK_EQ(run("vcpu-list web"), XL_EXIT_OK);
    CHECK(out_has("web                                  1     0"));
    CHECK_EQ(run("mem-max web 8"), XL_EXIT_FAILURE);    /* below 16 MiB */
    CHECK_EQ(run("mem-max web 32m"), XL_EXIT_OK);
    CHECK_EQ(fake_domain(1)->max_memkb, 32 * 1024 + 1024);
    CHECK_EQ(run("destroy web"), XL_EXIT_OK);
    CHECK_EQ(fake_domu_count(), 0);
    CHECK_EQ(run("list web"), XL_EXIT_FAILURE);
    CHECK(err_has("no domain named `web'"));
    CHECK_EQ(run("destroy 7"), XL_EXIT_FAILURE);
    CHECK(err_has("domain 7 does not exist"));
    lifecycle_teardown();
}

TEST(create_paused_then_console_and_shutdown)
{
    char words[160];

    lifecycle_setup();
    snprintf(words, sizeof(words), "create -p %s name=\"db\"", config_path);
    CHECK_EQ(run(words), XL_EXIT_OK);
    CHECK(fake_domain(1) && fake_domain(1)->paused);
    /* The console of a domain that has shut down: drained, then done. */
    fake_domain(1)->shutdown = true;
    CHECK_EQ(run("console db"), XL_EXIT_OK);
    fake_domain(1)->shutdown = false;
    CHECK_EQ(run("console -n 1 db"), XL_EXIT_FAILURE);
    CHECK_EQ(run("console 0"), XL_EXIT_FAILURE);        /* no record */
    CHECK(err_has("has no console"));
    CHECK_EQ(run("shutdown db"), XL_EXIT_OK);           /* on_poweroff */
    CHECK_EQ(fake_domu_count(), 0);
    lifecycle_teardown();
}

TEST(create_failures_leave_nothing)
{
    char words[160];

    lifecycle_setup();
    fake.fail_op = __HYPERVISOR_domctl;
    fake.fail_cmd = XEN_DOMCTL_unpausedomain;
    fake.fail_rc = -EIO;
    snprintf(words, sizeof(words), "create %s", config_path);
    CHECK_EQ(run(words), XL_EXIT_FAILURE);
    CHECK(err_has("DOMCTL_unpausedomain"));
    CHECK_EQ(fake_domu_count(), 0);
    CHECK_EQ(run("list web"), XL_EXIT_FAILURE);
    /* Memory above the host's (1 GiB): a config error, nothing made. */
    snprintf(words, sizeof(words), "create %s memory=2048", config_path);
    CHECK_EQ(run(words), XL_EXIT_FAILURE);
    CHECK(err_has(":1: error:") || err_has("error:"));
    CHECK_EQ(fake.destroys, 1);
    lifecycle_teardown();
}

TEST(host_commands)
{
    fake_hv_reset();
    test_hv = &fake.hv;
    CHECK_EQ(run("info"), XL_EXIT_OK);
    CHECK(out_has("total_memory           : 1024\n"));
    CHECK(out_has("xen_minor              : 17\n"));
    CHECK(out_has("xen_scheduler          : credit\n"));
    CHECK_EQ(run("info free_memory"), XL_EXIT_OK);
    CHECK_STR(out_buf, "512\n");
    CHECK_EQ(run("info nothing"), XL_EXIT_FAILURE);
    CHECK_EQ(run("dmesg -c"), XL_EXIT_OK);
    CHECK(out_has("hello from the fake"));
    CHECK_EQ(run("dmesg"), XL_EXIT_OK);
    CHECK_STR(out_buf, "");
    /* Not BVT: said clearly, nothing set. */
    CHECK_EQ(run("sched-bvt"), XL_EXIT_FAILURE);
    CHECK(err_has("the BVT scheduler is not in use: the hypervisor's "
                  "scheduler is credit (id 5)"));
    fake.sched_id = 0;                  /* XENOLITH_SCHEDULER_BVT */
    CHECK_EQ(run("sched-bvt -d 0 -m 4 -W 100"), XL_EXIT_OK);
    CHECK_EQ(fake.doms[0].bvt.a, 4);
    CHECK_EQ(fake.doms[0].bvt.b, 100);
    CHECK_EQ(run("sched-bvt"), XL_EXIT_OK);
    CHECK(out_has("Domain-0                             0           4        100"));
    test_hv = NULL;
}
