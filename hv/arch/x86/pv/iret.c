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
 */
#include <asm/desc.h>
#include <asm/pv.h>
#include <xenolith/domain.h>
#include <xenolith/guest_access.h>

#define X86_EFLAGS_IOPL (3UL << 12)
#define X86_EFLAGS_VM   (1UL << 17)

static bool canonical(uint64_t va)
{
    return ((int64_t)(va << 16) >> 16) == (int64_t)va;
}

/*
 * Only the flat ring-3 selectors exist for guests until descriptor tables
 * (set_gdt) arrive; anything else would fault on our IRETQ.
 */
static bool selectors_ok(uint64_t cs, uint64_t ss)
{
    cs |= 3;
    ss |= 3;
    return (cs == FLAT_RING3_CS64 || cs == FLAT_RING3_CS32) &&
           (ss == FLAT_RING3_SS64 || ss == 3);
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
    /* A non-canonical rip or rsp would fault on our IRETQ, in ring 0. */
    if ( !canonical(ctx.rip) || !canonical(ctx.rsp) ||
         !guest_range_ok(ctx.rip, 1) ||
         !selectors_ok(ctx.cs, ctx.ss) )
    {
        domain_crash(v->domain, "iret: bad frame (rip %016lx cs %#lx ss %#lx)",
                     ctx.rip, ctx.cs, ctx.ss);
        return;
    }
    if ( (ctx.cs & 3) == 3 && v->arch.kernel_mode )
        pv_toggle_guest_mode(v);

    f->rip = ctx.rip;
    f->cs = ctx.cs | 3;
    f->rflags = (ctx.rflags & ~(X86_EFLAGS_IOPL | X86_EFLAGS_VM)) |
                X86_EFLAGS_IF;
    f->rsp = ctx.rsp;
    f->ss = (ctx.ss | 3) == 3 ? FLAT_RING3_SS64 : ctx.ss | 3;
    f->rax = ctx.rax;
    if ( ctx.flags & VGCF_in_syscall )
    {
        f->rcx = ctx.rip;
        f->r11 = f->rflags;
    }
    else
    {
        f->rcx = ctx.rcx;
        f->r11 = ctx.r11;
    }
    v->vcpu_info->evtchn_upcall_mask = !(ctx.rflags & X86_EFLAGS_IF);
}
