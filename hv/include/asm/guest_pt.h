/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest page tables: what an entry of a validated L1..L4 may hold, the
 * references it takes, and changing one entry (Xen 4.17's get_page_from_l*e,
 * promote/demote of tables and mod_l*_entry, xen/arch/x86/mm.c).
 *
 * A present entry holds references on what it maps:
 *  - an L1 entry: a general reference on the frame, and a writable-type
 *    reference if it maps it writable. The frame must be the page-table
 *    owner's (or, for a privileged domain, I/O memory, which holds none);
 *  - an L2/L3/L4 entry: a general and an L1/L2/L3 type reference on the
 *    table it points to (validating it if it was not one), or, read-only,
 *    a "linear" entry to a validated table of its own level (pt_linear.c);
 *    an entry pointing at its own table holds nothing.
 * No superpages (Xen 4.17 refuses PSE for PV guests), no bits outside Xen's
 * lists, nothing in the hypervisor's L4 slots (an L4 gets them filled in by
 * us). Present entries are stored adjusted for the PV64 model: _PAGE_USER
 * set (guest kernels run in ring 3) and, in L1s, _PAGE_GLOBAL clear (guest
 * translations must go with a CR3 write; asm/flush.h).
 *
 * Context: the calling vCPU's hypercall or fault; frames change only with
 * the references described in xenolith/page_ref.h.
 */
#ifndef ASM_GUEST_PT_H
#define ASM_GUEST_PT_H

#include <xenolith/frame_table.h>
#include <xenolith/types.h>

struct domain;
struct vcpu;

#define PT_AVAIL_LOW   (7ULL << 9)       /* Bits 9-11: the guest's own. */
#define PT_AVAIL_HIGH  (0x7ffULL << 52)  /* Bits 52-62: the guest's own. */
#define PT_PAT_L1      (1ULL << 7)

/* The level (1..4) of a page-table type, or 0 for any other type. */
unsigned int pt_level_of_type(uint64_t type);
/* The type (PGT_L1..L4_PAGE_TABLE) of a level 1..4. */
uint64_t pt_type_of_level(unsigned int level);

/*
 * References for a new L1 entry of a table owned by d, mapping a frame
 * that must be pg_owner's (d itself unless a privileged domain maps
 * another's). Returns 0 (references taken, or none needed),
 * PT_L1E_CLEAR_RW (allowed, but only read-only: the caller clears the
 * bit; device registers the hypervisor drives), -EINVAL (bad flags, the
 * all-ones frame), -EPERM (I/O memory not permitted, or beyond the
 * machine's address width), -EBUSY (a frame not pg_owner's, or not
 * mappable writable), as Xen 4.17's get_page_from_l1e.
 */
#define PT_L1E_CLEAR_RW 1
int pt_get_l1e(uint64_t l1e, struct domain *d, struct domain *pg_owner);
void pt_put_l1e(uint64_t l1e);

/* An entry as stored: the PV64 adjustments above. */
uint64_t pt_adjust_entry(uint64_t e, unsigned int level);

/* Validate / unvalidate a table (page_type_validate's part for L1..L4). */
int pt_validate_table(struct page_info *pg, unsigned int level);
void pt_invalidate_table(struct page_info *pg, unsigned int level);

/*
 * Set entry index of the validated table pg (level 1..4, owned by v's
 * domain, the caller holding a general reference) to new_entry, moving the
 * references; with preserve_ad, the A/D bits the CPU set meanwhile stay.
 * pg_owner: whose frames an L1 entry may map (see pt_get_l1e). Returns 0
 * or Xen's error (mod_l1_entry .. mod_l4_entry).
 */
int pt_update_entry(struct vcpu *v, struct page_info *pg, unsigned int level,
                    unsigned int index, uint64_t new_entry, bool preserve_ad,
                    struct domain *pg_owner);

/* Is slot an L4 slot a guest may use (not the hypervisor's)? */
bool pt_is_guest_l4_slot(unsigned int slot);

/*
 * Linear page tables (pt_linear.c): a read-only entry of level 2..4 in
 * table that names a table of the same level, as Xen 4.17 allows by
 * default (pv-linear-pt): the entry's own table costs nothing; another
 * must be validated already, and a table with linear entries may not
 * itself be used as a linear table (one level of indirection only).
 * pt_get_linear() returns 0 with a general and a type reference taken on
 * the target, or -EINVAL; pt_put_linear() drops the type reference and
 * the bookkeeping, the caller the general reference.
 */
int pt_get_linear(uint64_t e, unsigned int level, struct page_info *table,
                  struct domain *d);
void pt_put_linear(struct page_info *target, struct page_info *table);

/*
 * Preemptible validation (pt_prevalidate.c). Validating a table of level
 * 2..4 validates every table below it that is not one yet, which a guest
 * can make arbitrarily long. Before an operation takes such a type
 * reference, it calls pt_prevalidate_table() (for a table it is about to
 * pin or load) or pt_prevalidate_entry() (for a new L2..L4 entry): every
 * unvalidated table below is validated bottom-up, each held by a
 * temporary general and type reference on the vCPU's held list, with a
 * preemption check after each; -ERESTART means "continue the hypercall
 * later", with the work done kept. The operation's own validation then
 * finds every lower table validated and costs one pass over one table.
 * When an operation is preempted that way, pt_held_keep() marks the held
 * tables as its progress, for its continuation. When an operation ends,
 * pt_held_release() drops the temporary references, for as long as the
 * hypercall may run; what is left is dropped by pt_held_drain() at the
 * start of the vCPU's next MMU hypercall (unless that is the preempted
 * operation coming back; deferred drops, below, always go), which may
 * itself be preempted (-ERESTART): so a
 * vCPU holds tables only while an operation of its own needs them.
 * Context: hypercall, the calling
 * vCPU; a multicall entry is never preempted, so there everything runs to
 * its end.
 */
#define PT_ERESTART (-85)             /* Xen's ERESTART: internal only. */
/*
 * Undoing validations is preemptible the same way: while an MMU hypercall
 * runs (pt_defer_begin() .. pt_defer_end()), dropping a table entry's
 * reference on a lower table is deferred onto the vCPU's stack
 * (pt_defer_put()) instead of recursing into that table's own entries;
 * pt_defer_end() then drops them one table at a time, with a preemption
 * check after each (each table dropped may defer its own lower tables).
 * What is left is dropped by pt_held_drain() at the start of the vCPU's
 * next MMU hypercall. Depth-first order bounds the stack at three tables'
 * worth of entries (PT_DEFER_MAX); beyond that, or outside an MMU
 * hypercall, references are dropped at once.
 */
#define PT_DEFER_MAX (3 * PT_ENTRIES)
bool pt_defer_put(struct page_info *lower);
void pt_defer_begin(struct vcpu *v);
void pt_defer_end(struct vcpu *v);
int pt_prevalidate_table(struct vcpu *v, mfn_t mfn, unsigned int level);
int pt_prevalidate_entry(struct vcpu *v, uint64_t entry, unsigned int level,
                         struct page_info *table);
void pt_held_keep(struct vcpu *v);
void pt_held_release(struct vcpu *v);
int pt_held_drain(struct vcpu *v);

/*
 * Give back every frame of the dying domain d (mm/relinquish.c): the
 * vCPUs' table references, pins, page-table validations (by force, which
 * breaks circular references) and allocation references. Afterwards d
 * owns no frame unless something outside it still holds one (another
 * domain's foreign mapping), which frees it when it lets go. Returns 0
 * when done, or PT_ERESTART when it stopped to let the caller preempt
 * (hypercall_preempt_check()): call it again, progress is kept in d.
 * Context: d's vCPUs will never run again and d gets no new frames
 * (is_dying); the caller is another domain's hypercall.
 */
int __must_check domain_relinquish_memory(struct domain *d);

#endif /* ASM_GUEST_PT_H */
