/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * x86 PV state of a vCPU and a domain (Xen's PV64 execution model).
 *
 * A 64-bit PV guest runs its kernel and its user code in ring 3. What tells
 * the two apart is the hypervisor's own flag (kernel_mode below) and the
 * page table in use: each vCPU has a kernel and a user top-level table
 * (MMUEXT_NEW_BASEPTR / MMUEXT_NEW_USER_BASEPTR), switched when the guest
 * enters its kernel (syscall, trap bounce) and leaves it (iret hypercall).
 * While a vCPU runs, its registers live in the trap frame at the top of the
 * CPU's stack (guest_regs()); the fields here are what the frame cannot
 * hold.
 */
#ifndef ASM_DOMAIN_H
#define ASM_DOMAIN_H

#include <asm/fpu.h>
#include <asm/pv_priv.h>
#include <asm/traps.h>
#include <xenolith/types.h>
#include <xen/xen.h>

#define NR_GUEST_TRAPS 256

struct arch_vcpu {
    /*
     * The guest's registers while the vCPU is not on a CPU: saved when it
     * is switched out, loaded into guest_regs() when it is switched in
     * (arch/x86/context_switch.c); its start-of-day state before it first
     * runs.
     */
    struct trap_frame user_regs;
    bool kernel_mode;                 /* Guest kernel (true) or user mode. */
    struct trap_info traps[NR_GUEST_TRAPS]; /* set_trap_table; address 0: none. */
    uint64_t kernel_ss, kernel_sp;    /* stack_switch: kernel stack on entry. */
    uint64_t event_callback;          /* CALLBACKTYPE_event address */
    uint64_t failsafe_callback;       /* CALLBACKTYPE_failsafe */
    uint64_t syscall_callback;        /* CALLBACKTYPE_syscall */
    bool syscall_disables_events;     /* CALLBACKF_mask_events on syscall */
    bool failsafe_disables_events;
    mfn_t guest_table;                /* Kernel L4 (type L4, referenced). */
    mfn_t guest_table_user;           /* User L4, or INVALID_MFN. */
    /*
     * Segment state (pv/segments.c, asm/pv_segments.h). While the vCPU
     * runs, the selectors and the FS base are the CPU's and its active GS
     * base sits in SHADOW_GS_BASE; only the inactive GS base (user in
     * kernel mode, kernel in user mode) lives here. pv_save_segments()
     * fills in the rest when it stops running.
     */
    uint16_t ds, es, fs, gs;
    uint64_t fs_base, gs_base_kernel, gs_base_user;
    struct vcpu_fpu fpu;              /* FPU state, XCR0, virtual CR0.TS */
    struct pv_priv_vcpu priv;         /* Emulated privileged state. */
    /* set_gdt (pv/descriptors.c): frames typed as descriptor pages. */
    mfn_t gdt_frames[14];             /* PV_GDT_MAX_FRAMES (asm/pv_desc.h) */
    unsigned int gdt_ents;            /* 0: no guest GDT. */
    /* MMUEXT_SET_LDT (pv/ldt.c): the guest's LDT, and the frames of it
     * mapped so far into the shadow LDT (INVALID_MFN: not yet). */
    uint64_t ldt_base;
    unsigned int ldt_ents;
    mfn_t ldt_frames[16];             /* PV_LDT_MAX_FRAMES (asm/pv_desc.h) */
    /* Tables prevalidation holds (mm/pt_prevalidate.c): frame + 1, or 0. */
    uint64_t pt_held_head;
    bool pt_held_resume;              /* They are a preempted op's progress. */
    /* Table references whose dropping is deferred (mm/pt_prevalidate.c). */
    mfn_t *pt_defer;                  /* PT_DEFER_MAX, allocated on use. */
    unsigned int pt_defer_nr;
    bool pt_defer_active;             /* In an op that drains them. */
};

struct arch_domain {
    unsigned int nr_ioport_permissions;   /* (issue 3: physdev, later) */
    struct pv_priv_domain priv;           /* Emulated port state. */
};

#endif /* ASM_DOMAIN_H */
