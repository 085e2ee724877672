/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The PV domain builder of dom0's toolstack, as Xen 4.17's libxc
 * (tools/libs/guest/xg_dom_*.c) and libxl drive it for a 64-bit PV domU
 * with an ELF kernel:
 *
 *   check the kernel (ELF, Xen notes) and lay the domain out   nothing yet
 *   domctl createdomain, max_vcpus, max_mem, set_address_size
 *   memory_op populate_physmap              the domain's frames (its p2m)
 *   event_channel_op alloc_unbound x2       console and store, for dom0
 *   map the start-of-day region (privcmd MMAPBATCH_V2): kernel, ramdisk,
 *     p2m list, start_info, rings, page tables; unmap it
 *   domctl hypercall_init                   Xen writes the hypercall page
 *   mmuext_op MMUEXT_PIN_L4_TABLE (foreigndom = the domU)
 *   domctl setvcpucontext (vCPU 0)
 *
 * The domain is left paused (createdomain makes it so): the caller
 * unpauses it. Any failure after createdomain destroys the domain, so a
 * failed build leaves nothing behind. bzImage kernels are not taken yet
 * (tools/extract-vmlinux makes an ELF of one); nor is XEN_ELFNOTE_INIT_P2M.
 */
#ifndef CTL_LIB_DOM_BUILD_H
#define CTL_LIB_DOM_BUILD_H

#include <stddef.h>
#include <stdint.h>

#include "ctl_hv.h"

struct dom_build_request {
    const void *kernel;             /* the image, in memory */
    size_t kernel_size;
    const void *ramdisk;            /* NULL: none */
    size_t ramdisk_size;
    const char *cmdline;            /* NULL: none */
    uint64_t memory_kib;            /* populated at start */
    uint64_t maxmem_kib;            /* ceiling (domctl max_mem) */
    unsigned int max_vcpus;
    xen_domain_handle_t handle;     /* the domain's UUID */
};

struct dom_build_result {
    domid_t domid;
    xen_pfn_t console_mfn;
    evtchn_port_t console_evtchn;   /* the domU's end, unbound, for dom0 */
    xen_pfn_t store_mfn;
    evtchn_port_t store_evtchn;
};

/* Event channels and grant frames, libxl's defaults for a domU. */
#define DOM_BUILD_MAX_EVTCHN_PORT 1023
/* libxl adds this to max_mem (LIBXL_MAXMEM_CONSTANT, KiB). */
#define DOM_BUILD_MAXMEM_SLACK_KIB 1024

/*
 * Build a paused domain. Context: a dom0 process with hv.
 * Returns 0 with *res filled; or a negative errno with a one-line reason
 * in why (image errors are -ENOEXEC/-EINVAL/-EOPNOTSUPP/-ENOMEM before
 * anything is created; hypercall errors name the call). On failure no
 * domain is left (destroyed if it had been created).
 */
int dom_build(const struct ctl_hv *hv, const struct dom_build_request *req,
              struct dom_build_result *res, char *why, size_t why_len);

#endif /* CTL_LIB_DOM_BUILD_H */
