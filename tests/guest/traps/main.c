/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * traps: exceptions of a 64-bit PV guest kernel, bounced by the hypervisor
 * through the table given to HYPERVISOR_set_trap_table
 * (xen/include/public/arch-x86/xen.h, struct trap_info; Xen:
 * do_set_trap_table() in xen/arch/x86/pv/callback.c, the bounce in
 * xen/arch/x86/pv/traps.c and xen/arch/x86/x86_64/entry.S).
 *
 * What the ABI defines and this test checks:
 * - the handler gets the frame rcx, r11, [error code], rip, cs, rflags,
 *   rsp, ss (arch-x86/xen-x86_64.h); for a fault in the guest kernel the
 *   CS slot holds FLAT_KERNEL_CS with RPL 0 and, in bits 32-39, the saved
 *   event mask (see check_frame());
 * - #UD and #DE carry no error code; int3 arrives as #BP with rip after the
 *   instruction (our table gives vector 3 DPL 3);
 * - #GP: a non-canonical load gives error code 0; `int $0x20` through a
 *   vector the guest never registered gives (0x20 << 3) | 2, the IDT bit
 *   set, as on hardware;
 * - #PF: the error code as the CPU reports it except the user bit, which
 *   Xen clears for faults in guest kernel mode (the guest kernel runs in
 *   ring 3); the faulting address is in vcpu_info.arch.cr2 when the
 *   handler runs.
 * Hostile: set_trap_table with an unmapped or hypervisor pointer is
 * -EFAULT, with a non-canonical handler address -EINVAL (Xen 4.17), and
 * leaves the installed handlers working; a handler registered with a
 * ring-0 code selector is accepted (Xen forces the selector's RPL) and
 * still runs as the guest kernel.
 */
#include <guest/arch/page.h>
#include <guest/console.h>
#include <guest/hypercall.h>
#include <guest/probe.h>
#include <guest/setup.h>
#include <guest/string.h>
#include <guest/test.h>
#include <guest/traps.h>

const char test_name[] = "traps";
const char test_title[] = "trap table, exception bounces, error codes, cr2";

static uint64_t mapped_word = 0x1234;

static bool rip_in(const void *func, uint64_t rip)
{
    return rip - (uint64_t)(unsigned long)func < 16;
}

/*
 * The CS slot of a 64-bit PV bounce frame: bits 0-15 the selector with RPL
 * 0 for a fault in guest kernel mode (Xen clears the RPL so that kernels
 * can test CS & 3 to tell their own frames from user ones, and sets it back
 * to 3 on HYPERVISOR_iret), bits 32-39 the saved event upcall mask
 * (struct cpu_user_regs, saved_upcall_mask). Our events are masked.
 */
static void check_frame(const char *check, const void *probe)
{
    const struct guest_fault_record *f = guest_traps_last();
    uint16_t selector = (uint16_t)f->cs;
    uint8_t saved_mask = (uint8_t)(f->cs >> 32);

    test_check(selector == (FLAT_KERNEL_CS & ~3) && saved_mask == 1 &&
                   rip_in(probe, f->rip),
               check, "cs slot %#lx (selector %#x, saved mask %u), rip %#lx",
               f->cs, selector, saved_mask, f->rip);
}

static void check_table(void)
{
    test_expect_rc("set_trap_table",
                   hypercall_set_trap_table(guest_trap_table()), 0);
    test_expect_probe("no_fault", test_probe_read(&mapped_word), PROBE_NONE);
}

static void check_simple_faults(void)
{
    test_expect_probe("ud", test_probe_ud2(), PROBE_FAULT(X86_EXC_UD, 0));
    check_frame("ud/frame", test_probe_ud2);
    test_expect_probe("de", test_probe_divide_error(),
                      PROBE_FAULT(X86_EXC_DE, 0));
    test_expect_probe("bp", test_probe_int3(), PROBE_FAULT(X86_EXC_BP, 0));
    check_frame("bp/frame", test_probe_int3);
}

static void check_general_protection(void)
{
    test_expect_probe("gp/noncanonical",
                      test_probe_read((void *)TEST_ADDR_NONCANONICAL),
                      PROBE_FAULT(X86_EXC_GP, 0));
    check_frame("gp/frame", test_probe_read);
    test_expect_probe("gp/int_0x20", test_probe_int_0x20(),
                      PROBE_FAULT(X86_EXC_GP, (0x20 << 3) | 2));
}

static void check_pf(const char *name, uint32_t got, uint32_t error_code,
                     const void *addr)
{
    char check[40];
    uint64_t cr2 = guest_vcpu_info()->arch.cr2;

    test_expect_probe(name, got, PROBE_FAULT(X86_EXC_PF, error_code));
    guest_snprintf(check, sizeof(check), "%s/cr2", name);
    test_check(cr2 == (uint64_t)(unsigned long)addr &&
                   guest_traps_last()->cr2 == cr2,
               check, "vcpu_info cr2 %#lx, handler saw %#lx, want %p", cr2,
               guest_traps_last()->cr2, addr);
}

static void check_page_faults(void)
{
    void *hole = test_unmapped_page();
    void *ro = test_readonly_page();
    void *unmapped = (void *)(TEST_ADDR_UNMAPPED + 0x18);

    check_pf("pf/unmapped_read", test_probe_read(unmapped), 0, unmapped);
    check_pf("pf/hole_read", test_probe_read(hole), 0, hole);
    check_pf("pf/readonly_write", test_probe_write((char *)ro + 8),
             PFEC_PRESENT | PFEC_WRITE, (char *)ro + 8);
    test_expect_probe("pf/readonly_read", test_probe_read(ro), PROBE_NONE);
}

static void check_hostile_tables(void)
{
    struct trap_info table[2];

    test_expect_rc("table/unmapped",
                   hypercall_set_trap_table((void *)TEST_ADDR_UNMAPPED),
                   -EFAULT);
    test_expect_rc("table/xen",
                   hypercall_set_trap_table((void *)TEST_ADDR_XEN), -EFAULT);
    test_expect_rc("table/hole",
                   hypercall_set_trap_table(test_unmapped_page()), -EFAULT);

    memset(table, 0, sizeof(table));
    table[0] = guest_trap_table()[0];
    table[0].address = TEST_ADDR_NONCANONICAL;
    test_expect_rc("table/noncanonical_handler",
                   hypercall_set_trap_table(table), -EINVAL);
    test_expect_probe("table/still_installed", test_probe_ud2(),
                      PROBE_FAULT(X86_EXC_UD, 0));
}

static void check_ring0_selector(void)
{
    struct trap_info table[2];
    const struct trap_info *t;

    for ( t = guest_trap_table(); t->address && t->vector != X86_EXC_UD; t++ )
        continue;
    memset(table, 0, sizeof(table));
    table[0] = *t;
    table[0].cs = 0x0008;
    test_expect_rc("ring0_cs/accepted", hypercall_set_trap_table(table), 0);
    test_expect_probe("ring0_cs/ud", test_probe_ud2(),
                      PROBE_FAULT(X86_EXC_UD, 0));
    check_frame("ring0_cs/frame", test_probe_ud2);
    test_expect_rc("ring0_cs/restore",
                   hypercall_set_trap_table(guest_trap_table()), 0);
}

void test_main(void)
{
    check_table();
    check_simple_faults();
    check_general_protection();
    check_page_faults();
    check_hostile_tables();
    check_ring0_selector();
    test_check(guest_traps_last()->count >= 10, "count",
               "%lu exceptions recorded", guest_traps_last()->count);
}
