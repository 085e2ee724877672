/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A PV guest's own segment descriptors: HYPERVISOR_set_gdt and
 * HYPERVISOR_update_descriptor (hv/arch/x86/pv/descriptors.c), and the
 * descriptor check both use (hv/arch/x86/pv/desc_check.c, pure, host
 * tested by tests/unit/test_desc_check.c).
 *
 * The check is Xen 4.17's check_descriptor() for a 64-bit PV domain
 * (xen/arch/x86/pv/descriptor-tables.c), which the guest kernel's ring 3
 * shapes: nothing a guest installs may give ring 0 or 1 to anyone.
 *  - Not present: accepted as is (loading it faults).
 *  - Code or data: accepted with the DPL raised to 3 (a "ring 0" segment
 *    is a ring 3 one); no base or limit checks.
 *  - System type 0 (the upper half of a 64-bit call gate): accepted as is.
 *  - 64-bit call gate: accepted only to a guest selector (index below
 *    0xe000 >> 3), to FLAT_KERNEL_CS or into the LDT, with reserved bits
 *    clear; its DPL becomes 0, so using it faults and can be emulated, and
 *    the original (raised) DPL is kept in the target selector's RPL.
 *  - Anything else (TSS, LDT, interrupt, trap, task gates): refused.
 */
#ifndef ASM_PV_DESC_H
#define ASM_PV_DESC_H

#include <xenolith/compiler.h>
#include <xenolith/types.h>

#define PV_GDT_MAX_FRAMES   14           /* FIRST_RESERVED_GDT_PAGE */
#define PV_GDT_MAX_ENTRIES  (PV_GDT_MAX_FRAMES * 512)
#define PV_DESC_PER_PAGE    512

struct vcpu;

/*
 * Check one descriptor as above, rewriting *desc with the fix-ups when it
 * is accepted. Returns false, leaving *desc alone, when it is refused.
 * Pure. Context: any.
 */
bool pv_desc_check(uint64_t *desc);

/*
 * Check a whole page of descriptors, as Xen validates a frame becoming a
 * descriptor page: every entry must pass. Entries before a refused one
 * keep their fix-ups (Xen does the same). Returns 0 or -EINVAL. Pure.
 */
int pv_desc_check_page(uint64_t desc[PV_DESC_PER_PAGE]);

/*
 * Map v's GDT frames into this CPU's GDT window (the 14 guest pages; pages
 * past the guest's frames show a read-only zero page, so a selector
 * beyond the guest's table reads a null descriptor and faults with #GP, as
 * on Xen) and flush their TLB entries. Context: v is about to run on this
 * CPU (set_gdt, later the context switch).
 */
void pv_gdt_load(const struct vcpu *v);

#endif /* ASM_PV_DESC_H */
