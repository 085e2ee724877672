# SPDX-License-Identifier: GPL-2.0-only
# Host unit tests of the kernel-image parsers in portable/image/: ELF with
# Xen notes (well-formed and hostile images, a deterministic fuzz loop) and
# bzImage recognition.

UNIT_TESTS += elf_xen elf_xen_hostile bzimage

ELF_XEN_SRCS := portable/image/elf_xen.c portable/image/elf_xen_notes.c \
                tests/unit/elf_builder.c

test_elf_xen_SRCS         := $(ELF_XEN_SRCS)
test_elf_xen_hostile_SRCS := $(ELF_XEN_SRCS)
test_bzimage_SRCS         := portable/image/bzimage.c
