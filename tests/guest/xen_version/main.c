/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen_version: every HYPERVISOR_xen_version sub-op that Linux and XTF use
 * (xen/include/public/version.h; Xen's handler is do_xen_version() in
 * xen/common/kernel.c), checked for the shape of the answer rather than
 * Xen's particular strings, then the hostile half.
 *
 * Positive: XENVER_version is major << 16 | minor; the string sub-ops
 * fill a NUL-terminated buffer of their fixed ABI size and return 0;
 * capabilities lists "xen-3.0-x86_64" for a 64-bit PV host;
 * platform_parameters gives HYPERVISOR_VIRT_START (0xffff800000000000,
 * arch-x86/xen-x86_64.h); get_features submap 0 has XENFEAT_dom0 for
 * dom0; pagesize is 4096 with a NULL argument; guest_handle is the
 * domain's 16-byte handle (all zero for a dom0 that nobody named);
 * build_id with NULL returns the size, with a buffer returns the size and
 * fills it.
 *
 * Hostile: every sub-op that writes (or reads) through its argument, given
 * an address with no mapping, one inside Xen's own range, a non-canonical
 * one, a page of ours with a cleared PTE and (for writes) a read-only
 * page, returns -EFAULT and Xen keeps running. Values Xen 4.17 returns for
 * the other refusals: get_features with submap_idx 1 -EINVAL, pagesize
 * with a non-NULL argument -EINVAL, build_id with len 0 -EINVAL and with a
 * too small len -ENOBUFS, an unknown sub-op -ENOSYS.
 */
#include <guest/console.h>
#include <guest/hypercall.h>
#include <guest/setup.h>
#include <guest/string.h>
#include <guest/test.h>

const char test_name[] = "xen_version";
const char test_title[] = "xen_version sub-ops, shapes and hostile pointers";

struct string_subop
{
    int cmd;
    const char *name;
    size_t size;
};

static const struct string_subop string_subops[] = {
    { XENVER_extraversion, "extraversion", sizeof(xen_extraversion_t) },
    { XENVER_changeset, "changeset", sizeof(xen_changeset_info_t) },
    { XENVER_capabilities, "capabilities", sizeof(xen_capabilities_info_t) },
    { XENVER_commandline, "commandline", sizeof(xen_commandline_t) },
};

/* Big enough for every fixed-size answer, with a guard area after it. */
static union
{
    char bytes[2048];
    xen_compile_info_t compile_info;
    xen_platform_parameters_t params;
    xen_feature_info_t features;
    xen_build_id_t build_id;
} answer;

static void check_string_subop(const struct string_subop *op)
{
    char check[48];
    long rc;

    memset(answer.bytes, 0x5a, sizeof(answer.bytes));
    rc = hypercall_xen_version(op->cmd, answer.bytes);
    guest_snprintf(check, sizeof(check), "%s/rc", op->name);
    test_expect_rc(check, rc, 0);
    guest_snprintf(check, sizeof(check), "%s/terminated", op->name);
    test_check(strnlen(answer.bytes, op->size) < op->size, check,
               "no NUL in the first %zu bytes", op->size);
    guest_snprintf(check, sizeof(check), "%s/size", op->name);
    test_check(answer.bytes[op->size] == 0x5a, check,
               "byte %zu past the %zu-byte buffer was written", op->size,
               op->size);
    if ( rc == 0 )
        test_note("%s: \"%.*s\"", op->name, (int)op->size, answer.bytes);
}

static void check_version(void)
{
    long v = hypercall_xen_version(XENVER_version, NULL);

    test_check(v > 0 && (v >> 16) >= 3 && (v >> 16) < 0x100, "version",
               "%#lx", v);
}

static void check_compile_info(void)
{
    xen_compile_info_t *ci = &answer.compile_info;

    memset(answer.bytes, 0x5a, sizeof(answer.bytes));
    test_expect_rc("compile_info/rc",
                   hypercall_xen_version(XENVER_compile_info, ci), 0);
    test_check(strnlen(ci->compiler, sizeof(ci->compiler)) <
                       sizeof(ci->compiler) &&
                   strnlen(ci->compile_by, sizeof(ci->compile_by)) <
                       sizeof(ci->compile_by) &&
                   strnlen(ci->compile_domain, sizeof(ci->compile_domain)) <
                       sizeof(ci->compile_domain) &&
                   strnlen(ci->compile_date, sizeof(ci->compile_date)) <
                       sizeof(ci->compile_date),
               "compile_info/terminated", "a field has no NUL");
    test_check(answer.bytes[sizeof(*ci)] == 0x5a, "compile_info/size",
               "written past the structure");
    test_note("compile_info: \"%.64s\" \"%.16s\" \"%.32s\" \"%.32s\"",
              ci->compiler, ci->compile_by, ci->compile_domain,
              ci->compile_date);
}

static void check_capabilities(void)
{
    hypercall_xen_version(XENVER_capabilities, answer.bytes);
    test_check(strstr(answer.bytes, "xen-3.0-x86_64") != NULL,
               "capabilities/x86_64", "\"%s\"", answer.bytes);
}

static void check_platform_parameters(void)
{
    xen_platform_parameters_t *p = &answer.params;

    memset(answer.bytes, 0x5a, sizeof(answer.bytes));
    test_expect_rc("platform_parameters/rc",
                   hypercall_xen_version(XENVER_platform_parameters, p), 0);
    test_expect_eq("platform_parameters/virt_start", (long)p->virt_start,
                   (long)HYPERVISOR_VIRT_START);
}

static void check_get_features(void)
{
    xen_feature_info_t *fi = &answer.features;

    fi->submap_idx = 0;
    fi->submap = 0;
    test_expect_rc("get_features/rc",
                   hypercall_xen_version(XENVER_get_features, fi), 0);
    test_check(fi->submap & (1u << XENFEAT_dom0), "get_features/dom0",
               "submap %#x", fi->submap);
    test_note("get_features: submap 0 = %#x", fi->submap);
    fi->submap_idx = 1;
    test_expect_rc("get_features/submap1",
                   hypercall_xen_version(XENVER_get_features, fi), -EINVAL);
}

static void check_pagesize(void)
{
    test_expect_rc("pagesize",
                   hypercall_xen_version(XENVER_pagesize, NULL), 4096);
    test_expect_rc("pagesize/nonnull",
                   hypercall_xen_version(XENVER_pagesize, answer.bytes),
                   -EINVAL);
}

static void check_guest_handle(void)
{
    static const uint8_t zero[16];

    memset(answer.bytes, 0x5a, sizeof(answer.bytes));
    test_expect_rc("guest_handle/rc",
                   hypercall_xen_version(XENVER_guest_handle, answer.bytes),
                   0);
    test_check(!memcmp(answer.bytes, zero, sizeof(xen_domain_handle_t)) &&
                   answer.bytes[sizeof(xen_domain_handle_t)] == 0x5a,
               "guest_handle/dom0", "not 16 zero bytes");
}

static void check_build_id(void)
{
    xen_build_id_t *b = &answer.build_id;
    long size = hypercall_xen_version(XENVER_build_id, NULL);
    long rc;

    test_check(size > 0 && size < 1024, "build_id/size", "%ld", size);
    test_note("build_id: %ld bytes", size);
    if ( size <= 0 || size >= 1024 )
        return;
    memset(answer.bytes, 0, sizeof(answer.bytes));
    b->len = (uint32_t)size;
    rc = hypercall_xen_version(XENVER_build_id, b);
    test_expect_rc("build_id/rc", rc, size);
    test_check(memcmp(b->buf, (const char[64]){ 0 }, size > 64 ? 64 : size),
               "build_id/filled", "all zero");
    b->len = 0;
    test_expect_rc("build_id/len0",
                   hypercall_xen_version(XENVER_build_id, b), -EINVAL);
    b->len = (uint32_t)size - 1;
    test_expect_rc("build_id/short",
                   hypercall_xen_version(XENVER_build_id, b), -ENOBUFS);
}

/* Sub-ops with a guest buffer, for the hostile half. */
static const struct
{
    int cmd;
    const char *name;
    bool reads;          /* Copies the argument in first. */
} pointer_subops[] = {
    { XENVER_extraversion, "extraversion", false },
    { XENVER_compile_info, "compile_info", false },
    { XENVER_capabilities, "capabilities", false },
    { XENVER_changeset, "changeset", false },
    { XENVER_platform_parameters, "platform_parameters", false },
    { XENVER_get_features, "get_features", true },
    { XENVER_guest_handle, "guest_handle", false },
    { XENVER_commandline, "commandline", false },
    { XENVER_build_id, "build_id", true },
};

static void check_hostile_pointers(void)
{
    const struct test_bad_pointer *bad;
    unsigned int i, j, n;
    char check[64];

    bad = test_bad_pointers(&n);
    for ( i = 0; i < ARRAY_SIZE(pointer_subops); i++ )
    {
        for ( j = 0; j < n; j++ )
        {
            guest_snprintf(check, sizeof(check), "%s/%s",
                           pointer_subops[i].name, bad[j].name);
            test_expect_rc(check,
                           hypercall_xen_version(pointer_subops[i].cmd,
                                                 bad[j].ptr),
                           -EFAULT);
        }
        if ( pointer_subops[i].reads )
            continue;
        guest_snprintf(check, sizeof(check), "%s/readonly",
                       pointer_subops[i].name);
        test_expect_rc(check,
                       hypercall_xen_version(pointer_subops[i].cmd,
                                             test_readonly_page()),
                       -EFAULT);
    }
}

/*
 * A buffer that starts mapped and runs into the cleared page: the copy
 * must fail as a whole, whatever part of it reached the first page.
 */
static void check_straddling_buffer(void)
{
    char *hole = test_unmapped_page();

    test_expect_rc("commandline/straddle",
                   hypercall_xen_version(XENVER_commandline, hole - 16),
                   -EFAULT);
}

static void check_unknown_subop(void)
{
    test_expect_rc("unknown_subop",
                   hypercall_xen_version(0x7fff, answer.bytes), -ENOSYS);
    test_expect_rc("negative_subop",
                   hypercall_xen_version(-1, answer.bytes), -ENOSYS);
}

void test_main(void)
{
    unsigned int i;

    check_version();
    for ( i = 0; i < ARRAY_SIZE(string_subops); i++ )
        check_string_subop(&string_subops[i]);
    check_compile_info();
    check_capabilities();
    check_platform_parameters();
    check_get_features();
    check_pagesize();
    check_guest_handle();
    check_build_id();
    check_hostile_pointers();
    check_straddling_buffer();
    check_unknown_subop();
    test_check(hypercall_xen_version(XENVER_version, NULL) > 0, "alive",
               "xen_version failed after the hostile calls");
}
