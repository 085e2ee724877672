/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TLB and cache flushes of this CPU. One CPU runs guests today; when more
 * do, the clock below becomes per CPU and a frame's timestamp is compared
 * against every CPU that may cache it (Xen's tlbflush timestamps), TODO(#5).
 *
 * Guest mappings are never global (pt_adjust_l1e() clears the bit), so
 * every CR3 write drops every guest translation. tlbflush_clock counts
 * those flushes: a frame records the clock when its last typed use ended
 * (page_ref.c), and a type change flushes only if no flush happened since.
 * Whatever must not survive even in global entries (a frame going back to
 * the allocator) uses flush_tlb_local_all().
 */
#ifndef ASM_FLUSH_H
#define ASM_FLUSH_H

#include <asm/processor.h>

/* Bumped by every flush of this CPU's non-global TLB entries. */
extern uint32_t tlbflush_clock;

static inline uint32_t tlbflush_current_time(void)
{
    return __atomic_load_n(&tlbflush_clock, __ATOMIC_RELAXED);
}

/* May a translation cached at time ts still be in the TLB? */
static inline bool tlbflush_stale(uint32_t ts)
{
    return ts == tlbflush_current_time();
}

static inline void tlbflush_tick(void)
{
    __atomic_fetch_add(&tlbflush_clock, 1, __ATOMIC_RELAXED);
}

#ifdef XENOLITH_HOST_TEST
/* Host unit tests run in user mode, where these instructions fault. */
static inline void write_cr3_flush(uint64_t cr3) { (void)cr3; tlbflush_tick(); }
static inline void flush_tlb_local(void) { tlbflush_tick(); }
static inline void flush_tlb_local_all(void) { tlbflush_tick(); }
static inline void flush_tlb_one_local(uint64_t va) { (void)va; }
static inline void wbinvd(void) {}
#else
/* Load a page table; the non-global entries go. */
static inline void write_cr3_flush(uint64_t cr3)
{
    write_cr3(cr3);
    tlbflush_tick();
}

/* Non-global entries: a CR3 reload. */
static inline void flush_tlb_local(void)
{
    write_cr3_flush(read_cr3());
}

/* Every entry, global ones too: CR4.PGE off and on again (SDM 4.10.4.1). */
static inline void flush_tlb_local_all(void)
{
    uint64_t flags = local_irq_save(), cr4 = read_cr4();

    if ( cr4 & X86_CR4_PGE )
    {
        write_cr4(cr4 & ~X86_CR4_PGE);
        write_cr4(cr4);
        tlbflush_tick();
    }
    else
        flush_tlb_local();
    local_irq_restore(flags);
}

/* The entries for one linear address, global or not. */
static inline void flush_tlb_one_local(uint64_t va)
{
    invlpg((const void *)va);
}

static inline void wbinvd(void)
{
    __asm__ __volatile__("wbinvd" ::: "memory");
}
#endif

#endif /* ASM_FLUSH_H */
