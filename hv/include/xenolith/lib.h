/* SPDX-License-Identifier: GPL-2.0-only */
/* Formatted output into buffers (hv/common/lib/vsnprintf.c). */
#ifndef XENOLITH_LIB_H
#define XENOLITH_LIB_H

#include <xenolith/compiler.h>
#include <xenolith/types.h>

/*
 * C99 semantics for the subset the hypervisor uses: flags "-0 #+", width and
 * precision (numbers or *), length modifiers hh h l ll z t j, conversions
 * d i u x X o c s p %. %p prints 0x and 16 hex digits. Always terminates the
 * buffer when size > 0; returns the length the whole output would have had.
 * An unknown conversion is printed literally, never interpreted.
 */
#ifdef XENOLITH_HOST_TEST
#include <stdio.h>   /* Host tests use the C library's; test_vsnprintf renames ours. */
#else
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
#endif

#endif /* XENOLITH_LIB_H */
