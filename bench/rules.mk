# SPDX-License-Identifier: GPL-2.0-only
# Benchmarks (bench/): guest kernels built like the guest test kernels (on
# the guest library of guest/rules.mk, which must be included first) and
# tools/bench, which boots them on Xenolith and on the reference Xen 4.17
# under QEMU -icount and prints a side-by-side table. Not part of `make
# test`: timing is never a verdict. docs/PERFORMANCE.md has the method.
#
# Targets:
#   bench                   build, run on both hypervisors, print the table
#   $(BUILD)/bench/bench-guest  the benchmark guest kernel
# BENCH_ARGS=... is passed to tools/bench (e.g. BENCH_ARGS='--runs 5').

BENCH_GUEST := $(BUILD)/bench/bench-guest
BENCH_OBJS  := $(patsubst %,$(BUILD)/%.o,$(sort $(wildcard \
                   bench/guest/*.c bench/guest/*.S)))

$(BUILD)/bench/%.c.o: bench/%.c $(XEN_INCLUDE)/xen/xen.h
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  CC      $<"
	$(Q)$(CC) $(GUEST_CFLAGS) -c $< -o $@

$(BUILD)/bench/%.S.o: bench/%.S $(XEN_INCLUDE)/xen/xen.h
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  AS      $<"
	$(Q)$(CC) $(GUEST_ASFLAGS) -c $< -o $@

$(BENCH_GUEST): $(BENCH_OBJS) $(GUEST_LIB_OBJS) $(GUEST_LDS)
	$(Q)mkdir -p $(dir $@)
	$(Q)echo "  LD      $@"
	$(Q)$(LD) $(GUEST_LDFLAGS) -T $(GUEST_LDS) -o $@ $(BENCH_OBJS) \
	    $(GUEST_LIB_OBJS)

.PHONY: bench
bench: $(BENCH_GUEST) $(HV_IMAGE) $(XEN_REF_IMAGE) | $(SETUP_STAMP)
	$(Q)$(PYTHON) tools/bench --build $(BUILD) --guest $(BENCH_GUEST) \
	    --logs $(BUILD)/bench-logs $(BENCH_ARGS)

-include $(BENCH_OBJS:.o=.d)
