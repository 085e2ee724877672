/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A hypercall continuation for a PV64 vCPU (contract in
 * xenolith/hypercall.h; Xen 4.17's hypercall_create_continuation() in
 * xen/arch/x86/hypercall.c): the guest's rip goes back over its SYSCALL
 * (or INT 0x82; both two bytes) and the argument registers get the new
 * arguments, so returning to the guest re-issues the hypercall. The
 * handler returns op, which pv_hypercall() puts in rax: the number the
 * re-issued hypercall needs. Not for multicall entries (never preempted).
 */
#include <asm/pv.h>
#include <asm/traps.h>
#include <xenolith/hypercall.h>

long hypercall_create_continuation(unsigned int op, unsigned int nargs,
                                   const unsigned long *args)
{
    struct trap_frame *f = guest_regs();
    uint64_t *regs[HYPERCALL_MAX_ARGS] = { &f->rdi, &f->rsi, &f->rdx,
                                           &f->r10, &f->r8 };
    unsigned int i;

    for ( i = 0; i < nargs && i < HYPERCALL_MAX_ARGS; i++ )
        *regs[i] = args[i];
    f->rip -= 2;
    return op;
}
