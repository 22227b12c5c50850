/* scenario_parse.c: one statement per line, checked against the models.
 *
 * Each line is read into a token array (ending with its EOL token, so an
 * error about something missing can point at the end of the line), then
 * handed to the keyword's function.  A statement stops at its first error;
 * the next line is parsed regardless, until SCN_MAX_ERRORS.
 *
 * The time cursor: starts at 0; `at T` moves it to T; every other TIME is
 * read against it ("+5s" = cursor + 5 s) without moving it; an absolute
 * TIME before the cursor is an error, so a script reads top to bottom in
 * time order.  ${name} is replaced by a declared `param` wherever a value
 * is read (not in keywords, names, title or about). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "checked.h"
#include "scenario_int.h"
#include "util.h"
#include "units.h"

#define NAME_MAX_BYTES 128  /* model, parameter and argument names in messages */
#define MAX_SUGGEST 256     /* table entries considered for "did you mean" */

typedef struct scn_stmt stmt; /* scenario_int.h */

/* An event a statement schedules: a say line, an action, or both. */
typedef struct body {
    int has_say, has_action;
    int64_t say_str;     /* pool index */
    int model, kind;
    uint32_t str_mask;
    sim_payload p;
    int64_t last_ns;     /* the latest time the body runs at (duration args add to it) */
} body;

/* --- errors ------------------------------------------------------------- */

size_t scn_errors(const scn_parser *ps)
{
    return ps->diags->n_errors - ps->base_errors;
}

void scn_source_line(const sim_token *t, char *buf, size_t cap)
{
    size_t n = 0;
    const char *q = t->line_start;
    while (q[n] != '\n' && q[n] != '\0' && n + 1 < cap) {
        unsigned char c = (unsigned char)q[n];
        buf[n] = (c < 0x20 && c != '\t') || c == 0x7f ? '?' : (char)c;
        n++;
    }
    if (n > 0 && q[n - 1] == '\r') n--;
    buf[n] = '\0';
}

int scn_error(scn_parser *ps, const sim_token *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    scn_errorv(ps, t, fmt, ap);
    va_end(ap);
    return -1;
}

int scn_errorv(scn_parser *ps, const sim_token *t, const char *fmt, va_list ap)
{
    char line[256];
    if (ps->stop) return -1;
    if (t) {
        scn_source_line(t, line, sizeof line);
        sim_diag_addv(ps->diags, SIM_SEV_ERROR, t->file, t->line, t->col, line, fmt, ap);
    } else {
        sim_diag_addv(ps->diags, SIM_SEV_ERROR, "", 0, 0, NULL, fmt, ap);
    }
    scn_error_limit(ps, t ? t->file : "");
    return -1;
}

void scn_error_limit(scn_parser *ps, const char *file)
{
    if (ps->stop || scn_errors(ps) < SCN_MAX_ERRORS) return;
    ps->stop = 1;
    sim_diag_add(ps->diags, SIM_SEV_NOTE, file, 0, 0, NULL, "too many errors (%d); stopping here",
                 SCN_MAX_ERRORS);
}

static void where_of(const sim_token *t, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s:%d", t->file, t->line);
}

/* --- small helpers ------------------------------------------------------- */

const sim_token *scn_stmt_peek(const stmt *st)
{
    return st->i < st->n ? &st->t[st->i] : NULL;
}

#define peek scn_stmt_peek

static const sim_token *here(const stmt *st)
{
    return &st->t[st->i < st->n ? st->i : st->n];
}

static const char *quote(const sim_token *t, char *buf, size_t cap)
{
    return sim_token_quote(t, buf, cap);
}

int scn_stmt_end(stmt *st)
{
    char q[80];
    const sim_token *t = peek(st);
    if (!t) return 0;
    return scn_error(st->ps, t, "unexpected '%s' after the statement", quote(t, q, sizeof q));
}

static int is_punct(const sim_token *t, const char *p)
{
    size_t n = strlen(p);
    return t && t->kind == SIM_TOK_PUNCT && t->len == n && memcmp(t->text, p, n) == 0;
}

/* Takes a WORD; reports `what` as expected otherwise. */
static const sim_token *take_word(stmt *st, const char *what)
{
    char q[80];
    const sim_token *t = peek(st);
    if (t && t->kind == SIM_TOK_WORD) {
        st->i++;
        return t;
    }
    if (!t) scn_error(st->ps, here(st), "expected %s at the end of the line", what);
    else scn_error(st->ps, t, "expected %s, got '%s'", what, quote(t, q, sizeof q));
    return NULL;
}

static int take_equals(stmt *st, const sim_token *key)
{
    char q[80];
    const sim_token *t = peek(st);
    if (is_punct(t, "=")) {
        st->i++;
        return 0;
    }
    return scn_error(st->ps, t ? t : here(st), "expected '=' after '%s'", quote(key, q, sizeof q));
}

static int take_keyword(stmt *st, const char *kw)
{
    char q[80];
    const sim_token *t = peek(st);
    if (t && sim_token_is(t, kw)) {
        st->i++;
        return 0;
    }
    if (!t) return scn_error(st->ps, here(st), "expected '%s' at the end of the line", kw);
    return scn_error(st->ps, t, "expected '%s', got '%s'", kw, quote(t, q, sizeof q));
}

static const scn_param *find_param(const scn_parser *ps, const char *name, size_t len)
{
    size_t i;
    for (i = 0; i < ps->n_params; i++)
        if (strlen(ps->params[i].name) == len && memcmp(ps->params[i].name, name, len) == 0)
            return &ps->params[i];
    return NULL;
}

const char *scn_param_did_you_mean(const scn_parser *ps, const char *name, char *buf, size_t cap,
                                   const char *pre, const char *post)
{
    const char *names[MAX_SUGGEST];
    size_t i, n = ps->n_params < MAX_SUGGEST ? ps->n_params : MAX_SUGGEST;
    for (i = 0; i < n; i++) names[i] = ps->params[i].name;
    return sim_did_you_mean(buf, cap, name, names, n, pre, post);
}

/* Appends text to out (cap SCN_VALUE_MAX + 1); -1 if it does not fit. */
static int append(char *out, size_t *len, const char *text, size_t n)
{
    if (*len + n > SCN_VALUE_MAX) return -1;
    memcpy(out + *len, text, n);
    *len += n;
    out[*len] = '\0';
    return 0;
}

/* Replaces every ${name} in `in` by the param's value. */
static int substitute(scn_parser *ps, const sim_token *t, const char *in, char *out)
{
    size_t len = 0;
    const char *p = in;
    out[0] = '\0';
    while (*p) {
        const char *open = strstr(p, "${"), *close;
        sim_token at = *t;
        char name[NAME_MAX_BYTES];
        const scn_param *par;
        if (!open) return append(out, &len, p, strlen(p)) == 0 ? 0
               : scn_error(ps, t, "value too long (more than %d bytes)", SCN_VALUE_MAX);
        if (append(out, &len, p, (size_t)(open - p)) != 0)
            return scn_error(ps, t, "value too long (more than %d bytes)", SCN_VALUE_MAX);
        if (t->kind == SIM_TOK_WORD) at.col += (int)(open - in);
        close = strchr(open, '}');
        if (!close) return scn_error(ps, &at, "unterminated '${' in '%s'", in);
        snprintf(name, sizeof name, "%.*s", (int)(close - open - 2), open + 2);
        par = find_param(ps, open + 2, (size_t)(close - open - 2));
        if (!par) {
            char dym[NAME_MAX_BYTES + 32];
            return scn_error(ps, &at, "unknown substitution '${%s}': no param '%s' declared "
                             "before this line%s", name, name,
                             scn_param_did_you_mean(ps, name, dym, sizeof dym, "${", "}"));
        }
        if (append(out, &len, par->value, strlen(par->value)) != 0)
            return scn_error(ps, t, "value too long (more than %d bytes)", SCN_VALUE_MAX);
        p = close + 1;
    }
    return 0;
}

/* Takes a WORD or STRING value and expands it into out
 * (SCN_VALUE_MAX + 1 bytes). */
static const sim_token *take_value(stmt *st, const char *what, char *out)
{
    char raw[SCN_VALUE_MAX + 1], q[80];
    const sim_token *t = peek(st);
    if (!t || (t->kind != SIM_TOK_WORD && t->kind != SIM_TOK_STRING)) {
        if (t) scn_error(st->ps, t, "expected %s, got '%s'", what, quote(t, q, sizeof q));
        else scn_error(st->ps, here(st), "expected %s at the end of the line", what);
        return NULL;
    }
    st->i++;
    if (sim_token_string(t, raw, sizeof raw) > SCN_VALUE_MAX) {
        scn_error(st->ps, t, "value too long (more than %d bytes)", SCN_VALUE_MAX);
        return NULL;
    }
    return substitute(st->ps, t, raw, out) == 0 ? t : NULL;
}

const sim_token *scn_stmt_take_string(stmt *st, const char *after, char *out, size_t cap)
{
    char q[80];
    const sim_token *t = peek(st);
    if (t && t->kind == SIM_TOK_STRING) {
        st->i++;
        if (sim_token_string(t, out, cap) >= cap) {
            scn_error(st->ps, t, "string too long (more than %zu bytes)", cap - 1);
            return NULL;
        }
        return t;
    }
    if (!t) scn_error(st->ps, here(st), "expected a quoted string after '%s'", after);
    else scn_error(st->ps, t, "expected a quoted string after '%s', got '%s'", after,
                   quote(t, q, sizeof q));
    return NULL;
}

/* --- times --------------------------------------------------------------- */

static int take_time(stmt *st, const char *what, int64_t *out_ns)
{
    char buf[SCN_VALUE_MAX + 1], why[256], cur[64];
    const sim_token *t = take_value(st, what, buf);
    int rel;
    int64_t d;
    if (!t) return -1;
    rel = buf[0] == '+';
    if (sim_parse_duration(buf + rel, &d, why, sizeof why) != 0) return scn_error(st->ps, t, "%s", why);
    if (rel) {
        if (sim_add_i64(st->ps->cursor_ns, d, out_ns) != 0)
            return scn_error(st->ps, t, "time '%s' is too large", buf);
        return 0;
    }
    if (d < st->ps->cursor_ns) {
        sim_value v;
        memset(&v, 0, sizeof v);
        v.i = st->ps->cursor_ns;
        sim_value_format(SIM_T_DURATION, v, NULL, cur, sizeof cur);
        return scn_error(st->ps, t, "time goes backwards (cursor is %s); use +%s for a time "
                         "relative to the cursor", cur, buf);
    }
    *out_ns = d;
    return 0;
}

/* --- names --------------------------------------------------------------- */

int scn_find_model(const scn_scenario *s, const char *name, size_t len)
{
    size_t i;
    for (i = 0; i < s->n_models; i++)
        if (strlen(s->models[i]->name) == len && memcmp(s->models[i]->name, name, len) == 0)
            return (int)i;
    return -1;
}

int scn_unknown_model(scn_parser *ps, const sim_token *t, const char *name, size_t len)
{
    const char *names[MAX_SUGGEST];
    char word[NAME_MAX_BYTES], dym[NAME_MAX_BYTES + 32];
    size_t i, n = ps->s->n_models < MAX_SUGGEST ? ps->s->n_models : MAX_SUGGEST;
    for (i = 0; i < n; i++) names[i] = ps->s->models[i]->name;
    snprintf(word, sizeof word, "%.*s", (int)len, name);
    return scn_error(ps, t, "unknown model '%s'%s", word,
                     sim_did_you_mean(dym, sizeof dym, word, names, n, NULL, NULL));
}

/* "uvm.start" -> model index and the member name (NUL-terminated copy). */
static int take_dotted(stmt *st, const char *what, const sim_token **tok, int *model,
                       char *member, size_t cap)
{
    char q[80];
    const sim_token *t = take_word(st, what);
    const char *dot;
    if (!t) return -1;
    *tok = t;
    dot = memchr(t->text, '.', t->len);
    if (!dot || dot == t->text || dot + 1 == t->text + t->len)
        return scn_error(st->ps, t, "expected %s, got '%s'", what, quote(t, q, sizeof q));
    *model = scn_find_model(st->ps->s, t->text, (size_t)(dot - t->text));
    if (*model < 0) return scn_unknown_model(st->ps, t, t->text, (size_t)(dot - t->text));
    snprintf(member, cap, "%.*s", (int)(t->text + t->len - dot - 1), dot + 1);
    return 0;
}

/* Reports "unknown <kind> 'model.word'; did you mean 'model.x'?". */
static int unknown_member(scn_parser *ps, const sim_token *t, const char *kind, int model,
                          const char *word, const char *const *names, size_t n)
{
    const char *mname = ps->s->models[model]->name;
    char pre[NAME_MAX_BYTES + 1], dym[3 * NAME_MAX_BYTES];
    snprintf(pre, sizeof pre, "%s.", mname);
    return scn_error(ps, t, "unknown %s '%s.%s'%s", kind, mname, word,
                     sim_did_you_mean(dym, sizeof dym, word, names, n, pre, NULL));
}

int scn_find_param_index(scn_parser *ps, const sim_token *t, int model, const char *name)
{
    const sim_model_ops *m = ps->s->models[model];
    const char *names[MAX_SUGGEST];
    size_t i;
    int idx = sim_model_find_param(m, name);
    if (idx >= 0) return idx;
    for (i = 0; i < m->n_params && i < MAX_SUGGEST; i++) names[i] = m->params[i].name;
    return unknown_member(ps, t, "parameter", model, name, names, i) - 1;
}

/* --- settings ------------------------------------------------------------ */

int scn_add_setting(scn_parser *ps, const sim_token *t, int model, int param, sim_value v)
{
    scn_scenario *s = ps->s;
    scn_setting *set;
    if (sim_grow((void **)&s->settings, &s->cap_settings, s->n_settings + 1, sizeof *set) != 0)
        return scn_error(ps, t, "out of memory");
    set = &s->settings[s->n_settings];
    set->model = model;
    set->param = param;
    set->v = v;
    set->str = -1;
    if (s->models[model]->params[param].type == SIM_T_STRING) {
        set->str = scn_pool_add(s, v.s ? v.s : "");
        set->v.s = NULL;
        if (set->str < 0) return scn_error(ps, t, "out of memory");
    }
    s->n_settings++;
    return 0;
}

int scn_set_typed(scn_parser *ps, const sim_token *t, int model, int param, sim_value v,
                  const char *origin)
{
    const sim_model_ops *m = ps->s->models[model];
    const sim_param_def *def = &m->params[param];
    char why[512], what[2 * NAME_MAX_BYTES];
    snprintf(what, sizeof what, "%s.%s", m->name, def->name);
    if (scn_check_range(def->type, v, def->enum_names, def->min, def->max, what, why, sizeof why) != 0)
        return origin ? scn_error(ps, t, "%s: %s", origin, why) : scn_error(ps, t, "%s", why);
    return scn_add_setting(ps, t, model, param, v);
}

/* Takes "= VALUE" for parameter `param` of `model` and records it. */
static int set_from_tokens(stmt *st, const sim_token *key, int model, int param)
{
    const sim_param_def *def = &st->ps->s->models[model]->params[param];
    char buf[SCN_VALUE_MAX + 1], why[512], what[2 * NAME_MAX_BYTES];
    const sim_token *vt;
    sim_value v;
    if (take_equals(st, key) != 0) return -1;
    vt = take_value(st, "a value", buf);
    if (!vt) return -1;
    snprintf(what, sizeof what, "%s.%s", st->ps->s->models[model]->name, def->name);
    if (scn_value_checked(buf, def->type, def->enum_names, def->min, def->max, what, &v, why,
                          sizeof why) != 0)
        return scn_error(st->ps, vt, "%s", why);
    return scn_add_setting(st->ps, vt, model, param, v);
}

int scn_stmt_pairs(stmt *st, scn_key_fn resolve, const void *data)
{
    char name[NAME_MAX_BYTES], q[80];
    int count = 0;
    while (peek(st)) {
        const sim_token *key = take_word(st, "KEY=VALUE");
        int model, param;
        if (!key) return -1;
        sim_token_string(key, name, sizeof name);
        if (resolve(st, key, name, &model, &param, data) != 0) return -1;
        if (set_from_tokens(st, key, model, param) != 0) return -1;
        count++;
    }
    if (count == 0)
        return scn_error(st->ps, here(st), "expected KEY=VALUE after '%s'", quote(&st->t[0], q, sizeof q));
    return 0;
}

/* `MODEL k=v ...`: the keys are the model's parameter names. */
static int resolve_model_param(stmt *st, const sim_token *key, const char *name, int *model,
                               int *param, const void *data)
{
    *model = *(const int *)data;
    *param = scn_find_param_index(st->ps, key, *model, name);
    return *param < 0 ? -1 : 0;
}

static int st_model(stmt *st, int model)
{
    return scn_stmt_pairs(st, resolve_model_param, &model);
}

/* --- statements ---------------------------------------------------------- */

static int once(stmt *st, const sim_token *kw, char *seen_at, size_t cap)
{
    char q[40];
    if (seen_at[0])
        return scn_error(st->ps, kw, "duplicate '%s' (first at %s)", quote(kw, q, sizeof q), seen_at);
    where_of(kw, seen_at, cap);
    return 0;
}

static int text_statement(stmt *st, const sim_token *kw, char *seen_at, size_t cap, char **dst)
{
    char buf[SCN_VALUE_MAX + 1], q[40];
    char *copy;
    if (!scn_stmt_take_string(st, quote(kw, q, sizeof q), buf, sizeof buf) || scn_stmt_end(st) != 0) return -1;
    if (once(st, kw, seen_at, cap) != 0) return -1;
    copy = sim_strdup(buf);
    if (!copy) return scn_error(st->ps, kw, "out of memory");
    free(*dst);
    *dst = copy;
    return 0;
}

static int st_title(stmt *st, const sim_token *kw)
{
    return text_statement(st, kw, st->ps->title_at, sizeof st->ps->title_at, &st->ps->s->title);
}

static int st_about(stmt *st, const sim_token *kw)
{
    return text_statement(st, kw, st->ps->about_at, sizeof st->ps->about_at, &st->ps->s->about);
}

static int st_seed(stmt *st, const sim_token *kw)
{
    char buf[SCN_VALUE_MAX + 1];
    const sim_token *t = take_value(st, "a seed (an integer)", buf);
    uint64_t seed = 0;
    const char *p;
    if (!t) return -1;
    for (p = buf; *p >= '0' && *p <= '9'; p++) {
        if (seed > ((uint64_t)INT64_MAX - (uint64_t)(*p - '0')) / 10) break;
        seed = seed * 10 + (uint64_t)(*p - '0');
    }
    if (p == buf || *p)
        return scn_error(st->ps, t, "seed must be an integer from 0 to %lld, got '%s'",
                         (long long)INT64_MAX, buf);
    if (scn_stmt_end(st) != 0 || once(st, kw, st->ps->seed_at, sizeof st->ps->seed_at) != 0) return -1;
    st->ps->s->seed = seed;
    return 0;
}

/* The latest time an `at`, `every` or timed `expect` written so far runs. */
static int64_t latest_scheduled(const scn_scenario *s)
{
    int64_t latest = -1;
    for (size_t i = 0; i < s->n_items; i++)
        if (s->items[i].t_ns > latest) latest = s->items[i].t_ns;
    for (size_t i = 0; i < s->n_expects; i++)
        if (!s->expects[i].at_end && s->expects[i].at_ns > latest) latest = s->expects[i].at_ns;
    return latest;
}

static const char *fmt_time(int64_t ns, char *buf, size_t cap)
{
    sim_value v;
    memset(&v, 0, sizeof v);
    v.i = ns;
    return sim_value_format(SIM_T_DURATION, v, NULL, buf, cap);
}

/* Refuses what would run after the scenario's `end` (it would never run).
 * 0, or -1 (reported at t). */
static int before_end(stmt *st, const sim_token *t, int64_t t_ns, const char *what)
{
    char at[64], end[64];
    int64_t end_ns = st->ps->s->end_ns;
    if (end_ns < 0 || t_ns <= end_ns) return 0;
    return scn_error(st->ps, t, "%s at %s comes after the scenario's `end` (%s): it would never "
                                "run; move `end` later or drop this",
                     what, fmt_time(t_ns, at, sizeof at), fmt_time(end_ns, end, sizeof end));
}

static int st_end(stmt *st, const sim_token *kw)
{
    int64_t t_ns, latest;
    char at[64], end[64];
    if (take_time(st, "a time such as 90s", &t_ns) != 0 || scn_stmt_end(st) != 0) return -1;
    if (once(st, kw, st->ps->end_at, sizeof st->ps->end_at) != 0) return -1;
    latest = latest_scheduled(st->ps->s);
    if (latest > t_ns)
        return scn_error(st->ps, kw, "`end %s` comes before events already written (the latest "
                                     "at %s): they would never run",
                         fmt_time(t_ns, end, sizeof end), fmt_time(latest, at, sizeof at));
    st->ps->s->end_ns = t_ns;
    return 0;
}

static int valid_identifier(const sim_token *t)
{
    size_t i;
    for (i = 0; i < t->len; i++) {
        char c = t->text[i];
        int alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        if (!alpha && !(i > 0 && c >= '0' && c <= '9')) return 0;
    }
    return t->len > 0;
}

/* The value a --set NAME=VALUE gives for this param, or NULL. */
static const char *set_override(scn_parser *ps, const char *name)
{
    const char *found = NULL;
    size_t i, n = strlen(name);
    for (i = 0; i < ps->opt->n_sets; i++) {
        const char *s = ps->opt->sets[i];
        if (strncmp(s, name, n) == 0 && s[n] == '=') {
            found = s + n + 1;
            ps->set_used[i] = 1;
        }
    }
    return found;
}

static int st_param(stmt *st, const sim_token *kw)
{
    scn_parser *ps = st->ps;
    char buf[SCN_VALUE_MAX + 1], name[NAME_MAX_BYTES], q[80];
    const sim_token *nt = take_word(st, "a parameter name");
    const scn_param *old;
    const char *value;
    scn_param *p;
    (void)kw;
    if (!nt) return -1;
    if (!valid_identifier(nt) || nt->len >= sizeof name)
        return scn_error(ps, nt, "bad param name '%s': use letters, digits and _", quote(nt, q, sizeof q));
    sim_token_string(nt, name, sizeof name);
    if (take_equals(st, nt) != 0 || !take_value(st, "a value", buf) || scn_stmt_end(st) != 0) return -1;
    old = find_param(ps, name, strlen(name));
    if (old) return scn_error(ps, nt, "duplicate param '%s' (first declared at %s)", name, old->where);
    value = set_override(ps, name);
    if (sim_grow((void **)&ps->params, &ps->cap_params, ps->n_params + 1, sizeof *p) != 0)
        return scn_error(ps, nt, "out of memory");
    p = &ps->params[ps->n_params];
    p->name = sim_strdup(name);
    p->value = sim_strdup(value ? value : buf);
    where_of(nt, p->where, sizeof p->where);
    if (!p->name || !p->value) {
        free(p->name);
        free(p->value);
        return scn_error(ps, nt, "out of memory");
    }
    ps->n_params++;
    return 0;
}

static int st_set(stmt *st, const sim_token *kw)
{
    const sim_token *t;
    char member[NAME_MAX_BYTES];
    int model, param;
    (void)kw;
    if (take_dotted(st, "MODEL.PARAM such as uvm.memory", &t, &model, member, sizeof member) != 0)
        return -1;
    param = scn_find_param_index(st->ps, t, model, member);
    if (param < 0) return -1;
    if (set_from_tokens(st, t, model, param) != 0) return -1;
    return scn_stmt_end(st);
}

/* --- event bodies (at / every) -------------------------------------------- */

static int is_say(const stmt *st)
{
    const sim_token *t = peek(st);
    return t && sim_token_is(t, "say") && !(st->i + 1 < st->n && is_punct(&st->t[st->i + 1], "="));
}

static int take_say(stmt *st, body *b)
{
    char buf[SCN_VALUE_MAX + 1], raw[SCN_VALUE_MAX + 1];
    const sim_token *t;
    st->i++; /* "say" */
    t = scn_stmt_take_string(st, "say", raw, sizeof raw);
    if (!t || substitute(st->ps, t, raw, buf) != 0) return -1;
    b->say_str = scn_pool_add(st->ps->s, buf);
    if (b->say_str < 0) return scn_error(st->ps, t, "out of memory");
    b->has_say = 1;
    return 0;
}

static int find_arg(const sim_action_def *a, const char *name)
{
    size_t i;
    for (i = 0; i < a->n_args; i++)
        if (strcmp(a->args[i].name, name) == 0) return (int)i;
    return -1;
}

static int unknown_arg(scn_parser *ps, const sim_token *t, const char *mname,
                       const sim_action_def *a, const char *name)
{
    const char *names[SIM_MAX_ACTION_ARGS];
    char dym[NAME_MAX_BYTES + 32];
    size_t i;
    if (a->n_args == 0)
        return scn_error(ps, t, "unknown argument '%s': %s.%s takes no arguments", name, mname, a->name);
    for (i = 0; i < a->n_args && i < SIM_MAX_ACTION_ARGS; i++) names[i] = a->args[i].name;
    return scn_error(ps, t, "unknown argument '%s' for %s.%s%s", name, mname, a->name,
                     sim_did_you_mean(dym, sizeof dym, name, names, i, NULL, NULL));
}

/* Stores argument value v (of arg definition d) into payload word i. */
static int store_arg(scn_parser *ps, const sim_token *t, body *b, size_t i,
                     const sim_arg_def *d, sim_value v)
{
    if (d->type == SIM_T_RATIO) {
        sim_payload_set_ratio(&b->p, (int)i, v.r);
    } else if (d->type == SIM_T_STRING && d->shared_kind) {
        int64_t idx = scn_shared_get(ps, t, d->shared_kind, v.s ? v.s : "");
        if (idx < 0) return -1;
        b->p.w[i] = idx;
    } else if (d->type == SIM_T_STRING) {
        int64_t id = scn_pool_add(ps->s, v.s ? v.s : "");
        if (id < 0) return scn_error(ps, t, "out of memory");
        b->p.w[i] = id;
        b->str_mask |= 1u << i;
    } else {
        b->p.w[i] = v.i;
    }
    return 0;
}

static int take_arg(stmt *st, body *b, const char *mname, const sim_action_def *a,
                    unsigned *given)
{
    char name[NAME_MAX_BYTES], buf[SCN_VALUE_MAX + 1], why[512], what[3 * NAME_MAX_BYTES];
    const sim_token *key = take_word(st, "ARG=VALUE or say"), *vt;
    const sim_arg_def *d;
    sim_value v;
    int i;
    if (!key) return -1;
    sim_token_string(key, name, sizeof name);
    i = find_arg(a, name);
    if (i < 0) return unknown_arg(st->ps, key, mname, a, name);
    if (*given & (1u << i)) return scn_error(st->ps, key, "argument '%s' given twice", name);
    if (take_equals(st, key) != 0) return -1;
    vt = take_value(st, "a value", buf);
    if (!vt) return -1;
    d = &a->args[i];
    snprintf(what, sizeof what, "%s of %s.%s", name, mname, a->name);
    if (scn_value_checked(buf, d->type, d->enum_names, d->min, d->max, what, &v, why, sizeof why) != 0)
        return scn_error(st->ps, vt, "%s", why);
    if (d->type == SIM_T_DURATION && sim_add_i64(b->last_ns, v.i, &(int64_t){0}) != 0)
        return scn_error(st->ps, vt, "%s '%s' runs past the largest simulated time "
                         "(2^63-1 ns, about 292 years)", what, buf);
    *given |= 1u << i;
    return store_arg(st->ps, vt, b, (size_t)i, d, v);
}

static int take_action(stmt *st, body *b)
{
    scn_parser *ps = st->ps;
    const sim_token *t;
    char verb[NAME_MAX_BYTES];
    const char *names[MAX_SUGGEST];
    const sim_model_ops *m;
    const sim_action_def *a;
    unsigned given = 0;
    size_t i;
    int idx;
    if (take_dotted(st, "an action such as uvm.start, or say", &t, &b->model, verb, sizeof verb) != 0)
        return -1;
    m = ps->s->models[b->model];
    idx = sim_model_find_action(m, verb);
    if (idx < 0) {
        for (i = 0; i < m->n_actions && i < MAX_SUGGEST; i++) names[i] = m->actions[i].name;
        return unknown_member(ps, t, "action", b->model, verb, names, i);
    }
    a = &m->actions[idx];
    b->kind = a->kind;
    b->has_action = 1;
    while (peek(st) && !is_say(st))
        if (take_arg(st, b, m->name, a, &given) != 0) return -1;
    for (i = 0; i < a->n_args && i < SIM_MAX_ACTION_ARGS; i++) {
        if (given & (1u << i)) continue;
        if (a->args[i].required)
            return scn_error(ps, t, "missing required argument '%s' for %s.%s%s%s%s", a->args[i].name,
                             m->name, a->name, a->args[i].doc ? " (" : "",
                             a->args[i].doc ? a->args[i].doc : "", a->args[i].doc ? ")" : "");
        if (store_arg(ps, t, b, i, &a->args[i], a->args[i].def) != 0) return -1;
    }
    return 0;
}

static int take_body(stmt *st, body *b, int64_t last_ns)
{
    memset(b, 0, sizeof *b);
    b->last_ns = last_ns;
    if (!is_say(st) && take_action(st, b) != 0) return -1;
    if (is_say(st) && take_say(st, b) != 0) return -1;
    return scn_stmt_end(st);
}

static int add_item(scn_parser *ps, const sim_token *t, const scn_item *it)
{
    scn_scenario *s = ps->s;
    if (s->n_items >= SCN_MAX_ITEMS) {
        scn_error(ps, t, "the scenario has more than %d timeline events (the limit for a "
                  "whole scenario, its includes too)", SCN_MAX_ITEMS);
        ps->stop = 1;
        return -1;
    }
    if (sim_grow((void **)&s->items, &s->cap_items, s->n_items + 1, sizeof *it) != 0)
        return scn_error(ps, t, "out of memory");
    s->items[s->n_items++] = *it;
    return 0;
}

/* Adds the say line (first) and the action of b at t_ns. */
static int schedule_body(scn_parser *ps, const sim_token *t, const body *b, int64_t t_ns)
{
    scn_item it;
    if (b->has_say) {
        memset(&it, 0, sizeof it);
        it.t_ns = t_ns;
        it.target = SCN_TARGET_DIRECTOR;
        it.kind = SIM_DIRECTOR_SAY;
        it.str_mask = 1u;
        it.p.w[0] = b->say_str;
        if (add_item(ps, t, &it) != 0) return -1;
    }
    if (b->has_action) {
        memset(&it, 0, sizeof it);
        it.t_ns = t_ns;
        it.target = b->model;
        it.kind = b->kind;
        it.str_mask = b->str_mask;
        it.p = b->p;
        if (add_item(ps, t, &it) != 0) return -1;
    }
    return 0;
}

static int st_at(stmt *st, const sim_token *kw)
{
    int64_t t_ns;
    body b;
    if (take_time(st, "a time such as 10s or +1s", &t_ns) != 0) return -1;
    st->ps->cursor_ns = t_ns;
    if (take_body(st, &b, t_ns) != 0 || before_end(st, kw, t_ns, "this line") != 0) return -1;
    return schedule_body(st->ps, kw, &b, t_ns);
}

static int st_every(stmt *st, const sim_token *kw)
{
    char buf[SCN_VALUE_MAX + 1], why[256], a[64], z[64];
    const sim_token *pt = take_value(st, "a period such as 1s", buf), *ut;
    int64_t period, from, until, count, k;
    sim_value va, vz;
    body b;
    if (!pt) return -1;
    if (sim_parse_duration(buf, &period, why, sizeof why) != 0) return scn_error(st->ps, pt, "%s", why);
    if (period <= 0) return scn_error(st->ps, pt, "the period of 'every' must be greater than 0");
    if (take_keyword(st, "from") != 0) return -1;
    if (take_time(st, "a time such as 10s", &from) != 0 || take_keyword(st, "until") != 0) return -1;
    ut = peek(st);
    if (take_time(st, "a time such as 60s", &until) != 0) return -1;
    if (until <= from) {
        memset(&va, 0, sizeof va);
        memset(&vz, 0, sizeof vz);
        va.i = from;
        vz.i = until;
        sim_value_format(SIM_T_DURATION, vz, NULL, z, sizeof z);
        sim_value_format(SIM_T_DURATION, va, NULL, a, sizeof a);
        return scn_error(st->ps, ut, "'until' (%s) must be after 'from' (%s)", z, a);
    }
    count = (until - from - 1) / period + 1;
    if (count > SCN_MAX_EVERY)
        return scn_error(st->ps, pt, "'every' would make %lld events; the limit is %d per statement",
                         (long long)count, SCN_MAX_EVERY);
    if (take_body(st, &b, from + (count - 1) * period) != 0) return -1;
    if (before_end(st, kw, from + (count - 1) * period, "the last event of this 'every'") != 0) return -1;
    int64_t adds = count * (b.has_say + b.has_action);
    if ((int64_t)st->ps->s->n_items + adds > SCN_MAX_ITEMS) {
        scn_error(st->ps, kw, "this 'every' brings the scenario to %lld timeline events; "
                  "a scenario may have at most %d (its includes too)",
                  (long long)st->ps->s->n_items + (long long)adds, SCN_MAX_ITEMS);
        st->ps->stop = 1; /* refused before the run, with the count */
        return -1;
    }
    for (k = 0; k < count; k++)
        if (schedule_body(st->ps, kw, &b, from + k * period) != 0) return -1;
    return 0;
}

static const char *const cmp_names[] = {"<", "<=", ">", ">=", "==", "!="};

static int take_cmp(stmt *st, sim_cmp *op)
{
    char q[80];
    const sim_token *t = peek(st);
    size_t i;
    for (i = 0; t && t->kind == SIM_TOK_PUNCT && i < SIM_COUNTOF(cmp_names); i++) {
        if (is_punct(t, cmp_names[i])) {
            *op = (sim_cmp)i;
            st->i++;
            return 0;
        }
    }
    if (!t) return scn_error(st->ps, here(st), "expected a comparison (< <= > >= == !=) at the end of the line");
    return scn_error(st->ps, t, "bad comparison operator '%s'; use one of < <= > >= == !=",
                     quote(t, q, sizeof q));
}

static int expect_time(stmt *st, sim_expect_def *e)
{
    const sim_token *t = peek(st);
    if (!t || !sim_token_is(t, "at")) {
        e->at_ns = st->ps->cursor_ns;
        return 0;
    }
    st->i++;
    t = peek(st);
    if (t && sim_token_is(t, "end")) {
        st->i++;
        e->at_end = 1;
        return 0;
    }
    return take_time(st, "a time or 'end'", &e->at_ns);
}

/* A condition on a metric, as `expect` and `when` write it. */
typedef struct condition {
    int model, metric;
    sim_cmp op;
    sim_value rhs;
    char text[160];      /* "uvm.state == stopped", cut to fit */
} condition;

/* Reads MODEL.METRIC OP VALUE.  0 or -1 (reported). */
static int take_condition(stmt *st, condition *c)
{
    scn_parser *ps = st->ps;
    scn_scenario *s = ps->s;
    char metric[NAME_MAX_BYTES], buf[SCN_VALUE_MAX + 1], why[512];
    const char *names[MAX_SUGGEST];
    const sim_token *mt, *vt;
    const sim_metric_def *md;
    size_t i;
    int idx;
    memset(c, 0, sizeof *c);
    if (take_dotted(st, "MODEL.METRIC such as uvm.state", &mt, &c->model, metric, sizeof metric) != 0)
        return -1;
    idx = sim_model_find_metric(s->models[c->model], metric);
    if (idx < 0) {
        const sim_model_ops *m = s->models[c->model];
        for (i = 0; i < m->n_metrics && i < MAX_SUGGEST; i++) names[i] = m->metrics[i].name;
        return unknown_member(ps, mt, "metric", c->model, metric, names, i);
    }
    c->metric = idx;
    md = &s->models[c->model]->metrics[idx];
    if (take_cmp(st, &c->op) != 0 || !(vt = take_value(st, "a value", buf))) return -1;
    if (scn_parse_value(buf, md->type, md->enum_names, &c->rhs, why, sizeof why) != 0)
        return scn_error(ps, vt, "%s", why);
    c->rhs.s = NULL;
    /* cut to fit the fixed field; the full text stays in the file */
    if (snprintf(c->text, sizeof c->text, "%s.%s %s %s", s->models[c->model]->name, md->name,
                 cmp_names[c->op], buf) >= (int)sizeof c->text)
        c->text[sizeof c->text - 1] = '\0';
    return 0;
}

/* Copies where kw was written into a fixed file field (cut to fit). */
static void copy_where(const sim_token *kw, char *file, size_t cap, int *line)
{
    if (snprintf(file, cap, "%s", kw->file) >= (int)cap) file[cap - 1] = '\0';
    *line = kw->line;
}

static int st_expect(stmt *st, const sim_token *kw)
{
    scn_parser *ps = st->ps;
    scn_scenario *s = ps->s;
    sim_expect_def e;
    condition c;
    memset(&e, 0, sizeof e);
    if (expect_time(st, &e) != 0 || take_condition(st, &c) != 0 || scn_stmt_end(st) != 0) return -1;
    if (!e.at_end && before_end(st, kw, e.at_ns, "this check") != 0) return -1;
    e.model = c.model;
    e.metric = c.metric;
    e.op = c.op;
    e.rhs = c.rhs;
    memcpy(e.text, c.text, sizeof e.text);
    copy_where(kw, e.file, sizeof e.file, &e.line);
    if (sim_grow((void **)&s->expects, &s->cap_expects, s->n_expects + 1, sizeof e) != 0)
        return scn_error(ps, kw, "out of memory");
    s->expects[s->n_expects++] = e;
    return 0;
}

/* when MODEL.METRIC OP VALUE [ACTION] [say "..."]: see director.h. */
static int st_when(stmt *st, const sim_token *kw)
{
    scn_parser *ps = st->ps;
    scn_scenario *s = ps->s;
    condition c;
    body b;
    scn_when w;
    if (take_condition(st, &c) != 0) return -1;
    if (!peek(st))
        return scn_error(ps, here(st), "expected what to do when %s: say \"...\" or an action "
                                       "such as uvm.start", c.text);
    if (take_body(st, &b, 0 /* runs whenever: checked at run time */) != 0) return -1;
    memset(&w, 0, sizeof w);
    w.def.model = c.model;
    w.def.metric = c.metric;
    w.def.op = c.op;
    w.def.rhs = c.rhs;
    memcpy(w.def.text, c.text, sizeof w.def.text);
    copy_where(kw, w.def.file, sizeof w.def.file, &w.def.line);
    w.def.say = b.has_say ? b.say_str : -1;
    w.def.action_model = b.has_action ? b.model : -1;
    w.def.action_kind = b.kind;
    w.def.action = b.p;
    w.str_mask = b.str_mask;
    if (sim_grow((void **)&s->whens, &s->cap_whens, s->n_whens + 1, sizeof w) != 0)
        return scn_error(ps, kw, "out of memory");
    s->whens[s->n_whens++] = w;
    return 0;
}

static int st_include(stmt *st, const sim_token *kw)
{
    char path[SCN_VALUE_MAX + 1];
    const sim_token *t = scn_stmt_take_string(st, "include", path, sizeof path);
    if (!t || scn_stmt_end(st) != 0) return -1;
    if (path[0] == '\0') return scn_error(st->ps, t, "empty include path");
    scn_include(st->ps, kw, t, path);
    return 0;
}

typedef int (*stmt_fn)(stmt *st, const sim_token *kw);

static const struct {
    const char *name;
    stmt_fn fn;
} keywords[] = {
    {"title", st_title},   {"about", st_about},   {"seed", st_seed},     {"end", st_end},
    {"param", st_param},   {"set", st_set},       {"at", st_at},         {"every", st_every},
    {"expect", st_expect}, {"include", st_include}, {"when", st_when},
};

/* Every word a statement may start with, for "did you mean": the
 * keywords, the added ones, the model names (at most MAX_SUGGEST). */
static size_t statement_words(const scn_parser *ps, const char **names)
{
    size_t n = 0, k;
    for (k = 0; k < SIM_COUNTOF(keywords); k++) names[n++] = keywords[k].name;
    for (k = 0; k < ps->opt->n_keywords && n < MAX_SUGGEST; k++) names[n++] = ps->opt->keywords[k].name;
    for (k = 0; k < ps->s->n_models && n < MAX_SUGGEST; k++) names[n++] = ps->s->models[k]->name;
    return n;
}

static void statement(scn_parser *ps, const sim_token *toks, size_t n)
{
    stmt st;
    char word[NAME_MAX_BYTES], q[80], dym[NAME_MAX_BYTES + 32];
    const char *names[MAX_SUGGEST];
    size_t k;
    int model;
    st.ps = ps;
    st.t = toks;
    st.n = n;
    st.i = 1;
    if (toks[0].kind != SIM_TOK_WORD) {
        scn_error(ps, &toks[0], "expected a keyword, got '%s'", quote(&toks[0], q, sizeof q));
        return;
    }
    for (k = 0; k < SIM_COUNTOF(keywords); k++) {
        if (sim_token_is(&toks[0], keywords[k].name)) {
            if (strcmp(keywords[k].name, "include") != 0) ps->n_statements++;
            keywords[k].fn(&st, &toks[0]);
            return;
        }
    }
    for (k = 0; k < ps->opt->n_keywords; k++) {
        if (sim_token_is(&toks[0], ps->opt->keywords[k].name)) {
            ps->n_statements++;
            ps->opt->keywords[k].parse(&st, ps->opt->keywords[k].data);
            return;
        }
    }
    model = scn_find_model(ps->s, toks[0].text, toks[0].len);
    if (model >= 0) {
        ps->n_statements++;
        st_model(&st, model);
        return;
    }
    sim_token_quote(&toks[0], word, sizeof word);
    scn_error(ps, &toks[0], "unknown keyword '%s'%s", word,
              sim_did_you_mean(dym, sizeof dym, word, names, statement_words(ps, names), NULL, NULL));
}

/* Reads one line of tokens into ps->toks (EOL last).  Returns the number
 * before the EOL, or -1 after a lexical error (reported) or no memory. */
static long read_line(scn_parser *ps, sim_lexer *lx, int *eof)
{
    int bad = 0;
    ps->n_toks = 0;
    for (;;) {
        sim_token t = sim_lexer_next(lx);
        if (t.kind == SIM_TOK_ERROR) {
            if (!bad) scn_error(ps, &t, "%s", lx->err);
            bad = 1;
            continue;
        }
        if (sim_grow((void **)&ps->toks, &ps->cap_toks, ps->n_toks + 1, sizeof t) != 0) {
            scn_error(ps, &t, "out of memory");
            ps->stop = 1;
            return -1;
        }
        ps->toks[ps->n_toks++] = t;
        if (t.kind == SIM_TOK_EOL || t.kind == SIM_TOK_EOF) {
            *eof = t.kind == SIM_TOK_EOF;
            return bad ? -1 : (long)ps->n_toks - 1;
        }
    }
}

void scn_parse_text(scn_parser *ps, const char *file, const char *text, size_t len)
{
    sim_lexer lx;
    int eof = 0;
    sim_lexer_init(&lx, file, text, len);
    while (!eof && !ps->stop) {
        long n = read_line(ps, &lx, &eof);
        if (n > 0) statement(ps, ps->toks, (size_t)n);
    }
}
