/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Console output of a guest kernel: HYPERVISOR_console_io(CONSOLEIO_write)
 * (xen/include/public/xen.h), which the hypervisor copies to its own
 * console, for dom0; for a domU its console ring and event channel
 * (xen/include/public/io/console.h), served by dom0; and a small printf.
 *
 * Formats: %d %i %u %x %X %o %p %s %c %%, flags - 0 # +, width and
 * precision (digits or *), length modifiers hh h l ll z. Unknown
 * conversions are printed as they are.
 */
#ifndef GUEST_CONSOLE_H
#define GUEST_CONSOLE_H

#include <guest/xen.h>

/*
 * Format into buf, writing at most size bytes including the terminating
 * NUL (none if size is 0). Returns the length the whole output would have.
 */
int guest_vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
int guest_snprintf(char *buf, size_t size, const char *fmt, ...)
    GUEST_PRINTF(3, 4);

/*
 * Write len bytes to the console: the console ring for a domU that has
 * one (guest_console_ring_init() succeeded), console_io otherwise.
 * Context: any. Returns 0, or the negative errno of the first console_io
 * call that failed. A full ring waits for the backend to drain it.
 */
int guest_console_write(const char *buf, size_t len);

/*
 * Map the domU console ring start_info names (console.domU.mfn, .evtchn)
 * and send all further output there. Context: start of day, after
 * shared_info is mapped. Returns false, changing nothing, for dom0
 * (SIF_INITDOMAIN), a domain without a ring, or a failed mapping.
 */
bool guest_console_ring_init(void);

/* Is output going to the console ring? */
bool guest_console_ring_active(void);

/* Write to the console ring (only once it is active). Returns 0. */
int guest_console_ring_write(const char *buf, size_t len);

/* Format (output longer than 512 bytes is cut) and write to the console. */
void guest_printf(const char *fmt, ...) GUEST_PRINTF(1, 2);
void guest_vprintf(const char *fmt, va_list args);

#endif /* GUEST_CONSOLE_H */
