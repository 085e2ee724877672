/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hostile addresses and specially mapped pages for tests. The two pages
 * live in our .bss, so the initial mapping covers them with L1 entries
 * that HYPERVISOR_update_va_mapping can change; their frames stay ours.
 */
#include <guest/arch/page.h>
#include <guest/mm.h>
#include <guest/setup.h>
#include <guest/test.h>

static char hole_page[PAGE_SIZE]
    __attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));
static char readonly_page[PAGE_SIZE]
    __attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));
static bool hole_made, readonly_made;

void *test_unmapped_page(void)
{
    int rc;

    if ( !hole_made )
    {
        rc = guest_mm_unmap(hole_page);
        if ( rc )
            guest_panic("unmapping the hole page: %d", rc);
        hole_made = true;
    }
    return hole_page;
}

void *test_readonly_page(void)
{
    uint64_t maddr;
    int rc;

    if ( !readonly_made )
    {
        maddr = (uint64_t)guest_mfn_of(readonly_page) << PAGE_SHIFT;
        rc = guest_mm_map(readonly_page, maddr, PTE_PRESENT | PTE_ACCESSED);
        if ( rc )
            guest_panic("mapping the read-only page: %d", rc);
        readonly_made = true;
    }
    return readonly_page;
}

const struct test_bad_pointer *test_bad_pointers(unsigned int *count)
{
    static struct test_bad_pointer list[] = {
        { "unmapped", (void *)TEST_ADDR_UNMAPPED },
        { "xen", (void *)TEST_ADDR_XEN },
        { "noncanonical", (void *)TEST_ADDR_NONCANONICAL },
        { "hole", NULL },
    };

    list[3].ptr = test_unmapped_page();
    *count = ARRAY_SIZE(list);
    return list;
}
