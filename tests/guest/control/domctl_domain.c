/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * control, domctls about a whole domain, dom0 acting on itself (Xen
 * 4.17's xen/common/domctl.c, xen/arch/x86/domctl.c, time.c):
 * - getdomaininfo for domain 0: 0, our id echoed, one vCPU online
 *   (max_vcpu_id 0), tot_pages our current reservation, shared_info_frame
 *   the frame start_info names, running, the handle last set; for domain
 *   1 (none from there on): -ESRCH; for a reserved id: -EINVAL;
 * - setdomainhandle: 0, any 16 bytes, shown by getdomaininfo;
 * - settimeoffset: 0; shared_info's wallclock becomes the platform's plus
 *   the offset, at once, modulo 2^64 (a negative offset past the epoch
 *   wraps into wc_sec_hi), nsec unchanged, under an even wc_version that
 *   moved on;
 * - get_address_size: 64; set_address_size 64: 0; 32 (compat, which
 *   Debian's Xen 4.17 is built or booted without): -EOPNOTSUPP; any other
 *   width: -EINVAL;
 * - all of them on a domain that does not exist: -ESRCH.
 */
#include <guest/console.h>
#include <guest/setup.h>
#include <guest/string.h>
#include <guest/test.h>
#include "control.h"

static void check_getdomaininfo(void)
{
    struct xen_domctl op;
    const struct xen_domctl_getdomaininfo *info = &op.u.getdomaininfo;
    long pages = hypercall_memory_op(XENMEM_current_reservation,
                                     &(domid_t){ DOMID_SELF });

    control_domctl_init(&op, XEN_DOMCTL_getdomaininfo, 0);
    test_expect_rc("getdomaininfo", control_domctl(&op), 0);
    test_expect_eq("getdomaininfo/domain", op.domain, 0);
    test_expect_eq("getdomaininfo/info_domain", info->domain, 0);
    test_expect_eq("getdomaininfo/online", info->nr_online_vcpus, 1);
    test_expect_eq("getdomaininfo/max_vcpu_id", info->max_vcpu_id, 0);
    test_expect_eq("getdomaininfo/tot_pages", (long)info->tot_pages, pages);
    test_expect_eq("getdomaininfo/shared_info",
                   (long)info->shared_info_frame,
                   (long)(guest_start_info->shared_info >> 12));
    test_check(info->flags & XEN_DOMINF_running, "getdomaininfo/running",
               "flags %#x", info->flags);
    test_check(!(info->flags & (XEN_DOMINF_hvm_guest | XEN_DOMINF_shutdown |
                                XEN_DOMINF_dying)),
               "getdomaininfo/pv_alive", "flags %#x", info->flags);
    test_expect_eq("getdomaininfo/cpupool", info->cpupool, 0);
    control_domctl_init(&op, XEN_DOMCTL_getdomaininfo, CONTROL_NO_DOMAIN);
    test_expect_rc("getdomaininfo/none_from_1", control_domctl(&op), -ESRCH);
    op.domain = DOMID_FIRST_RESERVED;
    test_expect_rc("getdomaininfo/reserved", control_domctl(&op), -EINVAL);
}

/* getdomaininfo's handle of dom0 equals want? */
static bool handle_is(const xen_domain_handle_t want)
{
    struct xen_domctl op;

    control_domctl_init(&op, XEN_DOMCTL_getdomaininfo, 0);
    return !control_domctl(&op) &&
           !memcmp(op.u.getdomaininfo.handle, want,
                   sizeof(xen_domain_handle_t));
}

static void check_setdomainhandle(void)
{
    static const xen_domain_handle_t uuid = {
        0x5a, 0x1c, 0xe0, 0x11, 0x7e, 0x4d, 0x42, 0x8b,
        0x9f, 0x00, 0xff, 0x33, 0x10, 0x20, 0x30, 0x40,
    };
    static const xen_domain_handle_t zero;
    struct xen_domctl op;

    test_check(handle_is(zero), "setdomainhandle/initially_zero",
               "dom0's handle is not zero");
    control_domctl_init(&op, XEN_DOMCTL_setdomainhandle, 0);
    memcpy(op.u.setdomainhandle.handle, uuid, sizeof(uuid));
    test_expect_rc("setdomainhandle", control_domctl(&op), 0);
    test_check(handle_is(uuid), "setdomainhandle/shown", "other handle");
    control_domctl_init(&op, XEN_DOMCTL_setdomainhandle, 0);
    test_expect_rc("setdomainhandle/zero", control_domctl(&op), 0);
    test_check(handle_is(zero), "setdomainhandle/zero_shown", "other handle");
    control_domctl_init(&op, XEN_DOMCTL_setdomainhandle, CONTROL_NO_DOMAIN);
    test_expect_rc("setdomainhandle/no_domain", control_domctl(&op), -ESRCH);
}

struct wallclock {
    uint32_t version, nsec;
    uint64_t sec;
};

static struct wallclock wallclock_read(void)
{
    volatile struct shared_info *s = guest_shared_info;
    struct wallclock w;

    w.version = s->wc_version;
    w.sec = s->wc_sec | (uint64_t)s->wc_sec_hi << 32;
    w.nsec = s->wc_nsec;
    return w;
}

static long settimeoffset(int64_t seconds)
{
    struct xen_domctl op;

    control_domctl_init(&op, XEN_DOMCTL_settimeoffset, 0);
    op.u.settimeoffset.time_offset_seconds = seconds;
    return control_domctl(&op);
}

/* One offset: the wallclock moves to base + offset, nothing else. */
static void check_offset(const char *name, const struct wallclock *base,
                         int64_t seconds)
{
    struct wallclock before = wallclock_read(), after;
    char check[48];

    guest_snprintf(check, sizeof(check), "settimeoffset/%s", name);
    test_expect_rc(check, settimeoffset(seconds), 0);
    after = wallclock_read();
    guest_snprintf(check, sizeof(check), "settimeoffset/%s/sec", name);
    test_check(after.sec == base->sec + (uint64_t)seconds, check,
               "wc %#lx, want %#lx", (unsigned long)after.sec,
               (unsigned long)(base->sec + (uint64_t)seconds));
    guest_snprintf(check, sizeof(check), "settimeoffset/%s/nsec", name);
    test_expect_eq(check, after.nsec, base->nsec);
    guest_snprintf(check, sizeof(check), "settimeoffset/%s/version", name);
    test_check(!(after.version & 1) && after.version != before.version, check,
               "version %u, was %u", after.version, before.version);
}

static void check_settimeoffset(void)
{
    struct wallclock base = wallclock_read();

    test_check(base.sec > 0 && !(base.version & 1), "settimeoffset/base",
               "wc_sec %lu version %u", (unsigned long)base.sec,
               base.version);
    check_offset("hour", &base, 3600);
    check_offset("minus_day", &base, -86400);
    /* Before the epoch: the sum wraps, as Xen's unsigned one does. */
    check_offset("before_epoch", &base, -(int64_t)base.sec - 10);
    check_offset("int64_min", &base, (int64_t)(1ULL << 63));
    check_offset("zero", &base, 0);
    {
        struct xen_domctl op;

        control_domctl_init(&op, XEN_DOMCTL_settimeoffset, CONTROL_NO_DOMAIN);
        test_expect_rc("settimeoffset/no_domain", control_domctl(&op), -ESRCH);
    }
}

static long address_size(uint32_t cmd, domid_t dom, uint32_t *size)
{
    struct xen_domctl op;
    long rc;

    control_domctl_init(&op, cmd, dom);
    op.u.address_size.size = *size;
    rc = control_domctl(&op);
    *size = op.u.address_size.size;
    return rc;
}

static void check_address_size(void)
{
    static const uint32_t bad[] = { 0, 16, 31, 33, 48, 63, 65, 128, ~0u };
    uint32_t size = 0;
    unsigned int i;
    char check[40];

    test_expect_rc("get_address_size",
                   address_size(XEN_DOMCTL_get_address_size, 0, &size), 0);
    test_expect_eq("get_address_size/64", size, 64);
    size = 64;
    test_expect_rc("set_address_size/64",
                   address_size(XEN_DOMCTL_set_address_size, 0, &size), 0);
    size = 32;
    test_expect_rc("set_address_size/32",
                   address_size(XEN_DOMCTL_set_address_size, 0, &size),
                   -EOPNOTSUPP);
    for ( i = 0; i < sizeof(bad) / sizeof(bad[0]); i++ )
    {
        size = bad[i];
        guest_snprintf(check, sizeof(check), "set_address_size/bad_%u",
                       bad[i]);
        test_expect_rc(check, address_size(XEN_DOMCTL_set_address_size, 0,
                                           &size), -EINVAL);
    }
    size = 0;
    test_expect_rc("get_address_size/still_64",
                   address_size(XEN_DOMCTL_get_address_size, 0, &size), 0);
    test_expect_eq("get_address_size/still_64_value", size, 64);
    test_expect_rc("get_address_size/no_domain",
                   address_size(XEN_DOMCTL_get_address_size,
                                CONTROL_NO_DOMAIN, &size), -ESRCH);
    size = 64;
    test_expect_rc("set_address_size/no_domain",
                   address_size(XEN_DOMCTL_set_address_size,
                                CONTROL_NO_DOMAIN, &size), -ESRCH);
}

void check_domctl_domain(void)
{
    check_getdomaininfo();
    check_setdomainhandle();
    check_settimeoffset();
    check_address_size();
}
