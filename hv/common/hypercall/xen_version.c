/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * HYPERVISOR_xen_version(cmd, arg): what the hypervisor is and offers.
 *
 * Sub-ops and answers follow Xen 4.17 (xen/include/public/version.h,
 * do_xen_version() in xen/common/kernel.c): XENVER_version returns
 * major << 16 | minor and leaves arg alone; the fixed-size string sub-ops
 * copy the whole ABI array, zero-padded; pagesize wants a NULL arg;
 * build_id with NULL returns the id's size. Every guest buffer is reached
 * through guest_access.h, so a bad one is -EFAULT and nothing else.
 * The identity itself (strings, command line, build id) is version.c's.
 *
 * Xen's default XSM policy denies an unprivileged domain the command line
 * ("<denied>") and the build id (-EPERM); we do the same.
 */
#include <asm/memlayout.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/guest_access.h>
#include <xenolith/hypercall.h>
#include <xenolith/string.h>
#include <xenolith/version.h>
#include <xen/features.h>
#include <xen/version.h>

/*
 * A 64-bit PV host without 32-bit PV or HVM guests. The interface name is
 * "xen-3.0" for every Xen since 3.0; Xen ends each entry with a space.
 */
#define XEN_CAPABILITIES "xen-3.0-x86_64 "

/* What Xen's default XSM policy returns instead of a denied string. */
#define XEN_DENIED "<denied>"

/* The largest fixed-size string answer: capabilities and commandline. */
#define XENVER_STRING_MAX sizeof(xen_commandline_t)

BUILD_BUG_ON(sizeof(xen_capabilities_info_t) > XENVER_STRING_MAX);
BUILD_BUG_ON(sizeof(XEN_CAPABILITIES) > sizeof(xen_capabilities_info_t));
BUILD_BUG_ON(HYPERVISOR_VIRT_START != HV_VIRT_START);

/* Copy s into a zeroed ABI array of size bytes at arg (s is cut to fit). */
static long xen_version_string(uint64_t arg, const char *s, size_t size)
{
    char buf[XENVER_STRING_MAX];

    memset(buf, 0, size);
    strlcpy(buf, s, size);
    return copy_to_guest(arg, buf, size);
}

static long xen_version_compile_info(uint64_t arg)
{
    xen_compile_info_t info;

    memset(&info, 0, sizeof(info));
    strlcpy(info.compiler, version_compiler(), sizeof(info.compiler));
    strlcpy(info.compile_by, version_compile_by(), sizeof(info.compile_by));
    strlcpy(info.compile_domain, version_compile_domain(),
            sizeof(info.compile_domain));
    strlcpy(info.compile_date, version_compile_date(),
            sizeof(info.compile_date));
    return copy_to_guest(arg, &info, sizeof(info));
}

static long xen_version_platform_parameters(uint64_t arg)
{
    xen_platform_parameters_t params = { .virt_start = HYPERVISOR_VIRT_START };

    return copy_to_guest(arg, &params, sizeof(params));
}

/*
 * Submap 0 holds the features Xenolith implements, plus two promises
 * Linux refuses to boot without (it panics "Xen: feature ... not
 * available!" in xen_start_kernel): mmu_pt_update_preserve_ad and
 * gnttab_map_avail_bits describe how mmu_update and grant mappings behave,
 * and neither hypercall exists yet; they must honour them when they land
 * (issue 4 and the grant-table issue; docs/XEN-DIFFERENCES.md). Xen 4.17
 * also sets highmem_assist and memory_op_vnode_supported for PV.
 */
static uint32_t xen_version_features(const struct domain *d)
{
    /* Xen 4.17 calls every domain without paging translation (PV) so. */
    uint32_t submap = (1u << XENFEAT_direct_mapped) |
                      (1u << XENFEAT_mmu_pt_update_preserve_ad) |
                      (1u << XENFEAT_gnttab_map_avail_bits);

    /* A 64-bit guest's page directories may live anywhere anyway. */
    if ( d->vm_assist & (1UL << VMASST_TYPE_pae_extended_cr3) )
        submap |= 1u << XENFEAT_pae_pgdir_above_4gb;
    /* Xen tests is_hardware_domain(); dom0 is our only privileged domain. */
    if ( d->is_privileged )
        submap |= 1u << XENFEAT_dom0;
    return submap;
}

static long xen_version_get_features(const struct domain *d, uint64_t arg)
{
    xen_feature_info_t fi;

    if ( copy_from_guest(&fi, arg, sizeof(fi)) )
        return -EFAULT;
    if ( fi.submap_idx >= XENFEAT_NR_SUBMAPS )
        return -EINVAL;
    fi.submap = xen_version_features(d);
    return copy_to_guest(arg, &fi, sizeof(fi));
}

static long xen_version_pagesize(uint64_t arg)
{
    return arg ? -EINVAL : (long)PAGE_SIZE;
}

/*
 * The domain's handle is set by whoever creates it (XEN_DOMCTL_createdomain,
 * with the toolstack); until then every domain's is zero, as dom0's is on
 * Xen.
 */
static long xen_version_guest_handle(uint64_t arg)
{
    xen_domain_handle_t handle;

    memset(handle, 0, sizeof(handle));
    return copy_to_guest(arg, handle, sizeof(handle));
}

static long xen_version_commandline(const struct domain *d, uint64_t arg)
{
    /* Xen copies just the denial and its NUL, not a whole array. */
    if ( !d->is_privileged )
        return copy_to_guest(arg, XEN_DENIED, sizeof(XEN_DENIED));
    return xen_version_string(arg, hypervisor_cmdline(),
                              sizeof(xen_commandline_t));
}

static long xen_version_build_id(const struct domain *d, uint64_t arg)
{
    xen_build_id_t request;
    const uint8_t *id;
    unsigned int len;
    int rc;

    if ( !d->is_privileged )
        return -EPERM;
    len = version_build_id(&id);
    if ( !arg )
        return len;
    if ( copy_from_guest(&request, arg, sizeof(request)) )
        return -EFAULT;
    if ( request.len == 0 )
        return -EINVAL;
    if ( request.len < len )
        return -ENOBUFS;
    rc = copy_to_guest(arg + offsetof(xen_build_id_t, buf), id, len);
    return rc ? rc : (long)len;
}

long do_xen_version(unsigned long a1, unsigned long a2, unsigned long a3,
                    unsigned long a4, unsigned long a5)
{
    /* Xen 4.17 declares cmd an int: the register's upper half is ignored. */
    int cmd = (int)a1;
    uint64_t arg = a2;
    const struct domain *d = current->domain;

    switch ( cmd )
    {
    case XENVER_version:
        return (XEN_INTERFACE_MAJOR << 16) | XEN_INTERFACE_MINOR;
    case XENVER_extraversion:
        return xen_version_string(arg, version_extraversion(),
                                  sizeof(xen_extraversion_t));
    case XENVER_compile_info:
        return xen_version_compile_info(arg);
    case XENVER_capabilities:
        return xen_version_string(arg, XEN_CAPABILITIES,
                                  sizeof(xen_capabilities_info_t));
    case XENVER_changeset:
        return xen_version_string(arg, version_changeset(),
                                  sizeof(xen_changeset_info_t));
    case XENVER_platform_parameters:
        return xen_version_platform_parameters(arg);
    case XENVER_get_features:
        return xen_version_get_features(d, arg);
    case XENVER_pagesize:
        return xen_version_pagesize(arg);
    case XENVER_guest_handle:
        return xen_version_guest_handle(arg);
    case XENVER_commandline:
        return xen_version_commandline(d, arg);
    case XENVER_build_id:
        return xen_version_build_id(d, arg);
    default:
        return -ENOSYS;
    }
}
