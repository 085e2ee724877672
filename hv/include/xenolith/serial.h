/* SPDX-License-Identifier: GPL-2.0-only */
/* 16550 UART driver (hv/drivers/ns16550.c): polled output, input by IRQ. */
#ifndef XENOLITH_SERIAL_H
#define XENOLITH_SERIAL_H

#include <xenolith/compiler.h>
#include <xenolith/types.h>

struct ns16550_config {
    unsigned int baud;           /* 0: keep what the firmware programmed. */
    unsigned int clock_hz;       /* UART input clock, 1843200 by default. */
    unsigned int data_bits;      /* 5..8 */
    char parity;                 /* 'n', 'o', 'e', 'm', 's' */
    unsigned int stop_bits;      /* 1 or 2 */
    uint16_t io_base;
    unsigned int irq;
};

/*
 * Parse Xen's "com1=" syntax into *cfg (which holds the defaults on entry):
 * <baud|auto>[/<clock_hz>][,DPS[,<io-base>[,<irq>]]], DPS being data bits,
 * parity and stop bits such as 8n1. Returns 0 or -EINVAL (cfg unchanged).
 * Pure.
 */
int ns16550_parse_options(const char *s, struct ns16550_config *cfg);

/* Program the UART. Context: boot. */
void ns16550_init(const struct ns16550_config *cfg);
/* Send bytes, translating "\n" to "\r\n". Context: any, caller serialises. */
void ns16550_write(const char *s, size_t len);

/*
 * Start receiving: each character read from the UART goes to rx(c), in
 * interrupt context with interrupts off. The receive interrupt is routed
 * through the I/O APIC as ISA IRQ cfg->irq; with irq 0 (Xen's way to ask
 * for polling) or no usable route, a soft timer polls instead, every
 * FIFO's worth of character times (at least 1 ms). Prints which. Does
 * nothing if ns16550_init() did not run. Context: boot, after time_init().
 */
void ns16550_init_postirq(const struct ns16550_config *cfg,
                          void (*rx)(char c));

#endif /* XENOLITH_SERIAL_H */
