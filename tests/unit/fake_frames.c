/* SPDX-License-Identifier: GPL-2.0-only */
/* Real frames over the harness's fake RAM (fake_frames.h). */
#include <stdlib.h>
#include <string.h>

#include "fake_frames.h"

#include <asm/cpufeature.h>
#include <asm/m2p.h>
#include <asm/page.h>
#include "harness.h"

#include <xenolith/mm.h>

#define NR_FRAMES (HARNESS_RAM_SIZE >> PAGE_SHIFT)

static struct page_info *table;
static uint64_t bitmap[NR_FRAMES / FRAME_TABLE_VALID_CHUNK / 64];
static uint64_t baseline;

void fake_frames_setup(void)
{
    if ( table )
        return;
    table = aligned_alloc(PAGE_SIZE, NR_FRAMES * sizeof(*table));
    memset(table, 0, NR_FRAMES * sizeof(*table));
    frame_table_setup(table, NR_FRAMES, bitmap);
    frame_table_mark_valid(_mfn(0), NR_FRAMES);
    buddy_add_range(_mfn(FAKE_FRAMES_FIRST_FREE),
                    NR_FRAMES - FAKE_FRAMES_FIRST_FREE);
    baseline = buddy_free_frames();
}

uint64_t fake_frames_baseline(void)
{
    return baseline;
}

void fake_frames_check_no_leak(void)
{
    struct frame_accounting acc;

    CHECK_EQ(buddy_free_frames(), baseline);
    frame_table_account(&acc);
    CHECK_EQ(acc.free, baseline);
    CHECK_EQ(acc.inuse, 0);
}

void fake_frames_dirty(uint64_t mfn, unsigned char byte)
{
    memset(maddr_to_virt(mfn << PAGE_SHIFT), byte, PAGE_SIZE);
}

/*
 * The machine-to-phys table, as a plain array over the fake frames, so the
 * reservation tests can check what the hypervisor records there.
 */
uint64_t fake_m2p[FAKE_M2P_ENTRIES];

void m2p_set(mfn_t mfn, uint64_t pfn)
{
    if ( mfn_x(mfn) < FAKE_M2P_ENTRIES )
        fake_m2p[mfn_x(mfn)] = pfn;
}

/* Its 2 MiB extents, as machphys_mfn_list reports them: FAKE_M2P_EXTENTS. */
unsigned int m2p_nr_extents(void)
{
    return FAKE_M2P_EXTENTS;
}

mfn_t m2p_extent_mfn(unsigned int i)
{
    return i < FAKE_M2P_EXTENTS ? _mfn(FAKE_M2P_EXTENT_MFN(i)) : INVALID_MFN;
}

/* What CPUID says of the machine (asm/cpufeature.h). */
struct cpuinfo_x86 boot_cpu_data = { .phys_addr_bits = 40 };

/*
 * The hypervisor's L4 slots as a validated guest L4 gets them: a marker
 * value per slot, so tests can see them filled in (asm/page.h).
 */
void paging_fill_hypervisor_slots(uint64_t *l4)
{
    unsigned int i;

    for ( i = HV_L4_FIRST_SLOT; i <= HV_L4_LAST_SLOT; i++ )
        l4[i] = FAKE_HV_L4_ENTRY(i);
}
