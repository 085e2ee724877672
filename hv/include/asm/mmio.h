/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Device registers the hypervisor drives itself (local APIC, HPET, the
 * I/O APICs): a guest, even dom0 with its I/O rights, may map them only
 * read-only, as Xen 4.17 keeps them out of dom0's iomem capabilities or
 * in its read-only MMIO ranges. Registered at boot by the drivers that
 * take them (hv/arch/x86/mm/mmio_guard.c).
 */
#ifndef ASM_MMIO_H
#define ASM_MMIO_H

#include <xenolith/types.h>

/* Keep guests from writing [pa, pa + len). Context: boot. */
void mmio_guard_add(paddr_t pa, size_t len);

/* Is mfn below the machine's physical address limit (CPUID 0x80000008)? */
bool mmio_frame_exists(mfn_t mfn);

/* May a guest with I/O rights map frame mfn writable? */
bool mmio_guest_may_write(mfn_t mfn);

#endif /* ASM_MMIO_H */
