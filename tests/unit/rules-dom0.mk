# SPDX-License-Identifier: GPL-2.0-only
UNIT_TESTS += dom0_layout
test_dom0_layout_SRCS := hv/arch/x86/pv/dom0_layout.c
