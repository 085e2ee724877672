/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * HYPERVISOR_multicall(call_list, nr_calls): a batch of hypercalls in one
 * entry to the hypervisor.
 *
 * Semantics are Xen 4.17's do_multicall() (xen/common/multicall.c) over
 * struct multicall_entry (xen/include/public/xen.h). Each entry is copied
 * in, run through the same table as a direct hypercall (hypercall_call()
 * with nested set, which refuses a multicall inside a multicall with
 * -EINVAL), and its return value is written back to that entry's result,
 * the only field the ABI defines afterwards. The first entry that cannot be
 * read, or whose result cannot be written, ends the batch with -EFAULT;
 * the entries before it have run. Otherwise the multicall returns 0,
 * whatever the entries returned.
 */
#include <xenolith/errno.h>
#include <xenolith/guest_access.h>
#include <xenolith/hypercall.h>

BUILD_BUG_ON(HYPERCALL_MAX_ARGS > ARRAY_SIZE(((multicall_entry_t *)0)->args));

/* Run one entry; -EFAULT if it cannot be read or its result written. */
static int multicall_run_entry(uint64_t entry)
{
    multicall_entry_t call;
    unsigned long args[HYPERCALL_MAX_ARGS];
    unsigned int i;

    if ( copy_from_guest(&call, entry, sizeof(call)) )
        return -EFAULT;
    for ( i = 0; i < HYPERCALL_MAX_ARGS; i++ )
        args[i] = call.args[i];
    call.result = hypercall_call(call.op, args, true);
    return copy_to_guest(entry + offsetof(multicall_entry_t, result),
                         &call.result, sizeof(call.result));
}

long do_multicall(unsigned long a1, unsigned long a2, unsigned long a3,
                  unsigned long a4, unsigned long a5)
{
    uint64_t call_list = a1;
    /* Xen 4.17 takes nr_calls as uint32_t: the upper half is ignored. */
    uint32_t nr_calls = (uint32_t)a2, i;

    /*
     * Xen 4.17 checks where the list starts (guest_handle_okay()) before
     * the loop, even for no entries: our range or a non-canonical start is
     * -EFAULT, a merely unmapped one is found only by reading it.
     */
    if ( !guest_range_ok(call_list, 1) )
        return -EFAULT;

    /*
     * TODO(#3): Xen checks for preemption between entries and continues
     * the batch later; until continuations exist every entry runs now.
     * A huge nr_calls over a bad list stops at the first entry.
     */
    for ( i = 0; i < nr_calls; i++ )
    {
        if ( multicall_run_entry(call_list +
                                 (uint64_t)i * sizeof(multicall_entry_t)) )
            return -EFAULT;
    }
    return 0;
}
