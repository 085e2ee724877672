/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The two notes this kernel adds to the library's (guest/arch/x86/head.S),
 * with the values Linux gives them (arch/x86/xen/xen-head.S): the p2m
 * list at 512 GiB, outside the initial mapping, and the initrd by frame
 * number instead of mapped.
 */
#include <xen/elfnote.h>
#include <guest/arch/elfnote.h>

ELFNOTE(XEN_ELFNOTE_INIT_P2M, .quad 0x0000008000000000)
ELFNOTE(XEN_ELFNOTE_MOD_START_PFN, .long 1)
