/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Start of day and end of life of a guest test kernel.
 *
 * guest_start() (from head.S) records start_info, maps shared_info, masks
 * events, installs the trap table and the event and failsafe callbacks,
 * then runs the test (test_run(), guest/include/guest/test.h), which ends
 * in guest_shutdown(). One vCPU: everything here is about vCPU 0.
 */
#ifndef GUEST_SETUP_H
#define GUEST_SETUP_H

#include <guest/xen.h>

/* Filled by guest_start() before anything else runs; never changed. */
extern start_info_t *guest_start_info;
extern shared_info_t *guest_shared_info;

static inline struct vcpu_info *guest_vcpu_info(void)
{
    return &guest_shared_info->vcpu_info[0];
}

/*
 * C entry, from head.S on the boot stack, with the start_info pointer the
 * domain builder left in rsi. Never returns.
 */
void guest_start(start_info_t *si) GUEST_NORETURN;

/*
 * Is word one of the space-separated words of start_info's command line?
 * Context: any, after guest_start().
 */
bool guest_cmdline_has(const char *word);

/*
 * Stay alive, blocked, until the domain is destroyed: what a test kernel
 * does after its verdict instead of powering off when its command line
 * has "linger" (a domU under a toolstack test). Never returns.
 */
void guest_linger(void) GUEST_NORETURN;

/*
 * SCHEDOP_shutdown with reason (SHUTDOWN_poweroff, SHUTDOWN_crash, ...;
 * xen/include/public/sched.h). Never returns: should the hypercall come
 * back, it reports so and yields forever.
 */
void guest_shutdown(unsigned int reason) GUEST_NORETURN;

/*
 * Print "PANIC <test>: <message>" and shut down with SHUTDOWN_crash. For
 * states the test kernel cannot go on from: the runner reports a crash
 * because no verdict line follows.
 */
void guest_panic(const char *fmt, ...) GUEST_NORETURN GUEST_PRINTF(1, 2);

#endif /* GUEST_SETUP_H */
