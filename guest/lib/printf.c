/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * guest_vsnprintf(): the formatter behind guest_printf() and the test
 * reports. Bounded: it writes at most size bytes and always terminates
 * when size > 0; any format string is safe (unknown conversions are
 * echoed, a NULL %s prints "(null)").
 */
#include <guest/console.h>
#include <guest/string.h>

struct out
{
    char *buf;
    size_t size;
    size_t len;              /* Length the full output would have. */
};

struct spec
{
    bool left, zero, alt, plus;
    int width;
    int precision;           /* -1: none given. */
    int length;              /* 0 int, 1 long, 2 long long, -1 short, -2 char */
};

static void out_char(struct out *o, char c)
{
    if ( o->len + 1 < o->size )
        o->buf[o->len] = c;
    o->len++;
}

static void out_pad(struct out *o, char c, int n)
{
    while ( n-- > 0 )
        out_char(o, c);
}

static void out_string(struct out *o, const char *s, const struct spec *sp)
{
    size_t len;
    int pad;

    if ( !s )
        s = "(null)";
    len = sp->precision >= 0 ? strnlen(s, sp->precision) : strlen(s);
    pad = sp->width > (int)len ? sp->width - (int)len : 0;
    if ( !sp->left )
        out_pad(o, ' ', pad);
    while ( len-- )
        out_char(o, *s++);
    if ( sp->left )
        out_pad(o, ' ', pad);
}

static void out_number(struct out *o, uint64_t v, bool negative,
                       unsigned int base, bool upper, const struct spec *sp)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    const char *prefix = negative ? "-" : sp->plus ? "+" : "";
    char tmp[24];
    int n = 0, zeros, pad;

    if ( sp->alt && v && base == 16 )
        prefix = upper ? "0X" : "0x";
    else if ( sp->alt && v && base == 8 )
        prefix = "0";
    do {
        tmp[n++] = digits[v % base];
        v /= base;
    } while ( v );
    if ( sp->precision == 0 && n == 1 && tmp[0] == '0' )
        n = 0;
    zeros = sp->precision > n ? sp->precision - n : 0;
    pad = sp->width - n - zeros - (int)strlen(prefix);
    if ( sp->zero && !sp->left && sp->precision < 0 && pad > 0 )
    {
        zeros += pad;
        pad = 0;
    }
    if ( !sp->left )
        out_pad(o, ' ', pad);
    while ( *prefix )
        out_char(o, *prefix++);
    out_pad(o, '0', zeros);
    while ( n-- )
        out_char(o, tmp[n]);
    if ( sp->left )
        out_pad(o, ' ', pad);
}

static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
    memset(sp, 0, sizeof(*sp));
    sp->precision = -1;
    for ( ;; f++ )
    {
        if ( *f == '-' )
            sp->left = true;
        else if ( *f == '0' )
            sp->zero = true;
        else if ( *f == '#' )
            sp->alt = true;
        else if ( *f == '+' )
            sp->plus = true;
        else
            break;
    }
    if ( *f == '*' )
    {
        sp->width = va_arg(*ap, int);
        f++;
    }
    for ( ; *f >= '0' && *f <= '9'; f++ )
        sp->width = sp->width * 10 + (*f - '0');
    if ( *f == '.' )
    {
        sp->precision = 0;
        if ( *++f == '*' )
        {
            sp->precision = va_arg(*ap, int);
            f++;
        }
        for ( ; *f >= '0' && *f <= '9'; f++ )
            sp->precision = sp->precision * 10 + (*f - '0');
    }
    for ( ; *f == 'l' || *f == 'z' || *f == 'h'; f++ )
        sp->length += *f == 'h' ? -1 : 1;
    return f;
}

static uint64_t arg_unsigned(const struct spec *sp, va_list *ap)
{
    if ( sp->length >= 1 )
        return sp->length >= 2 ? va_arg(*ap, unsigned long long)
                               : va_arg(*ap, unsigned long);
    if ( sp->length == -1 )
        return (unsigned short)va_arg(*ap, unsigned int);
    if ( sp->length <= -2 )
        return (unsigned char)va_arg(*ap, unsigned int);
    return va_arg(*ap, unsigned int);
}

static int64_t arg_signed(const struct spec *sp, va_list *ap)
{
    if ( sp->length >= 1 )
        return sp->length >= 2 ? va_arg(*ap, long long) : va_arg(*ap, long);
    if ( sp->length == -1 )
        return (short)va_arg(*ap, int);
    if ( sp->length <= -2 )
        return (signed char)va_arg(*ap, int);
    return va_arg(*ap, int);
}

static void convert(struct out *o, char c, struct spec *sp, va_list *ap)
{
    int64_t s;

    switch ( c )
    {
    case 'd':
    case 'i':
        s = arg_signed(sp, ap);
        out_number(o, s < 0 ? -(uint64_t)s : (uint64_t)s, s < 0, 10, false,
                   sp);
        break;
    case 'u':
        out_number(o, arg_unsigned(sp, ap), false, 10, false, sp);
        break;
    case 'x':
    case 'X':
        out_number(o, arg_unsigned(sp, ap), false, 16, c == 'X', sp);
        break;
    case 'o':
        out_number(o, arg_unsigned(sp, ap), false, 8, false, sp);
        break;
    case 'p':
        sp->alt = true;
        out_number(o, (uintptr_t)va_arg(*ap, void *), false, 16, false, sp);
        break;
    case 's':
        out_string(o, va_arg(*ap, const char *), sp);
        break;
    case 'c':
        out_char(o, (char)va_arg(*ap, int));
        break;
    default:
        out_char(o, '%');
        if ( c )
            out_char(o, c);
        break;
    }
}

int guest_vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
    struct out o = { .buf = buf, .size = size };
    struct spec sp;
    va_list ap;

    va_copy(ap, args);
    while ( *fmt )
    {
        if ( *fmt != '%' )
        {
            out_char(&o, *fmt++);
            continue;
        }
        fmt = parse_spec(fmt + 1, &sp, &ap);
        convert(&o, *fmt, &sp, &ap);
        if ( *fmt )
            fmt++;
    }
    va_end(ap);
    if ( size )
        buf[o.len < size ? o.len : size - 1] = '\0';
    return (int)o.len;
}

int guest_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list args;
    int n;

    va_start(args, fmt);
    n = guest_vsnprintf(buf, size, fmt, args);
    va_end(args);
    return n;
}
