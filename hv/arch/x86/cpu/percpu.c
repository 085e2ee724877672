/* SPDX-License-Identifier: GPL-2.0-only */
/* Per-CPU areas (see asm/percpu.h). */
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <xenolith/string.h>

BUILD_BUG_ON(__builtin_offsetof(struct percpu, syscall_scratch) !=
             PERCPU_SYSCALL_SCRATCH);
BUILD_BUG_ON(__builtin_offsetof(struct percpu, stack_top) != PERCPU_STACK_TOP);

#define MSR_STAR   0xc0000081
#define MSR_LSTAR  0xc0000082
#define MSR_CSTAR  0xc0000083
#define MSR_SFMASK 0xc0000084

extern const char entry_syscall[], entry_syscall_compat[];

/* This CPU's initial APIC ID (CPUID leaf 1, EBX bits 24-31). */
static uint32_t cpu_initial_apic_id(void)
{
    uint32_t eax, ebx, ecx, edx;

    cpuid_count(1, 0, &eax, &ebx, &ecx, &edx);
    return ebx >> 24;
}

void percpu_init(struct percpu *pc, unsigned int cpu_id, uint64_t stack_bottom,
                 uint64_t stack_top, uint64_t ist_base)
{
    memset(pc, 0, sizeof(*pc));
    pc->self = pc;
    pc->cpu_id = cpu_id;
    pc->stack_bottom = stack_bottom;
    pc->stack_top = stack_top;
    pc->ist_base = ist_base;
    pc->apic_id = cpu_initial_apic_id();
    wrmsr(MSR_GS_BASE, (uint64_t)pc);
    wrmsr(MSR_SHADOW_GS_BASE, 0);
}

/*
 * SYSCALL enters at HYPERVISOR_CS with interrupts, single-step, direction,
 * alignment-check and nested-task flags cleared. STAR's return selector
 * base (0xe023) makes SYSRET's 64-bit CS 0xe033 and SS 0xe02b, the ABI's
 * FLAT_RING3 selectors (we return with IRET today, but keep it right).
 */
void cpu_init_syscall(void)
{
    wrmsr(MSR_STAR, ((uint64_t)RING3_CS32 << 48) |
                    ((uint64_t)HYPERVISOR_CS << 32));
    wrmsr(MSR_LSTAR, (uint64_t)entry_syscall);
    wrmsr(MSR_CSTAR, (uint64_t)entry_syscall_compat);
    wrmsr(MSR_SFMASK, 0x47700);      /* AC, NT, DF, IF, TF */
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}
