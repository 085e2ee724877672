/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The boot CPU's CPUID words, read once. The PV CPUID policy (what guests
 * see, pv/cpuid_guest.c) reads the whole leaves it is derived from itself.
 */
#include <asm/cpufeature.h>
#include <asm/processor.h>
#include <xenolith/console.h>
#include <xenolith/lib.h>
#include <xenolith/string.h>

struct cpuinfo_x86 boot_cpu_data;

static const struct {
    unsigned int feature;
    const char *name;
} feature_names[] = {
    { X86_FEATURE_FPU, "fpu" },       { X86_FEATURE_TSC, "tsc" },
    { X86_FEATURE_MSR, "msr" },       { X86_FEATURE_PAE, "pae" },
    { X86_FEATURE_APIC, "apic" },     { X86_FEATURE_SEP, "sep" },
    { X86_FEATURE_PGE, "pge" },       { X86_FEATURE_PAT, "pat" },
    { X86_FEATURE_FXSR, "fxsr" },     { X86_FEATURE_SSE, "sse" },
    { X86_FEATURE_SSE2, "sse2" },     { X86_FEATURE_SSE3, "sse3" },
    { X86_FEATURE_PCID, "pcid" },     { X86_FEATURE_X2APIC, "x2apic" },
    { X86_FEATURE_TSC_DEADLINE, "tsc-deadline" },
    { X86_FEATURE_XSAVE, "xsave" },   { X86_FEATURE_AVX, "avx" },
    { X86_FEATURE_HYPERVISOR, "hypervisor" },
    { X86_FEATURE_FSGSBASE, "fsgsbase" }, { X86_FEATURE_SMEP, "smep" },
    { X86_FEATURE_INVPCID, "invpcid" }, { X86_FEATURE_SMAP, "smap" },
    { X86_FEATURE_UMIP, "umip" },     { X86_FEATURE_SYSCALL, "syscall" },
    { X86_FEATURE_NX, "nx" },         { X86_FEATURE_PAGE1GB, "page1gb" },
    { X86_FEATURE_RDTSCP, "rdtscp" }, { X86_FEATURE_LM, "lm" },
    { X86_FEATURE_INVARIANT_TSC, "invariant-tsc" },
    { X86_FEATURE_XSAVEOPT, "xsaveopt" },
};

static void read_leaf(uint32_t leaf, uint32_t sub, uint32_t *a, uint32_t *b,
                      uint32_t *c, uint32_t *d)
{
    *a = *b = *c = *d = 0;
    if ( (leaf < 0x80000000 && leaf <= boot_cpu_data.max_leaf) ||
         (leaf >= 0x80000000 && leaf <= boot_cpu_data.max_ext_leaf) )
        cpuid_count(leaf, sub, a, b, c, d);
}

static void read_brand(struct cpuinfo_x86 *c)
{
    uint32_t regs[12];
    unsigned int i;

    if ( c->max_ext_leaf < 0x80000004 )
        return;
    for ( i = 0; i < 3; i++ )
        cpuid_count(0x80000002 + i, 0, &regs[i * 4], &regs[i * 4 + 1],
                    &regs[i * 4 + 2], &regs[i * 4 + 3]);
    memcpy(c->brand, regs, 48);
    c->brand[48] = '\0';
}

void cpu_features_init(void)
{
    struct cpuinfo_x86 *c = &boot_cpu_data;
    uint32_t a, b, cx, d, unused;

    cpuid_count(0, 0, &c->max_leaf, &b, &cx, &d);
    memcpy(c->vendor + 0, &b, 4);
    memcpy(c->vendor + 4, &d, 4);
    memcpy(c->vendor + 8, &cx, 4);
    c->vendor[12] = '\0';
    cpuid_count(0x80000000, 0, &c->max_ext_leaf, &b, &cx, &d);

    read_leaf(1, 0, &a, &b, &c->words[CPUID_1_ECX], &c->words[CPUID_1_EDX]);
    c->family = (a >> 8) & 0xf;
    c->model = (a >> 4) & 0xf;
    if ( c->family == 0xf )
        c->family += (a >> 20) & 0xff;
    if ( c->family >= 6 )
        c->model |= ((a >> 16) & 0xf) << 4;
    c->stepping = a & 0xf;

    read_leaf(7, 0, &unused, &c->words[CPUID_7_0_EBX], &c->words[CPUID_7_0_ECX],
              &c->words[CPUID_7_0_EDX]);
    read_leaf(0xd, 1, &c->words[CPUID_D_1_EAX], &unused, &unused, &unused);
    read_leaf(0x80000001, 0, &unused, &unused, &c->words[CPUID_80000001_ECX],
              &c->words[CPUID_80000001_EDX]);
    read_leaf(0x80000007, 0, &unused, &unused, &unused,
              &c->words[CPUID_80000007_EDX]);
    read_leaf(0x80000008, 0, &a, &unused, &unused, &unused);
    c->phys_addr_bits = a ? (a & 0xff) : 36;
    c->virt_addr_bits = a ? ((a >> 8) & 0xff) : 48;
    read_brand(c);
}

void cpu_features_print(void)
{
    const struct cpuinfo_x86 *c = &boot_cpu_data;
    char line[400] = "";
    size_t i, len = 0;

    printk("CPU: %s family %u model %u stepping %u: %s\n", c->vendor,
           c->family, c->model, c->stepping, c->brand[0] ? c->brand : "?");
    printk("CPU: %u physical, %u virtual address bits\n", c->phys_addr_bits,
           c->virt_addr_bits);
    for ( i = 0; i < ARRAY_SIZE(feature_names) && len < sizeof(line); i++ )
        if ( cpu_has(feature_names[i].feature) )
            len += snprintf(line + len, sizeof(line) - len, " %s",
                            feature_names[i].name);
    printk("CPU features:%s\n", line);
}
