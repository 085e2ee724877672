/* SPDX-License-Identifier: GPL-2.0-only */
/* Per-CPU areas (see asm/percpu.h). */
#include <asm/percpu.h>
#include <asm/processor.h>
#include <xenolith/string.h>

void percpu_init(struct percpu *pc, unsigned int cpu_id, uint64_t stack_bottom,
                 uint64_t stack_top, uint64_t ist_base)
{
    memset(pc, 0, sizeof(*pc));
    pc->self = pc;
    pc->cpu_id = cpu_id;
    pc->stack_bottom = stack_bottom;
    pc->stack_top = stack_top;
    pc->ist_base = ist_base;
    wrmsr(MSR_GS_BASE, (uint64_t)pc);
    wrmsr(MSR_SHADOW_GS_BASE, 0);
}
