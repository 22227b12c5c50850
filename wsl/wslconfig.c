/* wslconfig.c: .wslconfig files onto model parameters (rules in wslconfig.h).
 *
 * Each value is read once, straight into a typed value: only sizes and
 * durations differ from the scenario's own syntax (WSL's "8GB" is binary
 * and its durations are bare milliseconds); booleans, enums, addresses and
 * strings go through the scenario's value parser, and every value through
 * its range check, so a value means exactly the same here, in a scenario
 * and on --set, and the error messages are the same too.  The size rules
 * follow WSL's own parser (microsoft/WSL, ParseMemorySize and its unit
 * tests: "1K" = 1024, "44GB" = 44 GiB, "1 B" and "foo" rejected).  Which
 * parameter a key sets is keys.c's table. */
#include "diag.h"
#include "wslconfig.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ini.h"
#include "input_file.h"
#include "keys.h"
#include "scenario.h"
#include "util.h"

static const char *const sections[] = {"wsl2", "experimental"};

/* A whole decimal number at s; *end after it.  0, or -1 (no digits or
 * overflow). */
static int whole_number(const char *s, uint64_t *out, const char **end)
{
    uint64_t v = 0;
    const char *p = s;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (v > (UINT64_MAX - (uint64_t)(*p - '0')) / 10) return -1;
        v = v * 10 + (uint64_t)(*p - '0');
    }
    *out = v;
    *end = p;
    return p == s ? -1 : 0;
}

static int wsl_size(const char *value, int64_t *out, char *why, size_t why_cap)
{
    static const struct { const char *suffix; int shift; } units[] = {
        {"", 0},   {"B", 0},   {"K", 10},   {"KB", 10}, {"KiB", 10}, {"M", 20},
        {"MB", 20}, {"MiB", 20}, {"G", 30},  {"GB", 30}, {"GiB", 30}, {"T", 40},
        {"TB", 40}, {"TiB", 40}};
    uint64_t n;
    const char *end;
    if (whole_number(value, &n, &end) == 0) {
        for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
            if (strcasecmp(end, units[i].suffix) != 0) continue;
            if (n > ((uint64_t)INT64_MAX >> units[i].shift))
                return sim_why(why, why_cap, "size '%s' is too large", value);
            *out = (int64_t)(n << units[i].shift);
            return 0;
        }
    }
    return sim_why(why, why_cap,
                "invalid size '%s': expected a whole number with an optional unit B, K/KB, "
                "M/MB, G/GB or T/TB (binary, as WSL reads it: 8GB = 8 GiB), e.g. 8GB",
                value);
}

static int wsl_millis(const char *value, int64_t *out_ns, char *why, size_t why_cap)
{
    uint64_t n;
    const char *end;
    if (whole_number(value, &n, &end) != 0 || *end || n > (uint64_t)INT64_MAX / 1000000)
        return sim_why(why, why_cap,
                    "invalid duration '%s': expected a whole number of milliseconds, e.g. 60000",
                    value);
    *out_ns = (int64_t)n * SIM_MS;
    return 0;
}

static int wsl_count(const char *value, int64_t *out, char *why, size_t why_cap)
{
    uint64_t n;
    const char *end;
    if (whole_number(value, &n, &end) != 0 || *end || n > (uint64_t)INT64_MAX)
        return sim_why(why, why_cap, "invalid number '%s': expected a whole number, e.g. 4", value);
    *out = (int64_t)n;
    return 0;
}

int wsl_value(const char *value, sim_type t, const char *const *enum_names, sim_value *v,
              char *why, size_t why_cap)
{
    memset(v, 0, sizeof *v);
    switch (t) {
    case SIM_T_BYTES: return wsl_size(value, &v->i, why, why_cap);
    case SIM_T_DURATION: return wsl_millis(value, &v->i, why, why_cap);
    case SIM_T_COUNT: return wsl_count(value, &v->i, why, why_cap);
    case SIM_T_BOOL:
        if (strcasecmp(value, "true") != 0 && strcasecmp(value, "false") != 0)
            return sim_why(why, why_cap, "invalid value '%s': expected true or false", value);
        v->i = strcasecmp(value, "true") == 0;
        return 0;
    case SIM_T_ENUM:
        if (!value[0]) return sim_why(why, why_cap, "missing value");
        break;
    default: break;
    }
    return scn_parse_value(value, t, enum_names, v, why, why_cap);
}

/* --- keys ------------------------------------------------------------------- */

typedef struct ctx {
    const char *file;
    const sim_model_ops *const *models;
    size_t n_models;
    wsl_config *out;
    sim_diag_list *diags;
    int failed;
} ctx;

static void diag(ctx *c, sim_severity sev, const wsl_ini_entry *e, int col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static void diag(ctx *c, sim_severity sev, const wsl_ini_entry *e, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sim_diag_addv(c->diags, sev, c->file, e->line, col, e->source_line, fmt, ap);
    va_end(ap);
    if (sev == SIM_SEV_ERROR) c->failed = 1;
}

static void unknown_key(ctx *c, const wsl_ini_entry *e, const char *section, wsl_key_kind kind)
{
    char dym[160];
    if (kind == WSL_KEY_NOT_SIMULATED) {
        diag(c, SIM_SEV_WARNING, e, e->key_col,
             "'%s' is a real WSL setting that hvsim does not simulate: ignored", e->key);
        return;
    }
    diag(c, SIM_SEV_WARNING, e, e->key_col, "unknown key '%s' in [%s]: ignored%s", e->key, section,
         wsl_key_did_you_mean(dym, sizeof dym, e->key, c->models, c->n_models));
}

/* Stores (model, param) = v (text as written), replacing an earlier item
 * of the same key. */
static void store(ctx *c, const wsl_ini_entry *e, int model, int param, sim_value v)
{
    wsl_item it;
    memset(&it, 0, sizeof it);
    it.model = model;
    it.param = param;
    it.v = v;
    it.line = e->line;
    it.col = e->value_col;
    sim_copy(it.file, sizeof it.file, c->file);
    snprintf(it.origin, sizeof it.origin, "%s:%d", c->file, e->line);
    it.text = sim_strdup(e->value);
    if (!it.text) {
        diag(c, SIM_SEV_ERROR, e, e->key_col, "out of memory");
        return;
    }
    if (c->models[model]->params[param].type == SIM_T_STRING) it.v.s = it.text;
    wsl_config *w = c->out;
    for (size_t i = 0; i < w->n; i++) {
        if (w->items[i].model != model || w->items[i].param != param) continue;
        diag(c, SIM_SEV_WARNING, e, e->key_col,
             "'%s' is set twice (first at line %d): the last value wins", e->key, w->items[i].line);
        free(w->items[i].text);
        memmove(&w->items[i], &w->items[i + 1], (w->n - i - 1) * sizeof *w->items);
        w->n--;
        break;
    }
    if (sim_grow((void **)&w->items, &w->cap, w->n + 1, sizeof *w->items) != 0) {
        free(it.text);
        diag(c, SIM_SEV_ERROR, e, e->key_col, "out of memory");
        return;
    }
    w->items[w->n++] = it;
}

static void entry(ctx *c, const wsl_ini *ini, const wsl_ini_entry *e, const unsigned char *known)
{
    if (e->section < 0) {
        diag(c, SIM_SEV_WARNING, e, e->key_col,
             "'%s' is outside any section: ignored (WSL reads keys under [wsl2] or [experimental])",
             e->key);
        return;
    }
    if (!known[e->section]) return; /* the section header was warned about */
    const char *section = wsl_ini_section_of(ini, e);
    int model, param;
    wsl_key_kind kind = wsl_key_find(e->key, c->models, c->n_models, &model, &param);
    if (kind != WSL_KEY_SIMULATED) {
        unknown_key(c, e, section, kind);
        return;
    }
    const sim_param_def *d = &c->models[model]->params[param];
    char why[512], what[160];
    sim_value v;
    snprintf(what, sizeof what, "%s.%s", c->models[model]->name, d->name);
    if (wsl_value(e->value, d->type, d->enum_names, &v, why, sizeof why) != 0 ||
        scn_check_range(d->type, v, d->enum_names, d->min, d->max, what, why, sizeof why) != 0) {
        diag(c, SIM_SEV_ERROR, e, e->value_col, "invalid value for %s: %s", e->key, why);
        return;
    }
    const char *note = wsl_key_value_note(e->key, e->value);
    if (note) diag(c, SIM_SEV_WARNING, e, e->value_col, "%s", note);
    store(c, e, model, param, v);
}

int wsl_config_parse(const char *name, const char *text, size_t len,
                        const sim_model_ops *const *models, size_t n_models,
                        wsl_config *out, sim_diag_list *diags)
{
    sim_skip_utf8_bom(&text, &len); /* Notepad writes one */
    ctx c = {name, models, n_models, out, diags, 0};
    wsl_ini ini;
    memset(out, 0, sizeof *out);
    if (wsl_ini_parse(name, text, len, &ini, diags) != 0) c.failed = 1;
    unsigned char *known = calloc(ini.n_sections + 1, 1);
    if (!known) {
        wsl_ini_free(&ini);
        sim_diag_add(diags, SIM_SEV_ERROR, name, 0, 0, NULL, "out of memory");
        return -1;
    }
    for (size_t s = 0; s < ini.n_sections; s++)
        for (size_t k = 0; k < sizeof sections / sizeof sections[0]; k++)
            if (strcasecmp(ini.sections[s].name, sections[k]) == 0) known[s] = 1;
    /* Diagnostics in file order: a section's warning before its keys. */
    size_t next = 0;
    for (size_t i = 0; i <= ini.n_entries; i++) {
        int upto = i < ini.n_entries ? ini.entries[i].line : INT32_MAX;
        for (; next < ini.n_sections && ini.sections[next].line < upto; next++)
            if (!known[next])
                sim_diag_add(diags, SIM_SEV_WARNING, name, ini.sections[next].line,
                             ini.sections[next].col, NULL,
                             "unknown section [%s]: its keys are ignored (a .wslconfig has [wsl2] "
                             "and [experimental]; [boot], [automount]... belong in /etc/wsl.conf)",
                             ini.sections[next].name);
        if (i < ini.n_entries) entry(&c, &ini, &ini.entries[i], known);
    }
    free(known);
    wsl_ini_free(&ini);
    return c.failed ? -1 : 0;
}

int wsl_config_load(const char *path, const sim_model_ops *const *models, size_t n_models,
                       wsl_config *out, sim_diag_list *diags)
{
    memset(out, 0, sizeof *out);
    char *buf = NULL, why[256];
    size_t len = 0;
    if (sim_input_read_all(path, SIM_INPUT_ANY, WSL_CONFIG_MAX_BYTES, WSL_CONFIG_MAX_BYTES, &buf,
                           &len, why, sizeof why) != 0) {
        sim_diag_add(diags, SIM_SEV_ERROR, path, 0, 0, NULL, "cannot read .wslconfig: %s", why);
        return -1;
    }
    int rc = wsl_config_parse(path, buf, len, models, n_models, out, diags);
    free(buf);
    return rc;
}

void wsl_config_free(wsl_config *w)
{
    if (!w) return;
    for (size_t i = 0; i < w->n; i++) free(w->items[i].text);
    free(w->items);
    memset(w, 0, sizeof *w);
}
