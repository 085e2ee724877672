/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The xl.cfg parser (see cfg_parse.h): a recursive-descent reading of the
 * grammar in Xen 4.17's tools/libs/util/libxlu_cfg_y.y, with `+='
 * concatenation as xlu__cfg_set_store() does it. Our own code.
 *
 * Statements are parsed into a private list first and appended to the
 * caller's cfg_file only when the whole text is good, so an error leaves
 * the caller's settings untouched.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cfg_lex.h"
#include "cfg_parse.h"

struct parser {
    struct cfg_lexer lx;
    struct cfg_token tok;       /* the current (lookahead) token */
    struct cfg_error *err;
    const struct cfg_file *base;    /* settings before this text */
    struct cfg_file out;            /* settings of this text */
};

static void value_free(struct cfg_value *v)
{
    size_t i;

    if ( !v )
        return;
    for ( i = 0; i < v->count; i++ )
        value_free(v->items[i]);
    free(v->items);
    free(v->atom);
    free(v);
}

static void setting_free(struct cfg_setting *s)
{
    free(s->key);
    value_free(s->value);
    free(s);
}

void cfg_file_free(struct cfg_file *cfg)
{
    struct cfg_setting *s, *next;

    for ( s = cfg->first; s; s = next )
    {
        next = s->next;
        setting_free(s);
    }
    cfg->first = cfg->last = NULL;
}

static const struct cfg_setting *find_in(const struct cfg_file *cfg,
                                         const char *key)
{
    const struct cfg_setting *s, *found = NULL;

    for ( s = cfg->first; s; s = s->next )
        if ( !strcmp(s->key, key) )
            found = s;
    return found;
}

const struct cfg_setting *cfg_find(const struct cfg_file *cfg,
                                   const char *key)
{
    return find_in(cfg, key);
}

/* Move to the next token, freeing the text of the current one. */
static int advance(struct parser *p)
{
    free(p->tok.text);
    p->tok.text = NULL;
    return cfg_lexer_next(&p->lx, &p->tok, p->err);
}

static int unexpected(struct parser *p, const char *wanted)
{
    return cfg_error_set(p->err, p->lx.source, p->tok.line,
                         "syntax error: expected %s, found %s", wanted,
                         cfg_token_kind_name(p->tok.kind));
}

static int skip_newlines(struct parser *p)
{
    int rc = 0;

    while ( !rc && p->tok.kind == CFG_TOKEN_NEWLINE )
        rc = advance(p);
    return rc;
}

static int list_append(struct cfg_value *list, struct cfg_value *item)
{
    struct cfg_value **items;

    items = realloc(list->items, (list->count + 1) * sizeof(*items));
    if ( !items )
        return -ENOMEM;
    list->items = items;
    list->items[list->count++] = item;
    return 0;
}

static int parse_value(struct parser *p, unsigned int depth,
                       struct cfg_value **out);

/* After the opening '[': items separated by ',', newlines anywhere. */
static int parse_list_items(struct parser *p, unsigned int depth,
                            struct cfg_value *list)
{
    struct cfg_value *item;
    int rc;

    for ( ;; )
    {
        if ( (rc = skip_newlines(p)) )
            return rc;
        if ( p->tok.kind == CFG_TOKEN_LIST_CLOSE )
            return advance(p);
        if ( (rc = parse_value(p, depth + 1, &item)) )
            return rc;
        if ( (rc = list_append(list, item)) )
        {
            value_free(item);
            return rc;
        }
        if ( (rc = skip_newlines(p)) )
            return rc;
        if ( p->tok.kind == CFG_TOKEN_LIST_CLOSE )
            return advance(p);
        if ( p->tok.kind != CFG_TOKEN_COMMA )
            return unexpected(p, "`,' or `]' in a list");
        if ( (rc = advance(p)) )
            return rc;
    }
}

static int parse_value(struct parser *p, unsigned int depth,
                       struct cfg_value **out)
{
    struct cfg_value *v;
    int rc;

    if ( p->tok.kind != CFG_TOKEN_STRING &&
         p->tok.kind != CFG_TOKEN_NUMBER &&
         p->tok.kind != CFG_TOKEN_LIST_OPEN )
        return unexpected(p, "a value (a string, a number or a list)");
    if ( depth > CFG_LIST_DEPTH_MAX )
        return cfg_error_set(p->err, p->lx.source, p->tok.line,
                             "lists nested more than %d deep",
                             CFG_LIST_DEPTH_MAX);

    v = calloc(1, sizeof(*v));
    if ( !v )
        return -ENOMEM;
    v->line = p->tok.line;
    if ( p->tok.kind == CFG_TOKEN_LIST_OPEN )
    {
        v->kind = CFG_VALUE_LIST;
        rc = advance(p);
        if ( !rc )
            rc = parse_list_items(p, depth, v);
    }
    else
    {
        v->kind = CFG_VALUE_ATOM;
        v->atom = p->tok.text;      /* take the token's text */
        p->tok.text = NULL;
        rc = advance(p);
    }
    if ( rc )
    {
        value_free(v);
        return rc;
    }
    *out = v;
    return 0;
}

/* The value an earlier `key =` left, in this text or before it. */
static const struct cfg_setting *previous(const struct parser *p,
                                          const char *key)
{
    const struct cfg_setting *s = find_in(&p->out, key);

    return s ? s : find_in(p->base, key);
}

static int concat_atoms(struct cfg_value *to, const struct cfg_value *prev)
{
    size_t a = strlen(prev->atom), b = strlen(to->atom);
    char *s = malloc(a + b + 1);

    if ( !s )
        return -ENOMEM;
    memcpy(s, prev->atom, a);
    memcpy(s + a, to->atom, b + 1);
    free(to->atom);
    to->atom = s;
    return 0;
}

/* Deep-copy prev's items in front of to's (prev stays as it is). */
static int value_copy(const struct cfg_value *src, struct cfg_value **out);

static int concat_lists(struct cfg_value *to, const struct cfg_value *prev)
{
    struct cfg_value **items;
    size_t i, n = prev->count;
    int rc = 0;

    items = calloc(n + to->count + 1, sizeof(*items));
    if ( !items )
        return -ENOMEM;
    for ( i = 0; i < n && !rc; i++ )
        rc = value_copy(prev->items[i], &items[i]);
    if ( rc )
    {
        while ( i-- > 0 )
            value_free(items[i]);
        free(items);
        return rc;
    }
    if ( to->count )
        memcpy(items + n, to->items, to->count * sizeof(*items));
    free(to->items);
    to->items = items;
    to->count += n;
    return 0;
}

static int value_copy(const struct cfg_value *src, struct cfg_value **out)
{
    struct cfg_value *v = calloc(1, sizeof(*v));
    int rc = 0;

    if ( !v )
        return -ENOMEM;
    v->kind = src->kind;
    v->line = src->line;
    if ( src->kind == CFG_VALUE_ATOM )
    {
        v->atom = malloc(strlen(src->atom) + 1);
        if ( v->atom )
            strcpy(v->atom, src->atom);
        else
            rc = -ENOMEM;
    }
    else
        rc = concat_lists(v, src);
    if ( rc )
    {
        value_free(v);
        return rc;
    }
    *out = v;
    return 0;
}

/* key += value: join with the earlier value of key, if there is one. */
static int apply_addition(struct parser *p, struct cfg_setting *s)
{
    const struct cfg_setting *prev = previous(p, s->key);

    if ( !prev )
        return 0;
    if ( prev->value->kind != s->value->kind )
        return cfg_error_set(p->err, p->lx.source, s->line,
                             "can't add a %s to a %s with `+='",
                             s->value->kind == CFG_VALUE_LIST ? "list"
                                                              : "single value",
                             prev->value->kind == CFG_VALUE_LIST
                                 ? "list" : "single value");
    if ( s->value->kind == CFG_VALUE_ATOM )
        return concat_atoms(s->value, prev->value);
    return concat_lists(s->value, prev->value);
}

/* key = value | key += value; the current token is the key. */
static int parse_assignment(struct parser *p)
{
    struct cfg_setting *s = calloc(1, sizeof(*s));
    int rc;

    if ( !s )
        return -ENOMEM;
    s->key = p->tok.text;
    p->tok.text = NULL;
    s->line = p->tok.line;
    s->source = p->lx.source;

    rc = advance(p);
    if ( !rc && p->tok.kind != CFG_TOKEN_ASSIGN &&
         p->tok.kind != CFG_TOKEN_ADD_ASSIGN )
        rc = unexpected(p, "`=' or `+=' after the key");
    if ( !rc )
    {
        s->added = p->tok.kind == CFG_TOKEN_ADD_ASSIGN;
        rc = advance(p);
    }
    if ( !rc )
        rc = parse_value(p, 0, &s->value);
    if ( !rc && s->added )
        rc = apply_addition(p, s);
    if ( !rc && p->tok.kind != CFG_TOKEN_NEWLINE &&
         p->tok.kind != CFG_TOKEN_SEMICOLON && p->tok.kind != CFG_TOKEN_END )
        rc = unexpected(p, "the end of the statement (a newline or `;')");
    if ( rc )
    {
        setting_free(s);
        return rc;
    }

    if ( p->out.last )
        p->out.last->next = s;
    else
        p->out.first = s;
    p->out.last = s;
    return 0;
}

static int parse_statements(struct parser *p)
{
    int rc = advance(p);

    while ( !rc && p->tok.kind != CFG_TOKEN_END )
    {
        if ( p->tok.kind == CFG_TOKEN_NEWLINE ||
             p->tok.kind == CFG_TOKEN_SEMICOLON )
            rc = advance(p);
        else if ( p->tok.kind == CFG_TOKEN_KEY )
            rc = parse_assignment(p);
        else
            rc = unexpected(p, "a key at the start of a statement");
    }
    return rc;
}

int cfg_parse(struct cfg_file *cfg, const char *source, const char *text,
              size_t len, struct cfg_error *err)
{
    struct parser p = { .err = err, .base = cfg };
    int rc;

    cfg_lexer_init(&p.lx, source, text, len);
    p.tok.kind = CFG_TOKEN_END;
    rc = parse_statements(&p);
    free(p.tok.text);
    if ( rc )
    {
        cfg_file_free(&p.out);
        return rc;
    }

    if ( p.out.first )
    {
        if ( cfg->last )
            cfg->last->next = p.out.first;
        else
            cfg->first = p.out.first;
        cfg->last = p.out.last;
    }
    return 0;
}
