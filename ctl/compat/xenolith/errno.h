/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * <xenolith/errno.h> for portable/ code built with the host C library:
 * Linux's errno values, which equal Xen's public xen/errno.h for every
 * name portable/ uses (EINVAL, ENOEXEC, E2BIG, EOPNOTSUPP, ...).
 */
#ifndef CTL_COMPAT_XENOLITH_ERRNO_H
#define CTL_COMPAT_XENOLITH_ERRNO_H

#include <errno.h>

#endif /* CTL_COMPAT_XENOLITH_ERRNO_H */
