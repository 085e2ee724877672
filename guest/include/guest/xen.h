/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Xen public ABI as the guest library sees it: the compiler's
 * freestanding headers that the public headers assume, then <xen/...> from
 * libxen-dev (built with __XEN_TOOLS__; never retyped here), and Xen's errno
 * values under their plain names (EFAULT, ENOSYS, ...), generated from
 * xen/errno.h, so that -EFAULT in a guest is Xen's number by construction.
 */
#ifndef GUEST_XEN_H
#define GUEST_XEN_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <xen/xen.h>
#include <xen/callback.h>
#include <xen/domctl.h>
#include <xen/event_channel.h>
#include <xen/features.h>
#include <xen/memory.h>
#include <xen/sched.h>
#include <xen/sysctl.h>
#include <xen/vcpu.h>
#include <xen/version.h>

enum guest_xen_errno
{
#define XEN_ERRNO(name, value) name = value,
#include <xen/errno.h>
};

#define GUEST_NORETURN __attribute__((noreturn))
#define GUEST_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif /* GUEST_XEN_H */
