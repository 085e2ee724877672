/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * m2p: the read-only machine-to-phys table PV guests read directly at
 * machine_to_phys_mapping (0xffff800000000000, xen/arch-x86/xen-x86_64.h).
 * For every frame of the domain, the entry at its machine frame number is
 * its pseudo-physical frame number (start_info.mfn_list says which frame
 * is which); Linux's mfn_to_pfn() relies on it from its first page-table
 * walk.
 *
 * Hostile: writing the table faults (#PF, protection violation, user
 * mode), and the hypervisor's memory beside it (its direct map) stays
 * unreadable.
 */
#include <guest/mm.h>
#include <guest/probe.h>
#include <guest/setup.h>
#include <guest/test.h>

const char test_name[] = "m2p";
const char test_title[] = "the read-only machine-to-phys table";

#define M2P ((volatile unsigned long *)0xffff800000000000UL)
#define DIRECTMAP_PROBE ((void *)0xffff830000001000UL)

static char probe_page[4096] __attribute__((aligned(4096)));

void test_main(void)
{
    const xen_pfn_t *mfn_list = (const xen_pfn_t *)guest_start_info->mfn_list;
    unsigned long pfns[] = { 0, 1, guest_pfn_of(probe_page),
                             guest_start_info->nr_pages - 1 };
    unsigned int i;

    for ( i = 0; i < sizeof(pfns) / sizeof(pfns[0]); i++ )
        test_expect_eq("entry/matches_mfn_list", M2P[mfn_list[pfns[i]]],
                       pfns[i]);
    test_expect_eq("entry/probe_page", M2P[guest_mfn_of(probe_page)],
                   guest_pfn_of(probe_page));

    /*
     * Writes fault: present (1) | write (2); the user bit is cleared for
     * faults in guest kernel mode, as Xen 4.17 reports them.
     */
    test_expect_probe("hostile/write",
                      test_probe_write((void *)&M2P[mfn_list[0]]),
                      PROBE_FAULT(X86_EXC_PF, 3));
    test_expect_eq("hostile/unchanged", M2P[mfn_list[0]], 0);
    test_check(PROBE_VECTOR(test_probe_read(DIRECTMAP_PROBE)) == X86_EXC_PF,
               "hostile/directmap_unreadable", "reading the direct map");
}
