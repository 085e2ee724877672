/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Console output. Dom0 (and a domU without a console ring) writes through
 * HYPERVISOR_console_io(CONSOLEIO_write, count, buffer)
 * (xen/include/public/xen.h): Xen 4.17 returns 0 for a complete write,
 * and the hardware domain's output goes straight to Xen's serial console
 * without a "(d0)" prefix. A domU writes to its console ring
 * (console_ring.c), since Xen refuses it console_io.
 */
#include <guest/console.h>
#include <guest/hypercall.h>

#define PRINTF_BUFFER_SIZE 512

int guest_console_write(const char *buf, size_t len)
{
    if ( guest_console_ring_active() )
        return guest_console_ring_write(buf, len);
    while ( len )
    {
        unsigned int chunk = len > 4096 ? 4096 : (unsigned int)len;
        long rc = hypercall_console_io(CONSOLEIO_write, chunk, buf);

        if ( rc < 0 )
            return (int)rc;
        buf += chunk;
        len -= chunk;
    }
    return 0;
}

void guest_vprintf(const char *fmt, va_list args)
{
    char buf[PRINTF_BUFFER_SIZE];
    int n = guest_vsnprintf(buf, sizeof(buf), fmt, args);

    guest_console_write(buf, n < (int)sizeof(buf) ? (size_t)n
                                                  : sizeof(buf) - 1);
}

void guest_printf(const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    guest_vprintf(fmt, args);
    va_end(args);
}
