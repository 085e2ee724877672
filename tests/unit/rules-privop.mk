# SPDX-License-Identifier: GPL-2.0-only
# Host unit tests of PV privileged-instruction emulation's pure parts: the
# CPUID policy, the instruction decoder, and the instruction fetch over
# the fake guest (tests/unit/fake_guest.c, from rules-hypercall.mk: the
# recursive = lets that file be read after this one).

UNIT_TESTS += cpuid_policy insn_decode insn_fetch

test_cpuid_policy_SRCS = hv/arch/x86/pv/cpuid_policy.c
test_insn_decode_SRCS  = hv/arch/x86/pv/insn_decode.c
test_insn_fetch_SRCS   = hv/arch/x86/pv/insn_fetch.c $(FAKE_GUEST_SRCS)
