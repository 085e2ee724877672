# SPDX-License-Identifier: GPL-2.0-only
# Host unit tests of the control interface (hv/common/control/): sysctl
# readconsole against a fake console ring and a fake calling guest.

UNIT_TESTS += readconsole

# Recursive (=): FAKE_GUEST_SRCS comes from rules-hypercall.mk.
test_readconsole_SRCS = hv/common/control/readconsole.c $(FAKE_GUEST_SRCS)
