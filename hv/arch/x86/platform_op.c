/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * HYPERVISOR_platform_op(op): the control domain's questions about the
 * machine (xen/include/public/platform.h; Xen 4.17's do_platform_op(),
 * xen/arch/x86/platform_hypercall.c). Only the hardware domain may ask
 * (-EPERM otherwise, Xen's XSM default); an interface version other than
 * XENPF_INTERFACE_VERSION is -EACCES; an unreadable or unwritable op is
 * -EFAULT. Answered:
 *  - XENPF_get_cpuinfo: per physical CPU, its APIC ID, its ACPI processor
 *    UID (from the MADT) and whether it is online; INVALID past the last;
 *  - XENPF_get_cpu_version: vendor, family, model, stepping (zeros past
 *    the last CPU);
 *  - XENPF_settime32/64: dom0 sets the wallclock (the time at a given
 *    system time); every domain's shared_info shows it (one domain today);
 *  - XENPF_firmware_info: none gathered (no EDD, MBR signatures or EDID:
 *    -ESRCH; keyboard shift flags 0; not booted by EFI: -ENOSYS).
 * Anything else is -ENOSYS, logged once per sub-op: the machine's
 * firmware, power management, microcode and CPU hotplug stay the
 * hypervisor's, and Linux carries on without them.
 */
#include <asm/acpi.h>
#include <asm/cpufeature.h>
#include <asm/percpu.h>
#include <xenolith/console.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/guest_access.h>
#include <xenolith/hypercall.h>
#include <xenolith/string.h>
#include <xenolith/vcpu_time.h>
#include <xen/platform.h>

/* One CPU runs the hypervisor today: CPU 0, this one. */
#define NR_PRESENT_CPUS 1

static void get_cpuinfo(struct xenpf_pcpuinfo *info)
{
    const struct acpi_table_header *madt = acpi_find_table("APIC");
    uint32_t acpi_id = 0;

    info->max_present = NR_PRESENT_CPUS - 1;
    if ( info->xen_cpuid >= NR_PRESENT_CPUS )
    {
        info->flags = XEN_PCPU_FLAGS_INVALID;
        return;
    }
    info->apic_id = this_cpu()->apic_id;
    /* Without a MADT entry, Xen's acpi_get_processor_id() gives ~0. */
    if ( !madt || acpi_madt_acpi_id(madt, info->apic_id, &acpi_id) )
        acpi_id = ~0U;
    info->acpi_id = acpi_id;
    info->flags = XEN_PCPU_FLAGS_ONLINE;
}

static void get_cpu_version(struct xenpf_pcpu_version *ver)
{
    ver->max_present = NR_PRESENT_CPUS - 1;
    if ( ver->xen_cpuid >= NR_PRESENT_CPUS )
    {
        memset(ver->vendor_id, 0, sizeof(ver->vendor_id));
        ver->family = ver->model = ver->stepping = 0;
        return;
    }
    memcpy(ver->vendor_id, boot_cpu_data.vendor, sizeof(ver->vendor_id));
    ver->family = boot_cpu_data.family;
    ver->model = boot_cpu_data.model;
    ver->stepping = boot_cpu_data.stepping;
}

static void settime(uint64_t sec, uint32_t nsec, uint64_t system_time)
{
    arch_wallclock_set(sec, nsec, (s_time_t)system_time);
    domain_wallclock_init(current->domain);     /* TODO(#5): every domain. */
}

static long firmware_info(struct xenpf_firmware_info *fw)
{
    switch ( fw->type )
    {
    case XEN_FW_DISK_INFO:
    case XEN_FW_DISK_MBR_SIGNATURE:
    case XEN_FW_VBEDDC_INFO:
        return -ESRCH;
    case XEN_FW_KBD_SHIFT_FLAGS:
        if ( fw->index != 0 )
            return -ESRCH;
        fw->u.kbd_shift_flags = 0;
        return 0;
    case XEN_FW_EFI_INFO:
        return -ENOSYS;
    default:
        return -EINVAL;
    }
}

static bool unknown_reported[64];

long do_platform_op(unsigned long arg, unsigned long a2, unsigned long a3,
                    unsigned long a4, unsigned long a5)
{
    struct xen_platform_op op;

    if ( !current->domain->is_privileged )
        return -EPERM;
    if ( copy_from_guest(&op, arg, sizeof(op)) )
        return -EFAULT;
    if ( op.interface_version != XENPF_INTERFACE_VERSION )
        return -EACCES;
    switch ( op.cmd )
    {
    case XENPF_get_cpuinfo:
        get_cpuinfo(&op.u.pcpu_info);
        break;
    case XENPF_get_cpu_version:
        get_cpu_version(&op.u.pcpu_version);
        break;
    case XENPF_settime32:
        settime(op.u.settime32.secs, op.u.settime32.nsecs,
                op.u.settime32.system_time);
        return 0;
    case XENPF_settime64:
        if ( op.u.settime64.mbz )
            return -EINVAL;
        settime(op.u.settime64.secs, op.u.settime64.nsecs,
                op.u.settime64.system_time);
        return 0;
    case XENPF_firmware_info:
    {
        long rc = firmware_info(&op.u.firmware_info);

        if ( rc )
            return rc;
        break;
    }
    default:
        if ( op.cmd < ARRAY_SIZE(unknown_reported) &&
             !unknown_reported[op.cmd] )
        {
            unknown_reported[op.cmd] = true;
            printk(XENLOG_WARNING "d%u: platform_op %u unsupported -> "
                   "-ENOSYS\n", current->domain->domain_id, op.cmd);
        }
        return -ENOSYS;
    }
    return copy_to_guest(arg, &op, sizeof(op)) ? -EFAULT : 0;
}
