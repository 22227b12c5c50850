/* diag.c: diagnostics as values, GNU-style formatting and "did you mean".
 *
 * A list is a growable array of plain sim_diag records; nothing here prints.
 * sim_diag_format renders one record the way compilers do:
 *   file:line:col: error: message
 *       the source line
 *           ^
 * The caret line copies tabs from the source line so it stays aligned.
 * sim_suggest is a case-insensitive Levenshtein distance (adjacent swaps
 * count as one edit) over three rows of a fixed-size table (words longer
 * than SIM_SUGGEST_MAX get no suggestion); on ties the first candidate
 * wins, so suggestions are deterministic. */
#include "diag.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SIM_SUGGEST_MAX 128 /* longest word (bytes) considered for a suggestion */

void sim_diag_list_init(sim_diag_list *l)
{
    memset(l, 0, sizeof *l);
}

void sim_diag_list_free(sim_diag_list *l)
{
    free(l->items);
    memset(l, 0, sizeof *l);
}

static void copy_cut(char *dst, size_t cap, const char *src)
{
    size_t n = src ? strlen(src) : 0;
    if (n >= cap) n = cap - 1;
    if (n) memcpy(dst, src, n);
    dst[n] = '\0';
}

static int grow(sim_diag_list *l)
{
    size_t cap;
    sim_diag *items;
    if (l->len < l->cap) return 0;
    cap = l->cap ? l->cap * 2 : 8;
    items = realloc(l->items, cap * sizeof *items);
    if (!items) return -1;
    l->items = items;
    l->cap = cap;
    return 0;
}

void sim_diag_addv(sim_diag_list *l, sim_severity sev, const char *file, int line, int col,
                   const char *source_line, const char *fmt, va_list ap)
{
    sim_diag *d;
    if (sev == SIM_SEV_ERROR) l->n_errors++;
    else if (sev == SIM_SEV_WARNING) l->n_warnings++;
    if (sev != SIM_SEV_NOTE)
        l->dropping = sev == SIM_SEV_WARNING && l->n_warnings > SIM_DIAG_MAX_WARNINGS;
    if (l->dropping || grow(l) != 0) return;
    d = &l->items[l->len++];
    memset(d, 0, sizeof *d);
    d->severity = sev;
    copy_cut(d->file, sizeof d->file, file);
    d->line = line < 0 ? 0 : line;
    d->col = col < 0 ? 0 : col;
    vsnprintf(d->msg, sizeof d->msg, fmt, ap);
    copy_cut(d->source_line, sizeof d->source_line, source_line);
}

void sim_diag_add(sim_diag_list *l, sim_severity sev, const char *file, int line, int col,
                  const char *source_line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sim_diag_addv(l, sev, file, line, col, source_line, fmt, ap);
    va_end(ap);
}

static const char *severity_name(sim_severity sev)
{
    switch (sev) {
    case SIM_SEV_ERROR: return "error";
    case SIM_SEV_WARNING: return "warning";
    case SIM_SEV_NOTE: return "note";
    }
    return "error";
}

/* A bounded appender: keeps counting the length needed after buf fills. */
typedef struct out_buf {
    char *buf;
    size_t cap, len;
} out_buf;

static void out_printf(out_buf *o, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void out_printf(out_buf *o, const char *fmt, ...)
{
    va_list ap;
    int n;
    size_t room = o->len < o->cap ? o->cap - o->len : 0;
    va_start(ap, fmt);
    n = vsnprintf(room ? o->buf + o->len : NULL, room, fmt, ap);
    va_end(ap);
    if (n > 0) o->len += (size_t)n;
}

static void out_char(out_buf *o, char c)
{
    if (o->len + 1 < o->cap) {
        o->buf[o->len] = c;
        o->buf[o->len + 1] = '\0';
    }
    o->len++;
}

static void format_location(out_buf *o, const sim_diag *d)
{
    if (d->file[0] == '\0' && d->line <= 0) return;
    if (d->file[0]) out_printf(o, "%s:", d->file);
    if (d->line > 0) {
        out_printf(o, "%d:", d->line);
        if (d->col > 0) out_printf(o, "%d:", d->col);
    }
    out_char(o, ' ');
}

static void format_caret(out_buf *o, const sim_diag *d)
{
    size_t n = strlen(d->source_line);
    size_t i;
    out_printf(o, "    %s\n", d->source_line);
    if (d->col <= 0 || (size_t)d->col > n + 1) return;
    out_printf(o, "    ");
    for (i = 0; i + 1 < (size_t)d->col; i++) out_char(o, d->source_line[i] == '\t' ? '\t' : ' ');
    out_printf(o, "^\n");
}

size_t sim_diag_format(const sim_diag *d, char *buf, size_t cap)
{
    out_buf o;
    o.buf = buf;
    o.cap = cap;
    o.len = 0;
    if (cap) buf[0] = '\0';
    format_location(&o, d);
    out_printf(&o, "%s: %s\n", severity_name(d->severity), d->msg);
    if (d->source_line[0]) format_caret(&o, d);
    return o.len;
}

static int same_char(char a, char b)
{
    return tolower((unsigned char)a) == tolower((unsigned char)b);
}

/* Case-insensitive optimal-string-alignment distance (Levenshtein plus
 * swaps of adjacent letters: "strat" is one edit from "start"), or
 * SIZE_MAX when a word is too long. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), i, j;
    size_t rows[3][SIM_SUGGEST_MAX + 1];
    size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2], *tmp;
    if (la > SIM_SUGGEST_MAX || lb > SIM_SUGGEST_MAX) return (size_t)-1;
    for (j = 0; j <= lb; j++) prev[j] = j;
    for (i = 1; i <= la; i++) {
        cur[0] = i;
        for (j = 1; j <= lb; j++) {
            size_t best = prev[j - 1] + (same_char(a[i - 1], b[j - 1]) ? 0 : 1);
            if (prev[j] + 1 < best) best = prev[j] + 1;
            if (cur[j - 1] + 1 < best) best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && same_char(a[i - 1], b[j - 2]) && same_char(a[i - 2], b[j - 1]) &&
                prev2[j - 2] + 1 < best)
                best = prev2[j - 2] + 1;
            cur[j] = best;
        }
        tmp = prev2;
        prev2 = prev;
        prev = cur;
        cur = tmp;
    }
    return prev[lb];
}

const char *sim_suggest(const char *word, const char *const *candidates, size_t n)
{
    size_t len, limit, best_d = (size_t)-1, i;
    const char *best = NULL;
    if (!word || !candidates) return NULL;
    len = strlen(word);
    limit = len / 3 > 1 ? len / 3 : 1;
    for (i = 0; i < n; i++) {
        size_t d;
        if (!candidates[i]) continue;
        d = edit_distance(word, candidates[i]);
        if (d < best_d) {
            best_d = d;
            best = candidates[i];
        }
    }
    return best_d <= limit ? best : NULL;
}

const char *sim_did_you_mean(char *buf, size_t cap, const char *word,
                             const char *const *candidates, size_t n, const char *pre,
                             const char *post)
{
    const char *hint = sim_suggest(word, candidates, n);
    if (cap == 0) return buf;
    if (hint) snprintf(buf, cap, "; did you mean '%s%s%s'?", pre ? pre : "", hint, post ? post : "");
    else buf[0] = '\0';
    return buf;
}

int sim_why(char *why, size_t cap, const char *fmt, ...)
{
    if (why && cap) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, cap, fmt, ap);
        va_end(ap);
    }
    return -1;
}
