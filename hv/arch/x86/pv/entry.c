/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest entries that are not exceptions: hypercalls (SYSCALL from guest
 * kernel mode, INT 0x82) and guest user SYSCALLs (bounced to the guest
 * kernel's syscall callback). Also the last steps of every way back to a
 * guest, and switching a vCPU between guest kernel and user mode.
 */
#include <asm/flush.h>
#include <asm/fpu.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/pv.h>
#include <asm/pv_desc.h>
#include <asm/pv_segments.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/hypercall.h>
#include <xenolith/sched.h>
#include <xenolith/string.h>

#define X86_EFLAGS_TF (1UL << 8)
#define X86_EFLAGS_NT (1UL << 14)
#define X86_EFLAGS_RF (1UL << 16)
#define X86_EFLAGS_AC (1UL << 18)

struct trap_frame *guest_regs(void)
{
    return (struct trap_frame *)this_cpu()->stack_top - 1;
}

void pv_load_cr3(struct vcpu *v)
{
    write_cr3_flush(mfn_to_maddr(pv_current_l4(v)));
}

/*
 * While in the hypervisor, the guest's active GS base waits in
 * SHADOW_GS_BASE (entry did SWAPGS); the inactive one is in arch.
 */
void pv_toggle_guest_mode(struct vcpu *v)
{
    uint64_t active = rdmsr(MSR_SHADOW_GS_BASE);

    if ( v->arch.kernel_mode )
    {
        v->arch.gs_base_kernel = active;
        wrmsr(MSR_SHADOW_GS_BASE, v->arch.gs_base_user);
    }
    else
    {
        v->arch.gs_base_user = active;
        wrmsr(MSR_SHADOW_GS_BASE, v->arch.gs_base_kernel);
    }
    v->arch.kernel_mode = !v->arch.kernel_mode;
    pv_load_cr3(v);
}

void pv_hypercall(struct trap_frame *f)
{
    struct vcpu *v = current;
    unsigned long args[HYPERCALL_MAX_ARGS] = { f->rdi, f->rsi, f->rdx,
                                               f->r10, f->r8 };

    if ( !v->arch.kernel_mode )
    {
        /* Xen: hypercalls from guest user mode are a #GP in the guest. */
        if ( pv_inject_exception(f, TRAP_GP, 0) )
            domain_crash(v->domain, "cannot deliver #GP for a user hypercall");
        return;
    }
    if ( f->rax == __HYPERVISOR_iret )
    {
        pv_iret(f);
        return;
    }
    f->rax = hypercall_call(f->rax, args, false);
}

/*
 * SYSCALL from guest user mode: enter the guest kernel at its syscall
 * callback with the frame Xen builds for it (rcx, r11, rip, cs, rflags,
 * rsp, ss on the kernel stack; the guest returns with iret and
 * VGCF_in_syscall).
 */
void pv_syscall(struct trap_frame *f)
{
    struct vcpu *v = current;

    if ( v->arch.kernel_mode )
    {
        pv_hypercall(f);
        return;
    }
    if ( !v->arch.syscall_callback )
    {
        if ( pv_inject_exception(f, TRAP_UD, 0) )
            domain_crash(v->domain, "no syscall callback and no #UD handler");
        return;
    }
    if ( pv_bounce_to(f, v->arch.syscall_callback, false, 0,
                      v->arch.syscall_disables_events) )
        domain_crash(v->domain, "bad kernel stack on syscall");
}

void pv_prepare_exit(struct trap_frame *f)
{
    /*
     * Only the frame at the top of the stack is a vCPU's whole state; an
     * NMI or #MC from guest mode has its frame on an IST stack and leaves
     * the switch to the next ordinary exit.
     */
    if ( unlikely(this_cpu()->reschedule) && f == guest_regs() )
        sched_exit_to_guest(f);
    pv_deliver_pending_events(f);
}
