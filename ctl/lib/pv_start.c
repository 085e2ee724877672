/* SPDX-License-Identifier: GPL-2.0-only */
/* start_info and vCPU 0's context of a PV domU (contract in pv_start.h). */
#include <string.h>

#include "pv_start.h"

#define X86_EFLAGS_IF (1ULL << 9)
#define PV_START_MAGIC "xen-3.0-x86_64"

void pv_start_info_fill(start_info_t *si, const struct pv_layout *l,
                        const xen_pfn_t *p2m,
                        const struct pv_start_devices *dev)
{
    memset(si, 0, sizeof(*si));
    /* "xen-<version>-<guest type>": the ABI and the guest type built. */
    strncpy(si->magic, PV_START_MAGIC, sizeof(si->magic) - 1);
    si->nr_pages = l->nr_pages;
    si->shared_info = dev->shared_info_maddr;
    si->flags = 0;                  /* a domU: neither privileged nor initial */
    si->store_mfn = dev->store_mfn;
    si->store_evtchn = dev->store_evtchn;
    si->console.domU.mfn = dev->console_mfn;
    si->console.domU.evtchn = dev->console_evtchn;
    si->pt_base = pv_layout_virt(l, l->pt_pfn);
    si->nr_pt_frames = l->nr_pt;
    si->mfn_list = pv_layout_virt(l, l->p2m_pfn);
    if ( dev->ramdisk_bytes )
    {
        si->mod_start = pv_layout_virt(l, l->ramdisk_pfn);
        si->mod_len = dev->ramdisk_bytes;
    }
    if ( dev->cmdline )
        strncpy((char *)si->cmd_line, dev->cmdline,
                sizeof(si->cmd_line) - 1);
    (void)p2m;
}

void pv_vcpu_context_fill(struct vcpu_guest_context *ctxt,
                          const struct pv_layout *l, const xen_pfn_t *p2m,
                          uint64_t entry)
{
    memset(ctxt, 0, sizeof(*ctxt));
    ctxt->flags = VGCF_in_kernel | VGCF_online;
    ctxt->user_regs.cs = FLAT_KERNEL_CS;
    ctxt->user_regs.ss = FLAT_KERNEL_SS;
    ctxt->user_regs.ds = FLAT_KERNEL_DS;
    ctxt->user_regs.es = FLAT_KERNEL_DS;
    ctxt->user_regs.fs = FLAT_KERNEL_DS;
    ctxt->user_regs.gs = FLAT_KERNEL_DS;
    ctxt->user_regs.rip = entry;
    ctxt->user_regs.rsp = pv_layout_virt(l, l->stack_pfn + 1);
    ctxt->user_regs.rsi = pv_layout_virt(l, l->start_info_pfn);
    ctxt->user_regs.rflags = X86_EFLAGS_IF;
    ctxt->kernel_ss = FLAT_KERNEL_SS;
    ctxt->kernel_sp = ctxt->user_regs.rsp;
    ctxt->ctrlreg[3] = (uint64_t)p2m[l->pt_pfn] << PV_PAGE_SHIFT;
}
