# SPDX-License-Identifier: GPL-2.0-only
# Host unit tests of the time subsystem's pure parts (included by rules.mk).

UNIT_TESTS += timer_heap time_scale acpi_tables

test_timer_heap_SRCS  := hv/common/timer_heap.c
test_time_scale_SRCS  := hv/common/time_scale.c
test_acpi_tables_SRCS := hv/arch/x86/time/acpi_tables.c
