/* SPDX-License-Identifier: GPL-2.0-only */
/* Freestanding string and memory functions (hv/common/lib/string.c). */
#ifndef XENOLITH_STRING_H
#define XENOLITH_STRING_H

#include <xenolith/types.h>

#ifdef XENOLITH_HOST_TEST
#include <string.h>        /* Host unit tests use the C library's. */
#else
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
#endif

/* Copies at most size-1 bytes and always terminates (size > 0); returns strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t size);

/*
 * Parse an unsigned number in base 10, or 16 with 0x, or 8 with a leading 0
 * when base is 0. Stops at the first character that is not a digit and
 * stores its address in *end (if end is not NULL). Saturates at UINT64_MAX.
 */
uint64_t simple_strtoull(const char *s, const char **end, unsigned int base);

#endif /* XENOLITH_STRING_H */
