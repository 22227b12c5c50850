/* ini.c: the INI reader (format and error rules in ini.h).
 *
 * One pass over the text, one line at a time.  Each line is checked for
 * control bytes first (a binary file stops the parse at once: reporting
 * every garbage line would bury the one useful message), then classified:
 * blank, comment, section header or key=value.  Values are decoded into
 * fresh heap strings; nothing points into the caller's text afterwards. */
#include "ini.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

typedef struct ini_line {
    const char *file;
    const char *s;              /* the line, without its line end */
    size_t len;
    int line;                   /* 1-based */
    char *copy;                 /* NUL-terminated copy for diagnostics */
} ini_line;

typedef struct ini_parser {
    wsl_ini *ini;
    sim_diag_list *diags;
    size_t errors;
    int stop;
} ini_parser;

static void error_at(ini_parser *p, const ini_line *l, size_t off, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void error_at(ini_parser *p, const ini_line *l, size_t off, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sim_diag_addv(p->diags, SIM_SEV_ERROR, l->file, l->line, (int)off + 1, l->copy, fmt, ap);
    va_end(ap);
    if (++p->errors >= WSL_INI_MAX_ERRORS) p->stop = 1;
}

static int is_blank(char c) { return c == ' ' || c == '\t'; }

static int is_key_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-' || c == '.';
}

/* Offset of the first byte at or after i that is not blank. */
static size_t skip_blanks(const ini_line *l, size_t i)
{
    while (i < l->len && is_blank(l->s[i])) i++;
    return i;
}

/* 1 if the rest of the line from i is blanks or a comment. */
static int rest_is_empty(const ini_line *l, size_t i)
{
    i = skip_blanks(l, i);
    return i == l->len || l->s[i] == '#' || l->s[i] == ';';
}

/* Decodes value bytes [from, to): "\\" -> '\', "\"" -> '"', "\#" and "\;"
 * -> the character; other backslashes stay. */
static char *decode(const char *s, size_t n)
{
    char *out = malloc(n + 1), *o = out;
    if (!out) return NULL;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n &&
            (s[i + 1] == '\\' || s[i + 1] == '"' || s[i + 1] == '#' || s[i + 1] == ';'))
            i++;
        *o++ = s[i];
    }
    *o = '\0';
    return out;
}

static void section(ini_parser *p, const ini_line *l, size_t open)
{
    size_t i = skip_blanks(l, open + 1), start = i, end;
    while (i < l->len && l->s[i] != ']') i++;
    if (i == l->len) {
        error_at(p, l, l->len, "expected ']' to close the section name");
        return;
    }
    end = i;
    while (end > start && is_blank(l->s[end - 1])) end--;
    if (end == start) {
        error_at(p, l, open, "empty section name");
        return;
    }
    if (!rest_is_empty(l, i + 1)) {
        error_at(p, l, skip_blanks(l, i + 1), "unexpected text after the section header");
        return;
    }
    wsl_ini *ini = p->ini;
    if (sim_grow((void **)&ini->sections, &ini->cap_sections, ini->n_sections + 1,
             sizeof *ini->sections) != 0 ||
        !(ini->sections[ini->n_sections].name = sim_strndup(l->s + start, end - start))) {
        error_at(p, l, open, "out of memory");
        p->stop = 1;
        return;
    }
    ini->sections[ini->n_sections].line = l->line;
    ini->sections[ini->n_sections].col = (int)start + 1;
    ini->n_sections++;
}

/* Finds the value in [i, len): quoted or bare.  Sets *from and *to (the bytes
 * to decode).  0, or -1 after reporting. */
static int value_span(ini_parser *p, const ini_line *l, size_t i, size_t *from, size_t *to)
{
    if (i < l->len && l->s[i] == '"') {
        size_t j = i + 1;
        while (j < l->len && l->s[j] != '"') j += (l->s[j] == '\\' && j + 1 < l->len) ? 2 : 1;
        if (j >= l->len) {
            error_at(p, l, i, "unterminated quoted value (no closing '\"')");
            return -1;
        }
        if (!rest_is_empty(l, j + 1)) {
            error_at(p, l, skip_blanks(l, j + 1), "unexpected text after the quoted value");
            return -1;
        }
        *from = i + 1;
        *to = j;
        return 0;
    }
    size_t j = i;
    while (j < l->len && !((l->s[j] == '#' || l->s[j] == ';') && (j == i || is_blank(l->s[j - 1]))))
        j++;
    while (j > i && is_blank(l->s[j - 1])) j--;
    *from = i;
    *to = j;
    return 0;
}

static void key_value(ini_parser *p, const ini_line *l, size_t start)
{
    const char *eq = memchr(l->s + start, '=', l->len - start);
    if (!eq) {
        error_at(p, l, start, "expected 'key = value', '[section]' or a comment");
        return;
    }
    size_t eq_off = (size_t)(eq - l->s), kend = eq_off;
    while (kend > start && is_blank(l->s[kend - 1])) kend--;
    if (kend == start) {
        error_at(p, l, eq_off, "missing key before '='");
        return;
    }
    for (size_t k = start; k < kend; k++)
        if (!is_key_char(l->s[k])) {
            error_at(p, l, k, "invalid character '%c' in key (keys are letters, digits, _ - .)",
                     l->s[k]);
            return;
        }
    size_t vstart = skip_blanks(l, eq_off + 1), from, to;
    if (value_span(p, l, vstart, &from, &to) != 0) return;
    wsl_ini *ini = p->ini;
    if (sim_grow((void **)&ini->entries, &ini->cap_entries, ini->n_entries + 1,
             sizeof *ini->entries) != 0) {
        error_at(p, l, start, "out of memory");
        p->stop = 1;
        return;
    }
    wsl_ini_entry *e = &ini->entries[ini->n_entries];
    e->section = (int)ini->n_sections - 1;
    e->key = sim_strndup(l->s + start, kend - start);
    e->value = decode(l->s + from, to - from);
    e->source_line = sim_strndup(l->copy, strlen(l->copy));
    e->line = l->line;
    e->key_col = (int)start + 1;
    e->value_col = (int)vstart + 1;
    if (!e->key || !e->value || !e->source_line) {
        free(e->key);
        free(e->value);
        free(e->source_line);
        error_at(p, l, start, "out of memory");
        p->stop = 1;
        return;
    }
    ini->n_entries++;
}

/* Checks for control bytes.  0, or -1 after reporting (binary file). */
static int text_only(ini_parser *p, const ini_line *l)
{
    for (size_t i = 0; i < l->len; i++) {
        unsigned char c = (unsigned char)l->s[i];
        if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7f) {
            error_at(p, l, i, "not a text file (byte 0x%02x)", c);
            p->stop = 1;
            return -1;
        }
    }
    return 0;
}

static void one_line(ini_parser *p, ini_line *l)
{
    if (l->len > 0 && l->s[l->len - 1] == '\r') l->len--;
    if (l->len > WSL_INI_MAX_LINE) {
        l->copy = sim_strndup(l->s, 80);
        error_at(p, l, WSL_INI_MAX_LINE, "line too long (more than %d bytes)", WSL_INI_MAX_LINE);
        return;
    }
    l->copy = sim_strndup(l->s, l->len);
    if (!l->copy) {
        sim_diag_add(p->diags, SIM_SEV_ERROR, l->file, l->line, 1, NULL, "out of memory");
        p->stop = 1;
        return;
    }
    /* Show control bytes as '?' in the copied source line. */
    for (size_t i = 0; i < l->len; i++)
        if ((unsigned char)l->copy[i] < 0x20 && l->copy[i] != '\t') l->copy[i] = '?';
    if (text_only(p, l) != 0) return;
    size_t i = skip_blanks(l, 0);
    if (i == l->len || l->s[i] == '#' || l->s[i] == ';') return;
    if (l->s[i] == '[') section(p, l, i);
    else key_value(p, l, i);
}

int wsl_ini_parse(const char *name, const char *text, size_t len, wsl_ini *out,
                  sim_diag_list *diags)
{
    ini_parser p = {out, diags, 0, 0};
    memset(out, 0, sizeof *out);
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    const char *s = text, *end = text + len;
    for (int line = 1; s < end && !p.stop; line++) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *e = nl ? nl : end;
        ini_line l = {name, s, (size_t)(e - s), line, NULL};
        one_line(&p, &l);
        free(l.copy);
        s = nl ? nl + 1 : end;
    }
    return p.errors ? -1 : 0;
}

void wsl_ini_free(wsl_ini *ini)
{
    if (!ini) return;
    for (size_t i = 0; i < ini->n_sections; i++) free(ini->sections[i].name);
    for (size_t i = 0; i < ini->n_entries; i++) {
        free(ini->entries[i].key);
        free(ini->entries[i].value);
        free(ini->entries[i].source_line);
    }
    free(ini->sections);
    free(ini->entries);
    memset(ini, 0, sizeof *ini);
}

const char *wsl_ini_section_of(const wsl_ini *ini, const wsl_ini_entry *e)
{
    return e->section < 0 ? "" : ini->sections[e->section].name;
}
