/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Building the PV domains the hypervisor starts itself (hv/arch/x86/pv/
 * domain_build.c): dom0 from the first boot module, and boot-time domains
 * (common/boot_domains.c). Domains created later are built by dom0's
 * toolstack through domctl, as in Xen.
 */
#ifndef ASM_DOMAIN_BUILD_H
#define ASM_DOMAIN_BUILD_H

#include <xenolith/bootinfo.h>
#include <xenolith/compiler.h>
#include <xen/xen.h>

struct domain;

struct pv_domain_spec {
    const char *name;                 /* For messages: "Dom0", "d1". */
    domid_t domid;
    bool privileged;                  /* dom0: SIF_PRIVILEGED|SIF_INITDOMAIN */
    bool quiet;                       /* Print errors only, no layout. */
    const struct boot_module *kernel; /* A 64-bit PV ELF image. */
    const struct boot_module *initrd; /* NULL: none. */
    uint64_t nr_pages;                /* The domain's memory. */
    const char *cmdline;              /* start_info.cmd_line */
};

/*
 * Create the domain spec describes and lay out its start of day (kernel,
 * initrd, p2m list, start_info, bootstrap page tables and stack, as Xen's
 * dom0 builder), ready to run: vCPU 0 has its context and is_initialised,
 * nothing paused. Returns 0 and *d, or a negative errno after printing
 * why (a failed domain's memory is not given back yet). Context: boot.
 */
int __must_check pv_domain_build(const struct pv_domain_spec *spec,
                                 struct domain **d);

/*
 * dom0: module 0 with its command line, initrd (or NULL) as its initrd,
 * the memory dom0_mem= asks for (Xen's default without it).
 */
int __must_check dom0_build(const struct boot_info *bi,
                            const struct boot_module *initrd,
                            struct domain **d);

#endif /* ASM_DOMAIN_BUILD_H */
