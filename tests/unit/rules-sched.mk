# SPDX-License-Identifier: GPL-2.0-only
# Host unit tests of the scheduling policies (hv/common/sched/), driven
# through struct scheduler_ops as the scheduler core drives them.

UNIT_TESTS += sched_bvt

test_sched_bvt_SRCS := hv/common/sched/bvt.c hv/common/sched/bvt_control.c
