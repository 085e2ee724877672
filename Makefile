# SPDX-License-Identifier: GPL-2.0-only
#
# Xenolith build. Non-recursive; everything goes to build/.
#   make            the hypervisor image build/xenolith (and guests, later)
#   make run        boot it in QEMU (TCG) on the serial console
#   make test       unit tests, then boot tests; ends with "N passed, N failed"
#   make test-xen   the guest test kernels on the reference Xen 4.17
#   make setup      install the packages the build and tests need (idempotent)
# Every target that needs packages depends on the setup stamp, so a fresh
# Debian 12 machine needs no manual step.

BUILD    ?= build
HOSTCC   ?= gcc
CC       := gcc
LD       := ld
PYTHON   ?= python3
Q        ?= @

.DEFAULT_GOAL := all
.SUFFIXES:
.DELETE_ON_ERROR:

SETUP_STAMP := $(BUILD)/.setup-done
$(SETUP_STAMP): tools/setup
	$(Q)mkdir -p $(BUILD)
	$(Q)tools/setup
	$(Q)touch $@

.PHONY: setup
setup: $(SETUP_STAMP)

# Xen's public headers, from libxen-dev, seen as <xen/...> and nothing else
# of /usr/include.
XEN_INCLUDE := $(BUILD)/include
$(XEN_INCLUDE)/xen/xen.h: | $(SETUP_STAMP)
	$(Q)mkdir -p $(XEN_INCLUDE)
	$(Q)ln -sfn /usr/include/xen $(XEN_INCLUDE)/xen

WARNINGS := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wpointer-arith -Wvla -Wundef \
            -Wimplicit-fallthrough -Wno-unused-parameter

include hv/rules.mk
include guest/rules.mk
include ctl/xl/rules.mk
include bench/rules.mk
include tests/rules.mk

.PHONY: all clean
all: $(HV_IMAGE) $(GUEST_KERNELS)

clean:
	rm -rf $(BUILD)
