# SPDX-License-Identifier: GPL-2.0-only
# Host unit tests of the PV bounce frame layout (trap bounces and the
# failsafe callback; included by rules.mk).

UNIT_TESTS += bounce_frame

test_bounce_frame_SRCS := hv/arch/x86/pv/bounce_frame.c
