/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The toolstack's PV domain builder (ctl/lib/): the start-of-day layout
 * (xen.h's order, 4 MiB end with 512 KiB to spare, page-table count at
 * its fixed point), the initial page tables walked like the MMU would,
 * and dom_build() on the fake hypervisor (tests/unit/fake_ctl_hv.c):
 * what start_info, vCPU 0 and the pinned L4 hold, and that every failure
 * after createdomain destroys the domain.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "harness.h"

#include "dom_build.h"
#include "elf_builder.h"
#include "fake_ctl_hv.h"
#include "pv_layout.h"

#define LINUX_BASE 0xffffffff80000000ULL

TEST(layout_follows_the_start_of_day_order)
{
    struct pv_layout l;
    const char *why = NULL;

    CHECK_EQ(pv_layout_compute(&l, LINUX_BASE, LINUX_BASE + 0x100000,
                               LINUX_BASE + 0x112345, 0, 4096, &why), 0);
    CHECK_EQ(l.kernel_pfn, 0x100);
    CHECK_EQ(l.kernel_pages, 0x13);
    CHECK_EQ(l.p2m_pfn, 0x113);
    CHECK_EQ(l.p2m_pages, 8);                   /* 4096 * 8 bytes */
    CHECK_EQ(l.start_info_pfn, 0x11b);
    CHECK_EQ(l.store_pfn, 0x11c);
    CHECK_EQ(l.console_pfn, 0x11d);
    CHECK_EQ(l.pt_pfn, 0x11e);
    CHECK_EQ(l.nr_l3, 1);
    CHECK_EQ(l.nr_l2, 1);
    CHECK_EQ(l.nr_l1, 2);                       /* 4 MiB: two L1s */
    CHECK_EQ(l.nr_pt, 5);
    CHECK_EQ(l.stack_pfn, 0x123);
    CHECK_EQ(l.virt_end, LINUX_BASE + (4 << 20));
    CHECK((l.virt_end - pv_layout_virt(&l, l.stack_pfn + 1)) >= 512 * 1024);
}

TEST(layout_grows_by_4mib_for_the_slack)
{
    struct pv_layout l;
    const char *why = NULL;

    /* The kernel ends 100 KiB short of 4 MiB: the slack needs 4 more. */
    CHECK_EQ(pv_layout_compute(&l, LINUX_BASE, LINUX_BASE,
                               LINUX_BASE + (4 << 20) - 100 * 1024, 0, 8192,
                               &why), 0);
    CHECK_EQ(l.virt_end, LINUX_BASE + (8 << 20));
    CHECK_EQ(l.nr_l1, 4);
}

TEST(layout_crossing_a_1gib_boundary_needs_two_l2s)
{
    struct pv_layout l;
    const char *why = NULL;
    uint64_t base = (1ULL << 30) - (2ULL << 20);

    CHECK_EQ(pv_layout_compute(&l, base, base, base + (3 << 20), 0, 4096, &why),
             0);
    CHECK_EQ(l.nr_l3, 1);
    CHECK_EQ(l.nr_l2, 2);
    CHECK_EQ(l.nr_pt, 1 + 1 + 2 + l.nr_l1);
}

TEST(layout_refusals)
{
    struct pv_layout l;
    const char *why = NULL;

    CHECK_EQ(pv_layout_compute(&l, LINUX_BASE + 1, LINUX_BASE + 0x1000,
                               LINUX_BASE + 0x2000, 0, 4096, &why), -EINVAL);
    CHECK_EQ(pv_layout_compute(&l, LINUX_BASE, LINUX_BASE - 0x1000,
                               LINUX_BASE + 0x2000, 0, 4096, &why), -EINVAL);
    CHECK_EQ(pv_layout_compute(&l, LINUX_BASE, LINUX_BASE,
                               LINUX_BASE + 0x1000, 0, 512, &why), -ENOMEM);
    CHECK(strstr(why, "memory is too small") != NULL);
    CHECK_EQ(pv_layout_compute(&l, 0xffffffffffc00000ULL,
                               0xffffffffffc00000ULL, 0xffffffffffc01000ULL,
                               0, 4096, &why), -EINVAL);
}

/* Walk tables (frames pt_pfn.. of the layout) for va, as the MMU does. */
static uint64_t walk(const struct pv_layout *l, const xen_pfn_t *p2m,
                     uint64_t (*tables)[PV_PT_ENTRIES], uint64_t va)
{
    uint64_t e = 0, mfn = p2m[l->pt_pfn];
    unsigned int level, shift;

    for ( level = 4, shift = 39; level; level--, shift -= 9 )
    {
        unsigned int i;

        for ( i = 0; i < l->nr_pt && p2m[l->pt_pfn + i] != mfn; i++ )
            ;
        if ( i == l->nr_pt )
            return 0;
        e = tables[i][(va >> shift) & 511];
        if ( !(e & 1) )
            return 0;
        mfn = e >> 12 & 0xffffffffffULL;
    }
    return e;
}

TEST(page_tables_map_the_region_one_to_one)
{
    static uint64_t tables[8][PV_PT_ENTRIES];
    static xen_pfn_t p2m[4096];
    struct pv_layout l;
    const char *why = NULL;
    uint64_t pfn, e;
    unsigned int i;

    for ( i = 0; i < 4096; i++ )
        p2m[i] = 0x50000 + 4095 - i;        /* not monotonic on purpose */
    CHECK_EQ(pv_layout_compute(&l, LINUX_BASE, LINUX_BASE + 0x100000,
                               LINUX_BASE + 0x112345, 0, 4096, &why), 0);
    CHECK(l.nr_pt <= 8);
    pv_pagetable_build(&l, p2m, tables);
    for ( pfn = 0; pfn < l.bootstrap_pages; pfn++ )
    {
        e = walk(&l, p2m, tables, pv_layout_virt(&l, pfn));
        if ( (e >> 12) != p2m[pfn] || !(e & 4) )
        {
            harness_fail(__FILE__, __LINE__, "pfn %#lx: entry %#lx",
                         (unsigned long)pfn, (unsigned long)e);
            return;
        }
        /* Page-table frames read-only, everything else writable. */
        CHECK_EQ(!!(e & 2), !(pfn >= l.pt_pfn && pfn < l.pt_pfn + l.nr_pt));
    }
    CHECK_EQ(walk(&l, p2m, tables, l.virt_end), 0);
    CHECK_EQ(walk(&l, p2m, tables, LINUX_BASE - 4096), 0);
}

static struct eb image;

static void request_for(struct dom_build_request *req)
{
    eb_xtf_like(&image);
    memset(req, 0, sizeof(*req));
    req->kernel = image.buf;
    req->kernel_size = image.size;
    req->cmdline = "test=hello domu";
    req->memory_kib = req->maxmem_kib = 16 * 1024;
    req->max_vcpus = 1;
    req->handle[0] = 0xab;
}

TEST(build_fills_start_info_and_vcpu0)
{
    struct dom_build_request req;
    struct dom_build_result res;
    struct fake_domain *d;
    const start_info_t *si;
    char why[256];

    fake_hv_reset();
    request_for(&req);
    CHECK_EQ(dom_build(&fake.hv, &req, &res, why, sizeof(why)), 0);
    d = fake_domain(res.domid);
    CHECK(d != NULL);
    if ( !d )
        return;
    CHECK(d->paused);
    CHECK_EQ(d->nr_pages, 4096);
    CHECK_EQ(d->max_memkb, 16 * 1024 + DOM_BUILD_MAXMEM_SLACK_KIB);
    CHECK_EQ(d->address_size, 64);
    CHECK_EQ(fake.maps_live, 0);
    CHECK(d->vcpu_set);
    CHECK_EQ(d->ctxt.user_regs.rip, XTF_ENTRY);
    CHECK_EQ(d->ctxt.user_regs.cs, FLAT_KERNEL_CS);
    CHECK_EQ(d->ctxt.ctrlreg[3] >> 12, d->pinned_l4);
    CHECK_EQ(d->hypercall_mfn, d->first_mfn + (XTF_HYPERCALL >> 12));
    /* rsi points at start_info: pfn rsi >> 12 (VIRT_BASE 0). */
    si = fake_frame(d->first_mfn + (d->ctxt.user_regs.rsi >> 12));
    CHECK(!strncmp(si->magic, "xen-3.0-x86_64", 14));
    CHECK_EQ(si->nr_pages, 4096);
    CHECK_EQ(si->flags, 0);
    CHECK_EQ(si->shared_info, (0x777ULL + res.domid) << 12);
    CHECK_EQ(si->console.domU.mfn, res.console_mfn);
    CHECK_EQ(si->console.domU.evtchn, res.console_evtchn);
    CHECK(res.console_evtchn != res.store_evtchn);
    CHECK_STR((const char *)si->cmd_line, "test=hello domu");
    CHECK_EQ(si->pt_base >> 12, d->ctxt.ctrlreg[3] >> 12 == d->pinned_l4
                                    ? si->pt_base >> 12 : 0);
}

/* Every step after createdomain, failed once: no domain is left. */
TEST(build_failures_destroy_the_domain)
{
    static const struct { unsigned int op, cmd; } steps[] = {
        { __HYPERVISOR_domctl, XEN_DOMCTL_max_vcpus },
        { __HYPERVISOR_domctl, XEN_DOMCTL_max_mem },
        { __HYPERVISOR_domctl, XEN_DOMCTL_set_address_size },
        { __HYPERVISOR_memory_op, 6 /* XENMEM_populate_physmap */ },
        { __HYPERVISOR_domctl, XEN_DOMCTL_getdomaininfo },
        { __HYPERVISOR_event_channel_op, EVTCHNOP_alloc_unbound },
        { __HYPERVISOR_domctl, XEN_DOMCTL_hypercall_init },
        { __HYPERVISOR_mmuext_op, 0 },
        { __HYPERVISOR_domctl, XEN_DOMCTL_setvcpucontext },
    };
    struct dom_build_request req;
    struct dom_build_result res;
    char why[256];
    unsigned int i;

    request_for(&req);
    for ( i = 0; i < sizeof(steps) / sizeof(steps[0]); i++ )
    {
        fake_hv_reset();
        fake.fail_op = steps[i].op;
        fake.fail_cmd = steps[i].cmd;
        fake.fail_rc = -EIO;
        if ( dom_build(&fake.hv, &req, &res, why, sizeof(why)) != -EIO ||
             fake_domu_count() || fake.destroys != 1 || fake.maps_live )
        {
            harness_fail(__FILE__, __LINE__, "step %u: %s, %u domains, "
                         "%u destroys", i, why, fake_domu_count(),
                         fake.destroys);
            return;
        }
    }
}

TEST(build_refuses_bad_images_before_creating_anything)
{
    struct dom_build_request req;
    struct dom_build_result res;
    char why[256];

    fake_hv_reset();
    request_for(&req);
    req.kernel_size = 100;                      /* truncated */
    CHECK(dom_build(&fake.hv, &req, &res, why, sizeof(why)) < 0);
    CHECK(strstr(why, "kernel: ") == why);
    request_for(&req);
    req.memory_kib = 1024;                      /* too small */
    CHECK_EQ(dom_build(&fake.hv, &req, &res, why, sizeof(why)), -ENOMEM);
    CHECK(strstr(why, "memory is too small") != NULL);
    request_for(&req);
    memcpy(image.buf, "\x7f" "ELG", 4);         /* not ELF (a bzImage?) */
    CHECK_EQ(dom_build(&fake.hv, &req, &res, why, sizeof(why)), -ENOEXEC);
    CHECK(strstr(why, "bzImage") != NULL);
    CHECK_EQ(fake_domu_count(), 0);
    CHECK_EQ(fake.destroys, 0);
}
