/* SPDX-License-Identifier: GPL-2.0-only */
/* Control registers, MSRs, flags and other one-instruction CPU wrappers. */
#ifndef ASM_PROCESSOR_H
#define ASM_PROCESSOR_H

#include <xenolith/types.h>

#define X86_CR0_TS        (1UL << 3)
#define X86_CR0_WP        (1UL << 16)
#define X86_CR4_PAE       (1UL << 5)
#define X86_CR4_PGE       (1UL << 7)
#define X86_CR4_OSFXSR    (1UL << 9)
#define X86_CR4_OSXMMEXCPT (1UL << 10)
#define X86_CR4_FSGSBASE  (1UL << 16)
#define X86_CR4_OSXSAVE   (1UL << 18)
#define X86_CR4_SMEP      (1UL << 20)
#define X86_CR4_SMAP      (1UL << 21)

#define X86_EFLAGS_IF     (1UL << 9)

#define MSR_EFER          0xc0000080
#define MSR_FS_BASE       0xc0000100
#define MSR_GS_BASE       0xc0000101
#define MSR_SHADOW_GS_BASE 0xc0000102
#define MSR_APIC_BASE     0x0000001b
#define MSR_TSC_DEADLINE  0x000006e0
#define EFER_SCE          (1UL << 0)
#define EFER_NXE          (1UL << 11)

static inline uint64_t read_cr0(void)
{
    uint64_t v;

    __asm__ __volatile__("mov %%cr0, %0" : "=r"(v));
    return v;
}

static inline void write_cr0(uint64_t v)
{
    __asm__ __volatile__("mov %0, %%cr0" :: "r"(v) : "memory");
}

static inline void clts(void)
{
    __asm__ __volatile__("clts" ::: "memory");
}

static inline uint64_t read_cr2(void)
{
    uint64_t v;

    __asm__ __volatile__("mov %%cr2, %0" : "=r"(v));
    return v;
}

static inline uint64_t read_cr3(void)
{
    uint64_t v;

    __asm__ __volatile__("mov %%cr3, %0" : "=r"(v));
    return v;
}

static inline void write_cr3(uint64_t v)
{
    __asm__ __volatile__("mov %0, %%cr3" :: "r"(v) : "memory");
}

static inline uint64_t read_cr4(void)
{
    uint64_t v;

    __asm__ __volatile__("mov %%cr4, %0" : "=r"(v));
    return v;
}

static inline void write_cr4(uint64_t v)
{
    __asm__ __volatile__("mov %0, %%cr4" :: "r"(v) : "memory");
}

static inline uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;

    __asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
    return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
    __asm__ __volatile__("wrmsr" :: "c"(msr), "a"((uint32_t)v),
                         "d"((uint32_t)(v >> 32)) : "memory");
}

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;

    __asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

static inline void cpuid_count(uint32_t leaf, uint32_t subleaf, uint32_t *a,
                               uint32_t *b, uint32_t *c, uint32_t *d)
{
    __asm__ __volatile__("cpuid"
                         : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
                         : "a"(leaf), "c"(subleaf));
}

static inline void local_irq_enable(void)
{
    __asm__ __volatile__("sti" ::: "memory");
}

static inline void local_irq_disable(void)
{
    __asm__ __volatile__("cli" ::: "memory");
}

static inline uint64_t local_save_flags(void)
{
    uint64_t f;

    __asm__ __volatile__("pushfq; popq %0" : "=r"(f) :: "memory");
    return f;
}

static inline void local_irq_restore(uint64_t flags)
{
    if ( flags & X86_EFLAGS_IF )
        local_irq_enable();
    else
        local_irq_disable();
}

static inline uint64_t local_irq_save(void)
{
    uint64_t f = local_save_flags();

    local_irq_disable();
    return f;
}

/* Waits for an interrupt with interrupts enabled, atomically (sti; hlt). */
static inline void safe_halt(void)
{
    __asm__ __volatile__("sti; hlt" ::: "memory");
}

static inline void halt(void)
{
    __asm__ __volatile__("hlt" ::: "memory");
}

static inline void cpu_relax(void)
{
    __asm__ __volatile__("pause" ::: "memory");
}

static inline void invlpg(const void *va)
{
    __asm__ __volatile__("invlpg (%0)" :: "r"(va) : "memory");
}

static inline uint64_t read_rbp(void)
{
    uint64_t v;

    __asm__ __volatile__("mov %%rbp, %0" : "=r"(v));
    return v;
}

#endif /* ASM_PROCESSOR_H */
