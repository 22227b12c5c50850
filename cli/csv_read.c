/* csv_read.c: a strict RFC 4180 reader (see csv_read.h). */
#include "csv_read.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_read.h"

typedef struct reader {
    const char *path, *p, *end;
    int line, col;
    char *why;
    size_t why_cap;
} reader;

static int fail(reader *r, const char *fmt, ...)
{
    int w = snprintf(r->why, r->why_cap, "%s:%d:%d: error: ", r->path, r->line, r->col);
    va_list ap;
    va_start(ap, fmt);
    if (w > 0 && (size_t)w < r->why_cap) vsnprintf(r->why + w, r->why_cap - (size_t)w, fmt, ap);
    va_end(ap);
    return -1;
}

static void advance(reader *r)
{
    if (*r->p == '\n') {
        r->line++;
        r->col = 1;
    } else {
        r->col++;
    }
    r->p++;
}

/* One field into a new string; stops before the ',' or line end. */
static int field(reader *r, char **out)
{
    size_t cap = 32, n = 0;
    char *buf = malloc(cap);
    if (!buf) return fail(r, "out of memory");
    int quoted = r->p < r->end && *r->p == '"';
    if (quoted) advance(r);
    for (;;) {
        if (r->p >= r->end) {
            if (quoted) {
                free(buf);
                return fail(r, "unterminated quoted field");
            }
            break;
        }
        char c = *r->p;
        if (quoted && c == '"') {
            if (r->p + 1 < r->end && r->p[1] == '"') {
                advance(r);
            } else {
                advance(r);
                if (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r') {
                    free(buf);
                    return fail(r, "text after a closing quote");
                }
                break;
            }
        } else if (!quoted && (c == ',' || c == '\n' || c == '\r')) {
            break;
        } else if (!quoted && c == '"') {
            free(buf);
            return fail(r, "a quote inside an unquoted field");
        } else if (c == '\0') {
            free(buf);
            return fail(r, "a NUL byte: this is not a text file");
        }
        if (n + 2 > cap) {
            char *bigger = realloc(buf, cap *= 2);
            if (!bigger) {
                free(buf);
                return fail(r, "out of memory");
            }
            buf = bigger;
        }
        buf[n++] = *r->p;
        advance(r);
    }
    buf[n] = '\0';
    *out = buf;
    return 0;
}

static void free_fields(char **f, size_t n)
{
    for (size_t i = 0; i < n; i++) free(f[i]);
    free(f);
}

/* One record into *fields (*n of them); consumes the line end. */
static int record(reader *r, char ***fields, size_t *n)
{
    size_t cap = 16;
    *n = 0;
    *fields = malloc(cap * sizeof **fields);
    if (!*fields) return fail(r, "out of memory");
    for (;;) {
        if (*n == cap) {
            char **bigger = realloc(*fields, (cap *= 2) * sizeof **fields);
            if (!bigger) return fail(r, "out of memory");
            *fields = bigger;
        }
        if (field(r, &(*fields)[*n]) != 0) return -1;
        (*n)++;
        if (r->p < r->end && *r->p == ',') {
            advance(r);
            continue;
        }
        if (r->p < r->end && *r->p == '\r') advance(r);
        if (r->p < r->end && *r->p == '\n') advance(r);
        return 0;
    }
}

void csv_free(csv_table *t)
{
    free_fields(t->header, t->n_cols);
    for (size_t i = 0; i < t->n_rows; i++) free_fields(t->rows[i], t->n_cols);
    free(t->rows);
    free(t->row_line);
    memset(t, 0, sizeof *t);
}

int csv_read(const char *path, csv_table *t, char *why, size_t why_cap)
{
    memset(t, 0, sizeof *t);
    size_t len = 0;
    char *text = cj_read_file(path, &len);
    if (!text) {
        snprintf(why, why_cap, "%s: error: cannot read: %s", path, strerror(errno));
        return -1;
    }
    reader r = {path, text, text + len, 1, 1, why, why_cap};
    int rc = -1;
    size_t cap = 0;
    if (len == 0) {
        fail(&r, "empty file: no header");
        goto out;
    }
    if (record(&r, &t->header, &t->n_cols) != 0) goto out;
    while (r.p < r.end) {
        if (t->n_rows == cap) {
            cap = cap ? cap * 2 : 64;
            char ***rows = realloc(t->rows, cap * sizeof *rows);
            int *lines = realloc(t->row_line, cap * sizeof *lines);
            if (rows) t->rows = rows;
            if (lines) t->row_line = lines;
            if (!rows || !lines) {
                fail(&r, "out of memory");
                goto out;
            }
        }
        int line = r.line;
        char **fields;
        size_t n;
        if (record(&r, &fields, &n) != 0) {
            free_fields(fields, n);
            goto out;
        }
        if (n != t->n_cols) {
            free_fields(fields, n);
            r.line = line;
            r.col = 1;
            fail(&r, "row has %zu fields, the header %zu", n, t->n_cols);
            goto out;
        }
        t->rows[t->n_rows] = fields;
        t->row_line[t->n_rows++] = line;
    }
    rc = 0;
out:
    free(text);
    if (rc != 0) csv_free(t);
    return rc;
}

int csv_column(const csv_table *t, const char *name)
{
    for (size_t i = 0; i < t->n_cols; i++)
        if (strcmp(t->header[i], name) == 0) return (int)i;
    return -1;
}
