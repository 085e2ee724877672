/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The failsafe callback (CALLBACKTYPE_failsafe; Xen 4.17's
 * load_segments() in xen/arch/x86/domain.c): when a vCPU is switched back
 * onto a CPU and one of its saved data selectors no longer loads (its
 * descriptor changed while the vCPU was off the CPU), the hypervisor
 * loads a null selector instead and enters the failsafe callback with the
 * selectors the vCPU had, so the kernel can repair its context.
 *
 * dom0 loads FS with a selector of its own GDT, makes that descriptor
 * absent with update_descriptor, and yields: a boot-time domain beside it
 * (role=yield) yields too, so each yield is a real switch away and back.
 * The first switch back must enter the callback once, with the old FS in
 * the frame, and resume with FS null; later switches must not enter it
 * again. Needs a second domain to switch to, which only
 * Xenolith's boot-time domains give a test kernel: on Xen 4.17 it skips
 * (a lone dom0's yield switches nowhere, so Xen cannot reach the path
 * either).
 */
#include <guest/arch/page.h>
#include <guest/control.h>
#include <guest/events.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/setup.h>
#include <guest/test.h>

const char test_name[] = "failsafe";
const char test_title[] = "the failsafe callback when a selector no longer "
                          "loads at a context switch";

#define GDT_DATA    0x00cff3000000ffffULL   /* Flat data, DPL 3. */
#define SEL_DATA    0x0b                    /* GDT entry 1, RPL 3. */
#define YIELDS      20

void failsafe_test_entry(void);
uint16_t read_fs(void);
void load_fs(uint16_t sel);
extern uint64_t failsafe_count, failsafe_fs;

static uint64_t gdt[512]
    __attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));

static void yield_main(void)
{
    for ( ;; )
        hypercall_sched_op(SCHEDOP_yield, NULL);
}

static void dom0_main(void)
{
    struct xen_domctl_getdomaininfo info;
    struct callback_register cb = {
        .type = CALLBACKTYPE_failsafe,
        .address = (unsigned long)failsafe_test_entry,
    };
    xen_ulong_t frame;
    unsigned int i;

    if ( guest_domain_info(1, &info) )
    {
        test_skip("no domain to switch to (boot-time domains are "
                  "Xenolith's)");
        return;
    }
    gdt[1] = GDT_DATA;
    frame = guest_mfn_of(gdt);
    test_expect_rc("gdt/map_read_only",
                   guest_mm_map(gdt, (uint64_t)frame << PAGE_SHIFT,
                                PTE_PRESENT | PTE_ACCESSED), 0);
    test_expect_rc("gdt/set_gdt", hypercall_set_gdt(&frame, 8), 0);
    test_expect_rc("callback/register",
                   hypercall_callback_op(CALLBACKOP_register, &cb), 0);

    load_fs(SEL_DATA);
    test_expect_eq("fs/loaded", read_fs(), SEL_DATA);
    for ( i = 0; i < YIELDS; i++ )
        hypercall_sched_op(SCHEDOP_yield, NULL);
    test_expect_eq("switch/good_selector_no_failsafe", failsafe_count, 0);
    test_expect_eq("switch/good_selector_kept", read_fs(), SEL_DATA);

    /* The descriptor goes away while FS still holds its selector. */
    test_expect_rc("gdt/make_absent",
                   hypercall_update_descriptor(((uint64_t)frame << PAGE_SHIFT)
                                               + 8, 0), 0);
    for ( i = 0; i < YIELDS; i++ )
        hypercall_sched_op(SCHEDOP_yield, NULL);
    test_expect_eq("switch/failsafe_once", failsafe_count, 1);
    test_expect_eq("switch/frame_has_old_fs", failsafe_fs & 0xffff, SEL_DATA);
    test_expect_eq("switch/fs_now_null", read_fs(), 0);

    /* Put things back for the library. */
    cb.address = (unsigned long)guest_failsafe_entry;
    test_expect_rc("callback/restore",
                   hypercall_callback_op(CALLBACKOP_register, &cb), 0);
    test_expect_rc("gdt/release", hypercall_set_gdt(&frame, 0), 0);
}

void test_main(void)
{
    if ( guest_start_info->flags & SIF_INITDOMAIN )
        dom0_main();
    else if ( guest_cmdline_has("role=yield") )
        yield_main();
    else
        test_error("unknown role");
}
