/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Start of day for a guest test kernel (the model is XTF's
 * common/setup.c): record start_info, map shared_info, mask events,
 * install traps and callbacks, run the test, shut down.
 *
 * start_info.shared_info is a machine address (xen.h, struct start_info);
 * a PV guest maps it itself. We map it over a page of our own .bss, which
 * the initial mapping already covers with an L1 entry.
 */
#include <guest/arch/page.h>
#include <guest/console.h>
#include <guest/events.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/setup.h>
#include <guest/string.h>
#include <guest/test.h>
#include <guest/traps.h>

start_info_t *guest_start_info;
shared_info_t *guest_shared_info;

static char shared_info_page[PAGE_SIZE]
    __attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));

static void map_shared_info(void)
{
    int rc = guest_mm_map(shared_info_page, guest_start_info->shared_info,
                          PTE_PRESENT | PTE_RW | PTE_ACCESSED | PTE_DIRTY);

    if ( rc )
        guest_panic("mapping shared_info at %#lx: %d",
                    guest_start_info->shared_info, rc);
    guest_shared_info = (shared_info_t *)shared_info_page;
}

void guest_start(start_info_t *si)
{
    guest_start_info = si;
    map_shared_info();
    guest_console_ring_init();
    guest_vcpu_info()->evtchn_upcall_mask = 1;
    guest_traps_init();
    guest_events_init();
    test_run();
}

bool guest_cmdline_has(const char *word)
{
    const char *p = (const char *)guest_start_info->cmd_line;
    size_t n = strlen(word);

    while ( (p = strstr(p, word)) )
    {
        bool starts = p == (const char *)guest_start_info->cmd_line ||
                      p[-1] == ' ';

        if ( starts && (p[n] == '\0' || p[n] == ' ') )
            return true;
        p += n;
    }
    return false;
}

void guest_linger(void)
{
    guest_printf("NOTE %s: lingering until the domain is destroyed\n",
                 test_name);
    for ( ;; )
        hypercall_sched_op(SCHEDOP_block, NULL);
}

void guest_shutdown(unsigned int reason)
{
    struct sched_shutdown sd = { .reason = reason };
    long rc = hypercall_sched_op(SCHEDOP_shutdown, &sd);

    guest_printf("SCHEDOP_shutdown(%u) returned %ld\n", reason, rc);
    for ( ;; )
        hypercall_sched_op(SCHEDOP_yield, NULL);
}

void guest_panic(const char *fmt, ...)
{
    va_list args;

    guest_printf("PANIC %s: ", test_name);
    va_start(args, fmt);
    guest_vprintf(fmt, args);
    va_end(args);
    guest_printf("\n");
    guest_shutdown(SHUTDOWN_crash);
}
