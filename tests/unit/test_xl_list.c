/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * `xl list` formatting (ctl/xl/list_format.c) against the exact layout of
 * Xen 4.17's xl (list_domains() in tools/xl/xl_info.c): column widths,
 * the tab-separated header, the six state letters with the shutdown
 * reason, memory from tot_pages + outstanding_pages, and the time rounded
 * through a float as xl does it.
 */
#include <string.h>

#include "harness.h"

#include <xen/sched.h>

#include "list_format.h"

static struct xen_domctl_getdomaininfo info;
static char line[512];
static const struct xl_list_options plain = { false, false };

static void set_domain(domid_t id, uint64_t pages, uint32_t flags,
                       uint64_t cpu_ns, uint32_t vcpus)
{
    memset(&info, 0, sizeof(info));
    info.domain = id;
    info.tot_pages = pages;
    info.flags = flags;
    info.cpu_time = cpu_ns;
    info.nr_online_vcpus = vcpus;
}

static const char *state_of(uint32_t flags)
{
    static char state[7];

    set_domain(1, 0, flags, 0, 1);
    xl_list_state(&info, state);
    return state;
}

#define SHUTDOWN(reason) \
    (XEN_DOMINF_shutdown | ((uint32_t)(reason) << XEN_DOMINF_shutdownshift))

TEST(header_is_xls)
{
    CHECK_EQ(xl_list_format_header(line, sizeof(line), &plain), 73);
    CHECK_STR(line, "Name                                        ID   Mem "
                    "VCPUs\tState\tTime(s)\n");
}

TEST(dom0_row_is_xls)
{
    set_domain(0, 262144, XEN_DOMINF_running, 12345678901ULL, 1);
    xl_list_format_row(line, sizeof(line), &info, "Domain-0", &plain);
    CHECK_STR(line, "Domain-0                                     0  1024"
                    "     1     r-----      12.3\n");
}

TEST(domu_row_columns)
{
    set_domain(12, 32768, XEN_DOMINF_blocked, 0, 4);
    xl_list_format_row(line, sizeof(line), &info, "guest", &plain);
    CHECK_STR(line, "guest                                       12   128"
                    "     4     -b----       0.0\n");
}

TEST(state_letters_and_shutdown_reasons)
{
    CHECK_STR(state_of(0), "------");
    CHECK_STR(state_of(XEN_DOMINF_running), "r-----");
    CHECK_STR(state_of(XEN_DOMINF_blocked | XEN_DOMINF_paused), "-bp---");
    CHECK_STR(state_of(SHUTDOWN(SHUTDOWN_poweroff)), "---s--");
    CHECK_STR(state_of(SHUTDOWN(SHUTDOWN_reboot)), "---sr-");
    CHECK_STR(state_of(SHUTDOWN(SHUTDOWN_suspend)), "---ss-");
    CHECK_STR(state_of(SHUTDOWN(SHUTDOWN_crash)), "---sc-");
    CHECK_STR(state_of(SHUTDOWN(SHUTDOWN_watchdog)), "---sw-");
    CHECK_STR(state_of(SHUTDOWN(SHUTDOWN_soft_reset)), "---sS-");
    CHECK_STR(state_of(SHUTDOWN(255)), "---s?-");
    CHECK_STR(state_of(SHUTDOWN(SHUTDOWN_crash) | XEN_DOMINF_dying),
              "---scd");
    /* A reason without the shutdown flag is not shown (xl: reason 0). */
    CHECK_STR(state_of((uint32_t)SHUTDOWN_crash << XEN_DOMINF_shutdownshift),
              "------");
}

TEST(memory_counts_outstanding_claims)
{
    set_domain(3, 1000, 0, 0, 1);
    info.outstanding_pages = 24;
    xl_list_format_row(line, sizeof(line), &info, "c", &plain);
    CHECK(strstr(line, "    3     4     1 ") != NULL);
}

TEST(time_goes_through_a_float_as_in_xl)
{
    /* 640866.532... s: a float rounds it to 640866.625, printed .6. */
    set_domain(5, 0, 0, 640866532228085ULL, 1);
    xl_list_format_row(line, sizeof(line), &info, "t", &plain);
    CHECK(strstr(line, "  640866.6\n") != NULL);
}

TEST(long_names_push_the_columns_and_escapes_are_neutralised)
{
    const char *long_name = "a-domain-name-that-is-longer-than-forty-chars";

    set_domain(7, 256, 0, 0, 1);
    xl_list_format_row(line, sizeof(line), &info, long_name, &plain);
    CHECK(strncmp(line, long_name, strlen(long_name)) == 0);
    CHECK(strstr(line, "-chars     7     1     1") != NULL);

    xl_list_format_row(line, sizeof(line), &info, "ev\x1b[2Jil\n", &plain);
    CHECK(strncmp(line, "ev?[2Jil? ", 10) == 0);

    xl_list_format_row(line, sizeof(line), &info, NULL, &plain);
    CHECK(strncmp(line, "(null)    ", 10) == 0);
}

TEST(verbose_adds_uuid_reason_and_label)
{
    const struct xl_list_options verbose = { true, false };
    const struct xl_list_options context = { false, true };
    unsigned int i;

    xl_list_format_header(line, sizeof(line), &verbose);
    CHECK_STR(line, "Name                                        ID   Mem "
                    "VCPUs\tState\tTime(s)   UUID                            "
                    "Reason-Code\tSecurity Label\n");
    xl_list_format_header(line, sizeof(line), &context);
    CHECK(strstr(line, "Time(s)   Security Label\n") != NULL);

    set_domain(2, 0, SHUTDOWN(SHUTDOWN_crash), 0, 1);
    for ( i = 0; i < 16; i++ )
        info.handle[i] = (uint8_t)(i * 0x11);
    xl_list_format_row(line, sizeof(line), &info, "v", &verbose);
    CHECK(strstr(line, "     0.0 00112233-4455-6677-8899-aabbccddeeff"
                       "        3                -\n") != NULL);
    info.flags = 0;
    xl_list_format_row(line, sizeof(line), &info, "v", &verbose);
    CHECK(strstr(line, "eeff        -                -\n") != NULL);
}

TEST(short_buffers_are_cut_not_overrun)
{
    char small[16];

    set_domain(0, 262144, XEN_DOMINF_running, 0, 1);
    CHECK(xl_list_format_row(small, sizeof(small), &info, "Domain-0",
                             &plain) > (int)sizeof(small));
    CHECK_EQ(strlen(small), sizeof(small) - 1);
}
