# SPDX-License-Identifier: GPL-2.0-only
# Host unit tests: one binary per module, each compiling the real hypervisor
# sources it names (test_<name>_SRCS) against tests/unit/harness.c, natively,
# with ASan and UBSan. Add a test: write tests/unit/test_<name>.c, add
# <name> to UNIT_TESTS and list its sources.

UNIT_TESTS := cmdline memmap multiboot vsnprintf

test_cmdline_SRCS   := hv/common/cmdline.c hv/common/lib/strutil.c
test_memmap_SRCS    := hv/common/memory/memmap.c
test_multiboot_SRCS := hv/arch/x86/boot/multiboot.c hv/common/cmdline.c \
                       hv/common/lib/strutil.c hv/common/memory/memmap.c
test_vsnprintf_SRCS := hv/common/lib/vsnprintf.c hv/common/lib/strutil.c
test_vsnprintf_CFLAGS := -Dvsnprintf=hv_vsnprintf -Dsnprintf=hv_snprintf

-include tests/unit/rules-*.mk

UNIT_CFLAGS := -std=gnu11 -g -O1 -fsanitize=address,undefined \
    -fno-sanitize-recover=all -fno-omit-frame-pointer -DXENOLITH_HOST_TEST \
    -Ihv/include -Iportable/include -I$(XEN_INCLUDE) -include hv/include/xenolith/compiler.h \
    -D__XEN_TOOLS__ $(filter-out -Wmissing-prototypes,$(WARNINGS))

UNIT_BINS := $(patsubst %,$(BUILD)/tests/unit/test_%,$(UNIT_TESTS))

.SECONDEXPANSION:
$(BUILD)/tests/unit/test_%: tests/unit/test_%.c tests/unit/harness.c tests/unit/harness.h $$(test_$$*_SRCS) $(XEN_INCLUDE)/xen/xen.h
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  HOSTCC  $@"
	$(Q)$(HOSTCC) $(UNIT_CFLAGS) $(test_$*_CFLAGS) -o $@ tests/unit/harness.c $< $(test_$*_SRCS)

.PHONY: unit-tests
unit-tests: $(UNIT_BINS)
