/* SPDX-License-Identifier: GPL-2.0-only */
/* The hypervisor's own symbol table (made by tools/gen-symbols at link time). */
#ifndef XENOLITH_SYMBOLS_H
#define XENOLITH_SYMBOLS_H

#include <xenolith/types.h>

/*
 * Name of the function containing addr, with the offset into it and the
 * function's size (distance to the next symbol); NULL if addr is outside
 * the hypervisor's text. Context: any (no locks, no allocation).
 */
const char *symbols_lookup(uint64_t addr, uint64_t *offset, uint64_t *size);

#endif /* XENOLITH_SYMBOLS_H */
