/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * <xenolith/types.h> for portable/ code built with the host C library
 * (see compiler.h here): the C integer types and the page size, which is
 * the only other thing portable/image/ takes from it.
 */
#ifndef CTL_COMPAT_XENOLITH_TYPES_H
#define CTL_COMPAT_XENOLITH_TYPES_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <xenolith/compiler.h>

#ifndef PAGE_SIZE
#define PAGE_SIZE 4096UL
#endif

#endif /* CTL_COMPAT_XENOLITH_TYPES_H */
