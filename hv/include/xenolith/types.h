/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Basic types. Freestanding: the compiler's own <stdint.h> and friends only.
 * Frame numbers are typesafe one-member structs (mfn_t) so that machine and
 * guest frame numbers cannot be mixed silently, the classic PV bug.
 */
#ifndef XENOLITH_TYPES_H
#define XENOLITH_TYPES_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdarg.h>

typedef uint64_t paddr_t;
typedef uint64_t vaddr_t;

typedef struct { uint64_t mfn; } mfn_t;
static inline mfn_t _mfn(uint64_t m) { return (mfn_t){ m }; }
static inline uint64_t mfn_x(mfn_t m) { return m.mfn; }
#define INVALID_MFN _mfn(~0ULL)
static inline bool mfn_eq(mfn_t a, mfn_t b) { return a.mfn == b.mfn; }

#define PAGE_SHIFT 12
#define PAGE_SIZE  (1UL << PAGE_SHIFT)
#define PAGE_MASK  (~(PAGE_SIZE - 1))

static inline paddr_t mfn_to_maddr(mfn_t m) { return mfn_x(m) << PAGE_SHIFT; }
static inline mfn_t maddr_to_mfn(paddr_t pa) { return _mfn(pa >> PAGE_SHIFT); }

#endif /* XENOLITH_TYPES_H */
