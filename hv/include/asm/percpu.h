/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-CPU data, reached through GS: in hypervisor mode GS_BASE points at
 * this CPU's struct percpu, whose first field points at itself, so
 * this_cpu() is one GS-relative load. (Guest entry paths will SWAPGS so the
 * guest's GS base never shows here.) Only the boot CPU runs today; SMP will
 * allocate one struct per CPU with percpu_init().
 */
#ifndef ASM_PERCPU_H
#define ASM_PERCPU_H

#ifndef __ASSEMBLY__
#include <asm/desc.h>
#include <xenolith/types.h>
#endif

/* Offsets used by entry/entry_pv.S (checked in percpu.c). */
#define PERCPU_SYSCALL_SCRATCH 8
#define PERCPU_STACK_TOP       16

#ifndef __ASSEMBLY__
struct sched_percpu;
struct timer_queue;
struct vcpu;

struct percpu {
    struct percpu *self;             /* Must stay first: read by this_cpu(). */
    uint64_t syscall_scratch;        /* Guest rsp during syscall entry. */
    uint64_t stack_top;              /* Top of the primary stack (TSS rsp0). */
    unsigned int cpu_id;
    uint32_t apic_id;
    uint64_t stack_bottom;
    uint64_t ist_base;               /* NR_IST pages of IST stacks. */
    struct tss64 tss;
    struct vcpu *curr_vcpu;          /* Running vCPU; NULL when idle. */
    uint64_t irq_count;              /* Interrupts taken on this CPU. */
    struct timer_queue *timers;      /* Soft timers set here (common/timer.c). */
    struct sched_percpu *sched;      /* Run queue (common/sched/core.c). */
    /*
     * Choose again before the next exit to a guest (Xen's
     * SCHEDULE_SOFTIRQ): set by the scheduler core, read on every exit.
     */
    bool reschedule;
    /*
     * What each guest page of this CPU's GDT window maps now (a vCPU's
     * GDT frame or the zero page), so a context switch remaps only the
     * pages that differ (pv/descriptors.c pv_gdt_load()).
     */
    mfn_t gdt_window[FIRST_RESERVED_GDT_PAGE];
};

static inline struct percpu *this_cpu(void)
{
    struct percpu *p;

    __asm__ __volatile__("mov %%gs:0, %0" : "=r"(p));
    return p;
}

static inline unsigned int smp_processor_id(void)
{
    return this_cpu()->cpu_id;
}

/*
 * Make pc this CPU's per-CPU area (writes GS_BASE). Context: boot, on the
 * CPU concerned, before anything uses this_cpu().
 */
void percpu_init(struct percpu *pc, unsigned int cpu_id, uint64_t stack_bottom,
                 uint64_t stack_top, uint64_t ist_base);

/*
 * Set CR0, CR4 (SMEP, PGE, FXSR) and XCR0 (xstate_init) for this CPU.
 * Context: boot, per CPU.
 */
void cpu_init_control_registers(void);

/* Program the SYSCALL MSRs to enter at entry_syscall. Context: boot, per CPU. */
void cpu_init_syscall(void);
#endif /* __ASSEMBLY__ */

#endif /* ASM_PERCPU_H */
