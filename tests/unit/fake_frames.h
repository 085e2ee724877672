/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Real frames for host tests of code that owns, references and frees
 * them: the real frame table and buddy allocator over the harness's fake
 * RAM (frames 0..FAKE_FRAMES_FIRST_FREE-1 kept reserved, like the first
 * MiB of a machine), set up once per test binary.
 */
#ifndef TESTS_UNIT_FAKE_FRAMES_H
#define TESTS_UNIT_FAKE_FRAMES_H

#include <xenolith/frame_table.h>

#define FAKE_FRAMES_FIRST_FREE 16

/* Lay out the table and free RAM once; later calls do nothing. */
void fake_frames_setup(void);

/* Free frames right after setup: what every test must give back. */
uint64_t fake_frames_baseline(void);

/* CHECK that every frame is back in the buddy allocator. */
void fake_frames_check_no_leak(void);

/* Fill frame mfn with a byte, so tests can see it scrubbed. */
void fake_frames_dirty(uint64_t mfn, unsigned char byte);

/* What m2p_set() recorded, by MFN (asm/m2p.h). */
#define FAKE_M2P_ENTRIES ((64UL << 20) >> 12)   /* HARNESS_RAM_SIZE */
extern uint64_t fake_m2p[FAKE_M2P_ENTRIES];
/* What m2p_nr_extents() and m2p_extent_mfn() say (made-up frames). */
#define FAKE_M2P_EXTENTS 3
#define FAKE_M2P_EXTENT_MFN(i) (0x200000UL + 512UL * (i))

/* What paging_fill_hypervisor_slots() puts in hypervisor slot i. */
#define FAKE_HV_L4_ENTRY(i) (0xfee1000000000000ULL | (i))

#endif /* TESTS_UNIT_FAKE_FRAMES_H */
