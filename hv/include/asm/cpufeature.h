/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * CPU features, read once at boot by cpu_features_init() and queried by
 * name: cpu_has(X86_FEATURE_NX). A feature is its CPUID word and bit,
 * numbered word * 32 + bit as Xen and Linux do.
 */
#ifndef ASM_CPUFEATURE_H
#define ASM_CPUFEATURE_H

#include <xenolith/types.h>

enum cpuid_word {
    CPUID_1_EDX,
    CPUID_1_ECX,
    CPUID_7_0_EBX,
    CPUID_7_0_ECX,
    CPUID_7_0_EDX,
    CPUID_80000001_EDX,
    CPUID_80000001_ECX,
    CPUID_80000007_EDX,
    CPUID_D_1_EAX,
    NR_CPUID_WORDS
};

#define X86_FEATURE(word, bit) ((word) * 32 + (bit))

#define X86_FEATURE_FPU          X86_FEATURE(CPUID_1_EDX, 0)
#define X86_FEATURE_TSC          X86_FEATURE(CPUID_1_EDX, 4)
#define X86_FEATURE_MSR          X86_FEATURE(CPUID_1_EDX, 5)
#define X86_FEATURE_PAE          X86_FEATURE(CPUID_1_EDX, 6)
#define X86_FEATURE_APIC         X86_FEATURE(CPUID_1_EDX, 9)
#define X86_FEATURE_SEP          X86_FEATURE(CPUID_1_EDX, 11)
#define X86_FEATURE_PGE          X86_FEATURE(CPUID_1_EDX, 13)
#define X86_FEATURE_PAT          X86_FEATURE(CPUID_1_EDX, 16)
#define X86_FEATURE_FXSR         X86_FEATURE(CPUID_1_EDX, 24)
#define X86_FEATURE_SSE          X86_FEATURE(CPUID_1_EDX, 25)
#define X86_FEATURE_SSE2         X86_FEATURE(CPUID_1_EDX, 26)
#define X86_FEATURE_SSE3         X86_FEATURE(CPUID_1_ECX, 0)
#define X86_FEATURE_PCID         X86_FEATURE(CPUID_1_ECX, 17)
#define X86_FEATURE_X2APIC       X86_FEATURE(CPUID_1_ECX, 21)
#define X86_FEATURE_TSC_DEADLINE X86_FEATURE(CPUID_1_ECX, 24)
#define X86_FEATURE_XSAVE        X86_FEATURE(CPUID_1_ECX, 26)
#define X86_FEATURE_AVX          X86_FEATURE(CPUID_1_ECX, 28)
#define X86_FEATURE_HYPERVISOR   X86_FEATURE(CPUID_1_ECX, 31)
#define X86_FEATURE_FSGSBASE     X86_FEATURE(CPUID_7_0_EBX, 0)
#define X86_FEATURE_SMEP         X86_FEATURE(CPUID_7_0_EBX, 7)
#define X86_FEATURE_INVPCID      X86_FEATURE(CPUID_7_0_EBX, 10)
#define X86_FEATURE_SMAP         X86_FEATURE(CPUID_7_0_EBX, 20)
#define X86_FEATURE_UMIP         X86_FEATURE(CPUID_7_0_ECX, 2)
#define X86_FEATURE_SYSCALL      X86_FEATURE(CPUID_80000001_EDX, 11)
#define X86_FEATURE_NX           X86_FEATURE(CPUID_80000001_EDX, 20)
#define X86_FEATURE_PAGE1GB      X86_FEATURE(CPUID_80000001_EDX, 26)
#define X86_FEATURE_RDTSCP       X86_FEATURE(CPUID_80000001_EDX, 27)
#define X86_FEATURE_LM           X86_FEATURE(CPUID_80000001_EDX, 29)
#define X86_FEATURE_INVARIANT_TSC X86_FEATURE(CPUID_80000007_EDX, 8)
#define X86_FEATURE_XSAVEOPT     X86_FEATURE(CPUID_D_1_EAX, 0)

struct cpuinfo_x86 {
    char vendor[13];
    char brand[49];
    uint32_t max_leaf, max_ext_leaf;
    unsigned int family, model, stepping;
    unsigned int phys_addr_bits, virt_addr_bits;
    uint32_t words[NR_CPUID_WORDS];
};

extern struct cpuinfo_x86 boot_cpu_data;

static inline bool cpu_has(unsigned int feature)
{
    return boot_cpu_data.words[feature / 32] & (1u << (feature % 32));
}

/* Fill boot_cpu_data from CPUID. Context: boot, once. */
void cpu_features_init(void);
/* Print vendor, model and the named features that are present. */
void cpu_features_print(void);

#endif /* ASM_CPUFEATURE_H */
