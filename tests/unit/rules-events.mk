# SPDX-License-Identifier: GPL-2.0-only
# Host unit tests of event channels (hv/common/event/: the pure 2-level
# bitmaps, and the port table with its hypercall wrapper run against a
# fake calling guest and a second fake domain) and of the wallclock's RTC
# decoding.

UNIT_TESTS += evtchn_2l evtchn evtchn_interdomain wallclock

test_evtchn_2l_SRCS := hv/common/event/evtchn_2l.c
# Recursive (=): FAKE_GUEST_SRCS comes from rules-hypercall.mk, read later.
test_evtchn_SRCS     = hv/common/event/evtchn.c hv/common/event/evtchn_2l.c \
                       hv/common/event/evtchn_interdomain.c \
                       hv/common/event/evtchn_close.c \
                       hv/common/event/virq.c hv/common/event/evtchn_op.c \
                       tests/unit/fake_events.c $(FAKE_GUEST_SRCS)
test_evtchn_interdomain_SRCS = $(test_evtchn_SRCS)
test_wallclock_SRCS := hv/common/wallclock.c
