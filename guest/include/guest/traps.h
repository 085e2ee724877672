/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Exceptions in a PV guest kernel: the trap table given to
 * HYPERVISOR_set_trap_table (xen/include/public/arch-x86/xen.h, struct
 * trap_info), the record of the last exception, and exception-table
 * fixups for probes (guest/include/guest/probe.h).
 *
 * Every exception reaches guest_trap_dispatch() (from entry.S). One whose
 * rip is in the exception table resumes at the fixup with the packed fault
 * in rax; any other is printed and the kernel panics.
 */
#ifndef GUEST_TRAPS_H
#define GUEST_TRAPS_H

#include <guest/xen.h>
#include <guest/arch/frame.h>

/* The last exception delivered, whatever happened to it. */
struct guest_fault_record
{
    unsigned int vector;
    unsigned int error_code;     /* 0 for vectors without one. */
    uint64_t rip;                /* As Xen reported it in the frame. */
    uint64_t cs;                 /* The whole CS slot: selector in bits
                                    0-15 (RPL 0 for guest kernel mode),
                                    saved upcall mask in bits 32-39. */
    uint64_t cr2;                /* vcpu_info.arch.cr2 on entry (#PF). */
    unsigned long count;         /* Exceptions delivered so far. */
};

/*
 * Build the trap table from the stubs in entry.S and install it. Context:
 * boot. Panics if the hypervisor refuses it.
 */
void guest_traps_init(void);

/* The table guest_traps_init() installed, ending in a zero entry. */
const struct trap_info *guest_trap_table(void);

/* The record of the last exception (count 0: none yet). */
const struct guest_fault_record *guest_traps_last(void);

/* Short name of an exception vector ("GP", "PF"), "??" if unknown. */
const char *guest_vector_name(unsigned int vector);

/* Called by entry.S for every trap, event and failsafe callback. */
void guest_trap_dispatch(struct guest_frame *frame);

#endif /* GUEST_TRAPS_H */
