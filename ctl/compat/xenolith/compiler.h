/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What portable/ code expects of <xenolith/compiler.h>, for programs built
 * with the host C library (ctl/). The hypervisor has its own
 * (hv/include/xenolith/); ctl/ never includes hv/ headers, so the few
 * macros portable/image/ uses are restated here with the same meaning.
 */
#ifndef CTL_COMPAT_XENOLITH_COMPILER_H
#define CTL_COMPAT_XENOLITH_COMPILER_H

#define __must_check    __attribute__((warn_unused_result))
#define ARRAY_SIZE(a)   (sizeof(a) / sizeof((a)[0]))
#define BUILD_BUG_ON(c) _Static_assert(!(c), #c)
#define ROUNDUP(x, a)   (((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define ROUNDDOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)
#ifndef MIN
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#endif
#ifndef MAX
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#endif

#endif /* CTL_COMPAT_XENOLITH_COMPILER_H */
