/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor console: printk() with Xen's log levels, a timestamp per
 * line, a ring buffer of recent output (dom0 will read it through
 * sysctl/console_io), and the serial port as the output device.
 */
#ifndef XENOLITH_CONSOLE_H
#define XENOLITH_CONSOLE_H

#include <xenolith/compiler.h>
#include <xenolith/types.h>

/*
 * Level prefixes, as Xen's: a format string may start with one of them.
 * Messages without a prefix are at XENLOG_INFO.
 */
#define XENLOG_ERR     "<0>"
#define XENLOG_WARNING "<1>"
#define XENLOG_INFO    "<2>"
#define XENLOG_DEBUG   "<3>"

enum log_level {
    LOG_ERR = 0,
    LOG_WARNING = 1,
    LOG_INFO = 2,
    LOG_DEBUG = 3,
    LOG_NONE = -1,
};

/*
 * Print a message. Context: any (boot, hypercall, IRQ, trap); takes the
 * console lock with interrupts off. Lines are stamped with the time since
 * boot; messages below the loglvl= threshold go neither to the ring nor out.
 */
void printk(const char *fmt, ...) __printf(1, 2);
void vprintk(const char *fmt, va_list ap);

/* Brings up the device console= names (after cmdline parsing); replays the ring. */
void console_init(void);

/*
 * Start serial input (interrupt or polling, see ns16550_init_postirq());
 * characters go to the input ring of console_rx.h. Context: boot, after
 * time_init(), as Xen's console_init_postirq().
 */
void console_init_postirq(void);

/*
 * Copy up to size bytes of the newest ring contents, oldest first, into buf.
 * Returns the number of bytes copied. Context: any.
 */
size_t console_ring_read(char *buf, size_t size);

/*
 * The ring as Xen's conring, for sysctl readconsole: indices are free-
 * running 32-bit byte counts (they wrap at 2^32, compare them by
 * difference). console_ring_indices(): the oldest byte a reader may read
 * (bytes overwritten or cleared are gone) and the next byte to be written.
 * console_ring_at(): where byte index is held, and how many bytes from
 * there are contiguous in the ring (up to its wrap); the text may be
 * overwritten by a concurrent printk(), as in Xen, so readers copy it and
 * never trust it. console_ring_clear(): readers no longer see the bytes
 * before consumer, which must lie between the oldest readable byte and
 * the producer (else nothing changes). Context: any; they take and drop
 * the console lock inside (console_ring_at() takes none).
 */
void console_ring_indices(uint32_t *consumer, uint32_t *producer);
const char *console_ring_at(uint32_t index, uint32_t *contiguous);
void console_ring_clear(uint32_t consumer);

/* Emergency output for a panicking CPU: no lock, straight to the devices. */
void console_force_unlock(void);

#endif /* XENOLITH_CONSOLE_H */
