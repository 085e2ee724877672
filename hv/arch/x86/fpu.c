/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-vCPU FPU/SSE/AVX state: eager save and restore on context switch,
 * the guest's XCR0 and its virtual CR0.TS (the model and contracts are in
 * asm/fpu.h). Semantics are Xen 4.17's: xen/arch/x86/i387.c
 * (vcpu_restore_fpu_nonlazy with fully_eager_fpu, vcpu_save_fpu, the
 * reset state of vcpu_init_fpu), xstate.c handle_xsetbv (XCR0 =
 * x87|SSE until the guest says otherwise) and pv/misc-hypercalls.c
 * do_fpu_taskswitch with traps.c do_device_not_available.
 *
 * Saves and loads always cover every host component with XCR0 at the
 * host's value, whatever the guest's XCR0: a component the guest turns
 * off and on again then holds its own old value or its reset value, never
 * another vCPU's, without Xen's xcr0_accum bookkeeping. It costs two
 * XSETBVs per switch only while a guest runs with fewer components than
 * the host has (Linux enables them all).
 */
#include <asm/fpu.h>
#include <asm/processor.h>
#include <asm/xstate.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/panic.h>

int vcpu_fpu_init(struct vcpu *v)
{
    v->arch.fpu.area = xstate_alloc_area();
    if ( !v->arch.fpu.area )
        return -ENOMEM;
    v->arch.fpu.xcr0 = XSTATE_FP_SSE;
    v->arch.fpu.virtual_ts = false;
    return 0;
}

void vcpu_fpu_destroy(struct vcpu *v)
{
    xstate_free_area(v->arch.fpu.area);
    v->arch.fpu.area = NULL;
}

static void set_hardware_ts(bool ts)
{
    uint64_t cr0 = read_cr0();

    if ( ts && !(cr0 & X86_CR0_TS) )
        write_cr0(cr0 | X86_CR0_TS);
    else if ( !ts && (cr0 & X86_CR0_TS) )
        clts();
}

void vcpu_fpu_restore(struct vcpu *v)
{
    set_hardware_ts(false);
    xstate_load(v->arch.fpu.area);
    if ( xstate_host_xcr0 && v->arch.fpu.xcr0 != xstate_host_xcr0 )
        xsetbv(0, v->arch.fpu.xcr0);
    set_hardware_ts(v->arch.fpu.virtual_ts);
}

void vcpu_fpu_save(struct vcpu *v)
{
    set_hardware_ts(false);
    if ( xstate_host_xcr0 && v->arch.fpu.xcr0 != xstate_host_xcr0 )
        xsetbv(0, xstate_host_xcr0);
    xstate_save(v->arch.fpu.area);
    /* Nothing of v stays in the CPU while it is switched out. */
    xstate_load_reset();
    set_hardware_ts(true);
}

void vcpu_fpu_set_ts(struct vcpu *v, bool ts)
{
    v->arch.fpu.virtual_ts = ts;
    set_hardware_ts(ts);
}

bool vcpu_fpu_ts(const struct vcpu *v)
{
    return v->arch.fpu.virtual_ts;
}

bool vcpu_fpu_device_not_available(struct vcpu *v)
{
    bool guest_ts = v->arch.fpu.virtual_ts;

    /*
     * The state is loaded (eager), so the only reason for the fault is
     * the guest's TS; without it (never expected) the guest just retries.
     */
    set_hardware_ts(false);
    v->arch.fpu.virtual_ts = false;
    return guest_ts;
}

void vcpu_fpu_set_xcr0(struct vcpu *v, uint64_t xcr0)
{
    BUG_ON(!xstate_host_xcr0 || (xcr0 & ~xstate_host_xcr0) ||
           !xcr0_valid(xcr0));
    xsetbv(0, xcr0);
    v->arch.fpu.xcr0 = xcr0;
}
