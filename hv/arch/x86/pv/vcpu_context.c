/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A PV vCPU's context from and to the toolstack (contracts in
 * asm/vcpu_context.h): Xen 4.17's arch_set_info_guest(),
 * arch_get_info_guest() and arch_vcpu_reset() for a 64-bit PV domain
 * (xen/arch/x86/domain.c, domctl.c).
 *
 * Decode, then commit. Every scalar is checked first; then the references
 * a first context needs are taken: the kernel L4 (and a user L4), each
 * typed as an L4 of the domain (validated now if it was not one yet, as
 * Xen's get_page_type() does), then the GDT frames as descriptor pages.
 * Only when all of that held does anything of the vCPU change, so a
 * refusal leaves it as it was. A vCPU that already has a context may be
 * given new registers only: its tables, GDT and LDT must stay
 * (-EOPNOTSUPP, as Xen).
 *
 * Not carried yet (TODO(#5)): the FPU image (VGCF_i387_valid; the vCPU
 * keeps the reset state Xen gives without it), CR4's guest bits, and the
 * "online" flag: a vCPU with a context runs once unpaused, as if
 * VGCF_online were set, which is what every toolstack sets.
 */
#include <asm/page.h>
#include <asm/pv_desc.h>
#include <asm/vcpu_context.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/guest_access.h>
#include <xenolith/page_ref.h>
#include <xenolith/sched.h>
#include <xenolith/string.h>
#include <xenolith/vcpu_time.h>
#include "emul.h"

#define EFLAGS_IF   (1UL << 9)
#define EFLAGS_IOPL (3UL << 12)
#define CR0_TS      (1UL << 3)
#define LDT_MAX_ENTS 8192
#define GDT_FRAMES(ents) (((ents) + PV_DESC_PER_PAGE - 1) / PV_DESC_PER_PAGE)

static bool canonical(uint64_t va)
{
    return (uint64_t)((int64_t)(va << 16) >> 16) == va;
}

/* Xen's fixup_guest_{code,stack}_selector(): a 64-bit PV guest is ring 3. */
static uint16_t ring3(uint64_t sel)
{
    return (uint16_t)sel | 3;
}

static int check_addresses(const struct vcpu_guest_context *c)
{
    const uint64_t addrs[] = {
        c->user_regs.rip, c->user_regs.rsp, c->kernel_sp, c->fs_base,
        c->gs_base_kernel, c->gs_base_user, c->event_callback_eip,
        c->syscall_callback_eip, c->failsafe_callback_eip,
    };
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(addrs); i++ )
        if ( !canonical(addrs[i]) )
            return -EINVAL;
    for ( i = 0; i < ARRAY_SIZE(c->trap_ctxt); i++ )
        if ( !canonical(c->trap_ctxt[i].address) )
            return -EINVAL;
    if ( (c->ldt_ents && !canonical(c->ldt_base)) ||
         !guest_range_ok(c->ldt_base, 1) ||
         (c->ldt_base & (PAGE_SIZE - 1)) || c->ldt_ents > LDT_MAX_ENTS )
        return -EINVAL;
    return 0;
}

/* An initialised vCPU keeps its tables, GDT and LDT (Xen: -EOPNOTSUPP). */
static bool same_frames(const struct vcpu *v,
                        const struct vcpu_guest_context *c)
{
    bool in_kernel = c->flags & VGCF_in_kernel;
    unsigned int i;

    if ( xen_pfn_to_cr3(mfn_x(v->arch.guest_table)) != c->ctrlreg[3] )
        return false;
    if ( mfn_eq(v->arch.guest_table_user, INVALID_MFN) )
    {
        if ( c->ctrlreg[1] || !in_kernel )
            return false;
    }
    else if ( xen_pfn_to_cr3(mfn_x(v->arch.guest_table_user)) !=
              c->ctrlreg[1] )
        return false;
    for ( i = 0; i < PV_GDT_MAX_FRAMES; i++ )
        if ( (i < GDT_FRAMES(v->arch.gdt_ents)
              ? mfn_x(v->arch.gdt_frames[i]) : 0) != c->gdt_frames[i] )
            return false;
    return v->arch.gdt_ents == c->gdt_ents &&
           v->arch.ldt_base == c->ldt_base && v->arch.ldt_ents == c->ldt_ents;
}

/* A general and an L4 type reference on the table at cr3, or -EINVAL. */
static int get_l4(struct domain *d, uint64_t cr3, mfn_t *out)
{
    struct page_info *pg;

    if ( get_page_and_type(_mfn(xen_cr3_to_pfn(cr3)), d, PGT_L4_PAGE_TABLE,
                           &pg) )
        return -EINVAL;
    *out = page_to_mfn(pg);
    return 0;
}

static void put_l4(mfn_t *mfn)
{
    if ( mfn_eq(*mfn, INVALID_MFN) )
        return;
    put_page_and_type(mfn_to_page(*mfn));
    *mfn = INVALID_MFN;
}

/* The references a first context takes; all or nothing. */
static int take_frames(struct vcpu *v, const struct vcpu_guest_context *c,
                       mfn_t *l4, mfn_t *user_l4)
{
    int rc;

    *l4 = *user_l4 = INVALID_MFN;
    rc = get_l4(v->domain, c->ctrlreg[3], l4);
    if ( !rc && c->ctrlreg[1] )
        rc = get_l4(v->domain, c->ctrlreg[1], user_l4);
    if ( !rc )
        rc = pv_gdt_set(v, c->gdt_frames, (unsigned int)c->gdt_ents);
    if ( rc )
    {
        put_l4(user_l4);
        put_l4(l4);
    }
    return rc;
}

static void set_registers(struct vcpu *v, const struct vcpu_guest_context *c)
{
    const struct cpu_user_regs *r = &c->user_regs;
    struct trap_frame *f = &v->arch.user_regs;

    memset(f, 0, sizeof(*f));
    f->r15 = r->r15; f->r14 = r->r14; f->r13 = r->r13; f->r12 = r->r12;
    f->r11 = r->r11; f->r10 = r->r10; f->r9 = r->r9; f->r8 = r->r8;
    f->rbp = r->rbp; f->rdi = r->rdi; f->rsi = r->rsi; f->rdx = r->rdx;
    f->rcx = r->rcx; f->rbx = r->rbx; f->rax = r->rax;
    f->rip = r->rip;
    f->cs = ring3(r->cs);
    f->rsp = r->rsp;
    f->ss = ring3(r->ss);
    /* IOPL is virtual; real interrupts stay enabled (Xen). */
    v->arch.priv.iopl = (r->rflags & EFLAGS_IOPL) >> 12;
    f->rflags = (r->rflags & ~EFLAGS_IOPL) | EFLAGS_IF;
    v->arch.ds = r->ds;
    v->arch.es = r->es;
    v->arch.fs = r->fs;
    v->arch.gs = r->gs;
    /* A non-null selector's descriptor decides the base (Xen). */
    v->arch.fs_base = r->fs & ~3 ? 0 : c->fs_base;
    v->arch.gs_base_kernel = c->gs_base_kernel;
    v->arch.gs_base_user = r->gs & ~3 ? 0 : c->gs_base_user;
}

static void set_kernel_state(struct vcpu *v,
                             const struct vcpu_guest_context *c)
{
    unsigned int i;

    v->arch.kernel_mode = c->flags & VGCF_in_kernel;
    for ( i = 0; i < NR_GUEST_TRAPS; i++ )
    {
        v->arch.traps[i] = c->trap_ctxt[i];
        v->arch.traps[i].cs = ring3(c->trap_ctxt[i].cs);
    }
    v->arch.kernel_ss = ring3(c->kernel_ss);
    v->arch.kernel_sp = c->kernel_sp;
    v->arch.event_callback = c->event_callback_eip;
    v->arch.failsafe_callback = c->failsafe_callback_eip;
    v->arch.syscall_callback = c->syscall_callback_eip;
    v->arch.failsafe_disables_events =
        c->flags & VGCF_failsafe_disables_events;
    v->arch.syscall_disables_events = c->flags & VGCF_syscall_disables_events;
    v->arch.fpu.virtual_ts = c->ctrlreg[0] & CR0_TS;
    /* Xen starts from reset values and ignores what a guest may not have. */
    memset(v->arch.priv.dr, 0, sizeof(v->arch.priv.dr));
    v->arch.priv.dr6 = 0;
    v->arch.priv.dr7 = 0;
    for ( i = 0; i < 4; i++ )
        (void)pv_write_debugreg(v, i, c->debugreg[i]);
    (void)pv_write_debugreg(v, 6, c->debugreg[6]);
    (void)pv_write_debugreg(v, 7, c->debugreg[7]);
}

int arch_set_info_guest(struct vcpu *v, const struct vcpu_guest_context *c)
{
    struct domain *d = v->domain;
    mfn_t l4, user_l4;
    int rc = check_addresses(c);

    if ( rc )
        return rc;
    if ( v->is_initialised )
    {
        if ( !same_frames(v, c) )
            return -EOPNOTSUPP;
    }
    else
    {
        if ( !(c->flags & VGCF_in_kernel) && !c->ctrlreg[1] )
            return -EINVAL;
        rc = take_frames(v, c, &l4, &user_l4);
        if ( rc )
            return rc;
        put_l4(&v->arch.guest_table);        /* None after a reset. */
        put_l4(&v->arch.guest_table_user);
        v->arch.guest_table = l4;
        v->arch.guest_table_user = user_l4;
        pv_ldt_release(v);
        v->arch.ldt_base = c->ldt_base;
        v->arch.ldt_ents = (unsigned int)c->ldt_ents;
        if ( v->vcpu_id == 0 )
            d->vm_assist = c->vm_assist;
    }
    set_registers(v, c);
    set_kernel_state(v, c);
    if ( !v->is_initialised )
    {
        if ( v->vcpu_id == 0 )
            domain_wallclock_init(d);
        v->is_initialised = true;
        vcpu_sched_update(v);
    }
    return 0;
}

static void get_registers(const struct vcpu *v, struct cpu_user_regs *r)
{
    const struct trap_frame *f = &v->arch.user_regs;

    r->r15 = f->r15; r->r14 = f->r14; r->r13 = f->r13; r->r12 = f->r12;
    r->r11 = f->r11; r->r10 = f->r10; r->r9 = f->r9; r->r8 = f->r8;
    r->rbp = f->rbp; r->rdi = f->rdi; r->rsi = f->rsi; r->rdx = f->rdx;
    r->rcx = f->rcx; r->rbx = f->rbx; r->rax = f->rax;
    r->rip = f->rip;
    r->cs = (uint16_t)f->cs;
    r->rflags = f->rflags | ((uint64_t)v->arch.priv.iopl << 12);
    r->rsp = f->rsp;
    r->ss = (uint16_t)f->ss;
    r->ds = v->arch.ds;
    r->es = v->arch.es;
    r->fs = v->arch.fs;
    r->gs = v->arch.gs;
}

void arch_get_info_guest(const struct vcpu *v, struct vcpu_guest_context *c)
{
    unsigned int i;

    memset(c, 0, sizeof(*c));
    c->flags = (v->arch.kernel_mode ? VGCF_in_kernel : 0) |
               (v->arch.failsafe_disables_events
                ? VGCF_failsafe_disables_events : 0) |
               (v->arch.syscall_disables_events
                ? VGCF_syscall_disables_events : 0) |
               (v->is_initialised ? VGCF_online : 0);
    get_registers(v, &c->user_regs);
    for ( i = 0; i < NR_GUEST_TRAPS; i++ )
        c->trap_ctxt[i] = v->arch.traps[i];
    c->ldt_base = v->arch.ldt_base;
    c->ldt_ents = v->arch.ldt_ents;
    for ( i = 0; i < GDT_FRAMES(v->arch.gdt_ents); i++ )
        c->gdt_frames[i] = mfn_x(v->arch.gdt_frames[i]);
    c->gdt_ents = v->arch.gdt_ents;
    c->kernel_ss = v->arch.kernel_ss;
    c->kernel_sp = v->arch.kernel_sp;
    c->ctrlreg[0] = v->arch.fpu.virtual_ts ? CR0_TS : 0;
    c->ctrlreg[3] = xen_pfn_to_cr3(mfn_x(v->arch.guest_table));
    if ( !mfn_eq(v->arch.guest_table_user, INVALID_MFN) )
        c->ctrlreg[1] = xen_pfn_to_cr3(mfn_x(v->arch.guest_table_user));
    for ( i = 0; i < 4; i++ )
        c->debugreg[i] = v->arch.priv.dr[i];
    c->debugreg[6] = v->arch.priv.dr6;
    c->debugreg[7] = v->arch.priv.dr7;
    c->event_callback_eip = v->arch.event_callback;
    c->failsafe_callback_eip = v->arch.failsafe_callback;
    c->syscall_callback_eip = v->arch.syscall_callback;
    c->vm_assist = v->domain->vm_assist;
    c->fs_base = v->arch.fs_base;
    c->gs_base_kernel = v->arch.gs_base_kernel;
    c->gs_base_user = v->arch.gs_base_user;
}

void arch_vcpu_teardown(struct vcpu *v)
{
    pv_gdt_release(v);
    pv_ldt_release(v);
}

void arch_vcpu_reset(struct vcpu *v)
{
    arch_vcpu_teardown(v);
    put_l4(&v->arch.guest_table_user);
    put_l4(&v->arch.guest_table);
}
