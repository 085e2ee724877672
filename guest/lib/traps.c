/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guest's trap table and the C half of every exception.
 *
 * 64-bit PV guests run their kernel in ring 3, so the table's selectors
 * are FLAT_KERNEL_CS (Xen forces the RPL of whatever selector it is given).
 * A trap_info DPL governs `int n` to that vector (Xen's permit_softint());
 * #BP and #OF get DPL 3, as Linux gives them. For #PF Xen stores the faulting
 * address in vcpu_info.arch.cr2 before the bounce (xen/include/public/
 * arch-x86/xen.h, struct arch_vcpu_info) and clears the error code's user
 * bit for faults in guest kernel mode.
 */
#include <guest/arch/frame.h>
#include <guest/console.h>
#include <guest/events.h>
#include <guest/hypercall.h>
#include <guest/probe.h>
#include <guest/setup.h>
#include <guest/traps.h>

_Static_assert(sizeof(struct guest_frame) == GUEST_FRAME_SIZE,
               "entry.S pushes GUEST_FRAME_SIZE bytes");
_Static_assert(offsetof(struct guest_frame, rip) == 17 * 8,
               "the hardware-style frame follows vector and error code");

#define TRAP_VECTORS 32

struct trap_stub
{
    uint64_t vector;
    void (*entry)(void);
};

struct extable_entry
{
    uint64_t from;
    uint64_t to;
};

/* From the linker script: entry.S's stubs and the exception table. */
extern const struct trap_stub __start_trap_stubs[], __stop_trap_stubs[];
extern const struct extable_entry __start_ex_table[], __stop_ex_table[];

static struct trap_info trap_table[TRAP_VECTORS + 1];
static struct guest_fault_record last_fault;

static const char *const vector_names[TRAP_VECTORS] = {
    "DE", "DB", "NMI", "BP", "OF", "BR", "UD", "NM", "DF", "CSO", "TS", "NP",
    "SS", "GP", "PF", "SPV", "MF", "AC", "MC", "XM", "VE", "CP",
};

const char *guest_vector_name(unsigned int vector)
{
    if ( vector < TRAP_VECTORS && vector_names[vector] )
        return vector_names[vector];
    return "??";
}

void guest_traps_init(void)
{
    const struct trap_stub *s;
    unsigned int n = 0;
    long rc;

    for ( s = __start_trap_stubs; s < __stop_trap_stubs; s++, n++ )
    {
        trap_table[n].vector = (uint8_t)s->vector;
        trap_table[n].flags = (s->vector == 3 || s->vector == 4) ? 3 : 0;
        trap_table[n].cs = FLAT_KERNEL_CS;
        trap_table[n].address = (unsigned long)s->entry;
    }
    rc = hypercall_set_trap_table(trap_table);
    if ( rc )
        guest_panic("set_trap_table: %ld", rc);
}

const struct trap_info *guest_trap_table(void)
{
    return trap_table;
}

const struct guest_fault_record *guest_traps_last(void)
{
    return &last_fault;
}

static const struct extable_entry *extable_find(uint64_t rip)
{
    const struct extable_entry *e;

    for ( e = __start_ex_table; e < __stop_ex_table; e++ )
        if ( e->from == rip )
            return e;
    return NULL;
}

static void record_fault(const struct guest_frame *f)
{
    last_fault.vector = (unsigned int)f->vector;
    last_fault.error_code = (unsigned int)f->error_code;
    last_fault.rip = f->rip;
    last_fault.cs = f->cs;
    last_fault.cr2 = f->vector == 14 ? guest_vcpu_info()->arch.cr2 : 0;
    last_fault.count++;
}

static void GUEST_NORETURN unhandled(const struct guest_frame *f)
{
    guest_printf("Unhandled #%s[%04lx] at %04x:%016lx, rflags %08lx\n",
                 guest_vector_name((unsigned int)f->vector), f->error_code,
                 (uint16_t)f->cs, f->rip, f->rflags);
    guest_printf("rax %016lx rbx %016lx rcx %016lx rdx %016lx\n", f->rax,
                 f->rbx, f->rcx, f->rdx);
    guest_printf("rsi %016lx rdi %016lx rbp %016lx rsp %016lx\n", f->rsi,
                 f->rdi, f->rbp, f->rsp);
    if ( f->vector == 14 )
        guest_printf("cr2 %016lx\n", guest_vcpu_info()->arch.cr2);
    guest_panic("unhandled #%s[%04lx] at %#lx",
                guest_vector_name((unsigned int)f->vector), f->error_code,
                f->rip);
}

void guest_trap_dispatch(struct guest_frame *frame)
{
    const struct extable_entry *fixup;

    if ( frame->vector == GUEST_VECTOR_EVENT )
    {
        guest_events_handle();
        return;
    }
    if ( frame->vector == GUEST_VECTOR_FAILSAFE )
        guest_panic("failsafe callback: bad segment on return to %lx",
                    frame->rip);

    record_fault(frame);
    fixup = extable_find(frame->rip);
    if ( !fixup )
        unhandled(frame);
    frame->rax = PROBE_FAULT(frame->vector, frame->error_code);
    frame->rip = fixup->to;
}
