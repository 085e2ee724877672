/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * control: the control interface as dom0 sees it while it is the only
 * domain (xen/domctl.h, xen/sysctl.h; Xen 4.17's do_domctl(),
 * arch_do_domctl(), do_sysctl()). Each part is a file of this directory
 * with the answers Xen 4.17 gives in its header; here, what every command
 * shares:
 * - another interface version: -EACCES; an unreadable op: -EFAULT; an
 *   unknown command: -ENOSYS (-ESRCH first, for a domctl naming a domain
 *   that does not exist);
 * - the domctls that would pause or tear down their target refuse the
 *   caller's own domain with -EINVAL: pausedomain, destroydomain,
 *   resumedomain, setvcpucontext (and shadow_op, domctl_memory.c); the
 *   others act on it.
 */
#include <guest/arch/page.h>
#include <guest/mm.h>
#include <guest/setup.h>
#include <guest/string.h>
#include <guest/test.h>
#include "control.h"

const char test_name[] = "control";
const char test_title[] =
    "domctl and sysctl: domains, memory, vCPUs, console, pools";

long control_domctl(struct xen_domctl *op)
{
    op->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    return GUEST_HYPERCALL(__HYPERVISOR_domctl, op, 0, 0, 0, 0);
}

long control_sysctl(struct xen_sysctl *op)
{
    op->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    return GUEST_HYPERCALL(__HYPERVISOR_sysctl, op, 0, 0, 0, 0);
}

void *control_straddle(unsigned int before)
{
    static char pages[2][PAGE_SIZE]
        __attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));
    static bool unmapped;

    if ( !unmapped && guest_mm_unmap(pages[1]) )
        guest_panic("unmapping the straddle page");
    unmapped = true;
    return pages[1] - before;
}

void control_domctl_init(struct xen_domctl *op, uint32_t cmd, domid_t dom)
{
    memset(op, 0, sizeof(*op));
    op->cmd = cmd;
    op->domain = dom;
}

static void check_refusals(void)
{
    struct xen_domctl dop = { .cmd = XEN_DOMCTL_getdomaininfo };
    struct xen_sysctl sop = { .cmd = XEN_SYSCTL_physinfo };

    dop.interface_version = XEN_DOMCTL_INTERFACE_VERSION - 1;
    test_expect_rc("domctl/old_version", GUEST_HYPERCALL(
                       __HYPERVISOR_domctl, &dop, 0, 0, 0, 0), -EACCES);
    sop.interface_version = XEN_SYSCTL_INTERFACE_VERSION + 1;
    test_expect_rc("sysctl/new_version", GUEST_HYPERCALL(
                       __HYPERVISOR_sysctl, &sop, 0, 0, 0, 0), -EACCES);
    test_expect_rc("domctl/bad_pointer", GUEST_HYPERCALL(
                       __HYPERVISOR_domctl, TEST_ADDR_NONCANONICAL, 0, 0, 0,
                       0), -EFAULT);
    test_expect_rc("sysctl/bad_pointer", GUEST_HYPERCALL(
                       __HYPERVISOR_sysctl, TEST_ADDR_NONCANONICAL, 0, 0, 0,
                       0), -EFAULT);
    test_expect_rc("domctl/xen_pointer", GUEST_HYPERCALL(
                       __HYPERVISOR_domctl, TEST_ADDR_XEN, 0, 0, 0, 0),
                   -EFAULT);
    control_domctl_init(&dop, 999, 0);
    test_expect_rc("domctl/unknown", control_domctl(&dop), -ENOSYS);
    control_domctl_init(&dop, 999, CONTROL_NO_DOMAIN);
    test_expect_rc("domctl/unknown_no_domain", control_domctl(&dop), -ESRCH);
    sop.cmd = 999;
    test_expect_rc("sysctl/unknown", control_sysctl(&sop), -ENOSYS);
}

/* The self rule: these would pause the caller, or destroy it. */
static void check_self_rule(void)
{
    static const struct { const char *check; uint32_t cmd; } refused[] = {
        { "self/pausedomain", XEN_DOMCTL_pausedomain },
        { "self/destroydomain", XEN_DOMCTL_destroydomain },
        { "self/resumedomain", XEN_DOMCTL_resumedomain },
        { "self/setvcpucontext", XEN_DOMCTL_setvcpucontext },
    };
    struct xen_domctl op;
    unsigned int i;

    for ( i = 0; i < sizeof(refused) / sizeof(refused[0]); i++ )
    {
        control_domctl_init(&op, refused[i].cmd, 0);
        test_expect_rc(refused[i].check, control_domctl(&op), -EINVAL);
    }
    control_domctl_init(&op, XEN_DOMCTL_pausedomain, CONTROL_NO_DOMAIN);
    test_expect_rc("self/pausedomain_no_domain", control_domctl(&op), -ESRCH);
}

void test_main(void)
{
    check_domctl_domain();
    check_domctl_memory();
    check_domctl_vcpu();
    check_sysctl();
    check_cpupool();
    check_readconsole();
    check_refusals();
    check_self_rule();
}
