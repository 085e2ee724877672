/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypercall table, generated from hypercalls.def, and its bounds-checked
 * dispatcher (life of a hypercall: xenolith/hypercall.h).
 */
#include <xenolith/console.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/hypercall.h>
#include <xenolith/param.h>

#define NR_HYPERCALLS 64

typedef long (*hypercall_fn)(unsigned long, unsigned long, unsigned long,
                             unsigned long, unsigned long);

static const hypercall_fn hypercall_table[NR_HYPERCALLS] = {
#define HYPERCALL(nr, name, nargs) [nr] = do_##name,
#include "hypercalls.def"
#undef HYPERCALL
};

/*
 * "hypercall_trace" (ours, a debugging aid): log every hypercall with its
 * arguments and result. Floods the console; never on by default.
 */
static bool opt_hypercall_trace;
boolean_param("hypercall_trace", opt_hypercall_trace);

bool hypercall_trace_enabled(void)
{
    return opt_hypercall_trace;
}

/* Unknown numbers are logged once each, so a guest cannot flood the log. */
static bool unknown_reported[NR_HYPERCALLS + 1];

long hypercall_call(unsigned long nr, const unsigned long args[HYPERCALL_MAX_ARGS],
                    bool nested)
{
    if ( nested && nr == __HYPERVISOR_multicall )
        return -EINVAL;                    /* Xen 4.17: nested multicall */
    current->hypercall_nested = nested;
    if ( !nested )
        current->hypercall_deadline = 0;
    if ( nr >= NR_HYPERCALLS || !hypercall_table[nr] )
    {
        unsigned int slot = nr < NR_HYPERCALLS ? nr : NR_HYPERCALLS;

        if ( !unknown_reported[slot] )
        {
            unknown_reported[slot] = true;
            printk(XENLOG_WARNING "d%u: unimplemented hypercall %lu -> -ENOSYS\n",
                   current->domain->domain_id, nr);
        }
        return -ENOSYS;
    }
    if ( opt_hypercall_trace )
    {
        long rc = hypercall_table[nr](args[0], args[1], args[2], args[3],
                                      args[4]);

        printk("d%u hypercall %lu (%#lx, %#lx, %#lx, %#lx, %#lx) = %ld\n",
               current->domain->domain_id, nr, args[0], args[1], args[2],
               args[3], args[4], rc);
        return rc;
    }
    return hypercall_table[nr](args[0], args[1], args[2], args[3], args[4]);
}
