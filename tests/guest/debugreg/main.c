/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * debugreg: HYPERVISOR_set_debugreg / HYPERVISOR_get_debugreg
 * (xen/include/public/xen.h; Xen 4.17 xen/arch/x86/traps.c do_get_debugreg,
 * set_debugreg). The virtual debug registers a PV kernel reads at boot
 * (Linux reads DR0-DR3, DR6 and DR7 while setting up its page tables):
 * DR6 and DR7 start at their architectural reset values with reserved
 * bits set, DR0-DR3 hold a guest address written to them.
 *
 * Hostile: register numbers past 7 are refused with -ENODEV, a
 * breakpoint address inside the hypervisor's range with -EPERM (Xen
 * 4.17's answers), and change nothing.
 */
#include <guest/hypercall.h>
#include <guest/test.h>

const char test_name[] = "debugreg";
const char test_title[] = "set_debugreg and get_debugreg";

#define HV_ADDRESS 0xffff830000000000UL

static long get_dr(unsigned long reg)
{
    return GUEST_HYPERCALL(__HYPERVISOR_get_debugreg, reg, 0, 0, 0, 0);
}

static long set_dr(unsigned long reg, unsigned long value)
{
    return GUEST_HYPERCALL(__HYPERVISOR_set_debugreg, reg, value, 0, 0, 0);
}

void test_main(void)
{
    unsigned long addr = (unsigned long)&test_name;

    test_expect_eq("dr6/reset", get_dr(6), 0xffff0ff0);
    test_expect_eq("dr7/reset", get_dr(7), 0x400);
    test_expect_rc("dr0/set", set_dr(0, addr), 0);
    test_expect_eq("dr0/get", get_dr(0), (long)addr);
    test_expect_rc("dr0/clear", set_dr(0, 0), 0);
    test_expect_eq("dr0/cleared", get_dr(0), 0);

    test_expect_rc("hostile/get_dr8", get_dr(8), -ENODEV);
    test_expect_rc("hostile/get_dr_huge", get_dr(~0UL), -ENODEV);
    test_expect_rc("hostile/set_dr8", set_dr(8, 0), -ENODEV);
    test_expect_rc("hostile/dr1_hypervisor", set_dr(1, HV_ADDRESS), -EPERM);
    test_expect_eq("hostile/dr1_unchanged", get_dr(1), 0);
}
