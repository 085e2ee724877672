# SPDX-License-Identifier: GPL-2.0-only
# Host unit tests of the frame table, the buddy allocator and the heap
# (hv/common/memory/). Each compiles the real sources below.

UNIT_TESTS += frame_table buddy heap

test_frame_table_SRCS := hv/common/memory/frame_table.c
test_buddy_SRCS       := hv/common/memory/frame_table.c \
                         hv/common/memory/buddy.c
test_heap_SRCS        := hv/common/memory/frame_table.c \
                         hv/common/memory/buddy.c hv/common/memory/heap.c
