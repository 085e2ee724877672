/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Boot self-checks and fault injection for the boot tests.
 *
 * selftest_run() checks, at every boot, that the soft-timer path really
 * delivers an interrupt. The option "selftest_fault=<kind>" (ours; Xen has
 * no equivalent) then provokes a fault on purpose so tests can check the
 * fatal-trap path end to end: pagefault, ud2, divide, stack_overflow
 * (recursion into the guard page: #PF cannot be delivered, so #DF on its
 * IST stack), gp (a non-canonical access), nmi (self-NMI, which must be
 * survived), nmi_guest_gs (the same with a guest's GS base in GS_BASE, as
 * in the guest exit path: survived, the base restored), panic.
 */
#ifndef XENOLITH_SELFTEST_H
#define XENOLITH_SELFTEST_H

/* Context: boot, after time_init(), interrupts may be enabled inside. */
void selftest_run(void);

#endif /* XENOLITH_SELFTEST_H */
