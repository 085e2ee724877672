/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A fake calling guest for host tests of hypercall handlers: one domain
 * with one vCPU made `current`, and a guest address space of
 * FAKE_GUEST_PAGES pages at FAKE_GUEST_BASE, each unmapped, read-only or
 * writable. Tests link the real hv/arch/x86/mm/guest_access.c (its range
 * checks run as in the hypervisor); fake_guest.c supplies the
 * raw_copy_checked() under it, which faults on pages that are not mapped
 * (or not writable, for writes) as the exception table would.
 *
 * current: this_cpu() reads %gs:0, so fake_guest_reset() points the
 * process's GS base (arch_prctl) at a fake struct percpu whose
 * curr_vcpu is the fake vCPU. Nothing else in a host test uses GS.
 */
#ifndef TESTS_UNIT_FAKE_GUEST_H
#define TESTS_UNIT_FAKE_GUEST_H

#include <xenolith/domain.h>

/* In AddressSanitizer's shadow gap, so never a host pointer. */
#define FAKE_GUEST_BASE   0x010000000000UL
#define FAKE_GUEST_PAGES  16
#define FAKE_GUEST_SIZE   (FAKE_GUEST_PAGES * 4096UL)

/* Addresses every handler must refuse before touching memory. */
#define FAKE_ADDR_XEN          0xffff830000001000UL
#define FAKE_ADDR_NONCANONICAL 0x0000900000000000UL

extern struct domain fake_domain;

/*
 * Make a fresh domain (all fields zero but these) the current one and
 * unmap every guest page, filling it with 0x5a.
 */
void fake_guest_reset(domid_t domid, bool privileged);

/* Map the pages covering [va, va + len): writable or read-only. */
void fake_guest_map(uint64_t va, size_t len, bool writable);

/* The host address of guest byte va (mapped or not), to set up or check. */
void *fake_guest_ptr(uint64_t va);

/* Page n of the fake guest, as a guest address. */
static inline uint64_t fake_guest_page(unsigned int n)
{
    return FAKE_GUEST_BASE + n * 4096UL;
}

/*
 * Hypercall preemption (xenolith/hypercall.h): hypercall_preempt_check()
 * says yes from its fake_preempt_after-th call on (0: never); each
 * continuation is recorded here. fake_guest_reset() clears both.
 */
extern unsigned int fake_preempt_after;
struct fake_continuation {
    unsigned int made;                /* How many were created. */
    unsigned int op, nargs;
    unsigned long args[5];
};
extern struct fake_continuation fake_continuation;

#endif /* TESTS_UNIT_FAKE_GUEST_H */
