/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * HYPERVISOR_console_io(cmd, count, buffer): a domain's debug console.
 *
 * Semantics are Xen 4.17's do_console_io() and guest_console_write()
 * (xen/drivers/char/console.c). CONSOLEIO_write copies the buffer in
 * chunks of 127 bytes, so a buffer that turns bad part way has its first
 * chunks printed before -EFAULT; a whole write returns 0. The bytes are
 * collected per domain into lines (console_line.c) and each line goes out
 * through printk(), prefixed "(d<id>) " except for dom0, whose output Xen
 * prints bare and at once (a partial line too: it may be a shell
 * prompt). Only console domains may write (d->is_console: dom0 and
 * boot-time domains; Xen's is_console): others get -EPERM, as from a
 * release Xen, and use their console ring. CONSOLEIO_read gives the
 * hardware domain the characters
 * waiting in the serial input ring (console_rx.c): the number read, or
 * -EFAULT; a count of 2 GiB or more is -E2BIG, as the count and -errno
 * share the return value.
 *
 * Differs from Xen 4.17:
 * - Xen preempts a long write and continues it; we cannot preempt yet, so
 *   a write stops after CONSOLEIO_WRITE_MAX bytes, logs that it was cut
 *   and returns 0 (TODO(#3): continuations). A bad pointer past that
 *   point is therefore not reported. Real clients write a line or a
 *   buffer at a time, far below the cap.
 * - Boot-time domains are console domains, so they may write (Xen has
 *   no boot-time domains on x86).
 */
#include <xenolith/console.h>
#include <xenolith/console_rx.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/guest_access.h>
#include <xenolith/hypercall.h>
#include <xenolith/spinlock.h>
#include "console_line.h"

/* Xen copies through a 128-byte buffer, one byte short of full. */
#define CONSOLEIO_CHUNK 127

/*
 * The most one write prints: at 115200 baud, about 1.4 s of serial output
 * with the hypervisor busy.
 */
#define CONSOLEIO_WRITE_MAX (16 * 1024)

/* CONSOLEIO_read: "the maximum buffer size supported is 2GB". */
#define CONSOLEIO_READ_MAX 0x7fffffffu

/*
 * Protects every domain's console_line and console_len. Taken in hypercall
 * context only, before console_lock (inside printk).
 */
static DEFINE_SPINLOCK(console_line_lock);

/*
 * dom0's output is printed whatever the log level (XENLOG_ERR is never
 * filtered but by loglvl=none): Xen writes it to the console directly.
 */
static void console_print_line_locked(struct domain *d)
{
    if ( d->domain_id == 0 )
        printk(XENLOG_ERR "%.*s\n", (int)d->console_len, d->console_line);
    else
        printk("(d%u) %.*s\n", d->domain_id, (int)d->console_len,
               d->console_line);
    d->console_len = 0;
}

void console_io_flush(struct domain *d)
{
    spin_lock(&console_line_lock);
    if ( d->console_len )
        console_print_line_locked(d);
    spin_unlock(&console_line_lock);
}

/* Print the complete lines in buf; keep the rest for the next write. */
static void console_take(struct domain *d, const char *buf, size_t n)
{
    bool complete;
    size_t used;

    spin_lock(&console_line_lock);
    while ( n )
    {
        used = console_line_feed(d->console_line, &d->console_len,
                                 sizeof(d->console_line), buf, n,
                                 d->domain_id != 0, &complete);
        if ( complete )
            console_print_line_locked(d);
        buf += used;
        n -= used;
    }
    /*
     * dom0's console may be interactive (a shell prompt ends without a
     * newline): its partial line goes out now, as Xen sends the hardware
     * domain's output straight to the console; printk() stamps only line
     * starts, so the rest of the line follows on the same line.
     */
    if ( d->domain_id == 0 && d->console_len )
    {
        printk(XENLOG_ERR "%.*s", (int)d->console_len, d->console_line);
        d->console_len = 0;
    }
    spin_unlock(&console_line_lock);
}

static long console_io_write(struct domain *d, uint64_t buffer,
                             unsigned int count)
{
    char chunk[CONSOLEIO_CHUNK];
    unsigned int todo = MIN(count, (unsigned int)CONSOLEIO_WRITE_MAX);
    unsigned int n;

    while ( todo )
    {
        n = MIN(todo, (unsigned int)sizeof(chunk));
        if ( copy_from_guest(chunk, buffer, n) )
            return -EFAULT;
        console_take(d, chunk, n);
        buffer += n;
        todo -= n;
    }
    if ( count > CONSOLEIO_WRITE_MAX )
        printk(XENLOG_WARNING "d%u: console_io write of %u bytes cut to %u\n",
               d->domain_id, count, CONSOLEIO_WRITE_MAX);
    return 0;
}

static long console_io_read(const struct domain *d, uint64_t buffer,
                            unsigned int count)
{
    /* Xen: the hardware domain only (dummy XSM policy). */
    if ( !d->is_privileged )
        return -EPERM;
    if ( count > CONSOLEIO_READ_MAX )
        return -E2BIG;
    return console_rx_read(buffer, count);
}

long do_console_io(unsigned long a1, unsigned long a2, unsigned long a3,
                   unsigned long a4, unsigned long a5)
{
    /* Xen 4.17 takes cmd and count as unsigned int: upper halves ignored. */
    unsigned int cmd = (unsigned int)a1;
    unsigned int count = (unsigned int)a2;
    uint64_t buffer = a3;
    struct domain *d = current->domain;

    switch ( cmd )
    {
    case CONSOLEIO_write:
        /* Xen 4.17 (release, dummy XSM): console domains only. */
        if ( !d->is_console )
            return -EPERM;
        return console_io_write(d, buffer, count);
    case CONSOLEIO_read:
        return console_io_read(d, buffer, count);
    default:
        return -ENOSYS;
    }
}
