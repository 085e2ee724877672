/* SPDX-License-Identifier: GPL-2.0-only */
/* Building dom0 from the first boot module (hv/arch/x86/pv/dom0_build.c). */
#ifndef ASM_DOM0_BUILD_H
#define ASM_DOM0_BUILD_H

#include <xenolith/bootinfo.h>
#include <xenolith/compiler.h>

struct domain;

/*
 * Build dom0 as Xen builds a PV dom0: kernel from modules[0] (with its
 * command line), initrd from modules[1] if given, memory per dom0_mem=,
 * the start-of-day layout of xen/xen.h. On success *d is ready to run with
 * dom0_start(). Returns 0, or a negative errno after printing why (the
 * kernel is refused: not a 64-bit PV ELF, missing notes, a layout that
 * does not fit, not enough memory). Context: boot.
 */
int __must_check dom0_build(const struct boot_info *bi, struct domain **d);

/* Run dom0's vCPU 0 from its start-of-day state. Never returns. */
void dom0_start(struct domain *d) __noreturn;

#endif /* ASM_DOM0_BUILD_H */
