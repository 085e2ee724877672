# SPDX-License-Identifier: GPL-2.0-only
# Host unit tests of the xl toolstack's pure parts (ctl/xl/): the xl.cfg
# reader (lexer, parser, typed domain config, printing back), the `xl list`
# formatter, the command dispatcher driven in-process on a fake
# hypervisor, and the PV domain builder (ctl/lib/).

UNIT_TESTS += xl_cfg xl_list xl_cmd xl_build

XL_CFG_SRCS := ctl/xl/cfg_error.c ctl/xl/cfg_lex.c ctl/xl/cfg_parse.c \
               ctl/xl/domain_config.c ctl/xl/domain_config_print.c

test_xl_cfg_SRCS    := $(XL_CFG_SRCS)
test_xl_cfg_CFLAGS  := -Ictl/xl
test_xl_list_SRCS   := ctl/xl/list_format.c
test_xl_list_CFLAGS := -Ictl/xl
# Everything of xl but main() and Linux's devices, on the fake hypervisor.
XL_TEST_SRCS := $(filter-out ctl/xl/xl_main.c,$(sort $(wildcard ctl/xl/*.c))) \
                $(filter-out ctl/lib/ctl_hv_linux.c,$(sort $(wildcard ctl/lib/*.c))) \
                portable/image/elf_xen.c portable/image/elf_xen_notes.c \
                tests/unit/fake_ctl_hv.c tests/unit/elf_builder.c
test_xl_cmd_SRCS    := $(XL_TEST_SRCS)
test_xl_cmd_CFLAGS  := -Ictl/xl -Ictl/lib -Itests/unit
test_xl_build_SRCS   := $(filter-out ctl/lib/ctl_hv_linux.c,$(sort $(wildcard ctl/lib/*.c))) \
                        portable/image/elf_xen.c portable/image/elf_xen_notes.c \
                        tests/unit/fake_ctl_hv.c tests/unit/elf_builder.c
test_xl_build_CFLAGS := -Ictl/lib -Itests/unit
