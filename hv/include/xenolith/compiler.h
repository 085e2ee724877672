/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Force-included into every hypervisor translation unit (-include).
 *
 * The hypervisor lives at 0xffff82d080000000, outside both the low and the
 * top 2 GiB, so no non-PIC code model reaches it with 32-bit absolute
 * addresses; -mcmodel=kernel would need the top 2 GiB, which Xen's PV64 ABI
 * gives to the guest (Linux PV kernels run there). We therefore compile
 * position-independent (-fpie) and make every symbol hidden, so the compiler
 * emits plain RIP-relative references and the static link needs no GOT.
 */
#ifndef XENOLITH_COMPILER_H
#define XENOLITH_COMPILER_H

#if !defined(__ASSEMBLY__) && !defined(XENOLITH_HOST_TEST)
#pragma GCC visibility push(hidden)
#endif

#define __must_check   __attribute__((warn_unused_result))
#define __noreturn     __attribute__((noreturn))
#define __packed       __attribute__((packed))
#define __aligned(a)   __attribute__((aligned(a)))
#define __section(s)   __attribute__((section(s)))
#define __used         __attribute__((used))
#define __unused       __attribute__((unused))
#define __printf(a, b) __attribute__((format(printf, a, b)))
#define likely(x)      __builtin_expect(!!(x), 1)
#define unlikely(x)    __builtin_expect(!!(x), 0)

#define ARRAY_SIZE(a)  (sizeof(a) / sizeof((a)[0]))
#define BUILD_BUG_ON(c) _Static_assert(!(c), #c)
#define barrier()      __asm__ __volatile__("" ::: "memory")

#define ROUNDUP(x, a)   (((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define ROUNDDOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

#define container_of(ptr, type, member) \
    ((type *)((char *)(ptr) - __builtin_offsetof(type, member)))

#endif /* XENOLITH_COMPILER_H */
