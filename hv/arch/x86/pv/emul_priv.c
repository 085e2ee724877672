/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Privileged-instruction emulation for PV guests: the entry point called
 * by pv_trap() before a #GP(0) or #UD is bounced (contract in asm/pv.h).
 *
 * A 64-bit PV guest kernel runs in ring 3, so every privileged instruction
 * it executes faults. Xen 4.17 emulates the ones PV kernels rely on
 * (xen/arch/x86/pv/emul-priv-op.c, pv/emul-inv-op.c) and so do we:
 * - #UD: the forced-emulation prefix `ud2; .ascii "xen"; cpuid`, CPUID
 *   answered from the PV policy (Linux's xen_cpuid());
 * - #GP(0): port I/O under the virtual IOPL (emul_io.c), CLI/STI (ignored
 *   when the IOPL allows them, as Xen does), and in guest kernel mode only
 *   CLTS, WBINVD, MOV to/from CR and DR (emul_regs.c), RDMSR/WRMSR
 *   (emul_msr.c), and RDTSC/RDTSCP once the guest set CR4.TSD; XSETBV
 *   (emul_xsetbv.c) in either mode, for its #UD.
 * The instruction is fetched from the guest (insn_fetch.c) and decoded
 * (insn_decode.c); anything else, or a decoding the CPU would refuse,
 * leaves the fault as it was, which is what Xen's emulator then injects
 * too. An emulated instruction advances rip, clears RF and, under TF,
 * raises the single-step #DB (Xen's pv_emul_instruction_done).
 */
#include <asm/processor.h>
#include <asm/pv.h>
#include <xenolith/domain.h>
#include <xenolith/hypercall.h>
#include <xenolith/string.h>
#include "emul.h"

#define X86_EFLAGS_TF  (1UL << 8)
#define X86_EFLAGS_RF  (1UL << 16)
#define DR6_BS         (1UL << 14)

/* ud2; .ascii "xen" (XEN_EMULATE_PREFIX), then the one instruction: cpuid. */
static const uint8_t forced_prefix[5] = { 0x0f, 0x0b, 'x', 'e', 'n' };
static const uint8_t forced_cpuid[2] = { 0x0f, 0xa2 };

static const uint8_t gpr_offsets[16] = {
    offsetof(struct trap_frame, rax), offsetof(struct trap_frame, rcx),
    offsetof(struct trap_frame, rdx), offsetof(struct trap_frame, rbx),
    offsetof(struct trap_frame, rsp), offsetof(struct trap_frame, rbp),
    offsetof(struct trap_frame, rsi), offsetof(struct trap_frame, rdi),
    offsetof(struct trap_frame, r8),  offsetof(struct trap_frame, r9),
    offsetof(struct trap_frame, r10), offsetof(struct trap_frame, r11),
    offsetof(struct trap_frame, r12), offsetof(struct trap_frame, r13),
    offsetof(struct trap_frame, r14), offsetof(struct trap_frame, r15),
};

uint64_t *emul_gpr(struct trap_frame *f, unsigned int n)
{
    return (uint64_t *)((char *)f + gpr_offsets[n & 15]);
}

static enum emul_result inject(struct trap_frame *f, unsigned int vector)
{
    if ( pv_inject_exception(f, vector, 0) )
        domain_crash(current->domain, "cannot deliver exception %u after "
                     "emulating at %016lx", vector, f->rip);
    return EMUL_INJECTED;
}

enum emul_result emul_inject_gp(struct trap_frame *f)
{
    return inject(f, TRAP_GP);
}

enum emul_result emul_inject_ud(struct trap_frame *f)
{
    return inject(f, TRAP_UD);
}

enum emul_result emul_inject_page_fault(struct trap_frame *f, uint64_t addr,
                                        uint64_t error_code)
{
    if ( pv_inject_page_fault(f, addr, error_code) )
        domain_crash(current->domain, "cannot deliver #PF at %016lx after "
                     "emulating at %016lx", addr, f->rip);
    return EMUL_INJECTED;
}

static void instruction_done(struct trap_frame *f, uint64_t next_rip)
{
    f->rip = next_rip;
    f->rflags &= ~X86_EFLAGS_RF;
    if ( f->rflags & X86_EFLAGS_TF )
    {
        current->arch.priv.dr6 |= DR6_BS;
        inject(f, TRAP_DB);
    }
}

static void cpuid_into(struct trap_frame *f, bool forced)
{
    struct cpuid_leaf res;

    pv_cpuid(current, forced, (uint32_t)f->rax, (uint32_t)f->rcx, &res);
    f->rax = res.a;
    f->rbx = res.b;
    f->rcx = res.c;
    f->rdx = res.d;
}

/*
 * Xen 4.17 (emul-inv-op.c): the five signature bytes are read as one, so
 * an unreadable byte anywhere in them is a #PF (error code 0) at that
 * byte even when the bytes before it already differ; then the two
 * opcode bytes the same way. Anything but the exact sequence is the #UD.
 * Differs from Xen (unreachable in practice): a signature running into a
 * non-canonical address faults there, where Xen reports its start.
 */
static bool emulate_forced_cpuid(struct trap_frame *f)
{
    uint8_t bytes[sizeof(forced_prefix) + sizeof(forced_cpuid)];
    enum insn_fetch_stop stop;
    unsigned int got = pv_insn_fetch(f->rip, bytes, sizeof(bytes), &stop);

    if ( got < sizeof(forced_prefix) )
        goto fault;
    if ( memcmp(bytes, forced_prefix, sizeof(forced_prefix)) )
        return false;
    if ( got < sizeof(bytes) )
        goto fault;
    if ( memcmp(bytes + sizeof(forced_prefix), forced_cpuid,
                sizeof(forced_cpuid)) )
        return false;
    cpuid_into(f, true);
    instruction_done(f, f->rip + sizeof(bytes));
    return true;

 fault:
    emul_inject_page_fault(f, f->rip + got, 0);
    return true;
}

static enum emul_result emulate_rdtsc(struct trap_frame *f, bool with_aux)
{
    uint64_t tsc = rdtsc();

    f->rax = (uint32_t)tsc;
    f->rdx = tsc >> 32;
    if ( with_aux )
        f->rcx = current->arch.priv.tsc_aux;
    return EMUL_DONE;
}

/* What only the guest kernel (virtual ring 0) may do. */
static enum emul_result emulate_kernel_only(struct trap_frame *f,
                                            const struct insn *insn)
{
    switch ( insn->opcode )
    {
    case INSN_OP0F(0x06):                  /* CLTS */
        do_fpu_taskswitch(0, 0, 0, 0, 0);
        return EMUL_DONE;
    case INSN_OP0F(0x09):                  /* WBINVD: nothing to flush for. */
        return EMUL_DONE;
    case INSN_OP0F(0x20):
    case INSN_OP0F(0x22):
        return emul_mov_cr(f, insn);
    case INSN_OP0F(0x21):
    case INSN_OP0F(0x23):
        return emul_mov_dr(f, insn);
    case INSN_OP0F(0x30):
        return emul_wrmsr(f);
    case INSN_OP0F(0x32):
        return emul_rdmsr(f);
    case INSN_OP0F(0x31):                  /* Faults only under CR4.TSD. */
        return emulate_rdtsc(f, false);
    case INSN_OP0F(0x01):                  /* RDTSCP (XSETBV never here). */
        return emulate_rdtsc(f, true);
    default:
        return EMUL_BOUNCE;
    }
}

static enum emul_result emulate(struct trap_frame *f, const struct insn *insn)
{
    const struct vcpu *v = current;

    switch ( insn->opcode )
    {
    case INSN_OP(0x6c) ... INSN_OP(0x6f):
    case INSN_OP(0xe4) ... INSN_OP(0xe7):
    case INSN_OP(0xec) ... INSN_OP(0xef):
        return emul_io(f, insn);
    case INSN_OP(0xfa):                    /* CLI, STI: see emul-priv-op.c */
    case INSN_OP(0xfb):
        return pv_iopl_ok(v) ? EMUL_DONE : EMUL_BOUNCE;
    case INSN_OP0F(0xa2):                  /* CPUID, should it ever fault. */
        cpuid_into(f, false);
        return EMUL_DONE;
    case INSN_OP0F(0x01):
        if ( insn->modrm != 0xd1 )
            break;
        return emul_xsetbv(f, insn);     /* #UD comes before the CPL's #GP. */
    }
    if ( !v->arch.kernel_mode )
        return EMUL_BOUNCE;                /* The CPL check: #GP(0). */
    return emulate_kernel_only(f, insn);
}

/*
 * A fetch that stops inside the instruction: Xen 4.17 raises #GP(0) for
 * an address outside the guest's range, else #PF (error code 0) at the
 * first byte it could not read.
 */
static void fetch_fault(struct trap_frame *f, unsigned int at,
                        enum insn_fetch_stop stop)
{
    if ( stop == INSN_FETCH_BAD_ADDRESS )
        emul_inject_gp(f);
    else
        emul_inject_page_fault(f, f->rip + at, 0);
}

static bool emulate_gp(struct trap_frame *f)
{
    uint8_t bytes[INSN_MAX_LEN];
    enum insn_fetch_stop stop;
    unsigned int got = pv_insn_fetch(f->rip, bytes, sizeof(bytes), &stop);
    struct insn insn;

    switch ( insn_decode(bytes, got, &insn) )
    {
    case INSN_OK:
        break;
    case INSN_NEED_MORE:
        fetch_fault(f, insn.len, stop);
        return true;
    default:
        return false;                      /* The CPU's #GP(0) is right. */
    }
    if ( insn.lock )
        return false;
    switch ( emulate(f, &insn) )
    {
    case EMUL_DONE:
        instruction_done(f, f->rip + insn.len);
        return true;
    case EMUL_INJECTED:
    case EMUL_AGAIN:
        return true;
    default:
        return false;
    }
}

bool pv_emulate_privileged(struct trap_frame *f)
{
    if ( f->vector == TRAP_UD )
        return emulate_forced_cpuid(f);
    if ( f->vector == TRAP_GP && f->error_code == 0 )
        return emulate_gp(f);
    return false;
}
