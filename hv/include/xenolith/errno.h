/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Error numbers are Xen's, taken from the public errno.h by defining its
 * XEN_ERRNO() hook, so that -EINVAL here is Xen's number by construction.
 */
#ifndef XENOLITH_ERRNO_H
#define XENOLITH_ERRNO_H

enum xenolith_errno {
#define XEN_ERRNO(name, value) name = value,
#include <xen/errno.h>
};

#endif /* XENOLITH_ERRNO_H */
