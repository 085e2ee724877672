/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The benchmark guest: booted as dom0 by tools/bench on Xenolith and on
 * Xen 4.17, it times five round trips through the hypervisor with RDTSC
 * around a loop (after a warm-up loop) and prints one line per operation:
 *
 *   BENCH <name> <cycles per operation, one decimal>   or
 *   BENCH <name> n/a                                   plus a NOTE saying why
 *
 *   null_hypercall      xen_version(XENVER_version, NULL): the cheapest
 *                       hypercall both hypervisors implement for real (no
 *                       guest memory touched, no lock, a constant answer).
 *   multicall_entry     one multicall of 32 such xen_version entries,
 *                       divided by 32.
 *   evtchn_send_upcall  EVTCHNOP_send on an IPI port bound to our own vCPU
 *                       (or, without bind_ipi, a loopback interdomain pair),
 *                       until the event callback has run and returned
 *                       (HYPERVISOR_iret) to the instruction after the send.
 *   trap_bounce         int3 in guest kernel mode, bounced through the trap
 *                       table to a handler that returns by HYPERVISOR_iret.
 *   syscall_bounce      SYSCALL in guest user mode, bounced to the syscall
 *                       callback, which returns by HYPERVISOR_iret with
 *                       VGCF_in_syscall. Timed in user mode.
 *   mmu_*, uvm_invlpg,  the validated MMU (mmu.c, which says what each
 *   pin_unpin_l1, ptwr  row does).
 *   interdomain_rtt,    with a second domain (interdomain.c; Xenolith's
 *   domain_switch       boot-time domains only).
 *
 * Under QEMU's -icount shift=0 the TSC advances by one per executed
 * instruction, so a "cycle" here is an instruction of the guest or of the
 * hypervisor (docs/PERFORMANCE.md). The guest's own share is a handful of
 * instructions per operation (entry.S), identical on both hypervisors.
 *
 * Timing is never a verdict (STYLE.md, section 8). The checks below only
 * assert that each loop did what its row claims (results, handler
 * counts), so a figure is never printed for a path that was not taken.
 */
#include <guest/arch/atomic.h>
#include <guest/arch/page.h>
#include <guest/console.h>
#include <guest/events.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/setup.h>
#include <guest/test.h>
#include <guest/traps.h>

const char test_name[] = "bench";
const char test_title[] = "cycles per hypercall, multicall entry, event, "
                          "trap bounce and syscall bounce";

#define WARMUP      200UL
#define ITERATIONS  10000UL
#define BATCH       32U
#define BITS_PER_WORD (8 * sizeof(unsigned long))

/* entry.S, and the C half of its event callback. */
void bench_int3_entry(void);
void bench_event_entry(void);
void bench_syscall_entry(void);
unsigned long bench_run_user(unsigned long warm, unsigned long count);
extern unsigned long bench_traps, bench_syscalls;
void bench_event_handle(void);
void bench_report(const char *name, uint64_t cycles, unsigned long ops);
void bench_mmu(void);                     /* mmu.c */

static unsigned long bench_events;        /* Ports our callback consumed. */

static char kernel_stack[4 * PAGE_SIZE]
    __attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));
static struct multicall_entry batch[BATCH];
static long xen_version_value;

static inline uint64_t bench_rdtsc(void)
{
    uint32_t lo, hi;

    asm volatile ( "rdtsc" : "=a" (lo), "=d" (hi) : : "memory" );
    return ((uint64_t)hi << 32) | lo;
}

void bench_report(const char *name, uint64_t cycles, unsigned long ops)
{
    uint64_t tenths = (cycles * 10 + ops / 2) / ops;

    guest_printf("BENCH %s %lu.%lu\n", name, (unsigned long)(tenths / 10),
                 (unsigned long)(tenths % 10));
}

static void report_na(const char *name, const char *why, long rc)
{
    char buf[32];

    guest_printf("BENCH %s n/a\n", name);
    test_note("%s: n/a: %s (%s)", name, why, test_rc_format(rc, buf,
                                                              sizeof(buf)));
}

static uint64_t loop_null_hypercall(unsigned long n)
{
    uint64_t t0 = bench_rdtsc();

    for ( unsigned long i = 0; i < n; i++ )
        hypercall_xen_version(XENVER_version, NULL);
    return bench_rdtsc() - t0;
}

static void bench_null_hypercall(void)
{
    xen_version_value = hypercall_xen_version(XENVER_version, NULL);
    if ( !test_check(xen_version_value > 0, "null_hypercall/result",
                     "xen_version returned %ld", xen_version_value) )
        return;
    loop_null_hypercall(WARMUP);
    bench_report("null_hypercall", loop_null_hypercall(ITERATIONS), ITERATIONS);
}

static uint64_t loop_multicall(unsigned long n)
{
    uint64_t t0 = bench_rdtsc();

    for ( unsigned long i = 0; i < n; i++ )
        hypercall_multicall(batch, BATCH);
    return bench_rdtsc() - t0;
}

static void bench_multicall(void)
{
    unsigned long batches = ITERATIONS / BATCH;
    unsigned int i, good = 0;
    long rc;

    for ( i = 0; i < BATCH; i++ )
        batch[i] = (struct multicall_entry){
            .op = __HYPERVISOR_xen_version,
            .args = { XENVER_version, 0 },
        };
    rc = hypercall_multicall(batch, BATCH);
    for ( i = 0; i < BATCH; i++ )
        good += (long)batch[i].result == xen_version_value;
    if ( !test_check(rc == 0 && good == BATCH, "multicall_entry/results",
                     "multicall returned %ld, %u of %u results right", rc,
                     good, BATCH) )
        return;
    loop_multicall(WARMUP / BATCH + 1);
    bench_report("multicall_entry", loop_multicall(batches), batches * BATCH);
}

static uint64_t loop_evtchn_send(evtchn_port_t port, unsigned long n)
{
    struct evtchn_send send = { .port = port };
    uint64_t t0 = bench_rdtsc();

    for ( unsigned long i = 0; i < n; i++ )
        hypercall_event_channel_op(EVTCHNOP_send, &send);
    return bench_rdtsc() - t0;
}

/*
 * The event callback's C half (from bench_event_entry, events masked): the
 * two-level scan of xen/include/public/xen.h kept as short as it goes, so
 * that the row measures the hypervisor rather than our bookkeeping.
 */
void bench_event_handle(void)
{
    struct vcpu_info *vi = guest_vcpu_info();
    unsigned long sel, pending;
    unsigned int word;

    vi->evtchn_upcall_pending = 0;
    for ( sel = guest_xchg(&vi->evtchn_pending_sel, 0); sel; sel &= sel - 1 )
    {
        word = guest_lowest_bit(sel);
        pending = guest_shared_info->evtchn_pending[word] &
                  ~guest_shared_info->evtchn_mask[word];
        guest_clear_bits(&guest_shared_info->evtchn_pending[word], pending);
        for ( ; pending; pending &= pending - 1 )
            bench_events++;
    }
}

static void set_event_callback(void (*entry)(void))
{
    struct callback_register cb = {
        .type = CALLBACKTYPE_event,
        .address = (unsigned long)entry,
    };
    long rc = hypercall_callback_op(CALLBACKOP_register, &cb);

    if ( rc )
        guest_panic("callback_op register event: %ld", rc);
}

static void unmask_port(evtchn_port_t port)
{
    guest_clear_bits(&guest_shared_info->evtchn_mask[port / BITS_PER_WORD],
                     1UL << (port % BITS_PER_WORD));
}

/*
 * Send on `send`, expect upcalls for `receive` (the same port for an IPI).
 * Events are unmasked only around the loops and nothing else is bound, so
 * every upcall is one of our sends. Port mask bits are the guest's to
 * clear in the 2-level ABI; nothing is pending when we unmask.
 */
static void bench_evtchn_send_loops(evtchn_port_t send, evtchn_port_t receive)
{
    struct vcpu_info *vi = guest_vcpu_info();
    unsigned long before = bench_events;
    uint64_t cycles;

    unmask_port(receive);
    set_event_callback(bench_event_entry);
    vi->evtchn_upcall_mask = 0;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    loop_evtchn_send(send, WARMUP);
    cycles = loop_evtchn_send(send, ITERATIONS);
    vi->evtchn_upcall_mask = 1;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    set_event_callback(guest_event_entry);
    if ( test_expect_eq("evtchn_send_upcall/upcalls",
                        (long)(bench_events - before),
                        (long)(WARMUP + ITERATIONS)) )
        bench_report("evtchn_send_upcall", cycles, ITERATIONS);
}

static long close_port(evtchn_port_t port)
{
    struct evtchn_close close = { .port = port };

    return hypercall_event_channel_op(EVTCHNOP_close, &close);
}

/*
 * An IPI port bound to our vCPU 0 (Linux's IPIs take this path); where
 * bind_ipi is missing, a loopback pair (alloc_unbound for DOMID_SELF, then
 * bind_interdomain to it). Either way one send is one upcall.
 */
static void bench_evtchn_send(void)
{
    struct evtchn_bind_ipi ipi = { .vcpu = 0 };
    struct evtchn_alloc_unbound unbound = {
        .dom = DOMID_SELF,
        .remote_dom = DOMID_SELF,
    };
    struct evtchn_bind_interdomain inter = { .remote_dom = DOMID_SELF };
    long rc = hypercall_event_channel_op(EVTCHNOP_bind_ipi, &ipi);

    if ( rc == 0 )
    {
        bench_evtchn_send_loops(ipi.port, ipi.port);
        test_expect_rc("evtchn_send_upcall/close", close_port(ipi.port), 0);
        return;
    }
    test_note("evtchn_send_upcall: EVTCHNOP_bind_ipi: %ld; trying a "
              "loopback pair", rc);
    rc = hypercall_event_channel_op(EVTCHNOP_alloc_unbound, &unbound);
    if ( rc )
    {
        report_na("evtchn_send_upcall", "EVTCHNOP_alloc_unbound failed", rc);
        return;
    }
    inter.remote_port = unbound.port;
    rc = hypercall_event_channel_op(EVTCHNOP_bind_interdomain, &inter);
    if ( rc == 0 )
    {
        bench_evtchn_send_loops(inter.local_port, unbound.port);
        test_expect_rc("evtchn_send_upcall/close", close_port(inter.local_port),
                       0);
    }
    else
        report_na("evtchn_send_upcall", "EVTCHNOP_bind_interdomain failed", rc);
    test_expect_rc("evtchn_send_upcall/close_unbound",
                   close_port(unbound.port), 0);
}

static uint64_t loop_int3(unsigned long n)
{
    uint64_t t0 = bench_rdtsc();

    for ( unsigned long i = 0; i < n; i++ )
        asm volatile ( "int3" : : : "memory" );
    return bench_rdtsc() - t0;
}

/* Vector 3 goes to bench_int3_entry for the loops, then back. */
static void bench_trap_bounce(void)
{
    struct trap_info mine[2] = {
        { .vector = 3, .flags = 3, .cs = FLAT_KERNEL_CS,
          .address = (unsigned long)bench_int3_entry },
        { 0 },
    };
    unsigned long before = bench_traps;
    uint64_t cycles;
    long rc = hypercall_set_trap_table(mine);

    if ( !test_expect_rc("trap_bounce/set_trap_table", rc, 0) )
        return;
    loop_int3(WARMUP);
    cycles = loop_int3(ITERATIONS);
    rc = hypercall_set_trap_table(guest_trap_table());
    if ( rc )
        guest_panic("restoring the trap table: %ld", rc);
    if ( test_expect_eq("trap_bounce/handled", (long)(bench_traps - before),
                        (long)(WARMUP + ITERATIONS)) )
        bench_report("trap_bounce", cycles, ITERATIONS);
}

/*
 * Guest user mode needs a kernel stack for bounces (stack_switch), the
 * syscall callback, and a user L4: Xen 4.17 crashes a guest that irets to
 * user mode without one. Like XTF, we give it our own L4 (every PV64
 * mapping carries _PAGE_USER, so user mode sees the same memory). Where
 * MMUEXT_NEW_USER_BASEPTR does not exist yet (-ENOSYS), the hypervisor
 * must run user mode on the kernel L4; if it cannot, the guest crashes
 * and the runner reports the row missing.
 */
static long prepare_user_mode(void)
{
    struct callback_register cb = {
        .type = CALLBACKTYPE_syscall,
        .address = (unsigned long)bench_syscall_entry,
    };
    struct mmuext_op op = {
        .cmd = MMUEXT_NEW_USER_BASEPTR,
        .arg1.mfn = guest_mfn_of((void *)guest_start_info->pt_base),
    };
    long rc;

    rc = hypercall_stack_switch(FLAT_KERNEL_SS,
                                (unsigned long)kernel_stack +
                                    sizeof(kernel_stack));
    if ( !test_expect_rc("syscall_bounce/stack_switch", rc, 0) )
        return rc;
    rc = hypercall_callback_op(CALLBACKOP_register, &cb);
    if ( !test_expect_rc("syscall_bounce/callback", rc, 0) )
        return rc;
    rc = GUEST_HYPERCALL(__HYPERVISOR_mmuext_op, &op, 1, NULL, DOMID_SELF,
                         0);
    if ( rc == -ENOSYS )
        test_note("syscall_bounce: MMUEXT_NEW_USER_BASEPTR: -ENOSYS; user "
                  "mode runs on the kernel L4");
    else if ( !test_expect_rc("syscall_bounce/new_user_baseptr", rc, 0) )
        return rc;
    return 0;
}

static void bench_syscall_bounce(void)
{
    unsigned long before;
    uint64_t cycles;

    if ( prepare_user_mode() )
        return;
    before = bench_syscalls;
    cycles = bench_run_user(WARMUP, ITERATIONS);
    if ( test_expect_eq("syscall_bounce/handled",
                        (long)(bench_syscalls - before),
                        (long)(WARMUP + ITERATIONS)) )
        bench_report("syscall_bounce", cycles, ITERATIONS);
}

/*
 * What the clock counts, for reading the table: the cost of our own loop,
 * and of a 64-byte copy done as `rep movsb` and as `rep movsq` (QEMU counts
 * each iteration of a string instruction as one instruction under icount;
 * real CPUs do not). Printed as NOTE lines, not rows.
 */
static void calibrate(void)
{
    static char src[64], dst[64];
    unsigned long n = ITERATIONS, i;
    uint64_t t0, empty, movsb, movsq;

    t0 = bench_rdtsc();
    for ( i = 0; i < n; i++ )
        asm volatile ( "" : : : "memory" );
    empty = bench_rdtsc() - t0;
    t0 = bench_rdtsc();
    for ( i = 0; i < n; i++ )
    {
        void *d = dst;
        const void *sp = src;
        unsigned long c = sizeof(dst);

        asm volatile ( "rep movsb" : "+D" (d), "+S" (sp), "+c" (c)
                       : : "memory" );
    }
    movsb = bench_rdtsc() - t0;
    t0 = bench_rdtsc();
    for ( i = 0; i < n; i++ )
    {
        void *d = dst;
        const void *sp = src;
        unsigned long c = sizeof(dst) / 8;

        asm volatile ( "rep movsq" : "+D" (d), "+S" (sp), "+c" (c)
                       : : "memory" );
    }
    movsq = bench_rdtsc() - t0;
    test_note("calibration: cycles per empty loop iteration %lu.%lu, per "
              "64-byte rep movsb %lu, per 64-byte rep movsq %lu",
              empty / n, (empty * 10 / n) % 10, (movsb - empty) / n,
              (movsq - empty) / n);
}

void bench_interdomain_prepare(void);      /* interdomain.c */
void bench_interdomain(void);
void bench_echo_main(void);
void bench_scale_main(void);               /* scale.c */
void bench_tick_main(void);

void test_main(void)
{
    if ( !(guest_start_info->flags & SIF_INITDOMAIN) )
    {
        if ( guest_cmdline_has("role=tick") )
            bench_tick_main();
        else
            bench_echo_main();              /* Domain 1, "role=echo". */
        return;
    }
    if ( guest_cmdline_has("scale") )
    {
        bench_scale_main();                 /* tools/bench-domains */
        return;
    }
    bench_interdomain_prepare();
    calibrate();
    bench_null_hypercall();
    bench_multicall();
    bench_evtchn_send();
    bench_trap_bounce();
    bench_syscall_bounce();
    bench_mmu();
    bench_interdomain();                    /* Last: see interdomain.c. */
}
