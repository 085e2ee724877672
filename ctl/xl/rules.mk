# SPDX-License-Identifier: GPL-2.0-only
# The xl toolstack command, built for dom0: a static Linux x86-64 binary
# (it goes into the dom0 initramfs, which has no shared libraries) with the
# host gcc against glibc, C11 plus POSIX. Only Xen's public headers, as
# the tools see them (__XEN_TOOLS__); nothing of hv/. It links ctl/lib/
# (hypervisor access, domain builder, console ring, domain records) and
# the kernel-image parser of portable/image/, which sees ctl/compat/ for
# the few <xenolith/...> headers it includes.
#   make BUILD=... xl    builds $(BUILD)/ctl/xl/xl
# The pure parts are unit-tested by tests/unit/rules-xl.mk.

XL_TOOL := $(BUILD)/ctl/xl/xl
CTL_LIB_SRCS := $(sort $(wildcard ctl/lib/*.c))
CTL_IMAGE_SRCS := portable/image/elf_xen.c portable/image/elf_xen_notes.c
XL_SRCS := $(sort $(wildcard ctl/xl/*.c)) $(CTL_LIB_SRCS) $(CTL_IMAGE_SRCS)
XL_OBJS := $(patsubst %.c,$(BUILD)/ctl/obj/%.o,$(XL_SRCS))

# Xen's domctl.h needs GNU C (anonymous unions); the config reader is
# held to strict C11.
XL_STD := -std=gnu11
$(BUILD)/ctl/obj/ctl/xl/cfg_%.o $(BUILD)/ctl/obj/ctl/xl/domain_config%.o: \
    XL_STD := -std=c11 -Wpedantic

XL_CFLAGS = $(XL_STD) -D_GNU_SOURCE -O2 -g \
    -fno-strict-aliasing -D__XEN_TOOLS__ -I$(XEN_INCLUDE) -Iportable/include \
    -Ictl/compat -Ictl/lib -Ictl/xl $(WARNINGS) -Wcast-qual -MMD -MP

$(BUILD)/ctl/obj/%.o: %.c $(XEN_INCLUDE)/xen/xen.h
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  HOSTCC  $@"
	$(Q)$(HOSTCC) $(XL_CFLAGS) -c -o $@ $<

$(XL_TOOL): $(XL_OBJS)
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  LD      $@ (static)"
	$(Q)$(HOSTCC) -static -o $@ $(XL_OBJS)

-include $(XL_OBJS:.o=.d)

.PHONY: xl
xl: $(XL_TOOL)
all: $(XL_TOOL)
test: $(XL_TOOL)
