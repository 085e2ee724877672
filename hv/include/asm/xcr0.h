/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * XCR0, the register that enables XSAVE state components, and the rules a
 * value must follow before it may be loaded (hv/arch/x86/cpu/xcr0.c).
 * Bits and rules are the SDM's (vol. 1, 13.3) as Xen 4.17 enforces them
 * for guests (xen/arch/x86/xstate.c valid_xcr0, handle_xsetbv). Pure
 * code: host unit tests run it (tests/unit/test_xcr0.c).
 */
#ifndef ASM_XCR0_H
#define ASM_XCR0_H

#include <xenolith/types.h>

#define XSTATE_FP          (1ULL << 0)   /* x87 */
#define XSTATE_SSE         (1ULL << 1)   /* XMM registers, MXCSR */
#define XSTATE_YMM         (1ULL << 2)   /* AVX: upper halves of YMM */
#define XSTATE_BNDREGS     (1ULL << 3)   /* MPX */
#define XSTATE_BNDCSR      (1ULL << 4)
#define XSTATE_OPMASK      (1ULL << 5)   /* AVX-512: k0-k7 */
#define XSTATE_ZMM         (1ULL << 6)   /* upper halves of ZMM0-15 */
#define XSTATE_HI_ZMM      (1ULL << 7)   /* ZMM16-31 */
#define XSTATE_PKRU        (1ULL << 9)
#define XSTATE_FP_SSE      (XSTATE_FP | XSTATE_SSE)
#define XSTATE_AVX512      (XSTATE_OPMASK | XSTATE_ZMM | XSTATE_HI_ZMM)

/*
 * The user states the hypervisor switches for guests: x87, SSE, AVX and
 * AVX-512. MPX and PKRU are never offered to PV guests (Xen 4.17 neither),
 * AMX needs a permission protocol and 8 KiB per vCPU.
 */
#define XSTATE_SUPPORTED   (XSTATE_FP_SSE | XSTATE_YMM | XSTATE_AVX512)

/* The legacy (FXSAVE) region and the XSAVE header: the smallest area. */
#define XSTATE_LEGACY_SIZE 512u
#define XSTATE_AREA_MIN_SIZE (XSTATE_LEGACY_SIZE + 64u)

/*
 * Is xcr0 architecturally consistent? x87 always set; AVX needs SSE;
 * the three AVX-512 states together and only with AVX; MPX's two states
 * together. Context: any.
 */
bool xcr0_valid(uint64_t xcr0);

/*
 * May a guest whose CPUID offers the states in max load xcr0 (XSETBV)?
 * Consistent and within max (Xen 4.17 handle_xsetbv); anything else is
 * the guest's #GP(0). xcr0 comes from the guest. Context: any.
 */
bool xcr0_guest_ok(uint64_t xcr0, uint64_t max);

#endif /* ASM_XCR0_H */
