/* json_read.c: a recursive-descent JSON parser into a tree (see
 * json_read.h).  Strict RFC 8259: no comments, no trailing commas, no
 * leading zeros, control bytes not allowed in strings, nothing after the
 * value but white space. */
#include "json_read.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct cj_parser {
    const char *p, *start, *end;
    cj_error *err;
    int failed;
} cj_parser;

static int fail(cj_parser *ps, const char *fmt, ...)
{
    if (ps->failed) return -1;
    ps->failed = 1;
    int line = 1, col = 1;
    for (const char *q = ps->start; q < ps->p && q < ps->end; q++) {
        if (*q == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
    }
    ps->err->line = line;
    ps->err->col = col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ps->err->what, sizeof ps->err->what, fmt, ap);
    va_end(ap);
    return -1;
}

static void skip_ws(cj_parser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
        ps->p++;
}

static int literal(cj_parser *ps, const char *word, cj_kind kind, cj_value *v)
{
    size_t n = strlen(word);
    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
        return fail(ps, "unexpected '%c'", *ps->p);
    ps->p += n;
    v->kind = kind;
    return 0;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int number(cj_parser *ps, cj_value *v)
{
    const char *s = ps->p, *q = ps->p;
    if (q < ps->end && *q == '-') q++;
    if (q >= ps->end || !is_digit(*q)) return fail(ps, "bad number");
    if (*q == '0') q++;
    else while (q < ps->end && is_digit(*q)) q++;
    if (q < ps->end && *q == '.') {
        q++;
        if (q >= ps->end || !is_digit(*q)) return fail(ps, "bad number: no digit after '.'");
        while (q < ps->end && is_digit(*q)) q++;
    }
    if (q < ps->end && (*q == 'e' || *q == 'E')) {
        q++;
        if (q < ps->end && (*q == '+' || *q == '-')) q++;
        if (q >= ps->end || !is_digit(*q)) return fail(ps, "bad number: no digit in the exponent");
        while (q < ps->end && is_digit(*q)) q++;
    }
    v->kind = CJ_NUMBER;
    v->text = malloc((size_t)(q - s) + 1);
    if (!v->text) return fail(ps, "out of memory");
    memcpy(v->text, s, (size_t)(q - s));
    v->text[q - s] = '\0';
    ps->p = q;
    return 0;
}

static int hex4(cj_parser *ps, unsigned *out)
{
    if (ps->end - ps->p < 4) return fail(ps, "bad \\u escape");
    unsigned u = 0;
    for (int i = 0; i < 4; i++) {
        char c = *ps->p++;
        u <<= 4;
        if (c >= '0' && c <= '9') u |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') u |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') u |= (unsigned)(c - 'A' + 10);
        else return fail(ps, "bad \\u escape");
    }
    *out = u;
    return 0;
}

static size_t put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* A \u escape (after the 'u'), with a following low surrogate if it is a
 * high one; the code point's UTF-8 goes to o.  Bytes written, or -1. */
static int unicode_escape(cj_parser *ps, char *o)
{
    unsigned cp;
    if (hex4(ps, &cp) != 0) return -1;
    if (cp >= 0xDC00 && cp <= 0xDFFF) return fail(ps, "lone low surrogate in \\u escape");
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        unsigned lo;
        if (ps->end - ps->p < 2 || ps->p[0] != '\\' || ps->p[1] != 'u')
            return fail(ps, "high surrogate without its low half");
        ps->p += 2;
        if (hex4(ps, &lo) != 0) return -1;
        if (lo < 0xDC00 || lo > 0xDFFF) return fail(ps, "high surrogate without its low half");
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    }
    return (int)put_utf8(o, cp);
}

/* A string (ps->p at the opening quote) decoded into a new buffer. */
static int string_text(cj_parser *ps, char **out)
{
    /* The decoded text is never longer than the raw text. */
    const char *q = ps->p + 1;
    while (q < ps->end && *q != '"') q += (*q == '\\' && q + 1 < ps->end) ? 2 : 1;
    if (q >= ps->end) return fail(ps, "unterminated string");
    ps->p++;
    char *buf = malloc((size_t)(q - ps->p) + 1), *o = buf;
    if (!buf) return fail(ps, "out of memory");
    while (*ps->p != '"') {
        unsigned char c = (unsigned char)*ps->p;
        if (c < 0x20) {
            free(buf);
            return fail(ps, "control character in a string");
        }
        if (c != '\\') {
            *o++ = *ps->p++;
            continue;
        }
        ps->p++;
        char e = *ps->p++;
        int n;
        switch (e) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '/': *o++ = '/'; break;
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case 'u':
            n = unicode_escape(ps, o);
            if (n < 0) {
                free(buf);
                return -1;
            }
            o += n;
            break;
        default:
            ps->p--;
            free(buf);
            return fail(ps, "bad escape '\\%c'", e);
        }
    }
    ps->p++;
    *o = '\0';
    *out = buf;
    return 0;
}

static int value(cj_parser *ps, cj_value *v, int depth);

/* Grows the item (and key) arrays by one; the new item is zeroed. */
static cj_value *push_item(cj_parser *ps, cj_value *v, size_t *cap)
{
    if (v->n == *cap) {
        size_t nc = *cap ? *cap * 2 : 8;
        cj_value *items = realloc(v->items, nc * sizeof *items);
        if (!items) return fail(ps, "out of memory"), NULL;
        v->items = items;
        if (v->kind == CJ_OBJECT) {
            char **keys = realloc(v->keys, nc * sizeof *keys);
            if (!keys) return fail(ps, "out of memory"), NULL;
            v->keys = keys;
        }
        *cap = nc;
    }
    cj_value *it = &v->items[v->n];
    memset(it, 0, sizeof *it);
    if (v->kind == CJ_OBJECT) v->keys[v->n] = NULL;
    v->n++;
    return it;
}

static int container(cj_parser *ps, cj_value *v, int depth, cj_kind kind)
{
    char close = kind == CJ_ARRAY ? ']' : '}';
    v->kind = kind;
    size_t cap = 0;
    ps->p++;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == close) {
        ps->p++;
        return 0;
    }
    for (;;) {
        skip_ws(ps);
        if (ps->p >= ps->end) return fail(ps, "unexpected end of text");
        cj_value *it = push_item(ps, v, &cap);
        if (!it) return -1;
        if (kind == CJ_OBJECT) {
            if (ps->p >= ps->end || *ps->p != '"') return fail(ps, "expected a member name");
            if (string_text(ps, &v->keys[v->n - 1]) != 0) return -1;
            skip_ws(ps);
            if (ps->p >= ps->end || *ps->p != ':') return fail(ps, "expected ':'");
            ps->p++;
        }
        if (value(ps, it, depth + 1) != 0) return -1;
        skip_ws(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            continue;
        }
        if (ps->p < ps->end && *ps->p == close) {
            ps->p++;
            return 0;
        }
        if (ps->p >= ps->end) return fail(ps, "unexpected end of text");
        return fail(ps, "expected ',' or '%c'", close);
    }
}

static int value(cj_parser *ps, cj_value *v, int depth)
{
    if (depth > CJ_MAX_DEPTH) return fail(ps, "nested deeper than %d", CJ_MAX_DEPTH);
    skip_ws(ps);
    if (ps->p >= ps->end) return fail(ps, "unexpected end of text");
    switch (*ps->p) {
    case '{': return container(ps, v, depth, CJ_OBJECT);
    case '[': return container(ps, v, depth, CJ_ARRAY);
    case '"': v->kind = CJ_STRING; return string_text(ps, &v->text);
    case 't': return literal(ps, "true", CJ_TRUE, v);
    case 'f': return literal(ps, "false", CJ_FALSE, v);
    case 'n': return literal(ps, "null", CJ_NULL, v);
    default: return number(ps, v);
    }
}

static void free_inner(cj_value *v)
{
    for (size_t i = 0; i < v->n; i++) {
        free_inner(&v->items[i]);
        if (v->keys) free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->text);
}

void cj_free(cj_value *v)
{
    if (!v) return;
    free_inner(v);
    free(v);
}

int cj_parse(const char *text, size_t len, cj_value **out, cj_error *err)
{
    cj_parser ps = {text, text, text + len, err, 0};
    *out = NULL;
    cj_value *root = calloc(1, sizeof *root);
    if (!root) return fail(&ps, "out of memory");
    int rc = value(&ps, root, 0);
    if (rc == 0) {
        skip_ws(&ps);
        if (ps.p != ps.end) rc = fail(&ps, "text after the value");
    }
    if (rc != 0) {
        cj_free(root);
        return -1;
    }
    *out = root;
    return 0;
}

const cj_value *cj_get(const cj_value *v, const char *key)
{
    if (!v || v->kind != CJ_OBJECT) return NULL;
    for (size_t i = 0; i < v->n; i++)
        if (strcmp(v->keys[i], key) == 0) return &v->items[i];
    return NULL;
}

const char *cj_get_string(const cj_value *v, const char *key)
{
    const cj_value *m = cj_get(v, key);
    return m && m->kind == CJ_STRING ? m->text : NULL;
}

int cj_get_int(const cj_value *v, const char *key, long long *out)
{
    const cj_value *m = cj_get(v, key);
    if (!m || m->kind != CJ_NUMBER || strpbrk(m->text, ".eE")) return -1;
    errno = 0;
    char *end;
    long long x = strtoll(m->text, &end, 10);
    if (errno || *end) return -1;
    *out = x;
    return 0;
}

char *cj_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t n = 0, cap = 8192, got;
    char *text = malloc(cap);
    while (text && (got = fread(text + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n - 1 > 0) continue;
        char *bigger = realloc(text, cap * 2);
        if (!bigger) {
            free(text);
            text = NULL;
            errno = ENOMEM;
            break;
        }
        text = bigger;
        cap *= 2;
    }
    int failed = ferror(f);
    fclose(f);
    if (text && failed) {
        free(text);
        text = NULL;
        errno = EIO;
    }
    if (!text) return NULL;
    text[n] = '\0';
    if (len) *len = n;
    return text;
}
