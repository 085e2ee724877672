/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A PV vCPU's data segment selectors and bases across context switches,
 * and SEGBASE_GS_USER_SEL (contracts and the model in asm/pv_segments.h).
 * Semantics are Xen 4.17's: xen/arch/x86/domain.c load_segments() and
 * save_segments(), xen/arch/x86/pv/misc-hypercalls.c do_set_segment_base().
 *
 * Xen runs with the guest's GS base live and SWAPGSes around a GS load;
 * we run with the per-CPU pointer in GS_BASE and the guest's active base in
 * SHADOW_GS_BASE, so the equivalent is to keep GS_BASE across the load
 * (seg_load_gs_checked) and take the base the load produced from there.
 */
#include <asm/processor.h>
#include <asm/pv.h>
#include <asm/pv_segments.h>
#include <asm/segments.h>
#include <xenolith/domain.h>

void pv_save_segments(struct vcpu *v)
{
    uint64_t active_gs = rdmsr(MSR_SHADOW_GS_BASE);

    v->arch.ds = seg_read_ds();
    v->arch.es = seg_read_es();
    v->arch.fs = seg_read_fs();
    v->arch.gs = seg_read_gs();
    v->arch.fs_base = rdmsr(MSR_FS_BASE);
    if ( v->arch.kernel_mode )
        v->arch.gs_base_kernel = active_gs;
    else
        v->arch.gs_base_user = active_gs;
}

void pv_load_segments(struct vcpu *v, struct trap_frame *f)
{
    const uint16_t sel[4] = { v->arch.ds, v->arch.es, v->arch.fs,
                              v->arch.gs };
    uint64_t descriptor_base;
    bool ok;

    /*
     * Every selector is loaded, null ones too: a null load cannot fault,
     * and it clears whatever the previous vCPU left (Xen skips the load
     * when both are null, an optimisation only).
     */
    ok = seg_load_ds_checked(sel[0]);
    ok &= seg_load_es_checked(sel[1]);
    ok &= seg_load_fs_checked(sel[2]);
    ok &= seg_load_gs_checked(sel[3], &descriptor_base);
    /* The saved bases win over the descriptors' (64-bit bases). */
    wrmsr(MSR_FS_BASE, v->arch.fs_base);
    wrmsr(MSR_SHADOW_GS_BASE, v->arch.kernel_mode ? v->arch.gs_base_kernel
                                                  : v->arch.gs_base_user);
    if ( !ok )
        pv_failsafe_bounce(f, sel);
}

void pv_load_user_gs_selector(struct vcpu *v, uint16_t sel)
{
    uint64_t flags, base;

    /* Xen 4.17: RPL 3 for non-null selectors; a null one loads as given. */
    if ( sel > 3 )
        sel |= 3;
    flags = local_irq_save();
    /* A refused selector leaves GS null (base 0): still success, as Xen. */
    (void)seg_load_gs_checked(sel, &base);
    local_irq_restore(flags);
    v->arch.gs_base_user = base;
}
