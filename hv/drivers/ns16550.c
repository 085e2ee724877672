/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * National Semiconductor 16550 UART: polled transmit, and receive on its
 * interrupt (or, without one, from a poll timer, as Xen's ns16550 polling
 * mode), each character handed to the console's input ring. Register
 * layout from the 16550 datasheet; option syntax from Xen's
 * docs/misc/xen-command-line.pandoc; receive as Xen's
 * xen/drivers/char/ns16550.c (RBR drained while LSR.DR, OUT2 gating the
 * PC's IRQ line, polling period of one FIFO's worth of characters).
 */
#include <asm/io.h>
#include <asm/irq.h>
#include <xenolith/console.h>
#include <xenolith/errno.h>
#include <xenolith/serial.h>
#include <xenolith/string.h>
#include <xenolith/time.h>

#define UART_THR 0   /* Transmit holding (DLAB=0) */
#define UART_RBR 0   /* Receive buffer (DLAB=0) */
#define UART_DLL 0   /* Divisor latch low (DLAB=1) */
#define UART_IER 1
#define UART_DLM 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_LCR_DLAB 0x80
#define UART_LSR_DR   0x01
#define UART_LSR_THRE 0x20
#define UART_IER_ERDAI 0x01   /* Interrupt on received data available. */
#define UART_MCR_DTR_RTS 0x03
#define UART_MCR_OUT2 0x08    /* PCs gate the UART's IRQ line with OUT2. */
#define UART_FIFO_SIZE 16

/*
 * The most characters one interrupt or poll takes: a device that never
 * runs dry (broken, or emulated and flooded) must not hold the CPU.
 */
#define UART_RX_BURST 256

static uint16_t uart_base;

/* Receive state, set at boot (ns16550_init_postirq) and read-only after. */
static void (*uart_rx_fn)(char c);
static struct timer uart_poll_timer;
static s_time_t uart_poll_period;

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
    outb(UART_MCR_DTR_RTS, uart_base + UART_MCR);
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

/* Hand over what the UART holds; true if it still had data after a burst. */
static bool uart_rx_drain(void)
{
    unsigned int n;

    for ( n = 0; n < UART_RX_BURST; n++ )
    {
        if ( !(inb(uart_base + UART_LSR) & UART_LSR_DR) )
            return false;
        uart_rx_fn(inb(uart_base + UART_RBR));
    }
    return inb(uart_base + UART_LSR) & UART_LSR_DR;
}

static void uart_rx_interrupt(void *data)
{
    if ( !uart_rx_drain() )
        return;
    /*
     * Data is still waiting, so the IRQ line stays high and an edge-
     * triggered input would never fire again: lower and raise it.
     */
    outb(0, uart_base + UART_IER);
    outb(UART_IER_ERDAI, uart_base + UART_IER);
}

static void uart_rx_poll(void *data)
{
    uart_rx_drain();
    timer_set(&uart_poll_timer, NOW() + uart_poll_period);
}

/* Xen's period: the time one FIFO's worth of characters takes, >= 1 ms. */
static s_time_t uart_poll_period_for(const struct ns16550_config *cfg)
{
    unsigned int bits = 1 + cfg->data_bits + cfg->stop_bits +
                        (cfg->parity != 'n');
    unsigned int baud = cfg->baud ? cfg->baud : 115200;
    s_time_t us = (s_time_t)bits * UART_FIFO_SIZE * 1000000 / baud;

    return MAX(us, (s_time_t)1000) * 1000;
}

void ns16550_init_postirq(const struct ns16550_config *cfg,
                          void (*rx)(char c))
{
    if ( !uart_base )
        return;
    uart_rx_fn = rx;
    /* Xen's com1 syntax: IRQ 0 asks for polling. */
    if ( cfg->irq && !isa_irq_route(cfg->irq, uart_rx_interrupt, NULL) )
    {
        outb(UART_MCR_DTR_RTS | UART_MCR_OUT2, uart_base + UART_MCR);
        outb(UART_IER_ERDAI, uart_base + UART_IER);
        printk("Serial: input on IRQ %u\n", cfg->irq);
        return;
    }
    uart_poll_period = uart_poll_period_for(cfg);
    timer_init(&uart_poll_timer, uart_rx_poll, NULL);
    timer_set(&uart_poll_timer, NOW() + uart_poll_period);
    printk("Serial: input polled every %lu us\n",
           (unsigned long)(uart_poll_period / 1000));
}
