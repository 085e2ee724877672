/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hypercall dispatch. The list lives in hv/common/hypercall/hypercalls.def.
 *
 * Life of a hypercall (PV64): the guest kernel calls into its hypercall
 * page, whose stub loads the number into rax and executes SYSCALL (or
 * INT 0x82); entry_syscall builds a trap frame on this CPU's stack;
 * trap_dispatch() sends it to pv_hypercall(), which refuses calls from
 * guest user mode, takes arguments from rdi, rsi, rdx, r10, r8 and calls
 * hypercall_call(); the handler validates, acts, copies results out through
 * guest_access.h; the return value goes to the frame's rax and
 * return_to_guest() IRETs to the instruction after SYSCALL.
 */
#ifndef XENOLITH_HYPERCALL_H
#define XENOLITH_HYPERCALL_H

#include <xenolith/types.h>
#include <xen/xen.h>
#include <public/xenolith_debug.h>

#define HYPERCALL_MAX_ARGS 5

#define HYPERCALL(nr, name, nargs)                                          \
    long do_##name(unsigned long a1, unsigned long a2, unsigned long a3,    \
                   unsigned long a4, unsigned long a5);
#include "../../common/hypercall/hypercalls.def"
#undef HYPERCALL

/*
 * Run hypercall nr with args for the current vCPU. nested is true inside a
 * multicall, where multicall itself is refused with -EINVAL (iret is not in
 * the table, so it gets -ENOSYS there).
 * Unknown numbers: -ENOSYS, logged once per number. Context: hypercall.
 */
long hypercall_call(unsigned long nr, const unsigned long args[HYPERCALL_MAX_ARGS],
                    bool nested);

/*
 * Preemption of long hypercalls (hypercall/preempt.c). A handler working
 * through a guest's batch calls hypercall_preempt_check() between items
 * (never before the first, so each call makes progress); when it says so,
 * the handler records its progress where the guest can see it (Xen's
 * protocols: *pdone and MMU_UPDATE_PREEMPTED, nr_exchanged, start_extent)
 * and returns hypercall_create_continuation(): the vCPU then re-enters the
 * same hypercall with the arguments given, after any pending events and
 * interrupts have been taken. A hypercall may run at most
 * HYPERCALL_SLICE_NS before its next check says yes. Inside a multicall
 * the check always says no (the multicall is the batch).
 * Context: hypercall, the calling vCPU.
 */
#define HYPERCALL_SLICE_NS 1000000ULL
bool hypercall_preempt_check(void);
long hypercall_create_continuation(unsigned int op, unsigned int nargs,
                                   const unsigned long *args);

/* Is "hypercall_trace" on? (Guest exceptions are traced with it too.) */
bool hypercall_trace_enabled(void);

#endif /* XENOLITH_HYPERCALL_H */
