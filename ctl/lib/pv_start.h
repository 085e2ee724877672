/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a PV domain finds when its first vCPU starts: start_info (xen.h,
 * struct start_info) and the vCPU's registers (arch-x86/xen-x86_64.h,
 * struct vcpu_guest_context), filled as Xen 4.17's libxc does for a
 * 64-bit PV domU (xg_dom_x86.c: start_info_x86_64, vcpu_x86_64). Pure.
 */
#ifndef CTL_LIB_PV_START_H
#define CTL_LIB_PV_START_H

#include "pv_layout.h"

#include <xen/event_channel.h>

/* The domU's view of its devices, chosen by the builder. */
struct pv_start_devices {
    uint64_t shared_info_maddr;     /* getdomaininfo shared_info_frame */
    xen_pfn_t store_mfn;
    evtchn_port_t store_evtchn;
    xen_pfn_t console_mfn;
    evtchn_port_t console_evtchn;
    uint64_t ramdisk_bytes;
    const char *cmdline;            /* NULL: empty; cut to 1023 bytes */
};

/* Fill *si (zeroed first) for a domU laid out as l with machine list p2m. */
void pv_start_info_fill(start_info_t *si, const struct pv_layout *l,
                        const xen_pfn_t *p2m,
                        const struct pv_start_devices *dev);

/*
 * Fill *ctxt (zeroed first) for vCPU 0: kernel mode, online, flat kernel
 * segments, rip = entry, rsp = top of the stack page, rsi = start_info,
 * interrupts enabled, cr3 = the L4's machine frame.
 */
void pv_vcpu_context_fill(struct vcpu_guest_context *ctxt,
                          const struct pv_layout *l, const xen_pfn_t *p2m,
                          uint64_t entry);

#endif /* CTL_LIB_PV_START_H */
