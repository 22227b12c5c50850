/* lexer.c: splits scenario text into tokens that remember where they are.
 *
 * The lexer never allocates and never copies: tokens are spans of the
 * caller's buffer.  String escapes are checked while lexing (so an error
 * points at the bad backslash) but decoded only on demand by
 * sim_token_string.  Lines are checked against SIM_LEX_MAX_LINE when the
 * lexer enters them, so a 1 MB line costs one scan and one error. */
#include "lexer.h"

#include <stdio.h>
#include <string.h>

void sim_lexer_init(sim_lexer *lx, const char *file, const char *text, size_t len)
{
    memset(lx, 0, sizeof *lx);
    lx->file = file;
    lx->text = text;
    lx->end = text + len;
    lx->p = text;
    lx->line_start = text;
    lx->line = 1;
    lx->at_line_start = 1;
}

size_t sim_line_length(const char *line_start, const char *end)
{
    const char *q = line_start;
    while (q < end && *q != '\n') q++;
    if (q > line_start && q[-1] == '\r') q--;
    return (size_t)(q - line_start);
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static int is_punct(char c)
{
    return c == '=' || c == '<' || c == '>' || c == '!';
}

static int ends_word(char c)
{
    return is_blank(c) || c == '\n' || c == '"' || c == '#' || is_punct(c);
}

static sim_token make(const sim_lexer *lx, sim_tok_kind kind, const char *start, size_t len)
{
    sim_token t;
    t.kind = kind;
    t.text = start;
    t.len = len;
    t.file = lx->file;
    t.line = lx->line;
    t.col = (int)(start - lx->line_start) + 1;
    t.line_start = lx->line_start;
    return t;
}

static void skip_to_eol(sim_lexer *lx)
{
    while (lx->p < lx->end && *lx->p != '\n') lx->p++;
}

/* An ERROR token at `at`; the rest of the line is skipped. */
static sim_token error_at(sim_lexer *lx, const char *at, size_t len)
{
    sim_token t = make(lx, SIM_TOK_ERROR, at, len);
    skip_to_eol(lx);
    return t;
}

static sim_token lex_string(sim_lexer *lx)
{
    const char *start = lx->p, *q = lx->p + 1;
    while (q < lx->end && *q != '"' && *q != '\n') {
        if (*q == '\\') {
            char e = q + 1 < lx->end ? q[1] : '\0';
            if (e != '"' && e != '\\' && e != 'n' && e != 't') {
                if (e == '\n' || e == '\0' || e == '\r')
                    snprintf(lx->err, sizeof lx->err, "unterminated string");
                else
                    snprintf(lx->err, sizeof lx->err,
                             "unknown escape '\\%c' in string (use \\\" \\\\ \\n \\t)", e);
                return error_at(lx, e == '\n' || e == '\0' || e == '\r' ? start : q, 1);
            }
            q += 2;
            continue;
        }
        q++;
    }
    if (q >= lx->end || *q != '"') {
        snprintf(lx->err, sizeof lx->err, "unterminated string");
        return error_at(lx, start, 1);
    }
    lx->p = q + 1;
    return make(lx, SIM_TOK_STRING, start, (size_t)(lx->p - start));
}

static sim_token check_line(sim_lexer *lx, int *bad)
{
    size_t n = sim_line_length(lx->p, lx->end);
    sim_token t;
    *bad = 0;
    lx->at_line_start = 0;
    memset(&t, 0, sizeof t);
    if (n <= SIM_LEX_MAX_LINE) return t;
    *bad = 1;
    snprintf(lx->err, sizeof lx->err, "line too long (%zu bytes; the limit is %d)", n,
             SIM_LEX_MAX_LINE);
    return error_at(lx, lx->p + SIM_LEX_MAX_LINE, 1);
}

sim_token sim_lexer_next(sim_lexer *lx)
{
    const char *start;
    if (lx->at_line_start && lx->p < lx->end) {
        int bad;
        sim_token t = check_line(lx, &bad);
        if (bad) return t;
    }
    for (;;) {
        while (lx->p < lx->end && is_blank(*lx->p)) lx->p++;
        if (lx->p < lx->end && *lx->p == '#') {
            skip_to_eol(lx);
            continue;
        }
        break;
    }
    if (lx->p >= lx->end) {
        if (!lx->at_line_start) {
            lx->at_line_start = 1;
            return make(lx, SIM_TOK_EOL, lx->p, 0);
        }
        return make(lx, SIM_TOK_EOF, lx->p, 0);
    }
    start = lx->p;
    if (*start == '\n') {
        sim_token t = make(lx, SIM_TOK_EOL, start, 0);
        lx->p++;
        lx->line++;
        lx->line_start = lx->p;
        lx->at_line_start = 1;
        return t;
    }
    if (*start == '"') return lex_string(lx);
    if (is_punct(*start)) {
        while (lx->p < lx->end && is_punct(*lx->p)) lx->p++;
        return make(lx, SIM_TOK_PUNCT, start, (size_t)(lx->p - start));
    }
    while (lx->p < lx->end && !ends_word(*lx->p)) lx->p++;
    return make(lx, SIM_TOK_WORD, start, (size_t)(lx->p - start));
}

int sim_token_is(const sim_token *t, const char *w)
{
    size_t n = strlen(w);
    return t->kind == SIM_TOK_WORD && t->len == n && memcmp(t->text, w, n) == 0;
}

static void put(char *buf, size_t cap, size_t i, char c)
{
    if (i + 1 < cap) buf[i] = c;
}

size_t sim_token_string(const sim_token *t, char *buf, size_t cap)
{
    const char *q = t->text, *e = t->text + t->len;
    size_t n = 0;
    if (t->kind == SIM_TOK_STRING) {
        q++;
        e--;
    }
    while (q < e) {
        char c = *q++;
        if (c == '\\' && t->kind == SIM_TOK_STRING && q < e) {
            char x = *q++;
            c = x == 'n' ? '\n' : x == 't' ? '\t' : x;
        }
        put(buf, cap, n++, c);
    }
    if (cap) buf[n < cap ? n : cap - 1] = '\0';
    return n;
}

const char *sim_token_quote(const sim_token *t, char *buf, size_t cap)
{
    size_t n = t->len;
    if (cap == 0) return buf;
    if (n < cap) {
        memcpy(buf, t->text, n);
        buf[n] = '\0';
        return buf;
    }
    n = cap > 4 ? cap - 4 : 0;
    memcpy(buf, t->text, n);
    memcpy(buf + n, "...", cap - n > 3 ? 4 : cap - n - 1);
    buf[cap - 1] = '\0';
    return buf;
}

int sim_text_check(const char *text, size_t len, int *line, int *col, unsigned char *byte)
{
    size_t i;
    int ln = 1, cl = 1;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n') {
            ln++;
            cl = 1;
            continue;
        }
        if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7f) {
            *line = ln;
            *col = cl;
            *byte = c;
            return -1;
        }
        cl++;
    }
    return 0;
}
