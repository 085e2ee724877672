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
#include <xen/xen.h>

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

/*
 * set_gdt for v, running or not (Xen's pv_set_gdt(); setvcpucontext):
 * frames[0, DIV_ROUND_UP(entries, 512)) become v's GDT, each typed as a
 * descriptor page of v's domain; the old table's references go. Returns
 * 0, or -EINVAL (entries above PV_GDT_MAX_ENTRIES, a frame that cannot be
 * a descriptor page of the domain), the old table left in place.
 * pv_gdt_release(): v has no GDT any more (v not running, or the caller
 * remaps the window). Context: hypercall.
 */
int __must_check pv_gdt_set(struct vcpu *v, const xen_ulong_t *frames,
                            unsigned int entries);
void pv_gdt_release(struct vcpu *v);

/*
 * The LDT (MMUEXT_SET_LDT; Xen 4.17's pv_map_ldt_shadow_page() and
 * pv_destroy_ldt(), xen/arch/x86/pv/mm.c and domain.c; pv/ldt.c). The
 * guest names a linear address and a number of entries (8192 at most);
 * its pages are mapped lazily into this CPU's shadow LDT window (the
 * second half of its GDT window), each typed as a descriptor page of the
 * guest's, when the CPU first reads a descriptor there and faults. A page
 * that cannot be (not mapped by the guest's kernel page tables, not its
 * own, in use otherwise, a bad descriptor) gets the guest a #PF at the
 * LDT's linear address, as Xen does. The mappings and their references
 * last until the LDT changes.
 *
 * The window is per CPU: the context switch unmaps the pages of the vCPU
 * leaving and maps those of the one arriving; each vCPU keeps its
 * references (ldt_frames) while it is off the CPU.
 */
#define PV_LDT_MAX_ENTRIES 8192
#define PV_LDT_MAX_FRAMES  (PV_LDT_MAX_ENTRIES * 8 / 4096)

struct trap_frame;

/* MMUEXT_SET_LDT for v (arguments checked by the caller, Xen's rules). */
void pv_set_ldt(struct vcpu *v, uint64_t base, unsigned int ents);
/* Load v's LDT (descriptor and LDTR) on this CPU. */
void pv_ldt_load(const struct vcpu *v);
/*
 * Context switch: unmap v's shadow pages from this CPU's window (v
 * leaving), or map them and load its LDT (v arriving). Interrupts off.
 */
void pv_ldt_switch_out(const struct vcpu *v);
void pv_ldt_switch_in(const struct vcpu *v);
/* Forget v's LDT and drop its pages' references. v is not running. */
void pv_ldt_release(struct vcpu *v);
/*
 * A #PF from guest mode at cr2 (error code ec): if cr2 is in this CPU's
 * shadow LDT window, map the page the CPU wanted (the instruction is then
 * retried) or give the guest Xen's #PF or #GP, and return true; false if
 * cr2 is elsewhere.
 */
bool pv_ldt_fault(struct trap_frame *f, uint64_t cr2, uint64_t ec);

#endif /* ASM_PV_DESC_H */
