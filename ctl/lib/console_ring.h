/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The backend's side of a PV console ring (xen/io/console.h, struct
 * xencons_interface): the domain produces into out[] and consumes in[];
 * the backend the reverse, with the barriers xenconsoled uses
 * (tools/console/daemon/io.c). The indices are the domain's to write, so
 * they are read once and checked: a producer more than a ring ahead is
 * a broken or hostile domain, and its output is dropped. Pure.
 */
#ifndef CTL_LIB_CONSOLE_RING_H
#define CTL_LIB_CONSOLE_RING_H

#include <stddef.h>
#include <stdint.h>

#include <xen/xen.h>
#include <xen/io/console.h>

/*
 * Take up to len bytes of the domain's output. Returns how many were
 * copied to buf (0: none, or the indices were bad and the ring was reset
 * to empty). The caller notifies the domain when it took any.
 */
size_t console_ring_read(volatile struct xencons_interface *ring, char *buf,
                         size_t len);

/* Give up to len bytes of input; returns how many fitted. */
size_t console_ring_write(volatile struct xencons_interface *ring,
                          const char *buf, size_t len);

#endif /* CTL_LIB_CONSOLE_RING_H */
