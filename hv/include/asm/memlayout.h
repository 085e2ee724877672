/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's virtual address-space layout (x86-64).
 *
 * Xen's PV64 ABI reserves L4 slots 256-271 (0xffff800000000000 to
 * 0xffff87ffffffffff) for the hypervisor; guests own every other slot,
 * including the top 2 GiB where Linux PV kernels live. Within the reserved
 * range we follow Xen's own map where a guest can see the difference (the
 * read-only M2P at the start of slot 256) and keep the rest simple:
 *
 *  slot 256 0xffff800000000000  read-only M2P table, guest-visible (issue 4)
 *  slot 257 0xffff808000000000  reserved
 *  slot 258 0xffff810000000000  guest linear page-table view (issue 4)
 *  slot 259 0xffff818000000000  reserved
 *  slot 260 0xffff820000000000  reserved (Xen's per-domain area; our GDT
 *                                and LDT windows are per CPU, below)
 *  slot 261 0xffff828000000000  hypervisor-private:
 *           0xffff82c000000000    MMIO mappings (LAPIC, HPET), 1 GiB
 *           0xffff82c800000000    per-CPU GDTs, 1 GiB
 *           0xffff82d080000000    the hypervisor image, 1 GiB
 *           0xffff82e000000000    frame table, 128 GiB (16 TiB of RAM)
 *  slots 262-271 0xffff830000000000  direct map of all RAM, 5 TiB
 *
 * Shared between C and assembly: no C in here.
 */
#ifndef ASM_MEMLAYOUT_H
#define ASM_MEMLAYOUT_H

#define L4_SLOT_SHIFT          39
#define HV_VIRT_START          0xffff800000000000
#define HV_VIRT_END            0xffff880000000000
#define RO_M2P_VIRT_START      0xffff800000000000
#define RO_M2P_VIRT_END        0xffff804000000000  /* 256 GiB: 2^35 MFNs */
#define PERDOMAIN_VIRT_START   0xffff820000000000
#define MMIO_VIRT_START        0xffff82c000000000
#define MMIO_VIRT_SIZE         0x0000000040000000
#define GDT_VIRT_START         0xffff82c800000000
#define GDT_VIRT_SIZE          0x0000000040000000
#define IMAGE_VIRT_BASE        0xffff82d080000000
#define FRAMETABLE_VIRT_START  0xffff82e000000000
#define FRAMETABLE_VIRT_SIZE   0x0000002000000000
#define DIRECTMAP_VIRT_START   0xffff830000000000
#define DIRECTMAP_VIRT_END     0xffff880000000000

/* Physical address the boot loader puts the image at (virt - IMAGE_VIRT_BASE). */
#define IMAGE_PHYS_START       0x200000

#define HV_L4_FIRST_SLOT       256
#define HV_L4_LAST_SLOT        271

/* Boot CPU stack: the primary stack and one page per IST stack. */
#define STACK_ORDER            3
#define STACK_SIZE             (4096 << STACK_ORDER)
#define IST_STACK_SIZE         4096

#endif /* ASM_MEMLAYOUT_H */
