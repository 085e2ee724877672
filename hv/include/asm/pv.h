/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The PV64 execution model's entry points (hv/arch/x86/pv/).
 *
 * Life of a trap bounce: a guest instruction faults (or the guest executes
 * INT n it may use) in ring 3; the CPU enters the hypervisor on this CPU's
 * stack; trap_dispatch() sees a guest-mode frame and calls pv_trap(), which
 * looks the vector up in the vCPU's trap table (set_trap_table) and builds,
 * on the guest kernel's stack, the frame Xen builds (rcx, r11, [error
 * code], rip, cs, rflags, rsp, ss; the CS slot's bits 32-39 hold the saved
 * event mask and its RPL says kernel (0) or user (3)); if the guest was in
 * user mode it switches to kernel mode first (kernel page table, kernel_sp
 * from stack_switch); then return_to_guest() resumes at the handler. The
 * guest returns with HYPERVISOR_iret (pv_iret), which undoes it.
 */
#ifndef ASM_PV_H
#define ASM_PV_H

#include <asm/traps.h>
#include <xenolith/compiler.h>
#include <xenolith/types.h>

struct vcpu;

/* The running guest's registers: the frame at the top of this CPU's stack. */
struct trap_frame *guest_regs(void);

/* A SYSCALL or INT 0x82 from the guest. Context: guest entry. */
void pv_hypercall(struct trap_frame *f);
/* A SYSCALL from guest user mode: bounced to the syscall callback. */
void pv_syscall(struct trap_frame *f);
/* An exception or permitted INT n from guest mode. */
void pv_trap(struct trap_frame *f);
/* #NM from the guest: lazy FPU (fpu_taskswitch's virtual CR0.TS). */
void pv_device_not_available(struct trap_frame *f);
/* Print a dying guest's registers and stack top. Context: guest entry. */
void pv_show_guest_stack(const struct trap_frame *f);
/* HYPERVISOR_iret: restore the frame the guest pushed. */
void pv_iret(struct trap_frame *f);

/*
 * Life of an event: a port becomes pending (EVTCHNOP_send, a VIRQ from a
 * timer interrupt); the 2-level bits reach the vCPU's
 * evtchn_upcall_pending (hv/common/event/); on its next way back to the
 * guest (end of trap_dispatch, whatever the entry: hypercall, trap,
 * interrupt, and iret unmasking events) this bounces it to its event
 * callback if events are unmasked, masking them (hv/arch/x86/pv/events.c).
 * Does nothing without a registered callback. Context: guest entry, f =
 * guest_regs(), interrupts off. Crashes the domain if the frame can't be
 * written.
 */
void pv_deliver_pending_events(struct trap_frame *f);

/*
 * Make the guest take exception vector with error_code (ignored for
 * vectors that have none) next time it runs. Returns 0, or -EFAULT if the
 * bounce frame could not be written (the caller crashes the domain).
 * Context: guest entry, frame = guest_regs().
 */
int pv_inject_exception(struct trap_frame *f, unsigned int vector,
                        uint64_t error_code);

/*
 * Make the guest take a page fault at address cr2 (vcpu_info.arch.cr2,
 * and what its MOV from CR2 reads) with error_code, whose user bit is
 * cleared for a guest in kernel mode. Returns as pv_inject_exception().
 */
int pv_inject_page_fault(struct trap_frame *f, uint64_t cr2,
                         uint64_t error_code);

/*
 * A #GP(0) or #UD from guest mode, before it is bounced: emulate the
 * privileged instruction at f->rip, or CPUID behind Xen's forced-emulation
 * prefix (`ud2; .ascii "xen"; cpuid`), as Xen 4.17 does for PV guests
 * (hv/arch/x86/pv/emul_priv.c lists what). Returns true if the frame has
 * been dealt with: the instruction emulated and rip advanced, or another
 * exception injected (a #PF fetching it, a #GP it raises), or the domain
 * crashed; false if the fault should go to the guest as it is.
 * Context: guest trap, f = guest_regs(). Never faults in the hypervisor,
 * whatever the bytes at rip.
 */
bool pv_emulate_privileged(struct trap_frame *f);

/*
 * Enter the guest kernel at handler with a bounce frame (see above),
 * switching from user mode if needed. has_error: push error_code too.
 * mask_events: set evtchn_upcall_mask (an "interrupt gate" entry).
 * Returns 0 or -EFAULT (guest kernel stack unwritable; frame unchanged).
 */
int pv_bounce_to(struct trap_frame *f, uint64_t handler, bool has_error,
                 uint64_t error_code, bool mask_events);

struct page_info;
/* The L4 v runs on: the user table in guest user mode if it has one. */
mfn_t pv_current_l4(const struct vcpu *v);
/*
 * The L1 table that maps va under the L4 l4 (walked through the direct
 * map), or NULL if a level is missing or a superpage. No reference taken:
 * the caller takes one before trusting what the frame is.
 */
struct page_info *pv_guest_l1_table(mfn_t l4, uint64_t va);

/* Switch v between guest kernel and user mode (page table, GS bases). */
void pv_toggle_guest_mode(struct vcpu *v);

/* Load v's current page table (kernel or user L4) into CR3. */
void pv_load_cr3(struct vcpu *v);

/*
 * Make mfn v's kernel L4 and load it (MMUEXT_NEW_BASEPTR, Xen's
 * new_guest_cr3(), hv/arch/x86/mm/mmuext.c): the new table takes a general
 * and a type reference, the old one loses its own once CR3 no longer holds
 * it; the current table again is just a reload and full TLB flush. Returns
 * 0, or -EINVAL (nothing changed) for a frame that is not a validated L4
 * of v's domain. Context: hypercall or emulation, v = current in guest
 * kernel mode.
 */
int pv_new_guest_cr3(struct vcpu *v, mfn_t mfn);

/*
 * Fill page with the hypercall page a PV64 guest calls through (Xen's
 * layout: 32 bytes per hypercall number). Used by the builder and by
 * XEN_DOMCTL_hypercall_init. Pure.
 */
void pv_hypercall_page_fill(uint8_t page[4096]);

/*
 * The last steps of every way back to a guest, f its frame: switch vCPUs
 * if the scheduler asked for it (only when f = guest_regs()), then deliver
 * the pending events of whichever vCPU f now belongs to. Context: trap
 * dispatch or the iret-fault path, interrupts off.
 */
void pv_prepare_exit(struct trap_frame *f);

#endif /* ASM_PV_H */
