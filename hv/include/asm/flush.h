/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TLB and cache flushes of this CPU. One CPU runs guests today; when more
 * do, a frame given back must be flushed from every CPU's TLB before it is
 * reused (Xen's tlbflush timestamps), TODO(#5).
 *
 * Guests may set the global bit in their L1 entries, which a CR3 reload
 * leaves in the TLB: whatever must not survive (a frame going back to the
 * allocator, an address space being replaced) uses flush_tlb_local_all().
 */
#ifndef ASM_FLUSH_H
#define ASM_FLUSH_H

#include <asm/processor.h>

#ifdef XENOLITH_HOST_TEST
/* Host unit tests run in user mode, where these instructions fault. */
static inline void flush_tlb_local(void) {}
static inline void flush_tlb_local_all(void) {}
static inline void flush_tlb_one_local(uint64_t va) { (void)va; }
static inline void wbinvd(void) {}
#else
/* Non-global entries: a CR3 reload. */
static inline void flush_tlb_local(void)
{
    write_cr3(read_cr3());
}

/* Every entry, global ones too: CR4.PGE off and on again (SDM 4.10.4.1). */
static inline void flush_tlb_local_all(void)
{
    uint64_t flags = local_irq_save(), cr4 = read_cr4();

    if ( cr4 & X86_CR4_PGE )
    {
        write_cr4(cr4 & ~X86_CR4_PGE);
        write_cr4(cr4);
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
