/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Privileged instructions in a PV guest kernel, which runs in ring 3: each
 * one faults (#GP(0)) and the hypervisor either emulates it and resumes
 * after it, or bounces the fault. Xen's emulator is pv_emulate_privileged_op
 * (xen/arch/x86/pv/emul-priv-op.c); its #UD path (pv/emul-inv-op.c) runs
 * CPUID behind the forced-emulation prefix `ud2; .ascii "xen"`, which is
 * how Linux PV reads the hypervisor's CPUID policy (XEN_EMULATE_PREFIX).
 *
 * Every probe here runs its instruction under an exception-table fixup
 * (guest/include/guest/probe.h) and returns PROBE_NONE or the fault. Values
 * come back through pointers only when the instruction completed. The
 * probes live in guest/arch/x86/privop.S.
 */
#ifndef GUEST_PRIVOP_H
#define GUEST_PRIVOP_H

#include <guest/xen.h>

struct guest_cpuid
{
    uint32_t a, b, c, d;
};

/* CPUID through the forced-emulation prefix: the hypervisor's policy. */
uint32_t test_probe_cpuid_forced(uint32_t leaf, uint32_t subleaf,
                                 struct guest_cpuid *out);
/* Plain CPUID: the hardware's answer unless CPUID faulting is on. */
uint32_t test_probe_cpuid_native(uint32_t leaf, uint32_t subleaf,
                                 struct guest_cpuid *out);

/*
 * Forced-emulation CPUID for library and test code that needs an answer
 * (zeros if the hypervisor refused it).
 */
void guest_cpuid(uint32_t leaf, uint32_t subleaf, struct guest_cpuid *out);

/*
 * RDMSR/WRMSR of msr (in ecx); rdmsr fills *val only if it completed. The
 * rdmsr probe loads all of rcx, so a test can set the bits the CPU
 * ignores (the MSR number is ecx).
 */
uint32_t test_probe_rdmsr(uint64_t msr, uint64_t *val);
uint32_t test_probe_wrmsr(uint32_t msr, uint64_t val);

/*
 * Port I/O through %dx. *val is loaded into rax first and holds rax after
 * the instruction, so a test sees which bits an `in` changed.
 */
uint32_t test_probe_inb(uint16_t port, uint64_t *val);
uint32_t test_probe_inw(uint16_t port, uint64_t *val);
uint32_t test_probe_inl(uint16_t port, uint64_t *val);
uint32_t test_probe_outb(uint16_t port, uint32_t val);
uint32_t test_probe_outw(uint16_t port, uint32_t val);
uint32_t test_probe_outl(uint16_t port, uint32_t val);
/* `in $0x21, %al` and `out %al, $0x80`: the immediate-port forms. */
uint32_t test_probe_inb_imm_0x21(uint64_t *val);
uint32_t test_probe_outb_imm_0x80(uint32_t val);

/*
 * `rep insb` / `rep outsb` of *count bytes at buf (rdi / rsi); *count is
 * what rcx held after the instruction, *buf_end what rdi / rsi held.
 */
uint32_t test_probe_rep_insb(uint16_t port, void *buf, uint64_t *count,
                             uint64_t *buf_end);
uint32_t test_probe_rep_outsb(uint16_t port, const void *buf,
                              uint64_t *count, uint64_t *buf_end);

/* MOV from / to control registers. */
uint32_t test_probe_read_cr0(uint64_t *val);
uint32_t test_probe_read_cr2(uint64_t *val);
uint32_t test_probe_read_cr3(uint64_t *val);
uint32_t test_probe_read_cr4(uint64_t *val);
uint32_t test_probe_read_cr8(uint64_t *val);
/* `mov %cr0, %r9` (REX.B): the same read through an extended register. */
uint32_t test_probe_read_cr0_r9(uint64_t *val);
uint32_t test_probe_write_cr0(uint64_t val);
uint32_t test_probe_write_cr2(uint64_t val);
uint32_t test_probe_write_cr3(uint64_t val);
uint32_t test_probe_write_cr4(uint64_t val);

/* One-byte and two-byte system instructions. */
uint32_t test_probe_clts(void);
uint32_t test_probe_wbinvd(void);
uint32_t test_probe_cli(void);
uint32_t test_probe_sti(void);
uint32_t test_probe_hlt(void);
uint32_t test_probe_rdtsc(uint64_t *val);
uint32_t test_probe_rdtscp(uint64_t *val, uint32_t *aux);

/* MOV from / to debug registers. */
uint32_t test_probe_read_dr0(uint64_t *val);
uint32_t test_probe_read_dr4(uint64_t *val);
uint32_t test_probe_read_dr6(uint64_t *val);
uint32_t test_probe_read_dr7(uint64_t *val);
uint32_t test_probe_write_dr0(uint64_t val);
uint32_t test_probe_write_dr7(uint64_t val);

/* RDFSBASE / WRFSBASE: #UD unless CR4.FSGSBASE. */
uint32_t test_probe_rdfsbase(uint64_t *val);
uint32_t test_probe_wrfsbase(uint64_t val);

/*
 * Hostile encodings (privop.S lists the bytes), each run under a fixup
 * at its first byte: what the hypervisor does with them must be what the
 * CPU would have done, or a bounce of the CPU's own fault.
 */
enum test_privop_garbage
{
    GARBAGE_TOO_LONG_RDMSR,     /* 14 x 66, then 0f 32: 16 bytes */
    GARBAGE_PREFIXED_RDMSR,     /* 66 f3 2e 48 0f 32: prefixes, still rdmsr */
    GARBAGE_REX_THEN_LEGACY,    /* 48 66 0f 32: REX not last, ignored */
    GARBAGE_LOCK_RDMSR,         /* f0 0f 32: #UD */
    GARBAGE_FORCED_NOT_CPUID,   /* ud2 "xen" 0f 0b */
    GARBAGE_FORCED_BAD_SIG,     /* ud2 "xeN" cpuid */
    GARBAGE_FORCED_PREFIXED,    /* ud2 "xen" 66 0f a2 */
    GARBAGE_PREFIX_BEFORE_UD2,  /* 66 ud2 "xen" cpuid */
    GARBAGE_MOV_CR_MEMFORM,     /* 0f 20 04: mod ignored, reads CR0 */
    GARBAGE_LGDT,               /* 0f 01 10: lgdt (%rax) */
    GARBAGE_SWAPGS,             /* 0f 01 f8 */
    GARBAGE_INVLPG,             /* 0f 01 38: invlpg (%rax) */
    GARBAGE_RDPMC,              /* 0f 33 */
    GARBAGE_XSETBV,             /* 0f 01 d1 */
    NR_GARBAGE
};

/* Name of a garbage case, for check names. */
const char *test_privop_garbage_name(enum test_privop_garbage which);

/*
 * Run one hostile encoding with rax, rcx, rdx zero (rcx = 0: MSR 0 for
 * the rdmsr forms, XCR0 for xsetbv; rax points nowhere useful). *rax gets
 * rax afterwards. Returns PROBE_NONE or the fault.
 */
uint32_t test_probe_garbage(enum test_privop_garbage which, uint64_t *rax);

/*
 * The forced-emulation prefix with its ud2 in the last two bytes of a
 * page: the signature runs into the next page. test_privop_edge_page()
 * gives that next page, which the test unmaps.
 */
uint32_t test_probe_forced_at_page_edge(void);
void *test_privop_edge_page(void);
/* Address of the ud2 of that probe, to compare with the fault's rip. */
const void *test_privop_edge_insn(void);

#endif /* GUEST_PRIVOP_H */
