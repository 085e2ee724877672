/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ioport: IN, OUT, INS, OUTS, CLI and STI from a 64-bit PV guest kernel
 * (Xen 4.17: guest_io_okay, admin_io_okay, guest_io_read/write,
 * rep_ins/rep_outs in xen/arch/x86/pv/emul-priv-op.c; PHYSDEVOP_set_iopl
 * in xen/arch/x86/physdev.c, public/physdev.h).
 *
 * The guest kernel counts as ring 1 and starts with a virtual IOPL of 0:
 * every port instruction and CLI/STI is a #GP(0) and changes nothing.
 * After PHYSDEVOP_set_iopl(1) they are emulated. This test uses only
 * ports that Xen does not let dom0 reach (the PICs 0x20/0x21, Xen's own
 * COM1 0x3f8-0x3ff, PIT channel 0 at 0x40) and the two latches every
 * domain has: reads give all ones in the bytes read (IN AL/AX keep the
 * rest of RAX, IN EAX clears the top half), writes are dropped; a dword
 * written to 0xcf8 (PCI configuration address) and a byte written to
 * 0x70 (RTC index) read back, and dom0 reads the CMOS through 0x71;
 * with 0xcf8 disabled, 0xcfc reads all ones;
 * REP INSB stores all ones and REP OUTSB consumes its buffer, RCX and
 * RDI/RSI moving as the CPU's would; CLI/STI become no-ops.
 *
 * Hostile: set_iopl above 3 is -EINVAL, from a bad pointer -EFAULT
 * (Xen 4.17); REP INSB to an unmapped page or a read-only page is #PF
 * with error code 2 (write) at that address and RCX unchanged, to Xen's
 * range or a non-canonical address #GP(0); a REP INSB/OUTSB running
 * into an unmapped page stops there with #PF, the elements before it done
 * and counted in RCX; REP with RCX = 0 touches nothing; HLT stays #GP(0)
 * whatever the IOPL; setting the IOPL back to 0 brings the #GP(0) back.
 */
#include <guest/arch/page.h>
#include <guest/console.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/privop.h>
#include <guest/probe.h>
#include <guest/string.h>
#include <guest/test.h>
#include <guest/traps.h>
#include <xen/physdev.h>

const char test_name[] = "ioport";
const char test_title[] = "port I/O under the virtual IOPL, Xen's port answers";

#define GP      PROBE_FAULT(X86_EXC_GP, 0)
#define RAX_PAT 0x1122334455667788UL

static uint8_t buf[16];
/* A page of ours followed by one we unmap, to run string I/O into. */
static uint8_t edge[2][PAGE_SIZE]
    __attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));

static long set_iopl(unsigned int iopl)
{
    struct physdev_set_iopl arg = { .iopl = iopl };

    return GUEST_HYPERCALL(__HYPERVISOR_physdev_op, PHYSDEVOP_set_iopl, &arg,
                           0, 0, 0);
}

static void check_without_iopl(const char *group)
{
    char check[48];
    uint64_t rax = RAX_PAT, count = 4, end = 0;
    unsigned int gp = 0;

    gp += test_probe_inb(0x21, &rax) == GP;
    gp += test_probe_inw(0x21, &rax) == GP;
    gp += test_probe_inl(0x20, &rax) == GP;
    gp += test_probe_inb_imm_0x21(&rax) == GP;
    gp += test_probe_outb(0x21, 0) == GP;
    gp += test_probe_outl(0xcf8, 0x80000000) == GP;
    gp += test_probe_outb_imm_0x80(0) == GP;
    gp += test_probe_cli() == GP;
    gp += test_probe_sti() == GP;
    guest_snprintf(check, sizeof(check), "%s/gp", group);
    test_expect_eq(check, gp, 9);
    guest_snprintf(check, sizeof(check), "%s/rax_unchanged", group);
    test_expect_eq(check, rax, RAX_PAT);
    memset(buf, 0x33, sizeof(buf));
    guest_snprintf(check, sizeof(check), "%s/rep_insb", group);
    test_check(test_probe_rep_insb(0x21, buf, &count, &end) == GP &&
                   count == 4 && end == (uint64_t)(unsigned long)buf &&
                   buf[0] == 0x33,
               check, "count %lu, rdi moved %ld, byte %#x", count,
               (long)(end - (uint64_t)(unsigned long)buf), buf[0]);
}

static void check_set_iopl_hostile(void)
{
    unsigned int i, n;
    const struct test_bad_pointer *bad = test_bad_pointers(&n);
    char check[48];

    test_expect_rc("set_iopl/4", set_iopl(4), -EINVAL);
    test_expect_rc("set_iopl/huge", set_iopl(0xffffffff), -EINVAL);
    for ( i = 0; i < n; i++ )
    {
        guest_snprintf(check, sizeof(check), "set_iopl/%s", bad[i].name);
        test_expect_rc(check, GUEST_HYPERCALL(__HYPERVISOR_physdev_op,
                                              PHYSDEVOP_set_iopl, bad[i].ptr,
                                              0, 0, 0), -EFAULT);
    }
}

static void expect_in(const char *check,
                      uint32_t (*probe)(uint16_t, uint64_t *), uint16_t port,
                      uint64_t want)
{
    uint64_t rax = RAX_PAT;
    uint32_t fault = probe(port, &rax);

    test_check(fault == PROBE_NONE && rax == want, check,
               "fault %#x, rax %#lx, want %#lx", fault, rax, want);
}

static void check_denied_ports(void)
{
    uint64_t rax = 0x55;

    expect_in("in/pic_b", test_probe_inb, 0x21, 0x11223344556677ffUL);
    expect_in("in/pic_w", test_probe_inw, 0x20, 0x112233445566ffffUL);
    expect_in("in/pic_l", test_probe_inl, 0x20, 0xffffffffUL);
    expect_in("in/com1_b", test_probe_inb, 0x3f8, 0x11223344556677ffUL);
    expect_in("in/com1_w", test_probe_inw, 0x3fe, 0x112233445566ffffUL);
    expect_in("in/pit0_w", test_probe_inw, 0x40, 0x112233445566ffffUL);
    test_check(test_probe_inb_imm_0x21(&rax) == PROBE_NONE && rax == 0xff,
               "in/imm", "rax %#lx", rax);
    test_expect_probe("out/pic", test_probe_outb(0x21, 0x5a), PROBE_NONE);
    expect_in("out/pic_dropped", test_probe_inb, 0x21, 0x11223344556677ffUL);
    test_expect_probe("out/com1", test_probe_outw(0x3fe, 0x1234), PROBE_NONE);
    test_expect_probe("out/imm", test_probe_outb_imm_0x80(0x12), PROBE_NONE);
}

static void check_latches(void)
{
    test_expect_probe("cf8/write", test_probe_outl(0xcf8, 0x80000010),
                      PROBE_NONE);
    expect_in("cf8/read", test_probe_inl, 0xcf8, 0x80000010);
    test_expect_probe("cf8/write2", test_probe_outl(0xcf8, 0x12345678),
                      PROBE_NONE);
    expect_in("cf8/read2", test_probe_inl, 0xcf8, 0x12345678);
    test_expect_probe("cf8/disable", test_probe_outl(0xcf8, 0), PROBE_NONE);
    expect_in("cfc/disabled", test_probe_inl, 0xcfc, 0xffffffffUL);
    test_expect_probe("rtc_index/write", test_probe_outb(0x70, 0x8f),
                      PROBE_NONE);
    expect_in("rtc_index/read", test_probe_inb, 0x70, 0x112233445566778fUL);
    test_expect_probe("rtc_index/write2", test_probe_outb(0x70, 0x0d),
                      PROBE_NONE);
    expect_in("rtc_index/read2", test_probe_inb, 0x70, 0x112233445566770dUL);
    /* dom0 reaches the CMOS: status D (index 0x0d) says "RAM valid". */
    expect_in("rtc_data/status_d", test_probe_inb, 0x71,
              0x1122334455667780UL);
}

static void check_string_io(void)
{
    uint64_t count = 4, end = 0;
    uint64_t start = (uint64_t)(unsigned long)buf;

    memset(buf, 0x33, sizeof(buf));
    test_check(test_probe_rep_insb(0x21, buf, &count, &end) == PROBE_NONE &&
                   count == 0 && end == start + 4 && buf[0] == 0xff &&
                   buf[3] == 0xff && buf[4] == 0x33,
               "rep_insb", "count %lu, rdi moved %ld, bytes %#x %#x %#x",
               count, (long)(end - start), buf[0], buf[3], buf[4]);
    count = 4;
    test_check(test_probe_rep_outsb(0x80, buf, &count, &end) == PROBE_NONE &&
                   count == 0 && end == start + 4,
               "rep_outsb", "count %lu, rsi moved %ld", count,
               (long)(end - start));
    count = 0;
    test_check(test_probe_rep_insb(0x21, (void *)TEST_ADDR_UNMAPPED, &count,
                                   &end) == PROBE_NONE && count == 0 &&
                   end == TEST_ADDR_UNMAPPED,
               "rep_insb/count_0", "count %lu, rdi %#lx", count, end);
}

static void expect_string_fault(const char *check, bool in, void *addr,
                                uint32_t want, bool check_cr2)
{
    uint64_t count = 4, end = 0, cr2;
    uint32_t got = in ? test_probe_rep_insb(0x21, addr, &count, &end)
                      : test_probe_rep_outsb(0x80, addr, &count, &end);

    cr2 = guest_traps_last()->cr2;
    test_check(got == want && count == 4 &&
                   end == (uint64_t)(unsigned long)addr &&
                   (!check_cr2 || cr2 == (uint64_t)(unsigned long)addr),
               check, "fault %#x (want %#x), count %lu, moved %ld, cr2 %#lx",
               got, want, count, (long)(end - (uint64_t)(unsigned long)addr),
               cr2);
}

static void check_string_hostile(void)
{
    uint8_t *hole = edge[1];
    uint64_t count = 4, end = 0, start = (uint64_t)(unsigned long)(hole - 2);
    uint32_t got;

    if ( guest_mm_unmap(hole) )
        test_error("cannot unmap the page after our buffer");

    expect_string_fault("rep_insb/unmapped", true, (void *)TEST_ADDR_UNMAPPED,
                        PROBE_FAULT(X86_EXC_PF, PFEC_WRITE), true);
    expect_string_fault("rep_insb/readonly", true, test_readonly_page(),
                        PROBE_FAULT(X86_EXC_PF, PFEC_WRITE), true);
    expect_string_fault("rep_insb/xen", true, (void *)TEST_ADDR_XEN, GP, false);
    expect_string_fault("rep_insb/noncanonical", true,
                        (void *)TEST_ADDR_NONCANONICAL, GP, false);
    expect_string_fault("rep_outsb/unmapped", false, (void *)TEST_ADDR_UNMAPPED,
                        PROBE_FAULT(X86_EXC_PF, 0), true);
    expect_string_fault("rep_outsb/xen", false, (void *)TEST_ADDR_XEN, GP,
                        false);
    got = test_probe_rep_insb(0x21, hole - 2, &count, &end);
    test_check(got == PROBE_FAULT(X86_EXC_PF, PFEC_WRITE) && count == 2 &&
                   end == start + 2 &&
                   guest_traps_last()->cr2 == (uint64_t)(unsigned long)hole,
               "rep_insb/runs_into_hole", "fault %#x, count %lu, moved %ld",
               got, count, (long)(end - start));
    count = 4;
    got = test_probe_rep_outsb(0x80, hole - 2, &count, &end);
    test_check(got == PROBE_FAULT(X86_EXC_PF, 0) && count == 2 &&
                   end == start + 2,
               "rep_outsb/runs_into_hole", "fault %#x, count %lu, moved %ld",
               got, count, (long)(end - start));
}

void test_main(void)
{
    check_without_iopl("no_iopl");
    check_set_iopl_hostile();
    check_without_iopl("after_bad_set_iopl");
    if ( !test_expect_rc("set_iopl/1", set_iopl(1), 0) )
        return;
    check_denied_ports();
    check_latches();
    check_string_io();
    check_string_hostile();
    test_expect_probe("cli", test_probe_cli(), PROBE_NONE);
    test_expect_probe("sti", test_probe_sti(), PROBE_NONE);
    test_expect_probe("hlt", test_probe_hlt(), GP);
    test_expect_rc("set_iopl/0", set_iopl(0), 0);
    check_without_iopl("back_to_0");
}
