/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * HYPERVISOR_iret: the guest kernel's way back from a trap, an event or a
 * system call (a 64-bit PV kernel runs in ring 3 and cannot IRET to user
 * mode itself). The hypercall page's iret stub pushes rcx, r11 and rax on
 * top of the five-word IRET frame and the flags word (struct
 * iret_context, xen/arch-x86/xen-x86_64.h) and does SYSCALL with rsp
 * pointing at it. Semantics are Xen 4.17's (xen/arch/x86/pv/iret.c):
 * returning to a selector with RPL 3 from kernel mode switches to user
 * mode; the event mask becomes !IF of the saved flags; with VGCF_in_syscall
 * rcx and r11 take rip and rflags (SYSRET's convention), otherwise the
 * saved values.
 *
 * The frame's selectors and rip are not checked here: like Xen, we let
 * the CPU judge them at the IRETQ (entry/exceptions.S iret_to_guest), and
 * an exception it raises there reaches the guest as if raised at the
 * frame's target (pv_iret_fault below, Xen's pre-exception fixup of its
 * IRETQ). Xen 4.17 no longer uses the failsafe callback for this.
 */
#include <asm/desc.h>
#include <asm/processor.h>
#include <asm/pv.h>
#include <asm/pv_segments.h>
#include <xenolith/domain.h>
#include <xenolith/guest_access.h>
#include <xenolith/string.h>

#define X86_EFLAGS_IOPL (3UL << 12)
#define X86_EFLAGS_VM   (1UL << 17)

static bool canonical(uint64_t va)
{
    return ((int64_t)(va << 16) >> 16) == (int64_t)va;
}

void pv_iret(struct trap_frame *f)
{
    struct vcpu *v = current;
    struct iret_context ctx;

    if ( copy_from_guest(&ctx, f->rsp, sizeof(ctx)) )
    {
        domain_crash(v->domain, "iret: unreadable frame at %016lx", f->rsp);
        return;
    }
    /* Bits above the selector (the bounce frame's saved mask) are ignored. */
    ctx.cs &= 0xffff;
    ctx.ss &= 0xffff;
    if ( (ctx.cs & 3) == 3 && v->arch.kernel_mode )
        pv_toggle_guest_mode(v);

    f->rip = ctx.rip;
    f->cs = ctx.cs | 3;
    f->rflags = (ctx.rflags & ~(X86_EFLAGS_IOPL | X86_EFLAGS_VM)) |
                X86_EFLAGS_IF;
    f->rsp = ctx.rsp;
    f->ss = ctx.ss | 3;
    f->rax = ctx.rax;
    if ( ctx.flags & VGCF_in_syscall )
    {
        f->rcx = ctx.rip;
        f->r11 = f->rflags;
        /*
         * Xen 4.17 returns from here with SYSRET unless rip is
         * non-canonical: CS and SS come from MSR_STAR, not the frame
         * (32-bit CS only if the frame asks for FLAT_RING3_CS32).
         */
        if ( canonical(ctx.rip) )
        {
            f->cs = f->cs == FLAT_RING3_CS32 ? FLAT_RING3_CS32
                                             : FLAT_RING3_CS64;
            f->ss = FLAT_RING3_SS64;
        }
    }
    else
    {
        f->rcx = ctx.rcx;
        f->r11 = ctx.r11;
    }
    v->vcpu_info->evtchn_upcall_mask = !(ctx.rflags & X86_EFLAGS_IF);
}

void pv_iret_fault(const struct trap_frame *hv_frame)
{
    struct trap_frame *f = guest_regs();
    struct vcpu *v = current;
    struct trap_frame regs = *hv_frame;
    int rc;

    /*
     * The CPU pushed hv_frame just below the IRETQ's operands (f->rip
     * onwards, intact) over f's lower part, with the guest's registers
     * restored. Copy it out before rebuilding f as a guest-mode frame.
     */
    memcpy(f, &regs, __builtin_offsetof(struct trap_frame, rip));
    /*
     * Bounce without offering #GP(0) to the privileged-instruction
     * emulator: the frame's CS may be no code segment at all (Xen tries,
     * then refuses for want of a code segment; with a good CS it would
     * emulate the target instruction, which the guest tests avoid).
     */
    rc = pv_inject_exception(f, f->vector, f->error_code);
    if ( rc )
    {
        pv_show_guest_stack(f);
        domain_crash(v->domain, "iret to %04lx:%016lx (ss %04lx) raised "
                     "exception %lu (error code %#lx) and it cannot be "
                     "delivered", f->cs, f->rip, f->ss, f->vector,
                     f->error_code);
    }
    pv_prepare_exit(f);
    return_to_guest(f);
}
