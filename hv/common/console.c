/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * printk(), the log-level filter, the console ring and the output devices.
 *
 * Every line passing the loglvl= threshold is stamped with the time since
 * boot, stored in the ring (so output from before the serial port was set
 * up is not lost, and dom0 can read it later), and sent to the devices that
 * console= names. Option syntax is Xen's: console=com1|none,
 * loglvl=<level>[/<rate-limited level>] with levels none, error, warning,
 * info, debug, all. Serial input goes to console_rx.c.
 */
#include <xenolith/console.h>
#include <xenolith/console_rx.h>
#include <xenolith/errno.h>
#include <xenolith/lib.h>
#include <xenolith/param.h>
#include <xenolith/serial.h>
#include <xenolith/spinlock.h>
#include <xenolith/string.h>
#include <xenolith/time.h>

#define CONSOLE_RING_SIZE 16384

static DEFINE_SPINLOCK(console_lock);

/* Protected by console_lock. */
static char console_ring[CONSOLE_RING_SIZE];
static uint64_t ring_producer;           /* Bytes ever written. */
static uint64_t ring_consumer;           /* Oldest byte readers see (clear). */
static bool at_line_start = true;
static bool serial_enabled;

/* Set from the command line before console_init(); read-only after. */
static int log_threshold = LOG_INFO;
static bool want_serial = true;
static struct ns16550_config com1_config = {
    .baud = 115200, .clock_hz = 1843200, .data_bits = 8, .parity = 'n',
    .stop_bits = 1, .io_base = 0x3f8, .irq = 4,
};

static int parse_level(const char *s, const char **end)
{
    static const struct { const char *name; int level; } levels[] = {
        { "none", LOG_NONE }, { "error", LOG_ERR }, { "warning", LOG_WARNING },
        { "info", LOG_INFO }, { "debug", LOG_DEBUG }, { "all", LOG_DEBUG },
    };
    size_t i, len;

    for ( i = 0; i < ARRAY_SIZE(levels); i++ )
    {
        len = strlen(levels[i].name);
        if ( !strncmp(s, levels[i].name, len) &&
             (s[len] == '\0' || s[len] == '/') )
        {
            *end = s + len;
            return levels[i].level;
        }
    }
    return -2;
}

static int parse_loglvl(const char *s)
{
    const char *end;
    int level;

    if ( !s )
        return -EINVAL;
    level = parse_level(s, &end);
    if ( level == -2 )
        return -EINVAL;
    /* The rate-limited threshold is accepted for Xen compatibility. */
    if ( *end == '/' && parse_level(end + 1, &end) == -2 )
        return -EINVAL;
    log_threshold = level;
    return 0;
}
custom_param("loglvl", parse_loglvl);

static int parse_console(const char *s)
{
    bool serial = false;

    if ( !s )
        return -EINVAL;
    while ( *s )
    {
        const char *comma = strchr(s, ',');
        size_t len = comma ? (size_t)(comma - s) : strlen(s);

        if ( len == 4 && !strncmp(s, "com1", 4) )
            serial = true;
        else if ( !(len == 4 && !strncmp(s, "none", 4)) )
            return -EINVAL;
        s += len + (comma ? 1 : 0);
    }
    want_serial = serial;
    return 0;
}
custom_param("console", parse_console);

static int parse_com1(const char *s)
{
    return s ? ns16550_parse_options(s, &com1_config) : -EINVAL;
}
custom_param("com1", parse_com1);

static void ring_write_locked(const char *s, size_t len)
{
    while ( len-- )
        console_ring[ring_producer++ % CONSOLE_RING_SIZE] = *s++;
}

static void devices_write_locked(const char *s, size_t len)
{
    if ( serial_enabled )
        ns16550_write(s, len);
}

static void emit_locked(const char *s, size_t len)
{
    ring_write_locked(s, len);
    devices_write_locked(s, len);
}

/* Writes text, stamping each line start. Caller holds console_lock. */
static void write_stamped_locked(const char *text)
{
    char stamp[32];

    while ( *text )
    {
        const char *nl = strchr(text, '\n');
        size_t len = nl ? (size_t)(nl - text + 1) : strlen(text);

        if ( at_line_start )
        {
            uint64_t ns = get_s_time();
            int n = snprintf(stamp, sizeof(stamp), "[%5lu.%06lu] ",
                             (unsigned long)(ns / 1000000000),
                             (unsigned long)(ns % 1000000000 / 1000));

            emit_locked(stamp, n);
        }
        emit_locked(text, len);
        at_line_start = nl != NULL;
        text += len;
    }
}

void vprintk(const char *fmt, va_list ap)
{
    char buf[512];
    int level = LOG_INFO;
    uint64_t flags;

    if ( fmt[0] == '<' && fmt[1] >= '0' && fmt[1] <= '3' && fmt[2] == '>' )
    {
        level = fmt[1] - '0';
        fmt += 3;
    }
    if ( level > log_threshold )
        return;
    if ( vsnprintf(buf, sizeof(buf), fmt, ap) >= (int)sizeof(buf) &&
         fmt[strlen(fmt) - 1] == '\n' )
        /* Cut, but keep the line ending so the next message is not glued on. */
        strlcpy(buf + sizeof(buf) - 5, "...\n", 5);
    flags = spin_lock_irqsave(&console_lock);
    write_stamped_locked(buf);
    spin_unlock_irqrestore(&console_lock, flags);
}

void printk(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}

void console_init(void)
{
    uint64_t flags;
    uint64_t start, end, i;

    if ( !want_serial )
        return;
    ns16550_init(&com1_config);
    flags = spin_lock_irqsave(&console_lock);
    serial_enabled = true;
    /* Replay what was logged before the port was up. */
    end = ring_producer;
    start = end > CONSOLE_RING_SIZE ? end - CONSOLE_RING_SIZE : 0;
    for ( i = start; i < end; i++ )
        devices_write_locked(&console_ring[i % CONSOLE_RING_SIZE], 1);
    spin_unlock_irqrestore(&console_lock, flags);
}

void console_init_postirq(void)
{
    if ( serial_enabled )
        ns16550_init_postirq(&com1_config, console_rx_char);
}

size_t console_ring_read(char *buf, size_t size)
{
    uint64_t flags = spin_lock_irqsave(&console_lock);
    uint64_t end = ring_producer, start, i;
    size_t n = 0;

    start = end > CONSOLE_RING_SIZE ? end - CONSOLE_RING_SIZE : 0;
    if ( end - start > size )
        start = end - size;
    for ( i = start; i < end; i++ )
        buf[n++] = console_ring[i % CONSOLE_RING_SIZE];
    spin_unlock_irqrestore(&console_lock, flags);
    return n;
}

/* The oldest byte still in the ring and not cleared (Xen's conringc). */
static uint64_t ring_oldest_locked(void)
{
    uint64_t overwritten = ring_producer > CONSOLE_RING_SIZE
                           ? ring_producer - CONSOLE_RING_SIZE : 0;

    return ring_consumer > overwritten ? ring_consumer : overwritten;
}

void console_ring_indices(uint32_t *consumer, uint32_t *producer)
{
    uint64_t flags = spin_lock_irqsave(&console_lock);

    *consumer = (uint32_t)ring_oldest_locked();
    *producer = (uint32_t)ring_producer;
    spin_unlock_irqrestore(&console_lock, flags);
}

const char *console_ring_at(uint32_t index, uint32_t *contiguous)
{
    uint32_t offset = index % CONSOLE_RING_SIZE;

    *contiguous = CONSOLE_RING_SIZE - offset;
    return &console_ring[offset];
}

void console_ring_clear(uint32_t consumer)
{
    uint64_t flags = spin_lock_irqsave(&console_lock);
    /* How far behind the producer the new start is, in 32-bit index space. */
    uint32_t behind = (uint32_t)ring_producer - consumer;

    if ( behind <= ring_producer - ring_oldest_locked() )
        ring_consumer = ring_producer - behind;
    spin_unlock_irqrestore(&console_lock, flags);
}

void console_force_unlock(void)
{
    spin_lock_init(&console_lock);
}
