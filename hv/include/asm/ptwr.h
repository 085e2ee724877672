/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Writable page tables (Xen's "ptwr"): a guest kernel's plain store to one
 * of its own validated L1 tables, which are mapped read-only, faults; the
 * hypervisor decodes the instruction, computes the new entry, validates it
 * like an mmu_update (pt_update_entry()) and completes the instruction as
 * the CPU would have. Linux relies on it (xen_set_pte_init,
 * ptep_get_and_clear's xchg, clear_bit's "lock and", test_and_clear_bit's
 * "lock btr"). As in Xen 4.17, only L1 tables, only writes that stay
 * within one entry, only from guest kernel mode; anything else keeps its
 * #PF for the guest.
 *
 * The decoder and the arithmetic are pure (ptwr_insn.c, unit-tested); the
 * fault glue is pv/ptwr.c.
 */
#ifndef ASM_PTWR_H
#define ASM_PTWR_H

#include <xenolith/types.h>

struct trap_frame;

enum ptwr_op {
    PTWR_MOV, PTWR_XCHG, PTWR_CMPXCHG,
    PTWR_ADD, PTWR_OR, PTWR_AND, PTWR_SUB, PTWR_XOR,
    PTWR_BTS, PTWR_BTR, PTWR_BTC,
};

/* A memory-destination instruction, as far as ptwr needs it. */
struct ptwr_insn {
    enum ptwr_op op;
    uint8_t len;             /* Bytes, prefixes included. */
    uint8_t width;           /* Operand bytes: 1, 2, 4 or 8. */
    bool has_imm;            /* Source is imm (else register reg). */
    bool byte_high_regs;     /* No REX: byte registers 4-7 are AH..BH. */
    uint8_t reg;             /* Source register (ModRM.reg, REX.R). */
    uint64_t imm;            /* Sign-extended to the operand width. */
};

/*
 * Decode the instruction at bytes[0..avail). Returns 0, or -EINVAL for
 * anything that is not one of the writes above with a memory destination
 * (register forms, string ops, REP, longer than 15 bytes, truncated).
 * Pure.
 */
int ptwr_decode(const uint8_t *bytes, unsigned int avail,
                struct ptwr_insn *insn);

/*
 * Carry insn out on a memory operand holding mem (width bytes, zero-
 * extended), with src the source value (register or immediate, already
 * truncated to width) and acc the accumulator (CMPXCHG). Sets *new_mem,
 * *reg_result (the value XCHG/CMPXCHG load into a register: src register
 * or the accumulator), *writes_reg and the arithmetic flags in *rflags
 * (CF PF AF ZF SF OF, as the CPU defines them; undefined ones cleared).
 * Returns whether memory is written (CMPXCHG that fails does not). Pure.
 */
bool ptwr_execute(const struct ptwr_insn *insn, uint64_t mem, uint64_t src,
                  uint64_t acc, uint64_t *new_mem, uint64_t *reg_result,
                  bool *writes_reg, uint64_t *rflags);

/*
 * Try to emulate the write that faulted with frame f (a #PF from guest
 * kernel mode at cr2). Returns true if done (the guest continues after
 * the instruction), false if the fault is the guest's. Context: the
 * faulting vCPU's trap path.
 */
bool pv_ptwr_emulate(struct trap_frame *f, uint64_t cr2);

#endif /* ASM_PTWR_H */
