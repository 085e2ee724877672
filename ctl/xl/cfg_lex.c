/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The xl.cfg lexer (see cfg_lex.h). Semantics from Xen 4.17's
 * tools/libs/util/libxlu_cfg_l.l and xlu__cfgl_dequote() in libxlu_cfg.c;
 * our own code. Every byte of the input is checked: NUL bytes, control
 * characters outside strings and bad escapes are errors with a line
 * number, never undefined behaviour.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cfg_lex.h"

void cfg_lexer_init(struct cfg_lexer *lx, const char *source,
                    const char *text, size_t len)
{
    lx->source = source;
    lx->pos = text;
    lx->end = text + len;
    lx->line = 1;
}

const char *cfg_token_kind_name(enum cfg_token_kind kind)
{
    switch ( kind )
    {
    case CFG_TOKEN_END:        return "the end of the input";
    case CFG_TOKEN_NEWLINE:    return "a newline";
    case CFG_TOKEN_SEMICOLON:  return "`;'";
    case CFG_TOKEN_KEY:        return "a key";
    case CFG_TOKEN_NUMBER:     return "a number";
    case CFG_TOKEN_STRING:     return "a string";
    case CFG_TOKEN_ASSIGN:     return "`='";
    case CFG_TOKEN_ADD_ASSIGN: return "`+='";
    case CFG_TOKEN_LIST_OPEN:  return "`['";
    case CFG_TOKEN_LIST_CLOSE: return "`]'";
    case CFG_TOKEN_COMMA:      return "`,'";
    }
    return "a token";
}

static bool is_lower_or_digit(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

static bool is_number_char(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == 'x';
}

static int hex_value(char c)
{
    if ( c >= '0' && c <= '9' )
        return c - '0';
    if ( c >= 'a' && c <= 'f' )
        return c - 'a' + 10;
    if ( c >= 'A' && c <= 'F' )
        return c - 'A' + 10;
    return -1;
}

static char *copy_text(const char *start, size_t len)
{
    char *s = malloc(len + 1);

    if ( s )
    {
        memcpy(s, start, len);
        s[len] = '\0';
    }
    return s;
}

/* Describe an unexpected byte printably for an error message. */
static int unexpected_char(struct cfg_lexer *lx, struct cfg_error *err,
                           unsigned char c)
{
    if ( c >= 'A' && c <= 'Z' )
        return cfg_error_set(err, lx->source, lx->line,
                             "unexpected `%c': keys are lower case "
                             "(letters, digits and `_')", c);
    if ( c > 0x20 && c < 0x7f )
        return cfg_error_set(err, lx->source, lx->line,
                             "unexpected character `%c'", c);
    return cfg_error_set(err, lx->source, lx->line,
                         "unexpected byte 0x%02x", c);
}

/*
 * Decode one escape sequence; *p points after the backslash and is moved
 * past the sequence. Returns the byte, or -1 after filling *err.
 */
static int decode_escape(struct cfg_lexer *lx, const char **p,
                         const char *limit, struct cfg_error *err)
{
    static const char simple_from[] = "\"'\\abfnrtv";
    static const char simple_to[] = "\"'\\\a\b\f\n\r\t\v";
    const char *hit;
    char c = *(*p)++;
    int value = 0, digits = 0;

    if ( c != '\0' && (hit = strchr(simple_from, c)) != NULL )
        return simple_to[hit - simple_from];

    if ( c == 'x' )
    {
        for ( ; digits < 2 && *p < limit && hex_value(**p) >= 0; digits++ )
            value = value * 16 + hex_value(*(*p)++);
        if ( digits != 2 )
        {
            cfg_error_set(err, lx->source, lx->line,
                          "\\x in a string needs two hex digits");
            return -1;
        }
    }
    else if ( c >= '0' && c <= '7' )
    {
        value = c - '0';
        for ( digits = 1; digits < 3 && *p < limit && **p >= '0' &&
                          **p <= '7'; digits++ )
            value = value * 8 + (*(*p)++ - '0');
        if ( value > 0xff )
        {
            cfg_error_set(err, lx->source, lx->line,
                          "octal escape \\%o in a string is above \\377",
                          (unsigned int)value);
            return -1;
        }
    }
    else
    {
        cfg_error_set(err, lx->source, lx->line,
                      "invalid character after backslash in a string");
        return -1;
    }

    if ( value == 0 )
    {
        cfg_error_set(err, lx->source, lx->line,
                      "a NUL byte (\\0) is not allowed in a string");
        return -1;
    }
    return value;
}

/* Lex a quoted string; lx->pos is at the opening quote. */
static int lex_string(struct cfg_lexer *lx, struct cfg_token *tok,
                      struct cfg_error *err)
{
    char quote = *lx->pos;
    const char *p = lx->pos + 1, *close;
    char *out;
    size_t n = 0;

    /* Find the closing quote first: strings never span lines. */
    for ( close = p; close < lx->end && *close != quote; close++ )
    {
        if ( *close == '\n' || *close == '\0' )
            break;
        if ( *close == '\\' && close + 1 < lx->end && close[1] != '\n' )
            close++;
    }
    if ( close >= lx->end || *close != quote )
        return cfg_error_set(err, lx->source, lx->line,
                             "unterminated string (strings end on the "
                             "line they start)");

    out = malloc((size_t)(close - p) + 1);
    if ( !out )
        return -ENOMEM;
    while ( p < close )
    {
        int c = (unsigned char)*p++;

        if ( c == '\\' && (c = decode_escape(lx, &p, close, err)) < 0 )
        {
            free(out);
            return -EINVAL;
        }
        out[n++] = (char)c;
    }
    out[n] = '\0';

    tok->kind = CFG_TOKEN_STRING;
    tok->text = out;
    lx->pos = close + 1;
    return 0;
}

/* Lex a run of characters accepted by ok() as a token of the given kind. */
static int lex_word(struct cfg_lexer *lx, struct cfg_token *tok,
                    enum cfg_token_kind kind, bool (*ok)(char))
{
    const char *start = lx->pos;

    while ( lx->pos < lx->end && ok(*lx->pos) )
        lx->pos++;
    tok->kind = kind;
    tok->text = copy_text(start, (size_t)(lx->pos - start));
    return tok->text ? 0 : -ENOMEM;
}

static void skip_blanks_and_comment(struct cfg_lexer *lx)
{
    while ( lx->pos < lx->end &&
            (*lx->pos == ' ' || *lx->pos == '\t' || *lx->pos == '\r') )
        lx->pos++;
    if ( lx->pos < lx->end && *lx->pos == '#' )
        while ( lx->pos < lx->end && *lx->pos != '\n' )
            lx->pos++;
}

static int lex_punctuation(struct cfg_lexer *lx, struct cfg_token *tok,
                           struct cfg_error *err)
{
    char c = *lx->pos;

    switch ( c )
    {
    case '\n': tok->kind = CFG_TOKEN_NEWLINE; break;
    case ';':  tok->kind = CFG_TOKEN_SEMICOLON; break;
    case '=':  tok->kind = CFG_TOKEN_ASSIGN; break;
    case '[':  tok->kind = CFG_TOKEN_LIST_OPEN; break;
    case ']':  tok->kind = CFG_TOKEN_LIST_CLOSE; break;
    case ',':  tok->kind = CFG_TOKEN_COMMA; break;
    case '+':
        if ( lx->pos + 1 < lx->end && lx->pos[1] == '=' )
        {
            tok->kind = CFG_TOKEN_ADD_ASSIGN;
            lx->pos += 2;
            return 0;
        }
        return unexpected_char(lx, err, (unsigned char)c);
    default:
        return unexpected_char(lx, err, (unsigned char)c);
    }
    lx->pos++;
    if ( c == '\n' )
        lx->line++;
    return 0;
}

int cfg_lexer_next(struct cfg_lexer *lx, struct cfg_token *tok,
                   struct cfg_error *err)
{
    char c;

    tok->text = NULL;
    skip_blanks_and_comment(lx);
    tok->line = lx->line;
    if ( lx->pos >= lx->end )
    {
        tok->kind = CFG_TOKEN_END;
        return 0;
    }

    c = *lx->pos;
    if ( c >= 'a' && c <= 'z' )
        return lex_word(lx, tok, CFG_TOKEN_KEY, is_lower_or_digit);
    if ( c >= '0' && c <= '9' )
        return lex_word(lx, tok, CFG_TOKEN_NUMBER, is_number_char);
    if ( c == '"' || c == '\'' )
        return lex_string(lx, tok, err);
    return lex_punctuation(lx, tok, err);
}
