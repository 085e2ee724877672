/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fault probes: run one instruction that may fault and get back what
 * happened, packed in 32 bits so that a test compares it with one `==`
 * (the model is XTF's exinfo_t): 0 if the instruction completed, else
 * PROBE_FAULT(vector, error code). Vectors without an error code pack 0.
 * The probes live in guest/arch/x86/probe.S; the fault record with CR2 is
 * guest_traps_last() (guest/include/guest/traps.h).
 */
#ifndef GUEST_PROBE_H
#define GUEST_PROBE_H

#include <guest/xen.h>

#define PROBE_NONE              0u
#define PROBE_FAULT(vec, ec)                                                 \
    (0x80000000u | (((uint32_t)(vec) & 0xff) << 16) | ((uint32_t)(ec) & 0xffff))
#define PROBE_VECTOR(p)         (((p) >> 16) & 0xff)
#define PROBE_ERROR_CODE(p)     ((p) & 0xffff)

#define X86_EXC_DE  0
#define X86_EXC_BP  3
#define X86_EXC_UD  6
#define X86_EXC_GP  13
#define X86_EXC_PF  14

/* #PF error code bits (SDM vol. 3, 4.7). */
#define PFEC_PRESENT    0x1
#define PFEC_WRITE      0x2
#define PFEC_USER       0x4

/* One 8-byte load from addr. */
uint32_t test_probe_read(const void *addr);
/* Load the byte at addr and store it back unchanged. */
uint32_t test_probe_write(void *addr);
/* One 8-byte store of value to addr. */
uint32_t test_probe_store64(void *addr, uint64_t value);

/* Load selector sel into ES; test_read_es() reads ES back. */
uint32_t test_probe_load_es(unsigned int sel);
unsigned int test_read_es(void);

/* ud2. */
uint32_t test_probe_ud2(void);
/* int3 (a trap: reported with rip after the instruction). */
uint32_t test_probe_int3(void);
/* int $0x20, a vector the guest never registered. */
uint32_t test_probe_int_0x20(void);
/* div of 0 by 0. */
uint32_t test_probe_divide_error(void);

/* "none" or "#GP[0102]" into buf (16 bytes are enough); returns buf. */
char *test_probe_format(uint32_t probe, char *buf, size_t size);

#endif /* GUEST_PROBE_H */
