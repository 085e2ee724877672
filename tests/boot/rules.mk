# SPDX-License-Identifier: GPL-2.0-only
# What the boot tests (tests/boot/*.test, see tests/boot/README.md) need
# besides the image: small module files, and a GRUB 2 rescue ISO that boots
# the image with multiboot2 and one module2 (tests/boot/grub.cfg).

BOOT_TEST_DIR := $(BUILD)/tests/boot
GRUB_DIR      := $(BUILD)/grub
GRUB_ISO      := $(GRUB_DIR)/xenolith.iso
GRUB_PLATFORM := /usr/lib/grub/i386-pc

# mod0 is 4 KiB and mod1 12 KiB, so tests can tell them apart by size.
BOOT_TEST_MODULES := $(BOOT_TEST_DIR)/mod0 $(BOOT_TEST_DIR)/mod1

$(BOOT_TEST_DIR)/mod0: tests/boot/rules.mk
	$(Q)mkdir -p $(dir $@)
	$(Q)$(PYTHON) -c 'import sys; sys.stdout.buffer.write((b"Xenolith boot-test module 0\n" * 512)[:4096])' > $@

$(BOOT_TEST_DIR)/mod1: tests/boot/rules.mk
	$(Q)mkdir -p $(dir $@)
	$(Q)$(PYTHON) -c 'import sys; sys.stdout.buffer.write((b"Xenolith boot-test module 1\n" * 1024)[:12288])' > $@

# BIOS GRUB only (-d): the ISO boots under SeaBIOS, as QEMU's pc machine has.
$(GRUB_ISO): $(HV_IMAGE) $(BUILD)/guests/hello tests/boot/grub.cfg | $(SETUP_STAMP)
	$(Q)echo "  GRUBISO $@"
	$(Q)rm -rf $(GRUB_DIR)/iso
	$(Q)mkdir -p $(GRUB_DIR)/iso/boot/grub
	$(Q)cp $(HV_IMAGE) $(GRUB_DIR)/iso/boot/xenolith
	$(Q)cp $(BUILD)/guests/hello $(GRUB_DIR)/iso/boot/hello
	$(Q)cp tests/boot/grub.cfg $(GRUB_DIR)/iso/boot/grub/grub.cfg
	$(Q)grub-mkrescue -d $(GRUB_PLATFORM) --locales= --fonts= --themes= \
	    -o $@ $(GRUB_DIR)/iso > $(GRUB_DIR)/grub-mkrescue.log 2>&1 || \
	    { cat $(GRUB_DIR)/grub-mkrescue.log; exit 1; }

.PHONY: grub-iso
grub-iso: $(GRUB_ISO)

# Debian's Linux and a busybox initramfs for tests/boot/linux-*.test
# (tools/prepare-linux-dom0 fetches the kernel package once).
LINUX_DOM0 := $(BUILD)/linux/vmlinux

$(LINUX_DOM0): tools/prepare-linux-dom0 $(XL_TOOL) $(BUILD)/guests/hello \
                $(BUILD)/guests/domains | $(SETUP_STAMP)
	$(Q)echo "  LINUX   $@"
	$(Q)tools/prepare-linux-dom0 $(BUILD) > /dev/null

BOOT_TEST_DEPS := $(BOOT_TEST_MODULES) $(GRUB_ISO) $(LINUX_DOM0)
