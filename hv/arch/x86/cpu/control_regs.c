/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The control-register settings every CPU runs the hypervisor with.
 * SMEP: guest kernels run in ring 3, so all guest memory is user memory;
 * the hypervisor must never execute it, whatever a guest maps there.
 * SMAP waits for the guest-copy routines (issue 3), which must bracket
 * their accesses with STAC/CLAC. FXSAVE/SSE and, where the CPU has it,
 * XSAVE are enabled for guests' use (cpu/xstate.c); the hypervisor
 * itself never touches that state.
 */
#include <asm/cpufeature.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/xstate.h>
#include <xenolith/console.h>

void cpu_init_control_registers(void)
{
    uint64_t cr4 = read_cr4();

    cr4 |= X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT;
    if ( cpu_has(X86_FEATURE_PGE) )
        cr4 |= X86_CR4_PGE;
    if ( cpu_has(X86_FEATURE_SMEP) )
        cr4 |= X86_CR4_SMEP;
    write_cr4(cr4);
    printk("CPU: CR4 %#lx (SMEP %s)\n", cr4,
           (cr4 & X86_CR4_SMEP) ? "on" : "not available");
    xstate_init();
}
