/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vcpu_op: HYPERVISOR_vcpu_op on our own vCPU 0 (xen/include/public/
 * vcpu.h; Xen: xen/common/domain.c do_vcpu_op(), map_vcpu_info(),
 * xen/arch/x86/domain.c arch_do_vcpu_op()). Timers are the time test's.
 *
 * What the ABI defines and this test checks:
 * - is_up is 1 for a running vCPU; up on a running vCPU does nothing;
 * - get_runstate_info says "running", with times that add up to no more
 *   than system time and grow; a registered runstate area is filled at
 *   once and follows the vCPU through a block (time blocked grows);
 * - register_vcpu_info moves vcpu_info into a page of ours: the old
 *   contents are copied, every selector bit and upcall_pending are set
 *   (Xen's "nothing gets lost"), and events and time then use the new
 *   place; it can be done once.
 * - get_physid answers for the hardware domain's pinned vCPUs (on one CPU,
 *   all of them): APIC ID 0, ACPI ID 0.
 * Hostile, Xen 4.17's answers: a vCPU we don't have -ENOENT; initialise on
 * a running vCPU -EEXIST, with an unreadable context -EFAULT; vcpu_info at
 * an offset not 8-byte aligned or too close to the page end -ENXIO, in a
 * page table, in a frame that is not ours, or a second time -EINVAL; bad
 * argument pointers -EFAULT; a runstate area in Xen's range -EFAULT, one
 * merely unmapped 0 (Xen only checks the range); send_nmi with an argument
 * -EINVAL; unknown commands -ENOSYS.
 */
#include <guest/arch/page.h>
#include <guest/console.h>
#include <guest/events.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/setup.h>
#include <guest/string.h>
#include <guest/test.h>
#include <guest/time.h>

const char test_name[] = "vcpu_op";
const char test_title[] = "vcpu_op: is_up, runstate, register_vcpu_info";

#define MS 1000000ULL

static char vcpu_info_page[PAGE_SIZE]
    __attribute__((aligned(PAGE_SIZE), section(".bss.page_aligned")));
static char context_buffer[8192] __attribute__((aligned(64)));
static struct vcpu_runstate_info area;

static uint64_t runstate_sum(const struct vcpu_runstate_info *r)
{
    return r->time[0] + r->time[1] + r->time[2] + r->time[3];
}

/*
 * Xen 4.17 answers get_physid for the hardware domain's vCPUs pinned to one
 * CPU, which on a one-CPU machine is every one: APIC ID in the low half,
 * ACPI processor ID in the high half.
 */
static void check_physid(void)
{
    struct vcpu_get_physid id = { .phys_id = ~0ULL };

    test_expect_rc("get_physid",
                   hypercall_vcpu_op(VCPUOP_get_physid, 0, &id), 0);
    test_note("get_physid: %#lx", id.phys_id);
    test_expect_eq("get_physid/cpu0", (long)id.phys_id, 0);
    test_expect_rc("get_physid/bad_pointer", hypercall_vcpu_op(
                       VCPUOP_get_physid, 0, (void *)TEST_ADDR_XEN), -EFAULT);
}

static void check_basic(void)
{
    test_expect_rc("is_up", hypercall_vcpu_op(VCPUOP_is_up, 0, NULL), 1);
    test_expect_rc("is_up/vcpu1", hypercall_vcpu_op(VCPUOP_is_up, 1, NULL),
                   -ENOENT);
    test_expect_rc("is_up/huge_vcpu",
                   hypercall_vcpu_op(VCPUOP_is_up, 0xffffffffu, NULL),
                   -ENOENT);
    test_expect_rc("up/running", hypercall_vcpu_op(VCPUOP_up, 0, NULL), 0);
    test_expect_rc("initialise/running",
                   hypercall_vcpu_op(VCPUOP_initialise, 0, context_buffer),
                   -EEXIST);
    test_expect_rc("initialise/bad_pointer",
                   hypercall_vcpu_op(VCPUOP_initialise, 0,
                                     (void *)TEST_ADDR_XEN), -EFAULT);
    test_expect_rc("send_nmi/argument",
                   hypercall_vcpu_op(VCPUOP_send_nmi, 0, context_buffer),
                   -EINVAL);
    check_physid();
    test_expect_rc("unknown", hypercall_vcpu_op(99, 0, NULL), -ENOSYS);
    test_expect_rc("runstate_phys_area", hypercall_vcpu_op(14, 0, NULL),
                   -ENOSYS);
}

static void check_runstate_info(void)
{
    struct vcpu_runstate_info a, b;
    uint64_t now;
    const struct test_bad_pointer *bad;
    unsigned int n, i;
    char check[48];

    test_expect_rc("runstate", hypercall_vcpu_op(VCPUOP_get_runstate_info, 0,
                                                 &a), 0);
    now = guest_time_now();
    test_check(a.state == RUNSTATE_running && a.state_entry_time <= now &&
                   a.time[RUNSTATE_running] > 0 && runstate_sum(&a) <= now,
               "runstate/running", "state %d entry %lu running %lu sum %lu "
               "now %lu", a.state, a.state_entry_time,
               a.time[RUNSTATE_running], runstate_sum(&a), now);
    guest_time_wait_until(now + MS);
    hypercall_vcpu_op(VCPUOP_get_runstate_info, 0, &b);
    test_check(b.time[RUNSTATE_running] > a.time[RUNSTATE_running],
               "runstate/grows", "running %lu then %lu",
               a.time[RUNSTATE_running], b.time[RUNSTATE_running]);
    test_expect_rc("runstate/vcpu1", hypercall_vcpu_op(
                       VCPUOP_get_runstate_info, 1, &a), -ENOENT);
    bad = test_bad_pointers(&n);
    for ( i = 0; i < n; i++ )
    {
        guest_snprintf(check, sizeof(check), "runstate/%s", bad[i].name);
        test_expect_rc(check, hypercall_vcpu_op(VCPUOP_get_runstate_info, 0,
                                                bad[i].ptr), -EFAULT);
    }
}

static long register_runstate(void *where)
{
    struct vcpu_register_runstate_memory_area reg = { .addr.v = where };

    return hypercall_vcpu_op(VCPUOP_register_runstate_memory_area, 0, &reg);
}

/* Block for 5 ms on a singleshot timer, events masked again afterwards. */
static void block_5ms(void)
{
    struct vcpu_set_singleshot_timer t = {
        .timeout_abs_ns = guest_time_now() + 5 * MS,
    };
    evtchn_port_t port;

    hypercall_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL);
    if ( guest_evtchn_bind_virq(VIRQ_TIMER, 0, &port) )
    {
        test_error("cannot bind VIRQ_TIMER");
        return;
    }
    guest_events_consume();
    hypercall_vcpu_op(VCPUOP_set_singleshot_timer, 0, &t);
    hypercall_sched_op(SCHEDOP_block, NULL);
    guest_events_disable();
    guest_evtchn_close(port);
}

static void check_runstate_area(void)
{
    uint64_t blocked;
    unsigned int tries;

    memset(&area, 0xff, sizeof(area));
    test_expect_rc("area/register", register_runstate(&area), 0);
    test_note("runstate area: state %d entry %lu times %lu %lu %lu %lu",
              area.state, area.state_entry_time, area.time[0], area.time[1],
              area.time[2], area.time[3]);
    test_check(area.state == RUNSTATE_running &&
                   area.state_entry_time <= guest_time_now() &&
                   runstate_sum(&area) <= guest_time_now(),
               "area/filled", "state %d entry %lu sum %lu", area.state,
               area.state_entry_time, runstate_sum(&area));
    blocked = area.time[RUNSTATE_blocked];
    /*
     * Xen does not block at all if the timer already fired (the host may
     * stop this vCPU for longer than 5 ms): try a few times.
     */
    for ( tries = 0; tries < 3 && area.time[RUNSTATE_blocked] == blocked;
          tries++ )
        block_5ms();
    test_check(area.time[RUNSTATE_blocked] > blocked &&
                   area.state == RUNSTATE_running &&
                   !(area.state_entry_time & XEN_RUNSTATE_UPDATE),
               "area/follows_block", "blocked %lu then %lu, state %d, "
               "entry %#lx", blocked, area.time[RUNSTATE_blocked], area.state,
               area.state_entry_time);
    test_expect_rc("area/xen", register_runstate((void *)TEST_ADDR_XEN),
                   -EFAULT);
    test_expect_rc("area/unmapped",
                   register_runstate((void *)TEST_ADDR_UNMAPPED), 0);
    test_expect_rc("area/bad_pointer", hypercall_vcpu_op(
                       VCPUOP_register_runstate_memory_area, 0,
                       (void *)TEST_ADDR_XEN), -EFAULT);
    test_expect_rc("area/unregister", register_runstate(NULL), 0);
}

static long register_vcpu_info(uint64_t mfn, uint32_t offset)
{
    struct vcpu_register_vcpu_info r = { .mfn = mfn, .offset = offset };

    return hypercall_vcpu_op(VCPUOP_register_vcpu_info, 0, &r);
}

static void check_vcpu_info_refused(void)
{
    uint64_t mfn = guest_mfn_of(vcpu_info_page);
    uint64_t l4 = guest_mfn_of((void *)guest_start_info->pt_base);

    test_expect_rc("vcpu_info/misaligned", register_vcpu_info(mfn, 4),
                   -ENXIO);
    test_expect_rc("vcpu_info/page_end",
                   register_vcpu_info(mfn, PAGE_SIZE - 32), -ENXIO);
    test_expect_rc("vcpu_info/page_table", register_vcpu_info(l4, 0),
                   -EINVAL);
    test_expect_rc("vcpu_info/not_ours", register_vcpu_info(0xfffffffffUL, 0),
                   -EINVAL);
    test_expect_rc("vcpu_info/vcpu1", hypercall_vcpu_op(
                       VCPUOP_register_vcpu_info, 1, context_buffer), -ENOENT);
    test_expect_rc("vcpu_info/bad_pointer", hypercall_vcpu_op(
                       VCPUOP_register_vcpu_info, 0, (void *)TEST_ADDR_XEN),
                   -EFAULT);
}

static void check_vcpu_info_moved(struct vcpu_info *vi)
{
    unsigned long before = guest_events_upcalls();
    evtchn_port_t ipi;

    test_check(vi->evtchn_upcall_mask == 1 && vi->evtchn_upcall_pending &&
                   vi->evtchn_pending_sel == ~0UL,
               "vcpu_info/marked_pending", "mask %u pending %u sel %#lx",
               vi->evtchn_upcall_mask, vi->evtchn_upcall_pending,
               vi->evtchn_pending_sel);
    guest_events_use_vcpu_info(vi);
    guest_events_consume();
    guest_events_forget();
    guest_vcpu_info()->evtchn_upcall_pending = 0;
    if ( guest_evtchn_bind_ipi(0, &ipi) )
    {
        test_error("cannot bind an IPI");
        return;
    }
    guest_evtchn_send(ipi);
    test_check(vi->evtchn_upcall_pending &&
                   !guest_vcpu_info()->evtchn_upcall_pending,
               "vcpu_info/send_uses_new", "new %u old %u",
               vi->evtchn_upcall_pending,
               guest_vcpu_info()->evtchn_upcall_pending);
    guest_events_enable();
    test_check(guest_events_upcalls() > before &&
                   guest_events_port_count(ipi) == 1,
               "vcpu_info/upcall", "%lu upcalls, port %u seen %u times",
               guest_events_upcalls() - before, ipi,
               guest_events_port_count(ipi));
    guest_events_disable();
    test_check(!(vi->time.version & 1) && vi->time.tsc_to_system_mul != 0 &&
                   guest_time_now() > 0,
               "vcpu_info/time", "version %u mul %u", vi->time.version,
               vi->time.tsc_to_system_mul);
    guest_evtchn_close(ipi);
}

static void check_vcpu_info(void)
{
    struct vcpu_info *vi = (struct vcpu_info *)(vcpu_info_page + 64);
    uint64_t mfn = guest_mfn_of(vcpu_info_page);

    check_vcpu_info_refused();
    memset(vcpu_info_page, 0x5a, PAGE_SIZE);
    test_expect_rc("vcpu_info/register", register_vcpu_info(mfn, 64), 0);
    test_expect_rc("vcpu_info/twice", register_vcpu_info(mfn, 128), -EINVAL);
    check_vcpu_info_moved(vi);
}

void test_main(void)
{
    check_basic();
    check_runstate_info();
    check_runstate_area();
    check_vcpu_info();
}
