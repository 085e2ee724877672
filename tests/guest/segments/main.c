/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * segments: a 64-bit PV guest's data segment registers and bases, and
 * HYPERVISOR_iret with frames the CPU refuses (xen/include/public/
 * arch-x86/xen-x86_64.h: SEGBASE_*, struct iret_context, the failsafe
 * callback frame; Xen 4.17: xen/arch/x86/pv/misc-hypercalls.c
 * do_set_segment_base(), pv/iret.c, x86_64/entry.S, domain.c
 * load_segments()).
 *
 * Xen 4.17's answers, checked here:
 * - DS/ES/FS/GS start null, and selectors the guest loads stay loaded
 *   across hypercalls, trap bounces, event upcalls, iret and yield: the
 *   hypervisor never reloads them while the vCPU keeps its CPU.
 * - set_segment_base: SEGBASE_FS, SEGBASE_GS_KERNEL set the live bases
 *   (seen through %fs:/%gs: loads), SEGBASE_GS_USER the user one (seen as
 *   MSR_SHADOW_GS_BASE through RDMSR emulation); a non-canonical base is
 *   -EINVAL and changes nothing; an unknown `which` is -EINVAL; `which` is
 *   an unsigned int, so bits above 31 are ignored.
 * - SEGBASE_GS_USER_SEL loads the low 16 bits of base into GS, RPL forced
 *   to 3 unless null; the user GS base becomes the descriptor's; the
 *   kernel GS base is untouched; a selector that does not load (ring 0,
 *   past the GDT, an unused page, the LDT) leaves GS null with base 0 and
 *   the call still returns 0 (a caller reads GS back to check).
 * - iret with VGCF_in_syscall returns with SYSRET: CS and SS are the flat
 *   ring-3 ones whatever the frame says, rcx = rip, r11 = rflags.
 * - iret to a CS of the guest's own GDT works (set_gdt).
 * - iret to a frame whose CS or SS the CPU refuses (a ring-0 or data CS, an
 *   unused GDT entry, a null CS or SS, a not-present one) or whose rip is
 *   non-canonical: the guest receives that exception (#GP, or #NP for a
 *   not-present selector, with the selector as error code, or #GP(0))
 *   through its trap table, as if raised at the frame's target: the
 *   bounce frame holds the iret frame's rip, CS (RPL 0: kernel mode), SS
 *   and rsp, its rcx and r11, and the event mask the iret set (CS bits
 *   32-39, rflags.IF); the trap_info's IF flag masks events on entry as
 *   for any bounce. Xen 4.17 never enters the failsafe callback for this
 *   (older Xen did); it enters it only when a context switch cannot
 *   reload a selector, which a one-vCPU dom0 never has.
 */
#include <guest/arch/page.h>
#include <guest/console.h>
#include <guest/events.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/privop.h>
#include <guest/probe.h>
#include <guest/setup.h>
#include <guest/test.h>
#include <guest/traps.h>
#include <xen/callback.h>

const char test_name[] = "segments";
const char test_title[] = "selectors, set_segment_base, iret with bad frames";

#define MSR_SHADOW_GS_BASE 0xc0000102
#define NONCANONICAL       0x0000800000000000UL
#define FLAGS_IF           0x200UL
/* Our GDT: entry 1 data with a base, 2 and 3 not present, 4 64-bit code. */
#define GDT_BASE_DATA      0x00cff3345000ffffULL   /* DPL 3, base 0x345000 */
#define GDT_DATA_ABSENT    0x00cf73000000ffffULL
#define GDT_CODE_ABSENT    0x00af7b000000ffffULL
#define GDT_CODE64         0x00affb000000ffffULL
#define SEL_GDT_DATA       0x0b
#define SEL_DATA_ABSENT    0x10
#define SEL_CODE_ABSENT    0x18
#define SEL_CODE64         0x20

/* Layout shared with probes.S (IP_* offsets). */
struct iret_probe
{
    uint64_t rip, cs, rflags, ss, flags, rcx, r11;
    uint8_t *mask_addr;
    uint64_t out_cs, out_ss, out_rcx, out_r11, out_mask;
    uint64_t frame[8];        /* rcx, r11, error code, rip, cs, rflags,
                                 rsp, ss */
    uint64_t out_rsp;         /* The rsp the iret frame held. */
};
_Static_assert(__builtin_offsetof(struct iret_probe, frame) == 104, "IP_FRAME");
_Static_assert(__builtin_offsetof(struct iret_probe, out_rsp) == 168,
               "IP_OUT_RSP");

uint64_t iret_probe_run(struct iret_probe *p);
void iret_probe_target(void);
void iret_probe_no_landing(void);
void iret_probe_fault_11(void);
void iret_probe_fault_12(void);
void iret_probe_fault_13(void);
void iret_probe_fault_14(void);
void segments_failsafe_entry(void);
extern struct iret_probe *iret_probe_current;
extern uint64_t failsafe_entries;

void seg_load_all(unsigned int ds, unsigned int es, unsigned int fs,
                  unsigned int gs);
void seg_read_all(uint16_t sel[4]);
uint64_t read_fs_at(uint64_t offset);
uint64_t read_gs_at(uint64_t offset);

static uint64_t gdt[512]
    __attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));
static volatile uint64_t fs_word = 0x1122334455667788UL;
static volatile uint64_t gs_word = 0x99aabbccddeeff00UL;
static uint16_t sel_in_callback[4];

static bool selectors_are(const char *check, unsigned int want)
{
    uint16_t s[4];

    seg_read_all(s);
    return test_check(s[0] == want && s[1] == want && s[2] == want &&
                          s[3] == want,
                      check, "ds %#x es %#x fs %#x gs %#x, want all %#x",
                      s[0], s[1], s[2], s[3], want);
}

static uint64_t shadow_gs_base(void)
{
    uint64_t val = ~0UL;

    if ( test_probe_rdmsr(MSR_SHADOW_GS_BASE, &val) != PROBE_NONE )
        return ~0UL;
    return val;
}

static unsigned int gs_selector(void)
{
    uint16_t s[4];

    seg_read_all(s);
    return s[3];
}

static void record_in_callback(evtchn_port_t port)
{
    (void)port;
    seg_read_all(sel_in_callback);
}

static void check_survival(void)
{
    const unsigned int sel = FLAT_RING3_DS32;
    evtchn_port_t a = 0, b = 0;
    struct iret_probe p = {
        .rip = (uint64_t)iret_probe_target, .cs = FLAT_KERNEL_CS & ~3,
        .rflags = 0x2, .ss = FLAT_KERNEL_SS,
        .mask_addr = &guest_vcpu_info()->evtchn_upcall_mask,
    };

    selectors_are("selectors/start_null", 0);
    seg_load_all(sel, sel, sel, sel);
    selectors_are("selectors/loaded", sel);
    hypercall_xen_version(XENVER_version, NULL);
    selectors_are("selectors/after_hypercall", sel);
    test_expect_probe("selectors/int3", test_probe_int3(),
                      PROBE_FAULT(X86_EXC_BP, 0));
    selectors_are("selectors/after_trap_bounce", sel);
    test_expect_eq("selectors/iret", iret_probe_run(&p), 0);
    selectors_are("selectors/after_iret", sel);
    hypercall_sched_op(SCHEDOP_yield, NULL);
    selectors_are("selectors/after_yield", sel);

    /* An upcall for a loopback port; the callback sees them too. */
    guest_evtchn_alloc_unbound(DOMID_SELF, &a);
    guest_evtchn_bind_loopback(a, &b);
    guest_events_consume();
    guest_events_on_port(record_in_callback);
    guest_evtchn_send(b);
    guest_events_enable();
    guest_events_disable();
    guest_events_on_port(NULL);
    test_check(sel_in_callback[0] == sel && sel_in_callback[3] == sel,
               "selectors/in_event_callback", "ds %#x gs %#x",
               sel_in_callback[0], sel_in_callback[3]);
    selectors_are("selectors/after_event", sel);
    guest_evtchn_close(b);
    guest_evtchn_close(a);
    seg_load_all(0, 0, 0, 0);
}

static void check_bases(void)
{
    uint64_t fs = (uint64_t)&fs_word - 0x10, gs = (uint64_t)&gs_word - 0x20;

    test_expect_rc("base/fs", hypercall_set_segment_base(SEGBASE_FS, fs), 0);
    test_expect_eq("base/fs/load", read_fs_at(0x10), fs_word);
    test_expect_rc("base/gs_kernel",
                   hypercall_set_segment_base(SEGBASE_GS_KERNEL, gs), 0);
    test_expect_eq("base/gs_kernel/load", read_gs_at(0x20), gs_word);
    test_expect_rc("base/gs_user",
                   hypercall_set_segment_base(SEGBASE_GS_USER, 0x12345000),
                   0);
    test_expect_eq("base/gs_user/msr", shadow_gs_base(), 0x12345000);
    test_expect_eq("base/gs_user/kernel_kept", read_gs_at(0x20), gs_word);

    test_expect_rc("base/fs/noncanonical",
                   hypercall_set_segment_base(SEGBASE_FS, NONCANONICAL),
                   -EINVAL);
    test_expect_rc("base/gs_kernel/noncanonical",
                   hypercall_set_segment_base(SEGBASE_GS_KERNEL,
                                              NONCANONICAL), -EINVAL);
    test_expect_rc("base/gs_user/noncanonical",
                   hypercall_set_segment_base(SEGBASE_GS_USER, NONCANONICAL),
                   -EINVAL);
    test_expect_eq("base/refused_kept/fs", read_fs_at(0x10), fs_word);
    test_expect_eq("base/refused_kept/gs_kernel", read_gs_at(0x20), gs_word);
    test_expect_eq("base/refused_kept/gs_user", shadow_gs_base(), 0x12345000);
    test_expect_rc("base/which_4", hypercall_set_segment_base(4, 0), -EINVAL);
    test_expect_rc("base/which_huge",
                   hypercall_set_segment_base(0xffffffffu, 0), -EINVAL);
    /* The wrapper passes which as unsigned int; go round it. */
    test_expect_rc("base/which_high_bits_ignored",
                   GUEST_HYPERCALL(__HYPERVISOR_set_segment_base,
                                   (1UL << 32) | SEGBASE_GS_USER, 0x6000, 0,
                                   0, 0), 0);
    test_expect_eq("base/which_high_bits_ignored/msr", shadow_gs_base(),
                   0x6000);
}

static long gs_user_sel(unsigned long sel)
{
    return hypercall_set_segment_base(SEGBASE_GS_USER_SEL, sel);
}

static void check_user_sel(const char *check, unsigned long sel,
                           unsigned int want_gs, uint64_t want_base)
{
    char name[64];

    test_expect_rc(check, gs_user_sel(sel), 0);
    guest_snprintf(name, sizeof(name), "%s/gs", check);
    test_expect_eq(name, gs_selector(), want_gs);
    guest_snprintf(name, sizeof(name), "%s/user_base", check);
    test_expect_eq(name, shadow_gs_base(), want_base);
    guest_snprintf(name, sizeof(name), "%s/kernel_base_kept", check);
    test_expect_eq(name, read_gs_at(0x20), gs_word);
}

static xen_ulong_t gdt_frame;

static void install_gdt(void)
{
    gdt[1] = GDT_BASE_DATA;
    gdt[2] = GDT_DATA_ABSENT;
    gdt[3] = GDT_CODE_ABSENT;
    gdt[4] = GDT_CODE64;
    gdt_frame = guest_mfn_of(gdt);
    test_expect_rc("gdt/map_read_only",
                   guest_mm_map(gdt, (uint64_t)gdt_frame << PAGE_SHIFT,
                                PTE_PRESENT | PTE_ACCESSED), 0);
    test_expect_rc("gdt/set_gdt", hypercall_set_gdt(&gdt_frame, 8), 0);
}

static void check_gs_user_sel(void)
{
    check_user_sel("user_sel/flat", FLAT_RING3_DS32, FLAT_RING3_DS32, 0);
    hypercall_set_segment_base(SEGBASE_GS_USER, 0x7000);
    check_user_sel("user_sel/rpl_forced", FLAT_RING3_DS32 & ~3,
                   FLAT_RING3_DS32, 0);
    check_user_sel("user_sel/gdt_base", SEL_GDT_DATA & ~3, SEL_GDT_DATA,
                   0x345000);
    check_user_sel("user_sel/high_bits_ignored",
                   0xdead00000000UL | FLAT_RING3_DS32, FLAT_RING3_DS32, 0);
    check_user_sel("user_sel/null", 0, 0, 0);
    check_user_sel("user_sel/null_rpl3", 3, 3, 0);

    /* Hostile: each leaves GS null with base 0, and succeeds. */
    gs_user_sel(SEL_GDT_DATA);
    check_user_sel("user_sel/ring0_data", 0xe013, 0, 0);
    gs_user_sel(SEL_GDT_DATA);
    check_user_sel("user_sel/unused_entry", 0x2b, 0, 0);
    gs_user_sel(SEL_GDT_DATA);
    check_user_sel("user_sel/not_present", SEL_DATA_ABSENT, 0, 0);
    gs_user_sel(SEL_GDT_DATA);
    check_user_sel("user_sel/unused_page", 0x1003, 0, 0);
    gs_user_sel(SEL_GDT_DATA);
    check_user_sel("user_sel/page15", 0xf003, 0, 0);
    gs_user_sel(SEL_GDT_DATA);
    check_user_sel("user_sel/ldt", 0x0f, 0, 0);
    gs_user_sel(SEL_GDT_DATA);
    check_user_sel("user_sel/code", FLAT_RING3_CS64, FLAT_RING3_CS64, 0);

    gs_user_sel(0);
    hypercall_set_segment_base(SEGBASE_GS_KERNEL, 0);
    hypercall_set_segment_base(SEGBASE_GS_USER, 0);
    hypercall_set_segment_base(SEGBASE_FS, 0);
}

static void install_fault_stubs(bool mask_events)
{
    struct trap_info t[5] = {
        { 11, 0, FLAT_KERNEL_CS, (unsigned long)iret_probe_fault_11 },
        { 12, 0, FLAT_KERNEL_CS, (unsigned long)iret_probe_fault_12 },
        { 13, 0, FLAT_KERNEL_CS, (unsigned long)iret_probe_fault_13 },
        { 14, 0, FLAT_KERNEL_CS, (unsigned long)iret_probe_fault_14 },
        { 0 },
    };
    unsigned int i;

    for ( i = 0; i < 4; i++ )
        TI_SET_IF(&t[i], mask_events);
    if ( hypercall_set_trap_table(t) )
        test_error("cannot install the fault stubs");
}

#define VEC(v) (1u << (v))

/*
 * One iret with a frame to iret_probe_no_landing (or rip) that must fault
 * with one of the vectors (a VEC() mask) and error_code; checks the bounce
 * frame.
 */
static void check_refused(const char *check, uint64_t rip, uint64_t cs,
                          uint64_t ss, unsigned int vectors,
                          unsigned int error_code)
{
    struct iret_probe p = {
        .rip = rip ? rip : (uint64_t)iret_probe_no_landing, .cs = cs,
        .rflags = 0x2, .ss = ss, .rcx = 0xc0ffee, .r11 = 0x5eed,
        .mask_addr = &guest_vcpu_info()->evtchn_upcall_mask,
    };
    uint64_t rc = iret_probe_run(&p);
    char name[64];

    iret_probe_current = NULL;
    guest_vcpu_info()->evtchn_upcall_mask = 1;
    if ( !test_check(rc && rc <= 32 && (vectors & VEC(rc - 1)), check,
                     "got %#lx, want vector+1 in mask %#x (0: landed, cs "
                     "%#lx)", rc, vectors, p.out_cs) )
        return;
    guest_snprintf(name, sizeof(name), "%s/frame", check);
    test_check(p.frame[0] == 0xc0ffee && p.frame[1] == 0x5eed &&
                   p.frame[2] == error_code && p.frame[3] == p.rip &&
                   p.frame[4] == ((cs & 0xfffc) | (1UL << 32)) &&
                   !(p.frame[5] & FLAGS_IF) && p.frame[6] == p.out_rsp &&
                   p.frame[7] == (ss | 3),
               name, "rcx %#lx r11 %#lx ec %#lx rip %#lx cs %#lx rflags %#lx "
               "rsp %#lx ss %#lx", p.frame[0], p.frame[1], p.frame[2],
               p.frame[3], p.frame[4], p.frame[5], p.frame[6], p.frame[7]);
}

static void check_iret(void)
{
    struct iret_probe p = {
        .rip = (uint64_t)iret_probe_target, .cs = FLAT_KERNEL_CS & ~3,
        .rflags = 0x2, .ss = FLAT_KERNEL_SS, .rcx = 0xc0ffee, .r11 = 0x5eed,
        .mask_addr = &guest_vcpu_info()->evtchn_upcall_mask,
    };

    test_expect_eq("iret/good", iret_probe_run(&p), 0);
    test_check(p.out_cs == FLAT_KERNEL_CS && p.out_ss == FLAT_KERNEL_SS &&
                   p.out_rcx == 0xc0ffee && p.out_r11 == 0x5eed,
               "iret/good/registers", "cs %#lx ss %#lx rcx %#lx r11 %#lx",
               p.out_cs, p.out_ss, p.out_rcx, p.out_r11);
    p.flags = VGCF_in_syscall;
    p.cs = 0xe008;
    p.ss = 0xe030;
    test_expect_eq("iret/in_syscall_ignores_selectors", iret_probe_run(&p),
                   0);
    test_check(p.out_cs == FLAT_KERNEL_CS && p.out_ss == FLAT_KERNEL_SS &&
                   p.out_rcx == p.rip && p.out_r11 == (0x2 | FLAGS_IF),
               "iret/in_syscall/registers", "cs %#lx ss %#lx rcx %#lx r11 %#lx",
               p.out_cs, p.out_ss, p.out_rcx, p.out_r11);
    p.flags = 0;
    p.cs = SEL_CODE64;
    p.ss = FLAT_KERNEL_SS;
    test_expect_eq("iret/guest_gdt_cs", iret_probe_run(&p), 0);
    test_expect_eq("iret/guest_gdt_cs/cs", p.out_cs, SEL_CODE64 | 3);
    iret_probe_current = NULL;
    guest_vcpu_info()->evtchn_upcall_mask = 1;

    install_fault_stubs(false);
    check_refused("iret/cs_xen_ring0", 0, 0xe008, FLAT_KERNEL_SS, VEC(13),
                  0xe008);
    check_refused("iret/cs_data", 0, FLAT_RING3_DS32 & ~3, FLAT_KERNEL_SS,
                  VEC(13), FLAT_RING3_DS32 & ~3);
    check_refused("iret/cs_unused_page", 0, 0x1000, FLAT_KERNEL_SS, VEC(13),
                  0x1000);
    check_refused("iret/cs_null", 0, 0, FLAT_KERNEL_SS, VEC(13), 0);
    check_refused("iret/cs_not_present", 0, SEL_CODE_ABSENT, FLAT_KERNEL_SS,
                  VEC(11), SEL_CODE_ABSENT);
    /* #SS on hardware; QEMU's TCG raises #NP. The guest gets either. */
    check_refused("iret/ss_not_present", 0, FLAT_KERNEL_CS & ~3,
                  SEL_DATA_ABSENT, VEC(12) | VEC(11), SEL_DATA_ABSENT);
    check_refused("iret/ss_code", 0, FLAT_KERNEL_CS & ~3, FLAT_KERNEL_CS,
                  VEC(13), FLAT_KERNEL_CS & ~3);
    check_refused("iret/ss_null", 0, FLAT_KERNEL_CS & ~3, 0, VEC(13), 0);
    check_refused("iret/rip_noncanonical", NONCANONICAL,
                  FLAT_KERNEL_CS & ~3, FLAT_KERNEL_SS, VEC(13), 0);
    test_expect_eq("iret/no_failsafe", failsafe_entries, 0);
}

/* The bounce masks events as the trap_info says, after iret unmasked. */
static void check_iret_event_mask(void)
{
    struct iret_probe p = {
        .rip = (uint64_t)iret_probe_no_landing, .cs = 0xe008,
        .rflags = FLAGS_IF | 0x2, .ss = FLAT_KERNEL_SS,
        .mask_addr = &guest_vcpu_info()->evtchn_upcall_mask,
    };
    uint64_t rc;

    guest_events_consume();
    rc = iret_probe_run(&p);
    iret_probe_current = NULL;
    guest_vcpu_info()->evtchn_upcall_mask = 1;
    test_check(rc == X86_EXC_GP + 1 && p.out_mask == 0 &&
                   (p.frame[4] >> 32) == 0 && (p.frame[5] & FLAGS_IF),
               "iret/unmasked_stays_unmasked", "rc %#lx mask %lu cs slot "
               "%#lx rflags %#lx", rc, p.out_mask, p.frame[4], p.frame[5]);

    install_fault_stubs(true);
    rc = iret_probe_run(&p);
    iret_probe_current = NULL;
    guest_vcpu_info()->evtchn_upcall_mask = 1;
    test_check(rc == X86_EXC_GP + 1 && p.out_mask == 1 &&
                   (p.frame[4] >> 32) == 0 && (p.frame[5] & FLAGS_IF),
               "iret/masked_as_registered", "rc %#lx mask %lu cs slot %#lx "
               "rflags %#lx", rc, p.out_mask, p.frame[4], p.frame[5]);
    test_expect_eq("iret/no_failsafe_masked", failsafe_entries, 0);
}

void test_main(void)
{
    struct callback_register cb = {
        .type = CALLBACKTYPE_failsafe, .flags = CALLBACKF_mask_events,
        .address = (unsigned long)segments_failsafe_entry,
    };

    test_expect_rc("failsafe/register",
                   hypercall_callback_op(CALLBACKOP_register, &cb), 0);
    check_survival();
    install_gdt();
    check_bases();
    check_gs_user_sel();
    check_iret();
    check_iret_event_mask();
    if ( hypercall_set_trap_table(guest_trap_table()) )
        test_error("cannot restore the trap table");
    test_expect_rc("gdt/release", hypercall_set_gdt(&gdt_frame, 0), 0);
}
