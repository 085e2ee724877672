# SPDX-License-Identifier: GPL-2.0-only
# The guest library (guest/) and the guest test kernels (tests/guest/<name>/).
#
# Every .c and .S under guest/lib, guest/test and guest/arch/x86 (except the
# linker script) is linked into every guest kernel; each directory
# tests/guest/<name>/ with a main.c becomes $(BUILD)/guests/<name>, a 64-bit
# PV ELF kernel that Xen's dom0 builder (and ours) loads. All sources of
# that directory are linked in; no per-test makefile is needed.
#
# Targets:
#   guests               every guest kernel
#   $(BUILD)/guests/NAME one guest kernel
#   xen-ref              fetch the reference Xen 4.17 ($(BUILD)/xen-ref/...)
#   test-xen             boot every guest kernel as dom0 on the reference Xen
#   test-guests          the same on Xenolith ($(HV_IMAGE))
# GUEST_TESTS=... restricts test-xen / test-guests to some kernels.

GUEST_LIB_SRCS := $(sort $(wildcard guest/lib/*.c guest/test/*.c \
                                    guest/arch/x86/*.c guest/arch/x86/*.S))
GUEST_LIB_SRCS := $(filter-out %.lds.S,$(GUEST_LIB_SRCS))
GUEST_LIB_OBJS := $(patsubst %,$(BUILD)/%.o,$(GUEST_LIB_SRCS))
GUEST_LDS      := $(BUILD)/guest/guest.lds
GUEST_NAMES    := $(sort $(patsubst tests/guest/%/main.c,%,\
                      $(wildcard tests/guest/*/main.c)))
GUEST_KERNELS  := $(addprefix $(BUILD)/guests/,$(GUEST_NAMES))
XEN_REF_IMAGE  := $(BUILD)/xen-ref/xen-4.17.elf

GUEST_INCLUDES := -Iguest/include -Iguest/arch/x86/include -Iportable/include \
                  -I$(XEN_INCLUDE)
GUEST_CFLAGS := -std=gnu11 -O2 -g -ffreestanding -nostdinc \
    -isystem $(shell $(CC) -print-file-name=include) $(GUEST_INCLUDES) \
    -D__XEN_TOOLS__ -fno-pic -fno-pie -mcmodel=kernel \
    -fno-stack-protector -fno-asynchronous-unwind-tables \
    -fno-omit-frame-pointer -fno-strict-aliasing -fcf-protection=none \
    -fno-tree-loop-distribute-patterns -fno-builtin \
    -mno-red-zone -mgeneral-regs-only -mno-sse -mno-mmx -mno-avx \
    -MMD -MP $(WARNINGS)
GUEST_ASFLAGS := -D__ASSEMBLY__ -D__XEN_TOOLS__ $(GUEST_INCLUDES) -MMD -MP
GUEST_LDFLAGS := -nostdlib -static --no-dynamic-linker -z noexecstack \
    -z max-page-size=0x1000 -z norelro --build-id=none

$(BUILD)/guest/%.c.o: guest/%.c $(XEN_INCLUDE)/xen/xen.h
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  CC      $<"
	$(Q)$(CC) $(GUEST_CFLAGS) -c $< -o $@

$(BUILD)/guest/%.S.o: guest/%.S $(XEN_INCLUDE)/xen/xen.h
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  AS      $<"
	$(Q)$(CC) $(GUEST_ASFLAGS) -c $< -o $@

$(BUILD)/tests/guest/%.c.o: tests/guest/%.c $(XEN_INCLUDE)/xen/xen.h
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  CC      $<"
	$(Q)$(CC) $(GUEST_CFLAGS) -c $< -o $@

$(BUILD)/tests/guest/%.S.o: tests/guest/%.S $(XEN_INCLUDE)/xen/xen.h
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  AS      $<"
	$(Q)$(CC) $(GUEST_ASFLAGS) -c $< -o $@

$(GUEST_LDS): guest/arch/x86/guest.lds.S $(XEN_INCLUDE)/xen/xen.h
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) -E -P -x c -D__ASSEMBLY__ $(GUEST_INCLUDES) $< -o $@

# One rule per guest kernel: its own objects, then the library.
define GUEST_KERNEL_RULE
GUEST_OBJS_$(1) := $(patsubst %,$(BUILD)/%.o,$(sort $(wildcard \
                       tests/guest/$(1)/*.c tests/guest/$(1)/*.S)))
$(BUILD)/guests/$(1): $$(GUEST_OBJS_$(1)) $(GUEST_LIB_OBJS) $(GUEST_LDS)
	$(Q)mkdir -p $$(dir $$@)
	$(Q)echo "  LD      $$@"
	$(Q)$(LD) $(GUEST_LDFLAGS) -T $(GUEST_LDS) -o $$@ \
	    $$(GUEST_OBJS_$(1)) $(GUEST_LIB_OBJS)
endef
$(foreach n,$(GUEST_NAMES),$(eval $(call GUEST_KERNEL_RULE,$(n))))

.PHONY: guests xen-ref test-xen test-guests
guests: $(GUEST_KERNELS)

# The package is fixed (4.17), so an existing image is never redone.
$(XEN_REF_IMAGE): | $(SETUP_STAMP)
	$(Q)tools/fetch-reference-xen $(dir $@) >/dev/null

xen-ref: $(XEN_REF_IMAGE)

GUEST_RUN_ARGS = --build $(BUILD) $(if $(GUEST_TESTS),$(GUEST_TESTS))

test-xen: $(GUEST_KERNELS) $(XEN_REF_IMAGE) | $(SETUP_STAMP)
	$(Q)$(PYTHON) tests/runner/run-guest-tests --hypervisor xen \
	    --logs $(BUILD)/test-logs/guest-xen $(GUEST_RUN_ARGS)

test-guests: $(GUEST_KERNELS) $(HV_IMAGE) | $(SETUP_STAMP)
	$(Q)$(PYTHON) tests/runner/run-guest-tests --hypervisor xenolith \
	    --logs $(BUILD)/test-logs/guest-xenolith $(GUEST_RUN_ARGS)

-include $(GUEST_LIB_OBJS:.o=.d)
-include $(foreach n,$(GUEST_NAMES),$(GUEST_OBJS_$(n):.o=.d))
