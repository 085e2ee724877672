# SPDX-License-Identifier: GPL-2.0-only
# The hypervisor: every .c and .S under hv/ except the linker script, and
# the pure shared code under portable/ (also used by host tests and tools).

HV_IMAGE := $(BUILD)/xenolith
HV_SYMS  := $(BUILD)/xenolith-syms

HV_SRCS := $(shell find hv portable -name '*.c' -o -name '*.S' 2>/dev/null | grep -v '\.lds\.S$$' | sort)
HV_OBJS := $(patsubst %,$(BUILD)/%.o,$(HV_SRCS))

HV_CFLAGS := -std=gnu11 -O2 -g -ffreestanding -nostdinc \
    -isystem $(shell $(CC) -print-file-name=include) \
    -Ihv/include -Iportable/include -I$(XEN_INCLUDE) -include hv/include/xenolith/compiler.h \
    -D__XEN_TOOLS__ \
    -fpie -fno-stack-protector -fno-asynchronous-unwind-tables \
    -fno-omit-frame-pointer -fno-strict-aliasing -fcf-protection=none \
    -fno-tree-loop-distribute-patterns \
    -mno-red-zone -mgeneral-regs-only -mno-sse -mno-mmx -mno-avx \
    -MMD -MP $(WARNINGS)
HV_ASFLAGS := -D__ASSEMBLY__ -Ihv/include -I$(XEN_INCLUDE) -MMD -MP
HV_LDFLAGS := -nostdlib -static --no-dynamic-linker -z noexecstack \
    -z max-page-size=0x1000 -z norelro --build-id=none \
    --no-warn-rwx-segments

$(BUILD)/hv/%.c.o: hv/%.c $(XEN_INCLUDE)/xen/xen.h
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  CC      $<"
	$(Q)$(CC) $(HV_CFLAGS) -c $< -o $@

$(BUILD)/portable/%.c.o: portable/%.c $(XEN_INCLUDE)/xen/xen.h
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  CC      $<"
	$(Q)$(CC) $(HV_CFLAGS) -c $< -o $@

$(BUILD)/hv/%.S.o: hv/%.S $(XEN_INCLUDE)/xen/xen.h
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  AS      $<"
	$(Q)$(CC) $(HV_ASFLAGS) -c $< -o $@

$(BUILD)/hv/xenolith.lds: hv/arch/x86/xenolith.lds.S
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) -E -P -x c $(HV_ASFLAGS) $< -o $@

# Two link passes: the second carries the symbol table made from the first.
# .symbols sits after text and rodata, so no function moves between passes;
# gen-symbols --check proves it.
$(BUILD)/hv/symbols-empty.S:
	$(Q)mkdir -p $(dir $@)
	$(Q)$(PYTHON) tools/gen-symbols --empty > $@

$(BUILD)/hv/%.gen.o: $(BUILD)/hv/%.S
	$(Q)$(CC) $(HV_ASFLAGS) -c $< -o $@

$(BUILD)/xenolith-syms.0: $(HV_OBJS) $(BUILD)/hv/symbols-empty.gen.o $(BUILD)/hv/xenolith.lds
	$(Q)echo "  LD      $@"
	$(Q)$(LD) $(HV_LDFLAGS) -T $(BUILD)/hv/xenolith.lds -o $@ $(HV_OBJS) $(BUILD)/hv/symbols-empty.gen.o

$(BUILD)/hv/symbols.S: $(BUILD)/xenolith-syms.0 tools/gen-symbols
	$(Q)nm -n --defined-only $< | $(PYTHON) tools/gen-symbols > $@

$(HV_SYMS): $(HV_OBJS) $(BUILD)/hv/symbols.gen.o $(BUILD)/hv/xenolith.lds
	$(Q)echo "  LD      $@"
	$(Q)$(LD) $(HV_LDFLAGS) -T $(BUILD)/hv/xenolith.lds -o $@ $(HV_OBJS) $(BUILD)/hv/symbols.gen.o
	$(Q)nm -n --defined-only $(BUILD)/xenolith-syms.0 > $(BUILD)/hv/nm.0
	$(Q)nm -n --defined-only $@ | $(PYTHON) tools/gen-symbols --check $(BUILD)/hv/nm.0

$(HV_IMAGE): $(HV_SYMS) tools/mkelf32
	$(Q)echo "  MKELF32 $@"
	$(Q)$(PYTHON) tools/mkelf32 $< $@

-include $(HV_OBJS:.o=.d)
