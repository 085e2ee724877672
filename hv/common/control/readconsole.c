/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sysctl readconsole: dom0 reads the hypervisor's console ring (`xl
 * dmesg`), Xen 4.17's read_console_ring() (xen/drivers/char/console.c),
 * contract in sysctl_ops.h. The ring (console.c) has Xen's conring
 * indices: free-running 32-bit byte counts, the oldest byte readers may
 * see (consumer, c) and the next byte to be written (producer, p), taken
 * once at the start so that text printed meanwhile, including by a
 * failing copy, is not chased. A reader that keeps the index it was given
 * back reads only what is new.
 */
#include <xenolith/console.h>
#include <xenolith/errno.h>
#include <xenolith/guest_access.h>
#include "sysctl_ops.h"

/*
 * Is index in the unread window (c, p] of the ring? Xen 4.17 accepts
 * exactly these; any other index (stale, hostile) reads from c.
 */
static bool ring_window_holds(uint32_t c, uint32_t p, uint32_t index)
{
    if ( c <= p )
        return c < index && index <= p;
    return c < index || index <= p;     /* The indices wrapped at 2^32. */
}

long sysctl_readconsole(struct xen_sysctl_readconsole *op)
{
    uint64_t buffer = (uint64_t)(unsigned long)op->buffer.p;
    uint32_t c, p, max = op->count, sofar = 0;

    console_ring_indices(&c, &p);
    if ( op->incremental && ring_window_holds(c, p, op->index) )
        c = op->index;
    /* p - c is at most the ring's size, so this copies a bounded amount. */
    while ( c != p && sofar < max )
    {
        uint32_t contiguous, len = p - c;
        const char *text = console_ring_at(c, &contiguous);

        if ( len > contiguous )
            len = contiguous;
        if ( len > max - sofar )
            len = max - sofar;
        if ( copy_to_guest(buffer + sofar, text, len) )
            return -EFAULT;
        sofar += len;
        c += len;
    }
    if ( op->clear )
        console_ring_clear(c);
    op->count = sofar;
    op->index = c;
    return 0;
}
