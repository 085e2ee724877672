/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * platform_op: the hardware domain's questions about the machine
 * (xen/include/public/platform.h; Xen 4.17's do_platform_op(),
 * xen/arch/x86/platform_hypercall.c), the ones Debian's Linux asks as
 * dom0 while booting.
 *
 * Xen 4.17's answers (QEMU's one-CPU pc machine):
 * - XENPF_get_cpuinfo for CPU 0: online, APIC ID 0, ACPI UID 0, last
 *   present CPU 0; for CPU 1: XEN_PCPU_FLAGS_INVALID;
 * - XENPF_get_cpu_version for CPU 0: the vendor, family, model and
 *   stepping CPUID gives; past the last CPU: zeros;
 * - XENPF_settime64: the wallclock in shared_info follows (mbz not zero:
 *   -EINVAL);
 * - XENPF_firmware_info: no disk information gathered (-ESRCH), keyboard
 *   shift flags readable;
 * - a wrong interface version: -EACCES; an unknown command: -ENOSYS; an
 *   unreadable op: -EFAULT.
 */
#include <guest/hypercall.h>
#include <guest/setup.h>
#include <guest/string.h>
#include <guest/test.h>
#include <xen/platform.h>

const char test_name[] = "platform_op";
const char test_title[] = "platform_op: CPU information, settime, firmware";

static long platform_op(struct xen_platform_op *op)
{
    op->interface_version = XENPF_INTERFACE_VERSION;
    return GUEST_HYPERCALL(__HYPERVISOR_platform_op, op, 0, 0, 0, 0);
}

static void cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c,
                  uint32_t *d)
{
    asm volatile ( "cpuid" : "=a" (*a), "=b" (*b), "=c" (*c), "=d" (*d)
                   : "a" (leaf), "c" (0) );
}

static void check_cpuinfo(void)
{
    struct xen_platform_op op = { .cmd = XENPF_get_cpuinfo };

    test_expect_rc("cpuinfo", platform_op(&op), 0);
    test_expect_eq("cpuinfo/flags", op.u.pcpu_info.flags,
                   XEN_PCPU_FLAGS_ONLINE);
    test_expect_eq("cpuinfo/max_present", op.u.pcpu_info.max_present, 0);
    test_expect_eq("cpuinfo/apic_id", op.u.pcpu_info.apic_id, 0);
    test_expect_eq("cpuinfo/acpi_id", op.u.pcpu_info.acpi_id, 0);
    memset(&op, 0, sizeof(op));
    op.cmd = XENPF_get_cpuinfo;
    op.u.pcpu_info.xen_cpuid = 1;
    test_expect_rc("cpuinfo/cpu1", platform_op(&op), 0);
    test_expect_eq("cpuinfo/cpu1_invalid", op.u.pcpu_info.flags,
                   XEN_PCPU_FLAGS_INVALID);
}

static void check_version(void)
{
    struct xen_platform_op op = { .cmd = XENPF_get_cpu_version };
    uint32_t a, b, c, d, family, model;
    char vendor[12];

    cpuid(0, &a, &b, &c, &d);
    memcpy(vendor, &b, 4);
    memcpy(vendor + 4, &d, 4);
    memcpy(vendor + 8, &c, 4);
    cpuid(1, &a, &b, &c, &d);
    family = (a >> 8) & 0xf;
    model = (a >> 4) & 0xf;
    if ( family == 0xf )
        family += (a >> 20) & 0xff;
    if ( family >= 6 )
        model |= ((a >> 16) & 0xf) << 4;
    test_expect_rc("version", platform_op(&op), 0);
    test_check(!memcmp(op.u.pcpu_version.vendor_id, vendor, 12),
               "version/vendor", "%.12s, CPUID says %.12s",
               op.u.pcpu_version.vendor_id, vendor);
    test_expect_eq("version/family", op.u.pcpu_version.family, family);
    test_expect_eq("version/model", op.u.pcpu_version.model, model);
    test_expect_eq("version/stepping", op.u.pcpu_version.stepping, a & 0xf);
    memset(&op, 0, sizeof(op));
    op.cmd = XENPF_get_cpu_version;
    op.u.pcpu_version.xen_cpuid = 7;
    test_expect_rc("version/cpu7", platform_op(&op), 0);
    test_expect_eq("version/cpu7_zero", op.u.pcpu_version.family |
                   op.u.pcpu_version.model | op.u.pcpu_version.vendor_id[0],
                   0);
}

static void check_settime(void)
{
    struct xen_platform_op op = { .cmd = XENPF_settime64 };
    const struct vcpu_time_info *t = &guest_vcpu_info()->time;
    uint64_t now = t->system_time, sec;

    op.u.settime64.secs = 1000000000;          /* 2001-09-09 */
    op.u.settime64.nsecs = 0;
    op.u.settime64.system_time = now;
    op.u.settime64.mbz = 1;
    test_expect_rc("settime64/mbz", platform_op(&op), -EINVAL);
    op.u.settime64.mbz = 0;
    test_expect_rc("settime64", platform_op(&op), 0);
    sec = guest_shared_info->wc_sec |
          ((uint64_t)guest_shared_info->wc_sec_hi << 32);
    test_check(sec + now / 1000000000 >= 1000000000 - 1 &&
               sec + now / 1000000000 <= 1000000000 + 1,
               "settime64/wallclock", "wc_sec %lu at system time %lu",
               (unsigned long)sec, (unsigned long)now);
}

static void check_firmware_and_refusals(void)
{
    struct xen_platform_op op = { .cmd = XENPF_firmware_info };

    op.u.firmware_info.type = XEN_FW_DISK_INFO;
    test_expect_rc("firmware/disk_info", platform_op(&op), -ESRCH);
    op.u.firmware_info.type = XEN_FW_DISK_MBR_SIGNATURE;
    test_expect_rc("firmware/mbr", platform_op(&op), -ESRCH);
    op.u.firmware_info.type = XEN_FW_KBD_SHIFT_FLAGS;
    test_expect_rc("firmware/kbd_shift_flags", platform_op(&op), 0);
    op.u.firmware_info.index = 1;
    test_expect_rc("firmware/kbd_index1", platform_op(&op), -ESRCH);
    op.u.firmware_info.type = 200;
    test_expect_rc("firmware/unknown_type", platform_op(&op), -EINVAL);
    op.cmd = XENPF_get_cpuinfo;
    op.interface_version = XENPF_INTERFACE_VERSION + 1;
    test_expect_rc("bad_version", GUEST_HYPERCALL(__HYPERVISOR_platform_op,
                                                   &op, 0, 0, 0, 0),
                   -EACCES);
    op.cmd = 250;
    test_expect_rc("unknown_cmd", platform_op(&op), -ENOSYS);
    test_expect_rc("bad_pointer", GUEST_HYPERCALL(__HYPERVISOR_platform_op,
                                                   TEST_ADDR_NONCANONICAL, 0,
                                                   0, 0, 0), -EFAULT);
}

void test_main(void)
{
    check_cpuinfo();
    check_version();
    check_settime();
    check_firmware_and_refusals();
}
