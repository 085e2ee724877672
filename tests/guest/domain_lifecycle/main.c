/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * domain_lifecycle: dom0 builds and destroys domains with the hypercalls a
 * toolstack uses (libxc/libxl; Xen 4.17's xen/common/domctl.c, domain.c,
 * memory.c, xen/arch/x86/domain.c arch_set_info_guest(), mm.c
 * get_pg_owner()/get_page_from_l1e()):
 *
 * - createdomain (domain 0: "choose one") gives an id in [1, 0x7ff0); the
 *   new domain is paused by the controller, owns no page, has no online
 *   vCPU and is not dying; max_mem, max_vcpus (createdomain's number: 0;
 *   another: -EINVAL) and populate_physmap of 16 pages (16 done,
 *   current_reservation 16) build it;
 * - one of its frames mapped into dom0 with mmu_update, foreigndom = its
 *   id, can be written and read back; unmapped, it keeps the data;
 * - its zeroed frame pinned as an L4 with mmuext foreigndom becomes its
 *   kernel page table in setvcpucontext; getvcpucontext gives back CR3,
 *   rip and a code selector of RPL 0 raised to 3 (Xen's fixup); the
 *   domain then shows one online vCPU; a reset context (NULL) leaves none;
 * - destroydomain: 0, then getdomaininfo -ESRCH, destroy again -ESRCH; its
 *   id can be created again (explicitly);
 * - 1000 create/populate/destroy rounds (rounds.c): physinfo's
 *   free_pages comes back exactly to its value before (on Xen the domain
 *   structure goes after an RCU grace period, so we let it settle);
 * - hostile half (hostile.c), Xen's answers: see there.
 */
#include <guest/arch/page.h>
#include <guest/console.h>
#include <guest/differs.h>
#include <guest/mm.h>
#include <guest/string.h>
#include <guest/test.h>
#include <guest/time.h>
#include "lifecycle.h"

const char test_name[] = "domain_lifecycle";
const char test_title[] = "createdomain, build, foreign mappings, "
                          "setvcpucontext, destroydomain, reclamation";

#define NR_FRAMES 16
#define PATTERN   0x5aa5c33cf00f9669ULL

static xen_pfn_t frames[NR_FRAMES];

static void check_new_domain(domid_t id)
{
    struct xen_domctl_getdomaininfo info;

    test_check(id >= 1 && id < DOMID_FIRST_RESERVED, "create/id", "id %u",
               id);
    if ( !test_expect_rc("create/info", lc_info(id, &info), 0) )
        return;
    test_check(info.flags & XEN_DOMINF_paused, "create/paused", "flags %#x",
               info.flags);
    test_check(!(info.flags & (XEN_DOMINF_dying | XEN_DOMINF_shutdown)),
               "create/alive", "flags %#x", info.flags);
    test_expect_eq("create/tot_pages", info.tot_pages, 0);
    test_expect_eq("create/online_vcpus", info.nr_online_vcpus, 0);
}

static void check_build(domid_t id)
{
    test_expect_rc("max_mem", lc_max_mem(id, NR_FRAMES * 4), 0);
    test_expect_rc("max_vcpus/other", lc_max_vcpus(id, 2), -EINVAL);
    test_expect_rc("max_vcpus", lc_max_vcpus(id, 1), 0);
    test_expect_rc("populate", lc_populate(id, frames, NR_FRAMES),
                   NR_FRAMES);
    test_expect_rc("populate/reservation", lc_current_reservation(id),
                   NR_FRAMES);
    test_check(frames[0] != 0 && frames[1] != frames[0], "populate/mfns",
               "mfns %#lx %#lx", (unsigned long)frames[0],
               (unsigned long)frames[1]);
}

static void check_foreign_map(domid_t id)
{
    volatile uint64_t *p = (volatile uint64_t *)lc_scratch;
    uint64_t got;

    if ( !test_expect_rc("foreign_map",
                         lc_scratch_map(frames[3], PTE_PRESENT | PTE_RW |
                                        PTE_ACCESSED | PTE_DIRTY, id), 0) )
        return;
    test_expect_eq("foreign_map/zeroed", p[0], 0);
    p[0] = PATTERN;
    p[511] = ~PATTERN;
    test_expect_eq("foreign_map/read", p[0], PATTERN);
    test_expect_rc("foreign_map/restore", lc_scratch_restore(), 0);
    test_check(p[0] != PATTERN, "foreign_map/ours_again", "%#lx",
               (unsigned long)p[0]);
    /* Mapped again read-only: the data stayed in the domain's frame. */
    test_expect_rc("foreign_map/again_ro",
                   lc_scratch_map(frames[3], PTE_PRESENT | PTE_ACCESSED, id),
                   0);
    got = p[511];
    test_expect_eq("foreign_map/kept", got, ~PATTERN);
    test_expect_rc("foreign_map/restore_again", lc_scratch_restore(), 0);
}

static void base_context(struct vcpu_guest_context *c, xen_pfn_t l4)
{
    memset(c, 0, sizeof(*c));
    c->flags = VGCF_in_kernel | VGCF_online;
    c->user_regs.rip = 0xffffffff80001000UL;
    c->user_regs.rsp = 0xffffffff80002000UL;
    c->user_regs.cs = FLAT_KERNEL_CS;
    c->user_regs.ss = FLAT_KERNEL_SS;
    c->user_regs.rflags = 1UL << 9;
    c->kernel_ss = FLAT_KERNEL_SS;
    c->kernel_sp = 0xffffffff80002000UL;
    c->ctrlreg[3] = xen_pfn_to_cr3(l4);
}

static void check_vcpu_context(domid_t id)
{
    static struct vcpu_guest_context c, got;
    struct xen_domctl_getdomaininfo info;

    test_expect_rc("context/get_none", lc_getvcpucontext(id, &got),
                   -ENODATA);
    test_expect_rc("context/pin_l4", lc_mmuext(MMUEXT_PIN_L4_TABLE,
                                               frames[0], id), 0);
    base_context(&c, frames[0]);
    test_expect_rc("context/set", lc_setvcpucontext(id, &c), 0);
    test_expect_rc("context/get", lc_getvcpucontext(id, &got), 0);
    test_expect_eq("context/get_cr3", got.ctrlreg[3], c.ctrlreg[3]);
    test_expect_eq("context/get_rip", got.user_regs.rip, c.user_regs.rip);
    test_check(got.flags & VGCF_in_kernel, "context/get_in_kernel",
               "flags %#lx", got.flags);
    lc_info(id, &info);
    test_expect_eq("context/online_vcpus", info.nr_online_vcpus, 1);
    /* Registers only, for a vCPU with a context; RPL 0 becomes 3. */
    c.user_regs.cs = 0xe008;
    c.user_regs.rax = 42;
    test_expect_rc("context/set_regs", lc_setvcpucontext(id, &c), 0);
    lc_getvcpucontext(id, &got);
    test_expect_eq("context/cs_rpl3", got.user_regs.cs, 0xe00b);
    test_expect_eq("context/rax", got.user_regs.rax, 42);
    /* Its tables may not change once it has a context (Xen: -EOPNOTSUPP). */
    c.ctrlreg[3] = xen_pfn_to_cr3(frames[1]);
    test_expect_rc("context/new_cr3", lc_setvcpucontext(id, &c),
                   -EOPNOTSUPP);
    test_expect_rc("context/reset", lc_setvcpucontext(id, NULL), 0);
    test_expect_rc("context/get_after_reset", lc_getvcpucontext(id, &got),
                   -ENODATA);
    test_expect_rc("context/unpin_l4", lc_mmuext(MMUEXT_UNPIN_TABLE,
                                                 frames[0], id), 0);
}

static void check_destroy(domid_t id)
{
    struct xen_domctl_getdomaininfo info;
    domid_t again = 0;

    test_expect_rc("destroy", lc_destroy(id), 0);
    test_expect_rc("destroy/info", lc_info(id, &info), -ESRCH);
    test_expect_rc("destroy/again", lc_destroy(id), -ESRCH);
    test_expect_rc("destroy/reservation", lc_current_reservation(id), -ESRCH);
    /* The id is free again, and is given when asked for. */
    {
        struct xen_domctl_createdomain c;

        lc_default_config(&c);
        test_expect_rc("reuse/create", lc_create(id, &c, &again), 0);
    }
    test_expect_eq("reuse/id", again, id);
    test_expect_rc("reuse/destroy", lc_destroy(id), 0);
}

void test_main(void)
{
    domid_t id = 0;

    if ( !test_expect_rc("create", lc_create_default(&id), 0) )
        return;
    check_new_domain(id);
    check_build(id);
    check_foreign_map(id);
    check_vcpu_context(id);
    check_hostile_on(id, frames);
    check_destroy(id);
    check_hostile();
    check_rounds();
}
