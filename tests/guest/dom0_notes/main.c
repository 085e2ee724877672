/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dom0_notes: the start-of-day layout of a kernel with Xen's INIT_P2M and
 * MOD_START_PFN ELF notes (notes.S; xen/include/public/elfnote.h), as
 * Linux declares them, with an initrd (the file "initrd" here, 9000
 * bytes). Semantics: Xen 4.17's dom0_construct_pv() and setup_pv_physmap()
 * (xen/arch/x86/pv/dom0_build.c) and start_info in xen/include/public/xen.h:
 *  - MOD_START_PFN: the initrd is not in the initial mapping; start_info
 *    has SIF_MOD_START_PFN and mod_start is its first frame, the one after
 *    the initial allocation (2^order frames covering the initial mapping);
 *  - INIT_P2M: mfn_list is the note's address; the list is mapped there,
 *    writable, by an L3, L2 and L1 of its own, which with the list's pages
 *    are frames [first_p2m_pfn, + nr_p2m_frames), allocated in that order
 *    right after the initrd's frames;
 *  - with neither in the mapping, start_info follows the kernel image.
 * Hostile: the p2m list's page tables are page tables: mapping one
 * writable is refused (Xen 4.17: -EBUSY), reading one is allowed.
 */
#include <guest/arch/page.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/pagetable.h>
#include <guest/probe.h>
#include <guest/setup.h>
#include <guest/string.h>
#include <guest/test.h>

const char test_name[] = "dom0_notes";
const char test_title[] = "INIT_P2M and MOD_START_PFN: p2m list and initrd "
                          "outside the initial mapping";

#define P2M_BASE     0x0000008000000000UL          /* notes.S */
#define INITRD_SIZE  9000                          /* The file "initrd". */
#define INITRD_HEAD  "XENOLITH-DOM0-NOTES-INITRD\n"
#define INITRD_TAIL  "END-OF-INITRD\n"
#define M2P          ((const volatile unsigned long *)0xffff800000000000UL)
#define PTE_ADDR     0x000ffffffffff000UL
#define FOUR_MIB     (4UL << 20)
#define PTE_RO       (PTE_PRESENT | PTE_USER | PTE_ACCESSED)
#define PTE_RW_DATA  (PTE_RO | PTE_RW | PTE_DIRTY)

extern char _end[];

static char scratch[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

static unsigned long pages_of(unsigned long bytes)
{
    return (bytes + PAGE_SIZE - 1) / PAGE_SIZE;
}

/*
 * Xen's initial allocation: 2^order frames covering the initial mapping,
 * which ends after the page tables, one stack page and padding to 4 MiB
 * with at least 512 KiB (xen.h's start-of-day order).
 */
static unsigned long initial_allocation(void)
{
    const start_info_t *si = guest_start_info;
    unsigned long stack_end = si->pt_base + (si->nr_pt_frames + 1) * PAGE_SIZE;
    unsigned long v_end = (stack_end + FOUR_MIB - 1) & ~(FOUR_MIB - 1);
    unsigned long pages = 1;

    if ( v_end - stack_end < (512UL << 10) )
        v_end += FOUR_MIB;
    while ( pages < (v_end - GUEST_VIRT_BASE) / PAGE_SIZE )
        pages <<= 1;
    return pages;
}

/* Map machine frame mfn read-only at scratch; NULL (and a FAIL) if refused. */
static const void *peek(const char *check, xen_pfn_t mfn)
{
    int rc = guest_mm_map(scratch, (uint64_t)mfn << PAGE_SHIFT, PTE_RO);

    test_expect_rc(check, rc, 0);
    return rc ? NULL : scratch;
}

static void restore_scratch(void)
{
    if ( guest_mm_map(scratch, (uint64_t)guest_mfn_of(scratch) << PAGE_SHIFT,
                      PTE_RW_DATA) )
        test_error("could not map the scratch page back");
}

/* Entry index of P2M_BASE's walk in a table of level (the list's start). */
static uint64_t entry_of(const void *table, unsigned int level)
{
    return ((const uint64_t *)table)[(P2M_BASE >> (12 + 9 * (level - 1))) &
                                     511];
}

static void check_initrd(unsigned long init_alloc)
{
    const start_info_t *si = guest_start_info;
    const xen_pfn_t *p2m = (const xen_pfn_t *)si->mfn_list;
    unsigned long tail_off = INITRD_SIZE - (sizeof(INITRD_TAIL) - 1);
    const char *page;

    test_check(si->flags & SIF_MOD_START_PFN, "initrd/flag_mod_start_pfn",
               "flags %#lx", (unsigned long)si->flags);
    test_expect_eq("initrd/mod_len", si->mod_len, INITRD_SIZE);
    test_expect_eq("initrd/mod_start_is_first_frame_after_allocation",
                   si->mod_start, init_alloc);
    if ( si->mod_start >= si->nr_pages - 2 )
        return;
    page = peek("initrd/map_first_frame", p2m[si->mod_start]);
    if ( page )
        test_check(!memcmp(page, INITRD_HEAD, sizeof(INITRD_HEAD) - 1),
                   "initrd/first_bytes", "initrd does not start as the file");
    page = peek("initrd/map_last_frame",
                p2m[si->mod_start + tail_off / PAGE_SIZE]);
    if ( page )
        test_check(!memcmp(page + tail_off % PAGE_SIZE, INITRD_TAIL,
                           sizeof(INITRD_TAIL) - 1),
                   "initrd/last_bytes", "initrd does not end as the file");
    restore_scratch();
}

static void check_p2m_list(void)
{
    const start_info_t *si = guest_start_info;
    const xen_pfn_t *p2m = (const xen_pfn_t *)si->mfn_list;
    unsigned long pfn, bad = 0;

    test_expect_eq("p2m/mfn_list_is_init_p2m", si->mfn_list, P2M_BASE);
    for ( pfn = 0; pfn < si->nr_pages; pfn++ )
        if ( M2P[p2m[pfn]] != pfn )
            bad++;
    test_expect_eq("p2m/every_entry_matches_m2p", bad, 0);
    test_expect_probe("p2m/writable",
                      test_probe_write((void *)&p2m[si->nr_pages - 1]),
                      PROBE_NONE);
    test_expect_eq("p2m/start_info_follows_kernel",
                   (unsigned long)si,
                   ((unsigned long)_end + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1UL));
}

/*
 * The list's own tables: L3 at first_p2m_pfn, then its L2 and L1, then the
 * list's pages (Xen's allocation order), mapped writable.
 */
static void check_p2m_frames(unsigned long first)
{
    const start_info_t *si = guest_start_info;
    const xen_pfn_t *p2m = (const xen_pfn_t *)si->mfn_list;
    unsigned long data_pages = pages_of(si->nr_pages * 8), k, bad = 0;
    const uint64_t *l4 = (const uint64_t *)si->pt_base;
    uint64_t e = entry_of(l4, 4), l1e[64];
    xen_pfn_t table[4] = { 0 };             /* L3, L2, L1 of the list. */
    unsigned int level;

    for ( level = 3; level >= 1; level-- )
    {
        const void *t;

        test_check(e & PTE_PRESENT, "p2m_frames/table_present", "level %u",
                   level + 1);
        if ( !(e & PTE_PRESENT) )
            return;
        table[level] = (e & PTE_ADDR) >> PAGE_SHIFT;
        test_expect_eq("p2m_frames/table_pfn", M2P[table[level]],
                       first + 3 - level);
        t = peek("p2m_frames/map_table_read_only", table[level]);
        if ( !t )
            return;
        if ( level == 1 )
            memcpy(l1e, t, sizeof(l1e));
        else
            e = entry_of(t, level);
    }
    restore_scratch();
    for ( k = 0; k < data_pages && k < 64; k++ )
        if ( (l1e[k] & (PTE_PRESENT | PTE_RW)) != (PTE_PRESENT | PTE_RW) ||
             M2P[(l1e[k] & PTE_ADDR) >> PAGE_SHIFT] != first + 3 + k ||
             p2m[first + 3 + k] != (l1e[k] & PTE_ADDR) >> PAGE_SHIFT )
            bad++;
    test_expect_eq("p2m_frames/pages_in_order", bad, 0);
    test_expect_eq("p2m_frames/nothing_after_the_list",
                   data_pages < 64 ? l1e[data_pages] & PTE_PRESENT : 0, 0);

    /* Hostile: the list's tables are page tables (Xen: -EBUSY). */
    test_expect_rc("hostile/l1_writable",
                   guest_mm_map(scratch, (uint64_t)table[1] << PAGE_SHIFT,
                                PTE_RW_DATA), -EBUSY);
    test_expect_rc("hostile/l3_writable",
                   guest_mm_map(scratch, (uint64_t)table[3] << PAGE_SHIFT,
                                PTE_RW_DATA), -EBUSY);
    restore_scratch();
}

void test_main(void)
{
    const start_info_t *si = guest_start_info;
    unsigned long init_alloc = initial_allocation();
    unsigned long first = init_alloc + pages_of(INITRD_SIZE);

    test_note("nr_pages %lu, initial allocation %lu, first_p2m_pfn %lu, "
              "nr_p2m_frames %lu", (unsigned long)si->nr_pages, init_alloc,
              (unsigned long)si->first_p2m_pfn,
              (unsigned long)si->nr_p2m_frames);
    check_initrd(init_alloc);
    check_p2m_list();
    test_expect_eq("p2m_frames/first_p2m_pfn", si->first_p2m_pfn, first);
    /* A new L3, L2 and L1 (slot 1 is empty) and one frame per list page. */
    test_expect_eq("p2m_frames/nr_p2m_frames", si->nr_p2m_frames,
                   pages_of(si->nr_pages * 8) + 3);
    check_p2m_frames(first);
}
