/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The serial input ring (xenolith/console_rx.h), Xen 4.17's serial_rx_ring
 * (xen/drivers/char/console.c): CONSOLE_RX_SIZE bytes indexed by
 * free-running producer and consumer counters; a full ring drops the new
 * character, and every character, kept or dropped, sends VIRQ_CONSOLE to
 * the focus domain.
 *
 * Focus: none during boot, when Xen gives input to its own debug-key
 * handler, which we do not have (characters are dropped); the hardware
 * domain from console_rx_set_focus() on, as Xen's console_endboot()
 * switches input to dom0. Xen's Ctrl-A switching is not built, so Ctrl-A
 * reaches the domain like any other character (docs/XEN-DIFFERENCES.md).
 *
 * Concurrency: one producer at a time (the UART's interrupt or poll timer,
 * interrupts off) owns rx_prod; readers, serialised by
 * console_rx_read_lock, own rx_cons. The producer stores a character
 * before publishing it in rx_prod (release, paired with the reader's
 * acquire load of rx_prod); the reader copies characters out before
 * freeing their slots in rx_cons (release, paired with the producer's
 * acquire load of rx_cons). So neither ever touches a slot the other owns,
 * and the interrupt never waits for a reader that may be copying to a
 * guest.
 */
#include <xenolith/console.h>
#include <xenolith/console_rx.h>
#include <xenolith/domain.h>
#include <xenolith/errno.h>
#include <xenolith/event.h>
#include <xenolith/guest_access.h>
#include <xenolith/spinlock.h>

BUILD_BUG_ON(CONSOLE_RX_SIZE & (CONSOLE_RX_SIZE - 1));

static char rx_ring[CONSOLE_RX_SIZE];
static unsigned int rx_prod;             /* Written by the producer only. */
static unsigned int rx_cons;             /* Written by readers only. */

/* Set once at the end of boot, before interrupts reach the guest. */
static struct domain *rx_focus;

/* Serialises readers (hypercall context only, so not IRQ-safe). */
static DEFINE_SPINLOCK(console_rx_read_lock);

void console_rx_char(char c)
{
    unsigned int prod = rx_prod;

    if ( !rx_focus )
        return;
    if ( prod - __atomic_load_n(&rx_cons, __ATOMIC_ACQUIRE) !=
         CONSOLE_RX_SIZE )
    {
        rx_ring[prod % CONSOLE_RX_SIZE] = c;
        __atomic_store_n(&rx_prod, prod + 1, __ATOMIC_RELEASE);
    }
    send_guest_global_virq(rx_focus, VIRQ_CONSOLE);
}

void console_rx_set_focus(struct domain *d)
{
    rx_focus = d;
    printk("*** Serial input to DOM%u\n", d->domain_id);
}

long console_rx_read(uint64_t guest_buf, unsigned int count)
{
    unsigned int cons, prod, idx, len;
    long done = 0;

    spin_lock(&console_rx_read_lock);
    cons = rx_cons;
    while ( done < count &&
            (prod = __atomic_load_n(&rx_prod, __ATOMIC_ACQUIRE)) != cons )
    {
        idx = cons % CONSOLE_RX_SIZE;
        len = MIN(prod - cons, CONSOLE_RX_SIZE - idx);
        len = MIN(len, count - (unsigned int)done);
        if ( copy_to_guest(guest_buf + done, &rx_ring[idx], len) )
        {
            done = -EFAULT;
            break;
        }
        done += len;
        cons += len;
        __atomic_store_n(&rx_cons, cons, __ATOMIC_RELEASE);
    }
    spin_unlock(&console_rx_read_lock);
    return done;
}
