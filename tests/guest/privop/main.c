/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * privop: the other privileged instructions a 64-bit PV guest kernel
 * (ring 3) may execute, emulated by the hypervisor after their #GP(0)
 * (Xen 4.17: read_cr/write_cr, x86emul_read_dr/write_dr, validate() in
 * xen/arch/x86/pv/emul-priv-op.c; pv_fixup_guest_cr4 in pv/domain.c),
 * and how it copes with encodings it must not emulate.
 *
 * Positive: CR0 is the hypervisor's (PE, WP, PG set) with TS as the guest
 * set it: fpu_taskswitch, CLTS and MOV to CR0 changing only TS all move
 * it; MOV CR0 to r9 (REX.B) reads the same; CR2 is the last page-fault
 * address delivered, and MOV to CR2 sets it and vcpu_info's copy; CR3 is
 * the kernel's top-level table (the machine frame of start_info.pt_base),
 * and loading it again (also with PWT) works; CR4 shows PAE, OSFXSR,
 * OSXMMEXCPT but not PGE, PSE, VMXE, SMEP, SMAP, PCIDE, PKE; writes keep
 * only TSD, DE, FSGSBASE (if CPUID offers it) and OSXSAVE (if XSAVE is
 * offered); with CR4.TSD RDTSC and RDTSCP still work in the kernel; with
 * CR4.FSGSBASE WRFSBASE works and MSR_FS_BASE sees it, without it #UD; DR0-3
 * read 0, DR6 0xffff0ff0, DR7 0x400, DR4/DR5 alias DR6/DR7 and are #UD
 * once CR4.DE is set; DR0 takes a guest address; WBINVD is accepted.
 *
 * Hostile (Xen 4.17's answers): MOV to CR0 changing anything but TS,
 * MOV to CR3 of another frame, MOV from CR8, DR7 with bits above 31, DR0
 * with a hypervisor or non-canonical address: #GP(0), nothing changed;
 * CLI, STI and HLT without IOPL: #GP(0); a 16-byte instruction (14
 * operand-size prefixes and RDMSR): #GP(0); RDMSR behind legacy prefixes,
 * or behind a REX prefix that legacy prefixes follow, is still RDMSR;
 * LOCK RDMSR: #UD; MOV from CR0 with a memory-form ModRM still reads CR0
 * and fetches no displacement; LGDT, SWAPGS, INVLPG, RDPMC: #GP(0);
 * XSETBV: #UD (the guest's CR4 has no OSXSAVE).
 */
#include <guest/console.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/privop.h>
#include <guest/probe.h>
#include <guest/setup.h>
#include <guest/test.h>
#include <guest/traps.h>

const char test_name[] = "privop";
const char test_title[] = "control/debug registers, system insns, garbage";

#define GP            PROBE_FAULT(X86_EXC_GP, 0)
#define UD            PROBE_FAULT(X86_EXC_UD, 0)
#define CR0_PE        (1UL << 0)
#define CR0_TS        (1UL << 3)
#define CR0_WP        (1UL << 16)
#define CR0_PG        (1UL << 31)
#define CR4_TSD       (1UL << 2)
#define CR4_DE        (1UL << 3)
#define CR4_PSE       (1UL << 4)
#define CR4_PAE       (1UL << 5)
#define CR4_PGE       (1UL << 7)
#define CR4_OSFXSR    (1UL << 9)
#define CR4_OSXMMEXCPT (1UL << 10)
#define CR4_VMXE      (1UL << 13)
#define CR4_FSGSBASE  (1UL << 16)
#define CR4_PCIDE     (1UL << 17)
#define CR4_OSXSAVE   (1UL << 18)
#define CR4_SMEP      (1UL << 20)
#define CR4_SMAP      (1UL << 21)
#define CR4_PKE       (1UL << 22)
#define MSR_FS_BASE   0xc0000100

static uint64_t watched_word;

static uint64_t rd(uint32_t (*probe)(uint64_t *), const char *what)
{
    uint64_t val = 0;

    if ( probe(&val) != PROBE_NONE )
        test_error("reading %s faulted", what);
    return val;
}

static void check_cr0(void)
{
    uint64_t cr0 = rd(test_probe_read_cr0, "cr0"), r9 = 0;

    test_check((cr0 & (CR0_PE | CR0_WP | CR0_PG)) == (CR0_PE | CR0_WP | CR0_PG)
                   && !(cr0 & CR0_TS),
               "cr0", "cr0 %#lx", cr0);
    test_note("CR0 %#lx", cr0);
    test_check(test_probe_read_cr0_r9(&r9) == PROBE_NONE && r9 == cr0,
               "cr0/rex_r9", "r9 %#lx", r9);
    GUEST_HYPERCALL(__HYPERVISOR_fpu_taskswitch, 1, 0, 0, 0, 0);
    test_expect_eq("cr0/fpu_taskswitch", rd(test_probe_read_cr0, "cr0"),
                   cr0 | CR0_TS);
    test_expect_probe("cr0/clts", test_probe_clts(), PROBE_NONE);
    test_expect_eq("cr0/after_clts", rd(test_probe_read_cr0, "cr0"), cr0);
    test_expect_probe("cr0/write_ts", test_probe_write_cr0(cr0 | CR0_TS),
                      PROBE_NONE);
    test_expect_eq("cr0/ts_set", rd(test_probe_read_cr0, "cr0"), cr0 | CR0_TS);
    test_expect_probe("cr0/write_back", test_probe_write_cr0(cr0), PROBE_NONE);
    test_expect_probe("hostile/cr0_wp", test_probe_write_cr0(cr0 & ~CR0_WP),
                      GP);
    test_expect_probe("hostile/cr0_zero", test_probe_write_cr0(0), GP);
    test_expect_eq("hostile/cr0_unchanged", rd(test_probe_read_cr0, "cr0"),
                   cr0);
}

static void check_cr2_cr3(void)
{
    uint64_t cr3 = rd(test_probe_read_cr3, "cr3");
    void *pt = (void *)guest_start_info->pt_base;

    test_probe_read((void *)(TEST_ADDR_UNMAPPED + 0x28));
    test_expect_eq("cr2/last_fault", rd(test_probe_read_cr2, "cr2"),
                   TEST_ADDR_UNMAPPED + 0x28);
    test_expect_probe("cr2/write", test_probe_write_cr2(0x4242000), PROBE_NONE);
    test_check(rd(test_probe_read_cr2, "cr2") == 0x4242000 &&
                   guest_vcpu_info()->arch.cr2 == 0x4242000,
               "cr2/written", "vcpu_info cr2 %#lx",
               guest_vcpu_info()->arch.cr2);
    test_expect_eq("cr3", cr3, (uint64_t)guest_mfn_of(pt) << 12);
    test_expect_probe("cr3/reload", test_probe_write_cr3(cr3), PROBE_NONE);
    test_expect_probe("cr3/reload_pwt", test_probe_write_cr3(cr3 | 8),
                      PROBE_NONE);
    test_expect_probe("hostile/cr3_other", test_probe_write_cr3(cr3 + 0x1000),
                      GP);
    test_expect_probe("hostile/cr8", test_probe_read_cr8(&(uint64_t){ 0 }), GP);
}

static uint64_t offered_cr4_bits(void)
{
    struct guest_cpuid l1, l7;
    uint64_t bits = CR4_TSD | CR4_DE;

    guest_cpuid(1, 0, &l1);
    guest_cpuid(7, 0, &l7);
    if ( l7.b & 1 )
        bits |= CR4_FSGSBASE;
    if ( l1.c & (1u << 26) )
        bits |= CR4_OSXSAVE;
    return bits;
}

static void check_cr4(void)
{
    uint64_t cr4 = rd(test_probe_read_cr4, "cr4"), all;
    uint64_t hidden = CR4_PGE | CR4_PSE | CR4_VMXE | CR4_SMEP | CR4_SMAP |
                      CR4_PCIDE | CR4_PKE;
    uint64_t shown = CR4_PAE | CR4_OSFXSR | CR4_OSXMMEXCPT;

    test_check((cr4 & shown) == shown && !(cr4 & hidden), "cr4",
               "cr4 %#lx", cr4);
    test_note("CR4 %#lx", cr4);
    test_expect_probe("cr4/write_all", test_probe_write_cr4(~0UL), PROBE_NONE);
    all = rd(test_probe_read_cr4, "cr4");
    test_expect_eq("cr4/guest_bits", all, cr4 | offered_cr4_bits());
    test_expect_probe("cr4/write_back", test_probe_write_cr4(cr4), PROBE_NONE);
    test_expect_eq("cr4/restored", rd(test_probe_read_cr4, "cr4"), cr4);
}

static void check_tsd_and_fsgsbase(void)
{
    uint64_t cr4 = rd(test_probe_read_cr4, "cr4"), tsc = 0, fs = 0;
    uint32_t aux = 0;

    test_expect_probe("tsd/set", test_probe_write_cr4(cr4 | CR4_TSD),
                      PROBE_NONE);
    test_check(test_probe_rdtsc(&tsc) == PROBE_NONE && tsc != 0, "tsd/rdtsc",
               "tsc %#lx", tsc);
    test_expect_probe("tsd/rdtscp", test_probe_rdtscp(&tsc, &aux), PROBE_NONE);
    test_probe_write_cr4(cr4);
    test_expect_probe("fsgsbase/off", test_probe_wrfsbase(0x5000), UD);
    if ( !(offered_cr4_bits() & CR4_FSGSBASE) )
        return;
    test_probe_write_cr4(cr4 | CR4_FSGSBASE);
    test_expect_probe("fsgsbase/wrfsbase", test_probe_wrfsbase(0x5000),
                      PROBE_NONE);
    test_check(test_probe_rdmsr(MSR_FS_BASE, &fs) == PROBE_NONE &&
                   fs == 0x5000 &&
                   test_probe_rdfsbase(&tsc) == PROBE_NONE && tsc == 0x5000,
               "fsgsbase/seen", "MSR_FS_BASE %#lx, rdfsbase %#lx", fs, tsc);
    test_probe_wrfsbase(0);
    test_probe_write_cr4(cr4);
}

static void check_debug_registers(void)
{
    uint64_t cr4 = rd(test_probe_read_cr4, "cr4");
    uint64_t addr = (uint64_t)(unsigned long)&watched_word;

    test_expect_eq("dr0", rd(test_probe_read_dr0, "dr0"), 0);
    test_expect_eq("dr6", rd(test_probe_read_dr6, "dr6"), 0xffff0ff0);
    test_expect_eq("dr7", rd(test_probe_read_dr7, "dr7"), 0x400);
    test_expect_eq("dr4_is_dr6", rd(test_probe_read_dr4, "dr4"), 0xffff0ff0);
    test_expect_probe("dr0/write", test_probe_write_dr0(addr), PROBE_NONE);
    test_expect_eq("dr0/written", rd(test_probe_read_dr0, "dr0"), addr);
    test_expect_probe("dr7/write", test_probe_write_dr7(0x400), PROBE_NONE);
    test_probe_write_cr4(cr4 | CR4_DE);
    test_expect_probe("dr4_with_de", test_probe_read_dr4(&(uint64_t){ 0 }), UD);
    test_probe_write_cr4(cr4);
    test_expect_probe("hostile/dr7_high", test_probe_write_dr7(1UL << 32), GP);
    test_expect_probe("hostile/dr0_xen", test_probe_write_dr0(TEST_ADDR_XEN),
                      GP);
    test_expect_probe("hostile/dr0_noncanonical",
                      test_probe_write_dr0(TEST_ADDR_NONCANONICAL), GP);
    test_expect_eq("hostile/dr0_unchanged", rd(test_probe_read_dr0, "dr0"),
                   addr);
    test_probe_write_dr0(0);
}

static void check_system_instructions(void)
{
    test_expect_probe("wbinvd", test_probe_wbinvd(), PROBE_NONE);
    test_expect_probe("hostile/cli", test_probe_cli(), GP);
    test_expect_probe("hostile/sti", test_probe_sti(), GP);
    test_expect_probe("hostile/hlt", test_probe_hlt(), GP);
}

static void expect_garbage(enum test_privop_garbage which, uint32_t want,
                           bool check_rax, uint64_t rax_want)
{
    char check[48];
    uint64_t rax = 0;
    uint32_t got = test_probe_garbage(which, &rax);

    guest_snprintf(check, sizeof(check), "garbage/%s",
                   test_privop_garbage_name(which));
    test_check(got == want && (!check_rax || rax == rax_want), check,
               "fault %#x (want %#x), rax %#lx (want %#lx)", got, want, rax,
               rax_want);
}

static void check_garbage(void)
{
    uint64_t efer = 0, cr0 = rd(test_probe_read_cr0, "cr0");

    test_probe_rdmsr(0xc0000080, &efer);
    expect_garbage(GARBAGE_TOO_LONG_RDMSR, GP, false, 0);
    expect_garbage(GARBAGE_PREFIXED_RDMSR, PROBE_NONE, true, (uint32_t)efer);
    expect_garbage(GARBAGE_REX_THEN_LEGACY, PROBE_NONE, true, (uint32_t)efer);
    expect_garbage(GARBAGE_LOCK_RDMSR, UD, false, 0);
    expect_garbage(GARBAGE_MOV_CR_MEMFORM, PROBE_NONE, true, cr0);
    expect_garbage(GARBAGE_LGDT, GP, false, 0);
    expect_garbage(GARBAGE_SWAPGS, GP, false, 0);
    expect_garbage(GARBAGE_INVLPG, GP, false, 0);
    expect_garbage(GARBAGE_RDPMC, GP, false, 0);
    expect_garbage(GARBAGE_XSETBV, UD, false, 0);
}

void test_main(void)
{
    check_cr0();
    check_cr2_cr3();
    check_cr4();
    check_tsd_and_fsgsbase();
    check_debug_registers();
    check_system_instructions();
    check_garbage();
}
