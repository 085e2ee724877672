# SPDX-License-Identifier: GPL-2.0-only
# Host unit tests of memory_op, mmuext_op and the PV descriptor check
# (included by rules.mk). The reservation, memory_op and mmuext tests run
# on the real frame table, buddy allocator and reference counts over fake
# RAM (fake_frames.c), for a fake calling guest (fake_guest.c).

UNIT_TESTS += desc_check reservation memory_op mmuext pt_validate

MM_FRAME_SRCS := tests/unit/fake_frames.c hv/common/memory/frame_table.c \
                 hv/common/memory/buddy.c hv/common/memory/page_ref.c \
                 hv/common/memory/domain_page.c \
                 hv/arch/x86/mm/page_type.c hv/arch/x86/mm/pt_validate.c \
                 hv/arch/x86/mm/pt_linear.c hv/arch/x86/mm/mmio_guard.c \
                 hv/arch/x86/mm/pt_prevalidate.c hv/common/memory/heap.c \
                 hv/arch/x86/mm/relinquish.c \
                 hv/arch/x86/pv/desc_check.c
MM_GUEST_SRCS := tests/unit/fake_guest.c tests/unit/fake_control.c \
                 hv/arch/x86/mm/guest_access.c \
                 tests/unit/fake_domain_ref.c hv/arch/x86/mm/pg_owner.c

test_desc_check_SRCS  := hv/arch/x86/pv/desc_check.c
test_reservation_SRCS := hv/common/memory/reservation.c $(MM_FRAME_SRCS) \
                         $(MM_GUEST_SRCS)
test_memory_op_SRCS   := hv/common/memory_op.c hv/arch/x86/mm/arch_memory_op.c \
                         hv/common/memory/memmap.c \
                         hv/common/memory/reservation.c \
                         hv/common/memory/exchange.c $(MM_FRAME_SRCS) \
                         $(MM_GUEST_SRCS)
test_mmuext_SRCS      := hv/arch/x86/mm/mmuext.c $(MM_FRAME_SRCS) \
                         $(MM_GUEST_SRCS)
test_pt_validate_SRCS := $(MM_FRAME_SRCS) $(MM_GUEST_SRCS)
UNIT_TESTS += ptwr_insn
test_ptwr_insn_SRCS := hv/arch/x86/pv/ptwr_insn.c
