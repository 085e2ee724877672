/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The page-fault side of writable page tables (contract in asm/ptwr.h;
 * Xen 4.17's ptwr_do_page_fault() and ptwr_emulated_update(),
 * xen/arch/x86/pv/ro-page-fault.c). The entry the guest wanted to write
 * goes through pt_update_entry(), so it is validated and its references
 * move exactly as for an mmu_update of the same entry.
 */
#include <asm/guest_pt.h>
#include <asm/insn.h>
#include <asm/page.h>
#include <asm/ptwr.h>
#include <asm/pv.h>
#include <asm/traps.h>
#include <xenolith/domain.h>
#include <xenolith/mm.h>
#include <xenolith/page_ref.h>
#include "emul.h"

#define PFEC_PRESENT  (1UL << 0)
#define PFEC_WRITE    (1UL << 1)
#define PFEC_RESERVED (1UL << 3)
#define PFEC_FETCH    (1UL << 4)

#define EFLAGS_ARITH  0x8d5UL      /* CF PF AF ZF SF OF */

static uint64_t read_reg(struct trap_frame *f, const struct ptwr_insn *insn,
                         unsigned int reg)
{
    if ( insn->width == 1 && insn->byte_high_regs && reg >= 4 && reg < 8 )
        return (*emul_gpr(f, reg - 4) >> 8) & 0xff;
    return *emul_gpr(f, reg);
}

/* A register write of width bytes, as the CPU does it (32-bit zero-extends). */
static void write_reg(struct trap_frame *f, const struct ptwr_insn *insn,
                      unsigned int reg, uint64_t val)
{
    uint64_t *r;

    if ( insn->width == 1 && insn->byte_high_regs && reg >= 4 && reg < 8 )
    {
        r = emul_gpr(f, reg - 4);
        *r = (*r & ~0xff00ULL) | ((val & 0xff) << 8);
        return;
    }
    r = emul_gpr(f, reg);
    switch ( insn->width )
    {
    case 1: *r = (*r & ~0xffULL) | (val & 0xff); break;
    case 2: *r = (*r & ~0xffffULL) | (val & 0xffff); break;
    case 4: *r = val & 0xffffffffULL; break;
    default: *r = val; break;
    }
}

/*
 * The validated L1 of v's domain that cr2's own mapping points at, if
 * that mapping is present and read-only; a general reference taken.
 */
static struct page_info *written_l1(struct vcpu *v, uint64_t cr2)
{
    struct page_info *l1 = pv_guest_l1_table(pv_current_l4(v), cr2);
    const uint64_t *t;
    uint64_t pte;
    mfn_t mfn;
    struct page_info *pg;

    if ( !l1 )
        return NULL;
    t = maddr_to_virt(mfn_to_maddr(page_to_mfn(l1)));
    pte = __atomic_load_n(&t[PT_INDEX(cr2, L1_SHIFT)], __ATOMIC_ACQUIRE);
    if ( (pte & (_PAGE_PRESENT | _PAGE_RW)) != _PAGE_PRESENT )
        return NULL;
    mfn = maddr_to_mfn(pte & PTE_ADDR_MASK);
    if ( !mfn_valid(mfn) )
        return NULL;
    pg = mfn_to_page(mfn);
    if ( !get_page(pg, v->domain) )
        return NULL;
    if ( (__atomic_load_n(&pg->type_info, __ATOMIC_ACQUIRE) &
          (PGT_TYPE_MASK | PGT_VALIDATED)) !=
         (PGT_L1_PAGE_TABLE | PGT_VALIDATED) )
    {
        put_page(pg);
        return NULL;
    }
    return pg;
}

static bool emulate_on(struct trap_frame *f, struct vcpu *v,
                       struct page_info *pg, uint64_t cr2)
{
    uint8_t bytes[INSN_MAX_LEN];
    enum insn_fetch_stop stop;
    unsigned int got = pv_insn_fetch(f->rip, bytes, INSN_MAX_LEN, &stop);
    unsigned int offset = cr2 & 7, index = (cr2 & (PAGE_SIZE - 1)) >> 3;
    const uint64_t *t = maddr_to_virt(mfn_to_maddr(page_to_mfn(pg)));
    uint64_t old, mem, src, mask, new_mem, reg_result = 0, flags;
    struct ptwr_insn insn;
    bool writes_reg;

    if ( ptwr_decode(bytes, got, &insn) || offset + insn.width > 8 )
        return false;
    mask = insn.width == 8 ? ~0ULL : (1ULL << (8 * insn.width)) - 1;
    old = __atomic_load_n(&t[index], __ATOMIC_ACQUIRE);
    mem = (old >> (8 * offset)) & mask;
    src = insn.has_imm ? insn.imm : read_reg(f, &insn, insn.reg);
    flags = f->rflags;
    if ( ptwr_execute(&insn, mem, src, f->rax, &new_mem, &reg_result,
                      &writes_reg, &flags) )
    {
        uint64_t new_entry = (old & ~(mask << (8 * offset))) |
                             (new_mem << (8 * offset));

        if ( pt_update_entry(v, pg, 1, index, new_entry, false, v->domain) )
            return false;
    }
    if ( writes_reg )
        write_reg(f, &insn, insn.op == PTWR_CMPXCHG ? 0 : insn.reg,
                  reg_result);
    f->rflags = (f->rflags & ~EFLAGS_ARITH) | (flags & EFLAGS_ARITH);
    f->rip += insn.len;
    return true;
}

bool pv_ptwr_emulate(struct trap_frame *f, uint64_t cr2)
{
    struct vcpu *v = current;
    struct page_info *pg;
    bool done;

    if ( !v->arch.kernel_mode ||
         (f->error_code & (PFEC_PRESENT | PFEC_WRITE | PFEC_RESERVED |
                           PFEC_FETCH)) != (PFEC_PRESENT | PFEC_WRITE) )
        return false;
    pg = written_l1(v, cr2);
    if ( !pg )
        return false;
    done = emulate_on(f, v, pg, cr2);
    put_page(pg);
    return done;
}
