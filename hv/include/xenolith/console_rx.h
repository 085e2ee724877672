/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Serial console input for a domain (hv/common/console_rx.c): Xen's
 * serial_rx_ring, __serial_rx() and CONSOLEIO_read
 * (xen/drivers/char/console.c). The UART driver hands over each received
 * character; it waits in a CONSOLE_RX_SIZE-byte ring for the domain with
 * the input focus, which gets VIRQ_CONSOLE and reads with
 * HYPERVISOR_console_io(CONSOLEIO_read), as Linux's hvc_xen does for dom0.
 */
#ifndef XENOLITH_CONSOLE_RX_H
#define XENOLITH_CONSOLE_RX_H

#include <xenolith/compiler.h>
#include <xenolith/types.h>

#define CONSOLE_RX_SIZE 128               /* Xen's SERIAL_RX_SIZE. */

struct domain;

/*
 * One character from the serial port. With a focus domain: stored unless
 * the ring is full (then dropped, the newest lost, as in Xen), and
 * VIRQ_CONSOLE sent to the focus domain either way (Xen: so a reader that
 * missed an event is woken again). Without one (during boot): dropped.
 * Context: IRQ or timer (interrupts off), one CPU at a time.
 */
void console_rx_char(char c);

/*
 * Give the input focus to d (the hardware domain, at the end of boot, as
 * Xen's console_endboot() does) and say so on the console. Context: boot.
 */
void console_rx_set_focus(struct domain *d);

/*
 * CONSOLEIO_read's copy: move up to count waiting characters, oldest
 * first, to the guest buffer at guest_buf (the current vCPU's address
 * space, through copy_to_guest()), consuming them. The ring is copied in
 * at most two contiguous pieces; a piece that cannot be written ends the
 * read with -EFAULT and stays unread, but a piece written before it stays
 * consumed (Xen 4.17's loop). Returns the number of characters (0 with
 * none waiting or count 0, whatever the buffer) or -EFAULT. The caller
 * checks permission and count (see console_io.c). Context: hypercall;
 * takes console_rx_read_lock.
 */
long console_rx_read(uint64_t guest_buf, unsigned int count);

#endif /* XENOLITH_CONSOLE_RX_H */
