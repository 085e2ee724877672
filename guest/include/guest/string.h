/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The few C string and memory functions a freestanding guest needs, under
 * their standard names because the compiler may emit calls to memcpy and
 * memset by itself. Same contracts as ISO C; no locale, no errors.
 */
#ifndef GUEST_STRING_H
#define GUEST_STRING_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strstr(const char *haystack, const char *needle);

#endif /* GUEST_STRING_H */
