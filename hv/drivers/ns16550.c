/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * National Semiconductor 16550 UART, polled transmit only (receive and the
 * interrupt come with the dom0 console). Register layout from the 16550
 * datasheet; option syntax from Xen's docs/misc/xen-command-line.pandoc.
 */
#include <asm/io.h>
#include <xenolith/errno.h>
#include <xenolith/serial.h>
#include <xenolith/string.h>

#define UART_THR 0   /* Transmit holding (DLAB=0) */
#define UART_DLL 0   /* Divisor latch low (DLAB=1) */
#define UART_IER 1
#define UART_DLM 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_LCR_DLAB 0x80
#define UART_LSR_THRE 0x20

static uint16_t uart_base;

int ns16550_parse_options(const char *s, struct ns16550_config *cfg)
{
    struct ns16550_config c = *cfg;
    const char *end;
    uint64_t v;

    if ( !strncmp(s, "auto", 4) )
    {
        c.baud = 0;
        s += 4;
    }
    else
    {
        v = simple_strtoull(s, &end, 10);
        if ( end == s || v < 50 || v > 4000000 )
            return -EINVAL;
        c.baud = v;
        s = end;
    }
    if ( *s == '/' )
    {
        v = simple_strtoull(s + 1, &end, 0);
        if ( end == s + 1 || v < 1000 || v > 1000000000 )
            return -EINVAL;
        c.clock_hz = v;
        s = end;
    }
    if ( *s == ',' && s[1] != ',' && s[1] != '\0' )
    {
        s++;
        if ( s[0] < '5' || s[0] > '8' || !strchr("noems", s[1]) || !s[1] ||
             (s[2] != '1' && s[2] != '2') )
            return -EINVAL;
        c.data_bits = s[0] - '0';
        c.parity = s[1];
        c.stop_bits = s[2] - '0';
        s += 3;
    }
    else if ( *s == ',' )
        s++;
    if ( *s == ',' )
    {
        v = simple_strtoull(s + 1, &end, 0);
        if ( end == s + 1 || v == 0 || v > 0xfff8 )
            return -EINVAL;
        c.io_base = v;
        s = end;
        if ( *s == ',' )
        {
            v = simple_strtoull(s + 1, &end, 0);
            if ( end == s + 1 || v > 15 )
                return -EINVAL;
            c.irq = v;
            s = end;
        }
    }
    if ( *s != '\0' )
        return -EINVAL;
    *cfg = c;
    return 0;
}

void ns16550_init(const struct ns16550_config *cfg)
{
    uint8_t lcr = (cfg->data_bits - 5) | ((cfg->stop_bits - 1) << 2);

    switch ( cfg->parity )
    {
    case 'o': lcr |= 0x08; break;
    case 'e': lcr |= 0x18; break;
    case 'm': lcr |= 0x28; break;
    case 's': lcr |= 0x38; break;
    default: break;
    }
    uart_base = cfg->io_base;
    outb(0, uart_base + UART_IER);            /* Polled: no interrupts yet. */
    if ( cfg->baud )
    {
        unsigned int divisor = cfg->clock_hz / (16 * cfg->baud);

        if ( divisor == 0 )
            divisor = 1;
        outb(lcr | UART_LCR_DLAB, uart_base + UART_LCR);
        outb(divisor & 0xff, uart_base + UART_DLL);
        outb(divisor >> 8, uart_base + UART_DLM);
    }
    outb(lcr, uart_base + UART_LCR);
    outb(0x07, uart_base + UART_FCR);         /* Enable and clear FIFOs. */
    outb(0x03, uart_base + UART_MCR);         /* DTR, RTS. */
}

static void uart_putc(char c)
{
    unsigned int spins = 0;

    /* Bounded wait: a missing UART must not hang the hypervisor. */
    while ( !(inb(uart_base + UART_LSR) & UART_LSR_THRE) && ++spins < 100000 )
        ;
    outb(c, uart_base + UART_THR);
}

void ns16550_write(const char *s, size_t len)
{
    if ( !uart_base )
        return;
    while ( len-- )
    {
        if ( *s == '\n' )
            uart_putc('\r');
        uart_putc(*s++);
    }
}
