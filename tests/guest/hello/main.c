/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hello: the smallest PV guest that proves the basics of a dom0 boot.
 *
 * - HYPERVISOR_console_io(CONSOLEIO_write) writes to the console
 *   (xen/include/public/xen.h). Xen 4.17 returns 0 for a full write.
 * - HYPERVISOR_xen_version(XENVER_version) returns major << 16 | minor
 *   (xen/include/public/version.h); Xenolith claims Xen 4.17's ABI, so
 *   both must say 4.17.
 * - start_info, as the PV domain builder fills it (xen.h, struct
 *   start_info and the "start of day" comment): magic "xen-3.0-x86_64",
 *   nr_pages > 0 (dom0_mem), shared_info a page-aligned machine address,
 *   SIF_PRIVILEGED | SIF_INITDOMAIN for dom0, page tables and the
 *   phys-to-machine list inside our initial mapping, no module, and the
 *   command line the boot loader gave the module after its file name.
 * - shared_info is mapped and vcpu_info[0] holds what we wrote to it.
 *
 * With "domu" on its command line (the xl toolstack test's hello.cfg) it
 * checks a domU's start of day instead, as dom0's toolstack builds it
 * (xen.h; Xen 4.17's libxc, xg_dom_x86.c): neither SIF flag, a console
 * ring page and event channel and a xenstore page and event channel; and
 * its output goes to the ring, since Xen 4.17 refuses a domU console_io.
 * "linger" keeps it alive after the verdict (guest_linger()).
 */
#include <guest/arch/page.h>
#include <guest/console.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/setup.h>
#include <guest/string.h>
#include <guest/test.h>

const char test_name[] = "hello";
const char test_title[] = "console, version and start_info of a PV dom0";

extern char _end[];

static bool in_initial_mapping(unsigned long va)
{
    return va >= GUEST_VIRT_BASE && va < GUEST_VIRT_BASE + (1UL << 30);
}

static void check_console(bool domu)
{
    static const char line[] = "hello: written by console_io\n";
    static const char ring_line[] = "hello: written to the console ring\n";

    if ( domu )
    {
        test_check(guest_console_ring_active(), "console/ring",
                   "no console ring in use");
        test_expect_rc("console/ring_write",
                       guest_console_write(ring_line, sizeof(ring_line) - 1),
                       0);
        /* The hypervisor console is not a domU's (Xen's is_console). */
        test_expect_rc("console_io/refused_to_domu",
                       hypercall_console_io(CONSOLEIO_write, sizeof(line) - 1,
                                            line),
                       -EPERM);
        return;
    }
    test_expect_rc("console_io/write",
                   hypercall_console_io(CONSOLEIO_write, sizeof(line) - 1,
                                        line),
                   0);
}

/* A domU: no privilege, and the devices its builder set up for it. */
static void check_domu_start_info(const start_info_t *si)
{
    test_check(!(si->flags & (SIF_PRIVILEGED | SIF_INITDOMAIN)),
               "flags/domu", "flags %#x", si->flags);
    test_check(si->console.domU.mfn != 0 && si->console.domU.evtchn != 0,
               "console/domu", "mfn %#lx evtchn %u", si->console.domU.mfn,
               si->console.domU.evtchn);
    test_check(si->store_mfn != 0 && si->store_evtchn != 0, "store",
               "mfn %#lx evtchn %u", si->store_mfn, si->store_evtchn);
}

static void check_version(void)
{
    long v = hypercall_xen_version(XENVER_version, NULL);

    test_note("xen_version: %ld.%ld", v >> 16, v & 0xffff);
    test_expect_eq("xen_version/4.17", v, (4 << 16) | 17);
}

static void check_start_info(const start_info_t *si, bool domu)
{
    const char *cmdline = (const char *)si->cmd_line;
    const xen_pfn_t *mfn_list = (const xen_pfn_t *)si->mfn_list;

    test_note("start_info: nr_pages %lu, shared_info %#lx, flags %#x, "
              "pt_base %#lx, nr_pt_frames %lu, mfn_list %#lx",
              si->nr_pages, si->shared_info, si->flags, si->pt_base,
              si->nr_pt_frames, si->mfn_list);
    test_note("start_info: cmd_line \"%s\"", cmdline);
    test_check(!strncmp(si->magic, "xen-3.0-x86_64", 14), "magic",
               "\"%.32s\"", si->magic);
    test_check(si->nr_pages > 0, "nr_pages", "0");
    test_check(si->shared_info && !(si->shared_info & (PAGE_SIZE - 1)),
               "shared_info", "%#lx", si->shared_info);
    if ( domu )
        check_domu_start_info(si);
    else
        test_check((si->flags & (SIF_PRIVILEGED | SIF_INITDOMAIN)) ==
                       (SIF_PRIVILEGED | SIF_INITDOMAIN),
                   "flags/dom0", "flags %#x", si->flags);
    test_check(in_initial_mapping(si->pt_base) &&
                   !(si->pt_base & (PAGE_SIZE - 1)) &&
                   si->pt_base >= (unsigned long)_end,
               "pt_base", "%#lx", si->pt_base);
    test_check(si->nr_pt_frames > 0, "nr_pt_frames", "0");
    test_check(in_initial_mapping(si->mfn_list), "mfn_list", "%#lx",
               si->mfn_list);
    test_check(mfn_list[guest_pfn_of((void *)((unsigned long)_end - 1))] != 0,
               "mfn_list/kernel",
               "mfn of the last kernel page is 0");
    test_check(si->mod_start == 0 && si->mod_len == 0, "no_module",
               "mod_start %#lx mod_len %lu", si->mod_start, si->mod_len);
    test_check(strstr(cmdline, "test=hello") != NULL, "cmd_line",
               "\"%s\" lacks test=hello", cmdline);
}

static void check_shared_info(void)
{
    struct vcpu_info *vi = guest_vcpu_info();

    test_check(vi->evtchn_upcall_mask == 1, "shared_info/mapped",
               "upcall_mask %u after writing 1", vi->evtchn_upcall_mask);
}

void test_main(void)
{
    bool domu = guest_cmdline_has("domu");

    check_console(domu);
    check_version();
    check_start_info(guest_start_info, domu);
    check_shared_info();
}
