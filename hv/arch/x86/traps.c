/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Trap dispatch. Exceptions raised by the hypervisor itself are either
 * expected (an instruction listed in the exception table: resume at its
 * fixup) or fatal (full register dump, faulting address, backtrace, panic).
 * NMIs are reported and survived. Interrupt vectors go to the handler
 * registered with irq_set_handler(); an unregistered one is reported once.
 * Guest-mode traps go to the PV layer (bounced to the guest's trap table);
 * so does a fault of the IRETQ that returns to a guest (pv_iret_fault).
 */
#include <asm/page.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/pv.h>
#include <asm/pv_segments.h>
#include <asm/traps.h>
#include <xenolith/domain.h>
#include <xenolith/console.h>
#include <xenolith/panic.h>

BUILD_BUG_ON(__builtin_offsetof(struct trap_frame, vector) != 15 * 8);
BUILD_BUG_ON(sizeof(struct trap_frame) != 22 * 8);   /* TRAP_FRAME_SIZE */

struct exception_table_entry {
    uint64_t insn, fixup;
};
extern const struct exception_table_entry __ex_table_start[], __ex_table_end[];

static irq_handler_fn irq_handlers[256];
static bool irq_reported[256];

static const char *const exception_names[32] = {
    "#DE divide error", "#DB debug", "NMI", "#BP breakpoint",
    "#OF overflow", "#BR bound range", "#UD invalid opcode",
    "#NM device not available", "#DF double fault", "coprocessor overrun",
    "#TS invalid TSS", "#NP segment not present", "#SS stack fault",
    "#GP general protection", "#PF page fault", "reserved 15",
    "#MF x87 floating point", "#AC alignment check", "#MC machine check",
    "#XM SIMD floating point", "#VE virtualisation", "#CP control protection",
    "reserved 22", "reserved 23", "reserved 24", "reserved 25",
    "reserved 26", "reserved 27", "#HV hypervisor injection",
    "#VC VMM communication", "#SX security", "reserved 31",
};

void irq_set_handler(unsigned int vector, irq_handler_fn handler)
{
    if ( vector >= FIRST_IRQ_VECTOR && vector < 256 )
        irq_handlers[vector] = handler;
}

uint64_t search_exception_table(uint64_t rip)
{
    const struct exception_table_entry *e;

    for ( e = __ex_table_start; e < __ex_table_end; e++ )
        if ( e->insn == rip )
            return e->fixup;
    return 0;
}

void show_registers(const struct trap_frame *f)
{
    printk(XENLOG_ERR "RIP: %04lx:%016lx  RFLAGS: %016lx\n", f->cs, f->rip,
           f->rflags);
    printk(XENLOG_ERR "RAX: %016lx  RBX: %016lx  RCX: %016lx\n", f->rax,
           f->rbx, f->rcx);
    printk(XENLOG_ERR "RDX: %016lx  RSI: %016lx  RDI: %016lx\n", f->rdx,
           f->rsi, f->rdi);
    printk(XENLOG_ERR "RBP: %016lx  RSP: %016lx  R8:  %016lx\n", f->rbp,
           f->rsp, f->r8);
    printk(XENLOG_ERR "R9:  %016lx  R10: %016lx  R11: %016lx\n", f->r9,
           f->r10, f->r11);
    printk(XENLOG_ERR "R12: %016lx  R13: %016lx  R14: %016lx\n", f->r12,
           f->r13, f->r14);
    printk(XENLOG_ERR "R15: %016lx  SS: %04lx\n", f->r15, f->ss);
    printk(XENLOG_ERR "CR0: %016lx  CR2: %016lx  CR3: %016lx  CR4: %016lx\n",
           read_cr0(), read_cr2(), read_cr3(), read_cr4());
}

static void describe_page_fault(const struct trap_frame *f)
{
    uint64_t cr2 = read_cr2(), e = f->error_code;
    uint64_t guard = (uint64_t)this_cpu()->stack_bottom - PAGE_SIZE;

    printk(XENLOG_ERR "Faulting address (CR2): %016lx: %s %s, %s mode%s\n",
           cr2, (e & 1) ? "protection violation on" : "no page for",
           (e & 16) ? "instruction fetch" : (e & 2) ? "write" : "read",
           (e & 4) ? "user" : "supervisor", (e & 8) ? ", reserved bit set" : "");
    if ( cr2 >= guard && cr2 < guard + PAGE_SIZE )
        printk(XENLOG_ERR "The address is the stack guard page: stack overflow.\n");
}

static void __noreturn fatal_trap(const struct trap_frame *f)
{
    const char *name = f->vector < 32 ? exception_names[f->vector]
                                      : "unexpected interrupt";

    console_force_unlock();
    printk(XENLOG_ERR "\nFATAL TRAP: vector %lu (%s), error code %#lx, in %s mode\n",
           f->vector, name, f->error_code, (f->cs & 3) ? "guest" : "hypervisor");
    if ( f->vector == TRAP_PF )
        describe_page_fault(f);
    show_registers(f);
    show_backtrace(f->rip, f->rbp);
    panic("fatal trap %lu (%s) at %016lx", f->vector, name, f->rip);
}

/* Uses this_cpu(): the IST entry made GS right whatever it held. */
static void handle_nmi(const struct trap_frame *f)
{
    printk(XENLOG_WARNING "NMI received at %016lx on CPU %u (unknown reason); "
           "continuing\n", f->rip, smp_processor_id());
}

static void handle_irq(struct trap_frame *f)
{
    unsigned int v = f->vector;

    this_cpu()->irq_count++;
    if ( irq_handlers[v] )
    {
        irq_handlers[v](f);
        return;
    }
    if ( v == SPURIOUS_VECTOR )
        return;
    if ( !irq_reported[v] )
    {
        irq_reported[v] = true;
        printk(XENLOG_WARNING "interrupt on vector %#x with no handler; ignored\n",
               v);
    }
}

/*
 * From guest mode: hypercalls, system calls and the guest's own exceptions
 * go to the PV layer; device interrupts and NMI/#MC stay ours. Returns
 * true if the frame was handled.
 */
static bool guest_trap(struct trap_frame *f)
{
    switch ( f->vector )
    {
    case SYSCALL_PSEUDO_VECTOR:
        pv_syscall(f);
        return true;
    case SYSCALL_COMPAT_PSEUDO_VECTOR:
        domain_crash(current->domain, "32-bit SYSCALL is not supported");
        return true;
    case HYPERCALL_VECTOR:
        pv_hypercall(f);
        return true;
    case INT80_VECTOR:
        pv_trap(f);
        return true;
    case TRAP_NMI:
    case TRAP_MC:
        return false;
    case TRAP_NM:
        pv_device_not_available(f);
        return true;
    default:
        if ( f->vector >= FIRST_IRQ_VECTOR )
            return false;
        pv_trap(f);
        return true;
    }
}

static void dispatch(struct trap_frame *f)
{
    uint64_t fixup;

    if ( guest_mode(f) && guest_trap(f) )
        return;
    if ( f->vector >= FIRST_IRQ_VECTOR )
    {
        handle_irq(f);
        return;
    }
    if ( f->vector == TRAP_NMI )
    {
        handle_nmi(f);
        return;
    }
    if ( !guest_mode(f) && f->rip == (uint64_t)iret_to_guest &&
         (f->vector == TRAP_GP || f->vector == TRAP_NP ||
          f->vector == TRAP_SS) )
        pv_iret_fault(f);
    /* #NP: a checked segment load of a not-present descriptor. */
    fixup = search_exception_table(f->rip);
    if ( fixup && (f->vector == TRAP_GP || f->vector == TRAP_PF ||
                   f->vector == TRAP_UD || f->vector == TRAP_NP) )
    {
        f->rip = fixup;
        return;
    }
    fatal_trap(f);
}

void trap_dispatch(struct trap_frame *f)
{
    dispatch(f);
    if ( guest_mode(f) )
        pv_prepare_exit(f);
}
