# SPDX-License-Identifier: GPL-2.0-only
# Host unit test of XENMEM_exchange (hv/common/memory/exchange.c) through
# do_memory_op(), on the real frame table, buddy allocator, heap and
# reference counts over fake RAM, for a fake calling guest (as rules-mm.mk;
# recursive so MM_FRAME_SRCS, defined there, is expanded when used).

UNIT_TESTS += memory_exchange

test_memory_exchange_SRCS = hv/common/memory_op.c \
    hv/arch/x86/mm/arch_memory_op.c hv/common/memory/memmap.c \
    hv/common/memory/reservation.c hv/common/memory/exchange.c \
    $(MM_FRAME_SRCS) $(MM_GUEST_SRCS)
