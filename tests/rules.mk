# SPDX-License-Identifier: GPL-2.0-only
# The test suite: host unit tests, boot tests of the image in QEMU, then
# every guest test kernel (tests/guest/) booted as dom0 on Xenolith.
# tests/runner/run-tests prints one line per test and ends with
# "N passed, N failed"; it exits non-zero if anything failed.
# TESTS=REGEX runs only the tests whose name (unit/<suite>, boot/<name>)
# matches, e.g. make test TESTS=boot/fault.

include tests/unit/rules.mk
-include tests/boot/rules.mk

TEST_LOG_DIR := $(BUILD)/test-logs

.PHONY: test
test: $(SETUP_STAMP) $(UNIT_BINS) $(HV_IMAGE) $(BOOT_TEST_DEPS) $(GUEST_KERNELS)
	$(Q)$(PYTHON) tests/runner/run-tests --build $(BUILD) --logs $(TEST_LOG_DIR) \
	    $(if $(TESTS),--filter '$(TESTS)') \
	    --unit $(UNIT_BINS) --boot $(sort $(wildcard tests/boot/*.test)) \
	    --guest $(GUEST_KERNELS)

# The boot tests on the reference Xen 4.17 (tests/boot/README.md,
# "hypervisors:"): those that list xen run, the others are skipped.
.PHONY: test-boot-xen
test-boot-xen: $(SETUP_STAMP) $(BOOT_TEST_DEPS)
	$(Q)tools/fetch-reference-xen $(BUILD)/xen-ref > /dev/null
	$(Q)$(PYTHON) tests/runner/run-tests --build $(BUILD) --logs $(TEST_LOG_DIR) \
	    --hypervisor xen $(if $(TESTS),--filter '$(TESTS)') \
	    --boot $(sort $(wildcard tests/boot/*.test))

# The demo: Linux dom0 with its shell and toolstack; its /init creates two
# small domains with xl (`xl list`, `xl console demo1`, Ctrl-] leaves).
.PHONY: run run-bare
run: $(SETUP_STAMP) $(HV_IMAGE) $(LINUX_DOM0)
	$(Q)BUILD=$(BUILD) LINUX_ARGS=xenolith_demo XENOLITH_ARGS='$(RUN_ARGS)' \
	    tools/run-linux-shell xenolith

# Xenolith alone, no modules (it says so and halts).
run-bare: $(SETUP_STAMP) $(HV_IMAGE)
	$(Q)tools/run-qemu $(HV_IMAGE) -- $(RUN_ARGS)

# The real client: Debian's Linux as dom0 with a busybox shell on the
# serial console (tools/run-linux-shell); HV=xen boots the same on the
# reference Xen 4.17. run-linux-smoke boots it to /init and powers off
# (tools/run-linux-dom0). tests/boot/linux-*.test use the same kernel and
# initramfs (tools/prepare-linux-dom0).
.PHONY: run-linux run-linux-smoke
run-linux: $(SETUP_STAMP) $(HV_IMAGE)
	$(Q)BUILD=$(BUILD) tools/run-linux-shell $(or $(HV),xenolith)

run-linux-smoke: $(SETUP_STAMP) $(HV_IMAGE)
	$(Q)BUILD=$(BUILD) tools/run-linux-dom0 $(or $(HV),xenolith)
