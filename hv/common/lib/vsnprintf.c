/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vsnprintf(): the one formatter behind printk, panic messages and the
 * unit-test harness. Pure and bounded: it writes at most size bytes, never
 * reads past a %s string's precision, and handles any format string a
 * caller could pass (unknown conversions are echoed).
 */
#include <xenolith/lib.h>
#include <xenolith/string.h>

struct out_buffer {
    char *buf;
    size_t size;
    size_t len;              /* Length the full output would have. */
};

static void out_char(struct out_buffer *o, char c)
{
    if ( o->len + 1 < o->size )
        o->buf[o->len] = c;
    o->len++;
}

static void out_repeat(struct out_buffer *o, char c, int n)
{
    while ( n-- > 0 )
        out_char(o, c);
}

struct conversion {
    bool left, zero, alt, plus;
    int width;
    int precision;           /* -1: none given. */
};

static void out_string(struct out_buffer *o, const char *s,
                       const struct conversion *c)
{
    size_t len;
    int pad;

    if ( !s )
        s = "(null)";
    len = c->precision >= 0 ? strnlen(s, c->precision) : strlen(s);
    pad = c->width > (int)len ? c->width - (int)len : 0;
    if ( !c->left )
        out_repeat(o, ' ', pad);
    while ( len-- )
        out_char(o, *s++);
    if ( c->left )
        out_repeat(o, ' ', pad);
}

static void out_number(struct out_buffer *o, uint64_t v, bool negative,
                       unsigned int base, bool upper, const struct conversion *c)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];
    int n = 0, prefix_len, zeros, pad;
    const char *prefix = "";

    do {
        tmp[n++] = digits[v % base];
        v /= base;
    } while ( v );
    if ( c->precision == 0 && n == 1 && tmp[0] == '0' )
        n = 0;

    if ( negative )
        prefix = "-";
    else if ( c->plus )
        prefix = "+";
    else if ( c->alt && base == 16 )
        prefix = upper ? "0X" : "0x";
    else if ( c->alt && base == 8 && (n == 0 || tmp[n - 1] != '0') )
        prefix = "0";
    prefix_len = strlen(prefix);

    zeros = c->precision > n ? c->precision - n : 0;
    pad = c->width - prefix_len - zeros - n;
    if ( c->zero && !c->left && c->precision < 0 && pad > 0 )
    {
        zeros += pad;
        pad = 0;
    }
    if ( !c->left )
        out_repeat(o, ' ', pad);
    while ( *prefix )
        out_char(o, *prefix++);
    out_repeat(o, '0', zeros);
    while ( n )
        out_char(o, tmp[--n]);
    if ( c->left )
        out_repeat(o, ' ', pad);
}

/* Parses flags, width and precision; returns the format after them. */
static const char *parse_conversion(const char *fmt, struct conversion *c,
                                    va_list *ap)
{
    *c = (struct conversion){ .precision = -1 };
    for ( ; ; fmt++ )
    {
        if ( *fmt == '-' )
            c->left = true;
        else if ( *fmt == '0' )
            c->zero = true;
        else if ( *fmt == '#' )
            c->alt = true;
        else if ( *fmt == '+' )
            c->plus = true;
        else if ( *fmt != ' ' )
            break;
    }
    if ( *fmt == '*' )
    {
        c->width = va_arg(*ap, int);
        if ( c->width < 0 )
        {
            c->left = true;
            c->width = -c->width;
        }
        fmt++;
    }
    else
        for ( ; *fmt >= '0' && *fmt <= '9'; fmt++ )
            c->width = MIN(c->width * 10 + (*fmt - '0'), 4096);
    if ( *fmt == '.' )
    {
        fmt++;
        c->precision = 0;
        if ( *fmt == '*' )
        {
            c->precision = va_arg(*ap, int);
            if ( c->precision < 0 )
                c->precision = -1;
            fmt++;
        }
        else
            for ( ; *fmt >= '0' && *fmt <= '9'; fmt++ )
                c->precision = MIN(c->precision * 10 + (*fmt - '0'), 4096);
    }
    return fmt;
}

/* Length modifiers: the size in bytes of the integer argument. */
static const char *parse_length(const char *fmt, int *size)
{
    *size = sizeof(int);
    if ( fmt[0] == 'h' && fmt[1] == 'h' )
        return *size = 1, fmt + 2;
    if ( fmt[0] == 'h' )
        return *size = 2, fmt + 1;
    if ( fmt[0] == 'l' && fmt[1] == 'l' )
        return *size = 8, fmt + 2;
    if ( fmt[0] == 'l' || fmt[0] == 'z' || fmt[0] == 't' || fmt[0] == 'j' )
        return *size = 8, fmt + 1;
    return fmt;
}

static uint64_t fetch_unsigned(va_list *ap, int size)
{
    if ( size == 8 )
        return va_arg(*ap, uint64_t);
    if ( size == 2 )
        return (uint16_t)va_arg(*ap, unsigned int);
    if ( size == 1 )
        return (uint8_t)va_arg(*ap, unsigned int);
    return va_arg(*ap, unsigned int);
}

static int64_t fetch_signed(va_list *ap, int size)
{
    if ( size == 8 )
        return va_arg(*ap, int64_t);
    if ( size == 2 )
        return (int16_t)va_arg(*ap, int);
    if ( size == 1 )
        return (int8_t)va_arg(*ap, int);
    return va_arg(*ap, int);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap_in)
{
    struct out_buffer o = { .buf = buf, .size = size };
    struct conversion c;
    const char *start;
    va_list ap;
    int len;

    va_copy(ap, ap_in);
    while ( *fmt )
    {
        if ( *fmt != '%' )
        {
            out_char(&o, *fmt++);
            continue;
        }
        start = fmt++;
        fmt = parse_conversion(fmt, &c, &ap);
        fmt = parse_length(fmt, &len);
        switch ( *fmt )
        {
        case 'd':
        case 'i':
        {
            int64_t v = fetch_signed(&ap, len);

            out_number(&o, v < 0 ? -(uint64_t)v : (uint64_t)v, v < 0, 10,
                       false, &c);
            break;
        }
        case 'u':
            out_number(&o, fetch_unsigned(&ap, len), false, 10, false, &c);
            break;
        case 'x':
        case 'X':
            out_number(&o, fetch_unsigned(&ap, len), false, 16, *fmt == 'X',
                       &c);
            break;
        case 'o':
            out_number(&o, fetch_unsigned(&ap, len), false, 8, false, &c);
            break;
        case 'p':
            c = (struct conversion){ .alt = true, .zero = true, .width = 18,
                                     .precision = -1 };
            out_number(&o, (uintptr_t)va_arg(ap, void *), false, 16, false,
                       &c);
            break;
        case 'c':
        {
            char ch = (char)va_arg(ap, int);

            out_repeat(&o, ' ', c.left ? 0 : c.width - 1);
            out_char(&o, ch);
            out_repeat(&o, ' ', c.left ? c.width - 1 : 0);
            break;
        }
        case 's':
            out_string(&o, va_arg(ap, const char *), &c);
            break;
        case '%':
            out_char(&o, '%');
            break;
        default:
            /* Unknown or truncated conversion: echo it, consume nothing. */
            while ( start < fmt )
                out_char(&o, *start++);
            if ( !*fmt )
                continue;
            out_char(&o, *fmt);
            break;
        }
        fmt++;
    }
    va_end(ap);
    if ( size )
        buf[o.len < size ? o.len : size - 1] = '\0';
    return o.len > INT32_MAX ? INT32_MAX : (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
