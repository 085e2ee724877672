# SPDX-License-Identifier: GPL-2.0-only
# Host unit tests of boot-time domain lines (hv/common/boot_domain_config.c).

UNIT_TESTS += boot_domains

test_boot_domains_SRCS := hv/common/boot_domain_config.c hv/common/cmdline.c \
                          hv/common/lib/strutil.c
