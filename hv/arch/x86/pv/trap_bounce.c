/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bouncing exceptions to the guest kernel through its trap table (life of
 * a trap bounce: asm/pv.h). Semantics are Xen 4.17's
 * (xen/arch/x86/pv/traps.c, x86_64/entry.S create_bounce_frame): the frame
 * layout, the saved event mask in the CS slot, RPL 0 in that slot for a
 * trap taken in guest kernel mode, CR2 in vcpu_info, the user bit cleared
 * from page-fault error codes taken in guest kernel mode, and INT n allowed
 * only where the guest's trap_info DPL permits it (else #GP(n << 3 | 2)).
 * The failsafe callback gets the same frame with the four data selectors
 * in place of an error code (domain.c load_segments()).
 */
#include <asm/bounce_frame.h>
#include <asm/fpu.h>
#include <asm/processor.h>
#include <asm/ptwr.h>
#include <asm/pv.h>
#include <asm/pv_desc.h>
#include <asm/pv_segments.h>
#include <xenolith/console.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/guest_access.h>
#include <xenolith/hypercall.h>

#define X86_EFLAGS_TF  (1UL << 8)
#define X86_EFLAGS_IOPL (3UL << 12)
#define X86_EFLAGS_NT  (1UL << 14)
#define X86_EFLAGS_RF  (1UL << 16)
#define X86_EFLAGS_VM  (1UL << 17)
#define X86_EFLAGS_AC  (1UL << 18)
#define PFEC_USER      (1UL << 2)

static bool vector_has_error_code(unsigned int vector)
{
    return vector == TRAP_DF || (vector >= TRAP_TS && vector <= TRAP_PF) ||
           vector == 17 || vector == 21 || vector == 29 || vector == 30;
}

/*
 * Write the bounce frame (asm/bounce_frame.h) with n_extra words between
 * r11 and rip (an error code, or the failsafe callback's four selectors)
 * and enter the guest kernel at handler. Returns 0 or -EFAULT (frame
 * unchanged).
 */
static int bounce_frame(struct trap_frame *f, uint64_t handler,
                        const uint64_t *extra, unsigned int n_extra,
                        bool mask_events)
{
    struct vcpu *v = current;
    struct vcpu_info *vi = v->vcpu_info;
    bool from_kernel = v->arch.kernel_mode;
    uint64_t frame[BOUNCE_FRAME_MAX_WORDS], rsp;
    unsigned int n;

    n = bounce_frame_build(frame, f, from_kernel, vi->evtchn_upcall_mask,
                           extra, n_extra);
    rsp = ((from_kernel ? f->rsp : v->arch.kernel_sp) & ~0xfUL) -
          n * sizeof(uint64_t);

    /* Switch first: the kernel stack may be mapped only by the kernel table. */
    if ( !from_kernel )
        pv_toggle_guest_mode(v);
    if ( copy_to_guest(rsp, frame, n * sizeof(uint64_t)) )
    {
        if ( !from_kernel )
            pv_toggle_guest_mode(v);
        return -EFAULT;
    }
    if ( mask_events )
        vi->evtchn_upcall_mask = 1;
    f->rip = handler;
    f->cs = FLAT_KERNEL_CS;
    f->ss = FLAT_KERNEL_SS;
    f->rsp = rsp;
    f->rflags &= ~(X86_EFLAGS_TF | X86_EFLAGS_NT | X86_EFLAGS_RF |
                   X86_EFLAGS_VM | X86_EFLAGS_AC | X86_EFLAGS_IOPL);
    f->rflags |= X86_EFLAGS_IF;
    return 0;
}

int pv_bounce_to(struct trap_frame *f, uint64_t handler, bool has_error,
                 uint64_t error_code, bool mask_events)
{
    return bounce_frame(f, handler, &error_code, has_error ? 1 : 0,
                        mask_events);
}

/*
 * Xen 4.17 load_segments(): the failsafe frame holds the selectors the
 * guest had, not the null ones left loaded, so the callback can see (and
 * fix) what no longer loads.
 */
void pv_failsafe_bounce(struct trap_frame *f, const uint16_t sel[4])
{
    struct vcpu *v = current;
    uint64_t extra[4] = { sel[0], sel[1], sel[2], sel[3] };

    /*
     * Differs from Xen: 4.17 enters a failsafe address of 0 (the guest
     * faults there); without a callback we crash the domain, as Xen's
     * older create_bounce_frame did. See docs/XEN-DIFFERENCES.md.
     */
    if ( !v->arch.failsafe_callback )
    {
        domain_crash(v->domain, "segment reload failed (ds %#x es %#x fs "
                     "%#x gs %#x) and no failsafe callback", sel[0], sel[1],
                     sel[2], sel[3]);
        return;
    }
    if ( bounce_frame(f, v->arch.failsafe_callback, extra, 4,
                      v->arch.failsafe_disables_events) )
        domain_crash(v->domain, "cannot write the failsafe callback frame");
}

int pv_inject_exception(struct trap_frame *f, unsigned int vector,
                        uint64_t error_code)
{
    struct vcpu *v = current;
    const struct trap_info *ti = &v->arch.traps[vector];

    if ( vector == TRAP_PF )
        return pv_inject_page_fault(f, read_cr2(), error_code);
    if ( !ti->address )
        return -EFAULT;
    return pv_bounce_to(f, ti->address, vector_has_error_code(vector),
                        error_code, TI_GET_IF(ti) != 0);
}

int pv_inject_page_fault(struct trap_frame *f, uint64_t cr2,
                         uint64_t error_code)
{
    struct vcpu *v = current;
    const struct trap_info *ti = &v->arch.traps[TRAP_PF];

    if ( !ti->address )
        return -EFAULT;
    v->vcpu_info->arch.cr2 = cr2;
    v->arch.priv.cr2 = cr2;                  /* What MOV from CR2 reads. */
    if ( v->arch.kernel_mode )
        error_code &= ~PFEC_USER;
    return pv_bounce_to(f, ti->address, true, error_code, TI_GET_IF(ti) != 0);
}

/* May the guest, in its current mode, raise vector with INT n? */
static bool soft_interrupt_permitted(const struct vcpu *v, unsigned int vector)
{
    const struct trap_info *ti = &v->arch.traps[vector];

    return ti->address && (v->arch.kernel_mode || TI_GET_DPL(ti) == 3);
}

void pv_trap(struct trap_frame *f)
{
    struct vcpu *v = current;
    unsigned int vector = f->vector;
    uint64_t error_code = f->error_code;

    /* A write to one of its own page tables (ptwr.c), a shadow LDT page. */
    if ( vector == TRAP_PF && (pv_ptwr_emulate(f, read_cr2()) ||
                               pv_ldt_fault(f, read_cr2(), error_code)) )
        return;
    /* Privileged instructions and the forced-emulation prefix (emul_priv.c). */
    if ( ((vector == TRAP_GP && error_code == 0) || vector == TRAP_UD) &&
         pv_emulate_privileged(f) )
        return;
    if ( vector == INT80_VECTOR || vector == TRAP_BP || vector == 4 )
    {
        if ( !soft_interrupt_permitted(v, vector) )
        {
            /*
             * The gate left rip after the instruction; a #GP points at it.
             * INT3 (CC) and INTO (CE) are one byte, INT n (CD n) two.
             */
            uint8_t opcode = 0;

            if ( copy_from_guest(&opcode, f->rip - 1, 1) )
                opcode = 0;
            f->rip -= (opcode == 0xcc || opcode == 0xce) ? 1 : 2;
            vector = TRAP_GP;
            error_code = (f->vector << 3) | 2;
        }
    }
    if ( hypercall_trace_enabled() )
        printk("d%u exception %u error %#lx at %016lx (cr2 %016lx)\n",
               v->domain->domain_id, vector, error_code, f->rip,
               vector == TRAP_PF ? read_cr2() : 0);
    if ( pv_inject_exception(f, vector, error_code) )
    {
        pv_show_guest_stack(f);
        domain_crash(v->domain, "unhandled guest exception %u (error code "
                     "%#lx) at %016lx, or unwritable kernel stack", vector,
                     error_code, f->rip);
    }
}

/*
 * What a guest was doing when it died: its registers and the top of its
 * stack (as Xen's show_guest_stack does), read through the guest's own
 * mappings so nothing else is exposed.
 */
void pv_show_guest_stack(const struct trap_frame *f)
{
    uint64_t words[32];
    unsigned int i, n;

    printk(XENLOG_ERR "Guest registers: rip %016lx rsp %016lx rflags %08lx "
           "%s mode\n", f->rip, f->rsp, f->rflags,
           current->arch.kernel_mode ? "kernel" : "user");
    printk(XENLOG_ERR " rax %016lx rbx %016lx rcx %016lx rdx %016lx\n",
           f->rax, f->rbx, f->rcx, f->rdx);
    printk(XENLOG_ERR " rsi %016lx rdi %016lx rbp %016lx\n", f->rsi, f->rdi,
           f->rbp);
    for ( n = 0; n < ARRAY_SIZE(words); n++ )
        if ( copy_from_guest(&words[n], f->rsp + n * 8, 8) )
            break;
    printk(XENLOG_ERR "Guest stack (%u words from %016lx):\n", n, f->rsp);
    for ( i = 0; i < n; i += 4 )
        printk(XENLOG_ERR " %016lx %016lx %016lx %016lx\n", words[i],
               i + 1 < n ? words[i + 1] : 0, i + 2 < n ? words[i + 2] : 0,
               i + 3 < n ? words[i + 3] : 0);
}

/*
 * A running vCPU's FPU state is always loaded (eager switching, asm/fpu.h),
 * so CR0.TS is set only because the guest asked (fpu_taskswitch): its
 * first FPU use is reported to it once, as Xen does.
 */
void pv_device_not_available(struct trap_frame *f)
{
    struct vcpu *v = current;

    if ( !vcpu_fpu_device_not_available(v) )
        return;
    if ( pv_inject_exception(f, TRAP_NM, 0) )
        domain_crash(v->domain, "no #NM handler for a lazy FPU switch");
}
