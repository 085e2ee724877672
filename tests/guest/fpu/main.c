/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fpu: a PV vCPU's FPU, SSE and AVX state, its XCR0 and its virtual
 * CR0.TS (HYPERVISOR_fpu_taskswitch, xen/include/public/xen.h; Xen 4.17:
 * i387.c, xstate.c handle_xsetbv, pv/emul-priv-op.c read_cr/write_cr,
 * x86_emulate's XSETBV, traps.c do_device_not_available).
 *
 * Positive: at boot CR0.TS is clear, FCW is 0x37f, MXCSR 0x1f80, FSW 0,
 * every x87 register empty, XMM0-15 zero and XCR0 x87|SSE; CPUID offers
 * XSAVE with leaf 0xd, whose ebx is the area size for the XCR0 in force.
 * XSETBV (emulated) loads XCR0 once the guest's CR4 has OSXSAVE: x87 alone,
 * x87|SSE, and x87|SSE|AVX when CPUID offers AVX; XGETBV (native) shows
 * it, ecx's upper half is ignored, and XSETBV works with TS set; the
 * guest's own XSAVE, XSAVEOPT and XRSTOR work with its XCR0. XMM0-15
 * (or YMM0-15 with AVX enabled), two x87 registers, FCW and MXCSR keep
 * their values across a hypercall, a #UD and a #PF bounced to the guest,
 * an event upcall, a SCHEDOP_poll sleep (where Xenolith switches the
 * state out and back), a #NM, and fpu_taskswitch(1) undone by CLTS or
 * fpu_taskswitch(0). fpu_taskswitch(1) and MOV to CR0 with TS make CR0
 * read with TS (also after a hypercall and a sleep) and the next x87, SSE
 * or AVX instruction raise #NM, delivered to trap 7 once: Xen clears TS as
 * it delivers it. fpu_taskswitch(0), CLTS and MOV to CR0 without TS clear
 * it.
 *
 * Hostile: XSETBV before CR4.OSXSAVE is #UD; XCR0 values without x87,
 * AVX without SSE, AVX or AVX-512 when CPUID lacks them, PKRU, unknown
 * bits, and ecx = 1 (XCR1) are #GP(0) and leave XCR0 as it was; XSETBV
 * with a 66 prefix is #UD; fpu_taskswitch takes an int, so 1 << 32 clears
 * TS (Xen 4.17).
 *
 * Under QEMU, Xen 4.17 hides AVX from PV guests (its GDS mitigation while
 * virtualised, "Mitigating GDS by disabling AVX"); Xenolith offers it
 * (docs/XEN-DIFFERENCES.md). The AVX checks follow what CPUID offers, so
 * they run on Xenolith and are noted as not applicable on Xen.
 */
#include <guest/console.h>
#include <guest/events.h>
#include <guest/hypercall.h>
#include <guest/privop.h>
#include <guest/probe.h>
#include <guest/string.h>
#include <guest/test.h>
#include <guest/time.h>
#include <guest/traps.h>

const char test_name[] = "fpu";
const char test_title[] = "FPU/SSE/AVX state, XCR0, fpu_taskswitch and #NM";

#define CR0_TS       (1UL << 3)
#define CR4_OSXSAVE  (1UL << 18)
#define F1C_XSAVE    (1u << 26)
#define F1C_AVX      (1u << 28)
#define F7B_AVX512F  (1u << 16)
#define XCR0_X87     0x1ULL
#define XCR0_SSE     0x2ULL
#define XCR0_YMM     0x4ULL
#define XCR0_AVX512  0xe0ULL
#define XCR0_PKRU    0x200ULL
#define FCW_DEFAULT  0x037f
#define MXCSR_DEFAULT 0x1f80
#define FCW_TEST     0x027f             /* 53-bit precision */
#define MXCSR_TEST   0x3f80             /* round down */
#define MS           1000000ULL

#define NM PROBE_FAULT(7, 0)
#define UD PROBE_FAULT(X86_EXC_UD, 0)
#define GP PROBE_FAULT(X86_EXC_GP, 0)

/* Register access (fpu_regs.S); each returns PROBE_NONE or the fault. */
uint32_t fpu_sse_load(const void *src);
uint32_t fpu_sse_store(void *dst);
uint32_t fpu_avx_load(const void *src);
uint32_t fpu_avx_store(void *dst);
uint32_t fpu_x87_push(const int64_t v[2]);
uint32_t fpu_x87_pop(int64_t v[2]);
uint32_t fpu_set_controls(uint16_t fcw, uint32_t mxcsr);
uint32_t fpu_get_controls(uint16_t *fcw, uint32_t *mxcsr, uint16_t *fsw);
uint32_t fpu_get_env(void *env);
uint32_t fpu_probe_sse(void);
uint32_t fpu_probe_avx(void);
uint32_t fpu_probe_x87(void);
uint32_t fpu_probe_xsetbv(uint64_t rcx, uint64_t value);
uint32_t fpu_probe_xsetbv_opsize(uint64_t rcx, uint64_t value);
uint32_t fpu_probe_xgetbv(uint32_t ecx, uint64_t *value);
uint32_t fpu_xsave(void *area, uint64_t mask);
uint32_t fpu_xsaveopt(void *area, uint64_t mask);
uint32_t fpu_xrstor(const void *area, uint64_t mask);

static bool has_xsave, has_avx, has_avx512;
static bool avx_enabled;               /* XCR0 has YMM: test YMM, not XMM. */
static evtchn_port_t ipi;

static uint64_t cr0(void)
{
    uint64_t v = 0;

    if ( test_probe_read_cr0(&v) != PROBE_NONE )
        test_error("cannot read CR0");
    return v;
}

static uint64_t xcr0(void)
{
    uint64_t v = 0;

    if ( fpu_probe_xgetbv(0, &v) != PROBE_NONE )
        return ~0ULL;
    return v;
}

static long taskswitch(unsigned long set)
{
    return hypercall_fpu_taskswitch(set);
}

static void check_boot_defaults(void)
{
    uint8_t zero[256] = { 0 }, regs[256];
    uint8_t env[28] = { 0 };
    uint16_t fcw = 0, fsw = 0xffff;
    uint32_t mxcsr = 0;

    test_check(!(cr0() & CR0_TS), "boot/cr0_ts_clear", "CR0 %#lx", cr0());
    test_expect_probe("boot/controls_readable",
                      fpu_get_controls(&fcw, &mxcsr, &fsw), PROBE_NONE);
    test_expect_eq("boot/fcw", fcw, FCW_DEFAULT);
    test_expect_eq("boot/mxcsr", mxcsr, MXCSR_DEFAULT);
    test_expect_eq("boot/fsw", fsw, 0);
    test_expect_probe("boot/env_readable", fpu_get_env(env), PROBE_NONE);
    test_expect_eq("boot/x87_all_empty", env[8] | (env[9] << 8), 0xffff);
    memset(regs, 0xa5, sizeof(regs));
    test_expect_probe("boot/xmm_readable", fpu_sse_store(regs), PROBE_NONE);
    test_check(!memcmp(regs, zero, sizeof(regs)), "boot/xmm_zero",
               "xmm0 starts %02x%02x%02x%02x", regs[0], regs[1], regs[2],
               regs[3]);
}

static void check_cpuid(void)
{
    struct guest_cpuid l1, l7, d0, d2;
    uint64_t x = 0;

    guest_cpuid(1, 0, &l1);
    guest_cpuid(7, 0, &l7);
    has_xsave = l1.c & F1C_XSAVE;
    has_avx = has_xsave && (l1.c & F1C_AVX);
    has_avx512 = has_avx && (l7.b & F7B_AVX512F);
    test_check(has_xsave, "cpuid/xsave", "leaf 1 ecx %#x", l1.c);
    test_note("AVX %s, AVX-512 %s", has_avx ? "offered" : "not offered",
              has_avx512 ? "offered" : "not offered");
    if ( !has_xsave )
        return;
    guest_cpuid(0xd, 0, &d0);
    test_check((d0.a & 3) == 3 && !!(d0.a & XCR0_YMM) == has_avx &&
                   !!(d0.a & XCR0_AVX512) == has_avx512,
               "cpuid/xstate_states", "leaf 0xd eax %#x", d0.a);
    test_expect_eq("cpuid/xstate_size_x87_sse", d0.b, 0x240);
    test_check(d0.c >= d0.b, "cpuid/xstate_max_size", "ebx %#x ecx %#x",
               d0.b, d0.c);
    if ( has_avx )
    {
        guest_cpuid(0xd, 2, &d2);
        test_check(d2.a == 0x100 && d0.c >= d2.a + d2.b, "cpuid/xstate_ymm",
                   "leaf 0xd.2 %#x at %#x, max size %#x", d2.a, d2.b, d0.c);
    }
    test_expect_probe("boot/xgetbv", fpu_probe_xgetbv(0, &x), PROBE_NONE);
    test_expect_eq("boot/xcr0", x, XCR0_X87 | XCR0_SSE);
}

static void expect_xsetbv_refused(const char *check, uint64_t rcx,
                                  uint64_t value)
{
    uint64_t before = xcr0();

    test_expect_probe(check, fpu_probe_xsetbv(rcx, value), GP);
    if ( xcr0() != before )
        test_check(false, check, "XCR0 changed from %#lx to %#lx", before,
                   xcr0());
}

static void expect_xsetbv(const char *check, uint64_t rcx, uint64_t value)
{
    if ( test_expect_probe(check, fpu_probe_xsetbv(rcx, value), PROBE_NONE) )
        test_expect_eq(check, xcr0(), value);
}

static void check_xsetbv(void)
{
    struct guest_cpuid d0;
    uint64_t cr4 = 0;

    test_expect_probe("xsetbv/before_osxsave", fpu_probe_xsetbv(0, 3), UD);
    test_probe_read_cr4(&cr4);
    test_expect_probe("xsetbv/set_osxsave",
                      test_probe_write_cr4(cr4 | CR4_OSXSAVE), PROBE_NONE);
    test_probe_read_cr4(&cr4);
    test_check(cr4 & CR4_OSXSAVE, "xsetbv/cr4_osxsave", "CR4 %#lx", cr4);

    expect_xsetbv_refused("hostile/xcr0_zero", 0, 0);
    expect_xsetbv_refused("hostile/xcr0_no_x87", 0, XCR0_SSE);
    expect_xsetbv_refused("hostile/xcr0_ymm_no_sse", 0, XCR0_X87 | XCR0_YMM);
    expect_xsetbv_refused("hostile/xcr0_ymm_only", 0, XCR0_SSE | XCR0_YMM);
    expect_xsetbv_refused("hostile/xcr0_pkru", 0, 3 | XCR0_PKRU);
    expect_xsetbv_refused("hostile/xcr0_bit40", 0, 3 | (1ULL << 40));
    expect_xsetbv_refused("hostile/xcr0_bit63", 0, 3 | (1ULL << 63));
    expect_xsetbv_refused("hostile/xcr1", 1, 3);
    if ( !has_avx )
        expect_xsetbv_refused("hostile/avx_not_offered", 0, 7);
    if ( !has_avx512 )
        expect_xsetbv_refused("hostile/avx512_not_offered", 0, 0xe7);
    test_expect_probe("hostile/xsetbv_opsize",
                      fpu_probe_xsetbv_opsize(0, 3), UD);

    expect_xsetbv("xsetbv/x87_only", 0, XCR0_X87);
    guest_cpuid(0xd, 0, &d0);
    test_expect_eq("xsetbv/x87_only_size", d0.b, 0x240);
    expect_xsetbv("xsetbv/rcx_high_ignored", 1ULL << 32, 3);
    test_expect_rc("xsetbv/under_ts/set", taskswitch(1), 0);
    expect_xsetbv("xsetbv/under_ts", 0, 3);
    test_check(cr0() & CR0_TS, "xsetbv/under_ts/keeps_ts", "CR0 %#lx",
               cr0());
    test_expect_rc("xsetbv/under_ts/clear", taskswitch(0), 0);
    if ( !has_avx )
        return;
    expect_xsetbv("xsetbv/avx", 0, 7);
    guest_cpuid(0xd, 0, &d0);
    test_expect_eq("xsetbv/avx_size", d0.b, 0x340);
    avx_enabled = xcr0() == 7;
}

/* The values an action must not change, and what was found after it. */
struct fpu_snapshot {
    uint8_t vec[512];                   /* XMM0-15, or YMM0-15 with AVX */
    int64_t x87[2];
    uint16_t fcw, fsw;
    uint32_t mxcsr;
};

static uint32_t load(const struct fpu_snapshot *s)
{
    uint32_t p = avx_enabled ? fpu_avx_load(s->vec) : fpu_sse_load(s->vec);

    return p ?: fpu_x87_push(s->x87) ?: fpu_set_controls(s->fcw, s->mxcsr);
}

static uint32_t store(struct fpu_snapshot *s)
{
    uint32_t p = avx_enabled ? fpu_avx_store(s->vec) : fpu_sse_store(s->vec);

    p = p ?: fpu_get_controls(&s->fcw, &s->mxcsr, &s->fsw);
    p = p ?: fpu_x87_pop(s->x87);
    return p ?: fpu_set_controls(FCW_DEFAULT, MXCSR_DEFAULT);
}

static void make_pattern(struct fpu_snapshot *s, uint8_t seed)
{
    unsigned int i;

    for ( i = 0; i < sizeof(s->vec); i++ )
        s->vec[i] = (uint8_t)(seed + i * 7);
    s->x87[0] = 0x123456789abcLL + seed;
    s->x87[1] = -0x1122334455LL - seed;
    s->fcw = FCW_TEST;
    s->mxcsr = MXCSR_TEST;
}

static void compare(const char *what, const struct fpu_snapshot *want,
                    const struct fpu_snapshot *got)
{
    char check[48];
    size_t len = avx_enabled ? 512 : 256;
    unsigned int i;

    for ( i = 0; i < len && want->vec[i] == got->vec[i]; i++ )
        ;
    guest_snprintf(check, sizeof(check), "%s/%s", what,
                   avx_enabled ? "ymm" : "xmm");
    test_check(i == len, check, "register %u byte %u: %#x, want %#x",
               i / (avx_enabled ? 32 : 16), i % (avx_enabled ? 32 : 16),
               i < len ? got->vec[i] : 0, i < len ? want->vec[i] : 0);
    guest_snprintf(check, sizeof(check), "%s/x87", what);
    test_check(got->x87[0] == want->x87[0] && got->x87[1] == want->x87[1],
               check, "st1 %ld st0 %ld", got->x87[0], got->x87[1]);
    guest_snprintf(check, sizeof(check), "%s/controls", what);
    test_check(got->fcw == want->fcw && got->mxcsr == want->mxcsr, check,
               "fcw %#x mxcsr %#x", got->fcw, got->mxcsr);
}

/* Standard-format XSAVE areas (SDM vol. 1, 13.4) for the guest's own use. */
#define AREA_XMM     160
#define AREA_HEADER  512
static uint8_t xsave_areas[2][4096] __attribute__((aligned(64)));

/* Does area hold the vector registers of s (YMM upper halves at ymm_hi)? */
static bool area_holds(const uint8_t *area, const struct fpu_snapshot *s,
                       uint32_t ymm_hi)
{
    unsigned int i, width = avx_enabled ? 32 : 16;

    for ( i = 0; i < 16; i++ )
    {
        if ( memcmp(area + AREA_XMM + 16 * i, s->vec + width * i, 16) )
            return false;
        if ( avx_enabled &&
             memcmp(area + ymm_hi + 16 * i, s->vec + width * i + 16, 16) )
            return false;
    }
    return true;
}

/*
 * The guest's own XSAVE, XSAVEOPT and XRSTOR (Linux's context switch)
 * run natively against the XCR0 it loaded.
 */
static void check_native_xsave(void)
{
    struct fpu_snapshot want, got;
    struct guest_cpuid d1, d2 = { 0 };
    uint64_t mask = xcr0(), bv;
    uint8_t *area = xsave_areas[0];
    bool opt;

    guest_cpuid(0xd, 1, &d1);
    opt = d1.a & 1;
    if ( avx_enabled )
        guest_cpuid(0xd, 2, &d2);
    make_pattern(&want, 0x42);
    memset(xsave_areas, 0, sizeof(xsave_areas));
    if ( load(&want) != PROBE_NONE )
    {
        test_check(false, "xsave/native", "cannot load the registers");
        return;
    }
    test_expect_probe("xsave/native", fpu_xsave(area, mask), PROBE_NONE);
    if ( opt )
        test_expect_probe("xsave/native_xsaveopt",
                          fpu_xsaveopt(xsave_areas[1], mask), PROBE_NONE);
    store(&got);
    memcpy(&bv, area + AREA_HEADER, sizeof(bv));
    test_check(!(bv & ~mask) && (bv & XCR0_SSE), "xsave/native_header",
               "xstate_bv %#lx with XCR0 %#lx", bv, mask);
    test_check(area_holds(area, &want, d2.b), "xsave/native_registers",
               "the area does not hold the registers");
    if ( opt )
        test_check(area_holds(xsave_areas[1], &want, d2.b),
                   "xsave/native_xsaveopt_registers",
                   "the area does not hold the registers");

    memset(area + AREA_XMM, 0x5a, 16);
    memset(want.vec, 0x5a, 16);
    test_expect_probe("xsave/native_xrstor", fpu_xrstor(area, mask),
                      PROBE_NONE);
    memset(&got, 0, sizeof(got));
    if ( store(&got) == PROBE_NONE )
        compare("xsave/native_xrstor", &want, &got);
}

enum action {
    ACT_HYPERCALL, ACT_TRAP_UD, ACT_TRAP_PF, ACT_UPCALL, ACT_SLEEP, ACT_NM,
    ACT_TS_CLTS, ACT_TS_CLEAR,
};

static const char *const action_names[] = {
    "survive/hypercall", "survive/trap_ud", "survive/trap_pf",
    "survive/upcall", "survive/sleep", "survive/nm", "survive/ts_clts",
    "survive/ts_clear",
};

static void sleep_5ms(void)
{
    evtchn_port_t ports[1] = { ipi };
    struct sched_poll p = { .nr_ports = 1,
                            .timeout = guest_time_now() + 5 * MS };

    set_xen_guest_handle(p.ports, ports);
    hypercall_sched_op(SCHEDOP_poll, &p);
}

static bool act(enum action a)
{
    unsigned long upcalls = guest_events_upcalls();
    bool ok = true;

    switch ( a )
    {
    case ACT_HYPERCALL:
        ok = hypercall_xen_version(XENVER_version, NULL) > 0;
        break;
    case ACT_TRAP_UD:
        ok = test_probe_ud2() == UD;
        break;
    case ACT_TRAP_PF:
        ok = PROBE_VECTOR(test_probe_read(NULL)) == X86_EXC_PF;
        break;
    case ACT_UPCALL:
        guest_events_enable();
        guest_evtchn_send(ipi);
        guest_events_disable();
        ok = guest_events_upcalls() > upcalls;
        break;
    case ACT_SLEEP:
        sleep_5ms();
        break;
    case ACT_NM:
        ok = taskswitch(1) == 0 && fpu_probe_sse() == NM &&
             !(cr0() & CR0_TS);
        break;
    case ACT_TS_CLTS:
        ok = taskswitch(1) == 0 && test_probe_clts() == PROBE_NONE &&
             !(cr0() & CR0_TS);
        break;
    case ACT_TS_CLEAR:
        ok = taskswitch(1) == 0 && taskswitch(0) == 0 && !(cr0() & CR0_TS);
        break;
    }
    return ok;
}

static void check_survival(void)
{
    struct fpu_snapshot want, got;
    enum action a;
    char check[48];

    for ( a = ACT_HYPERCALL; a <= ACT_TS_CLEAR; a++ )
    {
        make_pattern(&want, (uint8_t)(a * 31 + 1));
        memset(&got, 0, sizeof(got));
        if ( load(&want) != PROBE_NONE )
        {
            test_check(false, action_names[a], "cannot load the registers");
            continue;
        }
        guest_snprintf(check, sizeof(check), "%s/happened", action_names[a]);
        test_check(act(a), check, "the action did not take place");
        if ( store(&got) != PROBE_NONE )
        {
            test_check(false, action_names[a], "cannot read the registers");
            continue;
        }
        compare(action_names[a], &want, &got);
    }
}

/* fpu_taskswitch(1), then the instruction named by probe faults #NM once. */
static void expect_nm(const char *check, uint32_t (*probe)(void))
{
    char name[48];

    taskswitch(1);
    test_expect_probe(check, probe(), NM);
    guest_snprintf(name, sizeof(name), "%s/vector", check);
    test_expect_eq(name, guest_traps_last()->vector, 7);
    guest_snprintf(name, sizeof(name), "%s/once", check);
    test_check(!(cr0() & CR0_TS) && probe() == PROBE_NONE, name,
               "CR0 %#lx after #NM", cr0());
}

static void check_taskswitch(void)
{
    uint64_t base = cr0() & ~CR0_TS;

    test_expect_rc("ts/set", taskswitch(1), 0);
    test_expect_eq("ts/cr0", cr0(), base | CR0_TS);
    hypercall_xen_version(XENVER_version, NULL);
    sleep_5ms();
    test_expect_eq("ts/kept_across_hypercall_and_sleep", cr0(),
                   base | CR0_TS);
    test_expect_rc("ts/clear", taskswitch(0), 0);
    test_expect_eq("ts/cr0_clear", cr0(), base);
    test_expect_probe("ts/clear_no_nm", fpu_probe_sse(), PROBE_NONE);

    expect_nm("ts/nm_sse", fpu_probe_sse);
    expect_nm("ts/nm_x87", fpu_probe_x87);
    if ( avx_enabled )
        expect_nm("ts/nm_avx", fpu_probe_avx);

    taskswitch(1);
    test_expect_probe("ts/clts", test_probe_clts(), PROBE_NONE);
    test_expect_eq("ts/clts_cr0", cr0(), base);
    test_expect_probe("ts/clts_no_nm", fpu_probe_sse(), PROBE_NONE);
    test_expect_probe("ts/mov_cr0_set", test_probe_write_cr0(base | CR0_TS),
                      PROBE_NONE);
    test_expect_probe("ts/mov_cr0_nm", fpu_probe_sse(), NM);
    taskswitch(1);
    test_expect_probe("ts/mov_cr0_clear", test_probe_write_cr0(base),
                      PROBE_NONE);
    test_expect_probe("ts/mov_cr0_clear_no_nm", fpu_probe_sse(), PROBE_NONE);

    /* Xen 4.17 takes an int: the high half is not looked at. */
    taskswitch(1);
    test_expect_rc("hostile/ts_high_bits", taskswitch(1UL << 32), 0);
    test_expect_eq("hostile/ts_high_bits_clear", cr0(), base);
    test_expect_rc("hostile/ts_minus_one", taskswitch(0xffffffffUL), 0);
    test_expect_eq("hostile/ts_minus_one_set", cr0(), base | CR0_TS);
    taskswitch(0);
}

void test_main(void)
{
    check_boot_defaults();
    check_cpuid();
    test_expect_rc("setup/bind_ipi", guest_evtchn_bind_ipi(0, &ipi), 0);
    guest_events_consume();
    if ( has_xsave )
        check_xsetbv();
    test_note("registers checked: %s", avx_enabled ? "YMM0-15" : "XMM0-15");
    if ( has_xsave )
        check_native_xsave();
    check_survival();
    check_taskswitch();
    if ( has_xsave )
        expect_xsetbv("xsetbv/back_to_x87_sse", 0, 3);
}
