/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Benchmarks of the validated MMU (issue 4), same clock and rules as
 * main.c. A table page T of ours is filled with 512 writable mappings of
 * two data pages A and B, made read-only and pinned as an L1; it is not
 * hooked into the address space, so changing its entries costs exactly
 * the validation and reference moves.
 *
 *   mmu_update_1/32/512  one mmu_update of 1, 32 or 512 requests, each
 *                        switching an entry of T between A and B (so every
 *                        request drops one frame's references and takes
 *                        the other's); cycles per request.
 *   uvm_invlpg           update_va_mapping of a page of our image between
 *                        A and B with UVMF_INVLPG|UVMF_LOCAL.
 *   pin_unpin_l1         MMUEXT_UNPIN_TABLE then MMUEXT_PIN_L1_TABLE of T
 *                        with its 512 entries (unvalidate and validate),
 *                        cycles per pair.
 *   ptwr                 a plain 8-byte store into an entry of the pinned
 *                        T through its read-only mapping: the fault, the
 *                        decode and the validated update.
 */
#include <guest/arch/page.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/test.h>

#define ENTRIES     512
#define MMU_ROUNDS  2000UL
#define PIN_ROUNDS  200UL
#define WARM        20UL
#define RW          (PTE_PRESENT | PTE_RW | PTE_ACCESSED | PTE_DIRTY)
#define RO          (PTE_PRESENT | PTE_ACCESSED)
#define PTE_ADDR    0x000ffffffffff000ULL

void bench_report(const char *name, uint64_t cycles, unsigned long ops);
void bench_mmu(void);

static uint64_t table[ENTRIES]
    __attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));
static char page_a[PAGE_SIZE], page_b[PAGE_SIZE], scratch[PAGE_SIZE]
    __attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));
static struct mmu_update reqs[ENTRIES];
static uint64_t pte_a, pte_b;

static inline uint64_t tsc(void)
{
    uint32_t lo, hi;

    asm volatile ( "rdtsc" : "=a" (lo), "=d" (hi) : : "memory" );
    return ((uint64_t)hi << 32) | lo;
}

static long ext1(unsigned int cmd, const void *va)
{
    struct mmuext_op op = { .cmd = cmd, .arg1.mfn = guest_mfn_of(va) };

    return hypercall_mmuext_op(&op, 1, NULL, DOMID_SELF);
}

static bool set_up_table(void)
{
    uint64_t base = (uint64_t)guest_mfn_of(table) << PAGE_SHIFT;
    unsigned int i;

    pte_a = ((uint64_t)guest_mfn_of(page_a) << PAGE_SHIFT) | RW;
    pte_b = ((uint64_t)guest_mfn_of(page_b) << PAGE_SHIFT) | RW;
    for ( i = 0; i < ENTRIES; i++ )
    {
        table[i] = (i & 1) ? pte_b : pte_a;
        reqs[i].ptr = base + 8 * i;
    }
    return test_expect_rc("mmu/table_read_only",
                          guest_mm_map(table, base, RO), 0) &&
           test_expect_rc("mmu/pin", ext1(MMUEXT_PIN_L1_TABLE, table), 0);
}

/* rounds batches of n requests, each flipping entries 0..n-1. */
static void bench_mmu_update(const char *name, unsigned int n)
{
    unsigned long r, bad = 0;
    uint64_t t0 = 0, cycles;
    unsigned int i;

    for ( r = 0; r < MMU_ROUNDS + WARM; r++ )
    {
        if ( r == WARM )
            t0 = tsc();
        for ( i = 0; i < n; i++ )
            reqs[i].val = ((r + i) & 1) ? pte_a : pte_b;
        bad += hypercall_mmu_update(reqs, n, NULL, DOMID_SELF) != 0;
    }
    cycles = tsc() - t0;
    if ( test_expect_eq("mmu/update_failures", bad, 0) )
        bench_report(name, cycles, MMU_ROUNDS * n);
}

static void bench_uvm_invlpg(void)
{
    unsigned long r, bad = 0;
    uint64_t t0 = 0, cycles;

    for ( r = 0; r < MMU_ROUNDS + WARM; r++ )
    {
        if ( r == WARM )
            t0 = tsc();
        bad += hypercall_update_va_mapping((unsigned long)scratch,
                                           (r & 1) ? pte_a : pte_b,
                                           UVMF_INVLPG | UVMF_LOCAL) != 0;
    }
    cycles = tsc() - t0;
    guest_mm_map(scratch, (uint64_t)guest_mfn_of(scratch) << PAGE_SHIFT, RW);
    if ( test_expect_eq("mmu/uvm_failures", bad, 0) )
        bench_report("uvm_invlpg", cycles, MMU_ROUNDS);
}

static void bench_pin_unpin(void)
{
    unsigned long r, bad = 0;
    uint64_t t0 = 0, cycles;

    for ( r = 0; r < PIN_ROUNDS + WARM; r++ )
    {
        if ( r == WARM )
            t0 = tsc();
        bad += ext1(MMUEXT_UNPIN_TABLE, table) != 0;
        bad += ext1(MMUEXT_PIN_L1_TABLE, table) != 0;
    }
    cycles = tsc() - t0;
    if ( test_expect_eq("mmu/pin_failures", bad, 0) )
        bench_report("pin_unpin_l1", cycles, PIN_ROUNDS);
}

static void bench_ptwr(void)
{
    volatile uint64_t *entry = &table[7];
    unsigned long r;
    uint64_t t0 = 0, cycles;

    for ( r = 0; r < MMU_ROUNDS + WARM; r++ )
    {
        if ( r == WARM )
            t0 = tsc();
        *entry = (r & 1) ? pte_a : pte_b;
    }
    cycles = tsc() - t0;
    if ( test_check((*entry & PTE_ADDR) == (pte_a & PTE_ADDR),
                    "mmu/ptwr_landed", "entry %#lx", (unsigned long)*entry) )
        bench_report("ptwr", cycles, MMU_ROUNDS);
}

void bench_mmu(void)
{
    if ( !set_up_table() )
        return;
    bench_mmu_update("mmu_update_1", 1);
    bench_mmu_update("mmu_update_32", 32);
    bench_mmu_update("mmu_update_512", ENTRIES);
    bench_uvm_invlpg();
    bench_pin_unpin();
    bench_ptwr();
    test_expect_rc("mmu/unpin", ext1(MMUEXT_UNPIN_TABLE, table), 0);
}
