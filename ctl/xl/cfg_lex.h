/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The xl.cfg lexer: turns configuration text into tokens, as Xen's
 * tools/libs/util/libxlu_cfg_l.l does. Tokens: keys (lower-case letters,
 * digits and '_', starting with a letter), numbers (a digit followed by
 * hex digits or 'x', kept as text: their value is read when a key asks for
 * an integer), strings in double or single quotes (both with C escapes:
 * \" \' \\ \a \b \f \n \r \t \v \xHH \ooo), '=', '+=', '[', ']', ',',
 * ';' and newlines. '#' starts a comment that runs to the end of the line.
 */
#ifndef CTL_XL_CFG_LEX_H
#define CTL_XL_CFG_LEX_H

#include <stddef.h>

#include "cfg_error.h"

enum cfg_token_kind {
    CFG_TOKEN_END,          /* end of the text */
    CFG_TOKEN_NEWLINE,
    CFG_TOKEN_SEMICOLON,
    CFG_TOKEN_KEY,
    CFG_TOKEN_NUMBER,
    CFG_TOKEN_STRING,
    CFG_TOKEN_ASSIGN,       /* = */
    CFG_TOKEN_ADD_ASSIGN,   /* += */
    CFG_TOKEN_LIST_OPEN,    /* [ */
    CFG_TOKEN_LIST_CLOSE,   /* ] */
    CFG_TOKEN_COMMA,
};

struct cfg_token {
    enum cfg_token_kind kind;
    unsigned int line;
    char *text;             /* malloc'd for KEY, NUMBER, STRING; else NULL */
};

struct cfg_lexer {
    const char *source;     /* for error messages; not owned */
    const char *pos;
    const char *end;
    unsigned int line;
};

/* Start lexing len bytes of text (need not be NUL-terminated). */
void cfg_lexer_init(struct cfg_lexer *lx, const char *source,
                    const char *text, size_t len);

/*
 * Read the next token into *tok. Returns 0, -EINVAL with *err filled in
 * (bad character, unterminated string, bad escape, NUL byte in the text)
 * or -ENOMEM. On failure *tok holds nothing to free.
 */
int cfg_lexer_next(struct cfg_lexer *lx, struct cfg_token *tok,
                   struct cfg_error *err);

/* A short description of a token kind for messages ("a newline", "`='"). */
const char *cfg_token_kind_name(enum cfg_token_kind kind);

#endif /* CTL_XL_CFG_LEX_H */
