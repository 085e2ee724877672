/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Page tables used from the switch to long mode until paging_init() builds
 * the final ones. 2 MiB pages, all RWX: W^X is enforced only from the final
 * tables. Maps the first 4 GiB of physical memory three times: identity
 * (for the jump into 64-bit code and the loader's structures), at
 * DIRECTMAP_VIRT_START, and the first 1 GiB at IMAGE_VIRT_BASE.
 */
#include <asm/memlayout.h>

#define PHYS(sym) ((sym) - IMAGE_VIRT_BASE)
#define PT_TABLE  0x003        /* present, writable */
#define PT_LARGE  0x083        /* present, writable, 2 MiB */

        .section .data.page_aligned, "aw", @progbits
        .balign 4096
        .globl early_l4
early_l4:
        .quad PHYS(early_l3_low) + PT_TABLE
        .fill 260, 8, 0
        .quad PHYS(early_l3_image) + PT_TABLE             /* slot 261 */
        .quad PHYS(early_l3_low) + PT_TABLE               /* slot 262 */
        .fill 512 - 263, 8, 0

early_l3_low:
        .quad PHYS(early_l2_low) + 0x0000 + PT_TABLE
        .quad PHYS(early_l2_low) + 0x1000 + PT_TABLE
        .quad PHYS(early_l2_low) + 0x2000 + PT_TABLE
        .quad PHYS(early_l2_low) + 0x3000 + PT_TABLE
        .fill 508, 8, 0

early_l3_image:
        .fill ((IMAGE_VIRT_BASE >> 30) & 511), 8, 0
        .quad PHYS(early_l2_low) + PT_TABLE
        .fill 511 - ((IMAGE_VIRT_BASE >> 30) & 511), 8, 0

early_l2_low:
        .set i, 0
        .rept 2048
        .quad (i << 21) + PT_LARGE
        .set i, i + 1
        .endr
