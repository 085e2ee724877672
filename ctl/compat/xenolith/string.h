/* SPDX-License-Identifier: GPL-2.0-only */
/* <xenolith/string.h> for portable/ code: the C library's string.h. */
#ifndef CTL_COMPAT_XENOLITH_STRING_H
#define CTL_COMPAT_XENOLITH_STRING_H

#include <string.h>

#include <xenolith/types.h>

#endif /* CTL_COMPAT_XENOLITH_STRING_H */
