# SPDX-License-Identifier: GPL-2.0-only
# Host unit tests of the FPU state's pure part: the XCR0 rules of XSETBV.

UNIT_TESTS += xcr0

test_xcr0_SRCS = hv/arch/x86/cpu/xcr0.c
