# SPDX-License-Identifier: GPL-2.0-only
# Host unit tests of the hypercall handlers in hv/common/hypercall/ and what
# they use (version.c, lib/sha1.c). Handlers run against a fake calling
# guest (tests/unit/fake_guest.c) under the real guest_access.c.

UNIT_TESTS += console_lines console_io xen_version multicall vm_assist sha1

FAKE_GUEST_SRCS := tests/unit/fake_guest.c hv/arch/x86/mm/guest_access.c \
                   tests/unit/fake_domain_ref.c

test_console_lines_SRCS := hv/common/hypercall/console_line.c
test_console_io_SRCS    := hv/common/hypercall/console_io.c \
                           hv/common/hypercall/console_line.c \
                           hv/common/console_rx.c \
                           $(FAKE_GUEST_SRCS)
test_xen_version_SRCS   := hv/common/hypercall/xen_version.c hv/common/version.c \
                           hv/common/lib/sha1.c hv/common/lib/strutil.c \
                           $(FAKE_GUEST_SRCS)
test_multicall_SRCS     := hv/common/hypercall/multicall.c $(FAKE_GUEST_SRCS)
test_vm_assist_SRCS     := hv/common/hypercall/vm_assist.c $(FAKE_GUEST_SRCS)
test_sha1_SRCS          := hv/common/lib/sha1.c
