/* wslconfig.c: .wslconfig files onto model parameters (rules in wslconfig.h).
 *
 * Two steps per key.  First the WSL spelling of the value is turned into
 * the scenario's own syntax (only sizes and durations differ: WSL's "8GB"
 * is binary and its durations are bare milliseconds), then the scenario's
 * checker (scn_value_checked) parses it and checks type and range, so a
 * value means exactly the same here, in a scenario and on --set, and the
 * error messages are the same too.  The size rules follow WSL's own parser
 * (microsoft/WSL, ParseMemorySize and its unit tests: "1K" = 1024, "44GB" =
 * 44 GiB, "1 B" and "foo" rejected).
 *
 * The short list of real WSL keys that no model simulates is kept here only
 * to word the warning better ("not simulated" instead of "unknown"); a
 * model that starts simulating one simply claims it with wslconfig_key. */
#include "diag.h"
#include "wslconfig.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ini.h"
#include "scenario_int.h"

#define MAX_KEYS 256

static const char *const sections[] = {"wsl2", "experimental"};

/* Real [wsl2] / [experimental] keys (Docs wsl-config.md) that hvsim does not
 * model; a key claimed by a model is never looked up here. */
static const char *const unsimulated[] = {
    "kernel", "kernelModules", "kernelCommandLine", "safeMode", "swapFile",
    "guiApplications", "debugConsole", "maxCrashDumpCount", "nestedVirtualization",
    "firewall", "autoProxy", "dnsProxy", "defaultVhdSize", "hostAddressLoopback",
    "bestEffortDnsParsing", "useWindowsDnsCache", "ignoredPorts", "initialAutoProxyTimeout",
    "sparseVhd", "virtio9p", "virtiofs", "networkingMode", "dnsTunneling",
    "localhostForwarding", "vmIdleTimeout", "pageReporting", "autoMemoryReclaim",
    "memory", "swap", "processors"};

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

static int wsl_size(const char *value, char *out, size_t cap, char *why, size_t why_cap)
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
            snprintf(out, cap, "%lluB", (unsigned long long)(n << units[i].shift));
            return 0;
        }
    }
    return sim_why(why, why_cap,
                "invalid size '%s': expected a whole number with an optional unit B, K/KB, "
                "M/MB, G/GB or T/TB (binary, as WSL reads it: 8GB = 8 GiB), e.g. 8GB",
                value);
}

static int wsl_millis(const char *value, char *out, size_t cap, char *why, size_t why_cap)
{
    uint64_t n;
    const char *end;
    if (whole_number(value, &n, &end) != 0 || *end || n > (uint64_t)INT64_MAX / 1000000)
        return sim_why(why, why_cap,
                    "invalid duration '%s': expected a whole number of milliseconds, e.g. 60000",
                    value);
    snprintf(out, cap, "%llums", (unsigned long long)n);
    return 0;
}

static int wsl_count(const char *value, char *out, size_t cap, char *why, size_t why_cap)
{
    uint64_t n;
    const char *end;
    if (whole_number(value, &n, &end) != 0 || *end || n > (uint64_t)INT64_MAX)
        return sim_why(why, why_cap, "invalid number '%s': expected a whole number, e.g. 4", value);
    snprintf(out, cap, "%llu", (unsigned long long)n);
    return 0;
}

int sim_wslconfig_value(const char *value, sim_type t, char *out, size_t cap, char *why,
                        size_t why_cap)
{
    switch (t) {
    case SIM_T_BYTES: return wsl_size(value, out, cap, why, why_cap);
    case SIM_T_DURATION: return wsl_millis(value, out, cap, why, why_cap);
    case SIM_T_COUNT: return wsl_count(value, out, cap, why, why_cap);
    case SIM_T_BOOL:
        if (strcasecmp(value, "true") != 0 && strcasecmp(value, "false") != 0)
            return sim_why(why, why_cap, "invalid value '%s': expected true or false", value);
        break;
    case SIM_T_ENUM:
        if (!value[0]) return sim_why(why, why_cap, "missing value");
        break;
    default: break;
    }
    if (strlen(value) >= cap) return sim_why(why, why_cap, "value too long");
    snprintf(out, cap, "%s", value);
    return 0;
}

/* --- keys ------------------------------------------------------------------- */

typedef struct ctx {
    const char *file;
    const sim_model_ops *const *models;
    size_t n_models;
    sim_wslconfig *out;
    sim_diag_list *diags;
    int failed;
} ctx;

static void diag(ctx *c, sim_severity sev, const sim_ini_entry *e, int col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static void diag(ctx *c, sim_severity sev, const sim_ini_entry *e, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sim_diag_addv(c->diags, sev, c->file, e->line, col, e->source_line, fmt, ap);
    va_end(ap);
    if (sev == SIM_SEV_ERROR) c->failed = 1;
}

/* Finds the parameter claiming key; 0 and (*model, *param), or -1. */
static int find_key(const ctx *c, const char *key, int *model, int *param)
{
    for (size_t m = 0; m < c->n_models; m++)
        for (size_t p = 0; p < c->models[m]->n_params; p++) {
            const char *k = c->models[m]->params[p].wslconfig_key;
            if (k && strcasecmp(k, key) == 0) {
                *model = (int)m;
                *param = (int)p;
                return 0;
            }
        }
    return -1;
}

static void unknown_key(ctx *c, const sim_ini_entry *e, const char *section)
{
    const char *keys[MAX_KEYS];
    size_t n = 0;
    for (size_t i = 0; i < sizeof unsimulated / sizeof unsimulated[0]; i++)
        if (strcasecmp(unsimulated[i], e->key) == 0) {
            diag(c, SIM_SEV_WARNING, e, e->key_col,
                 "'%s' is a real WSL setting that hvsim does not simulate: ignored", e->key);
            return;
        }
    for (size_t m = 0; m < c->n_models; m++)
        for (size_t p = 0; p < c->models[m]->n_params && n < MAX_KEYS; p++)
            if (c->models[m]->params[p].wslconfig_key) keys[n++] = c->models[m]->params[p].wslconfig_key;
    const char *hint = sim_suggest(e->key, keys, n);
    if (hint)
        diag(c, SIM_SEV_WARNING, e, e->key_col, "unknown key '%s' in [%s]: ignored; did you mean '%s'?",
             e->key, section, hint);
    else
        diag(c, SIM_SEV_WARNING, e, e->key_col, "unknown key '%s' in [%s]: ignored", e->key, section);
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s);
    char *c = malloc(n + 1);
    if (c) memcpy(c, s, n + 1);
    return c;
}

static void item_free(sim_wslconfig_item *it)
{
    free(it->text);
    free(it->set);
    free(it->source_line);
}

/* Stores (model, param) = text, replacing an earlier item of the same key. */
static void store(ctx *c, const sim_ini_entry *e, int model, int param, const char *text)
{
    const sim_param_def *d = &c->models[model]->params[param];
    sim_wslconfig_item it;
    memset(&it, 0, sizeof it);
    it.model = model;
    it.param = param;
    it.line = e->line;
    it.col = e->value_col;
    snprintf(it.file, sizeof it.file, "%s", c->file);
    size_t set_len = strlen(c->models[model]->name) + strlen(d->name) + strlen(text) + 3;
    it.text = dup_str(text);
    it.set = malloc(set_len);
    it.source_line = dup_str(e->source_line);
    if (!it.text || !it.set || !it.source_line) {
        item_free(&it);
        diag(c, SIM_SEV_ERROR, e, e->key_col, "out of memory");
        return;
    }
    snprintf(it.set, set_len, "%s.%s=%s", c->models[model]->name, d->name, text);
    sim_wslconfig *w = c->out;
    for (size_t i = 0; i < w->n; i++) {
        if (w->items[i].model != model || w->items[i].param != param) continue;
        diag(c, SIM_SEV_WARNING, e, e->key_col,
             "'%s' is set twice (first at line %d): the last value wins", e->key, w->items[i].line);
        item_free(&w->items[i]);
        memmove(&w->items[i], &w->items[i + 1], (w->n - i - 1) * sizeof *w->items);
        w->n--;
        break;
    }
    if (scn_grow((void **)&w->items, &w->cap, w->n + 1, sizeof *w->items) != 0) {
        item_free(&it);
        diag(c, SIM_SEV_ERROR, e, e->key_col, "out of memory");
        return;
    }
    w->items[w->n++] = it;
}

static void entry(ctx *c, const sim_ini *ini, const sim_ini_entry *e, const unsigned char *known)
{
    if (e->section < 0) {
        diag(c, SIM_SEV_WARNING, e, e->key_col,
             "'%s' is outside any section: ignored (WSL reads keys under [wsl2] or [experimental])",
             e->key);
        return;
    }
    if (!known[e->section]) return; /* the section header was warned about */
    const char *section = sim_ini_section_of(ini, e);
    int model, param;
    if (find_key(c, e->key, &model, &param) != 0) {
        unknown_key(c, e, section);
        return;
    }
    const sim_param_def *d = &c->models[model]->params[param];
    char text[SCN_VALUE_MAX + 1], why[512], what[160];
    sim_value v;
    if (sim_wslconfig_value(e->value, d->type, text, sizeof text, why, sizeof why) != 0) {
        diag(c, SIM_SEV_ERROR, e, e->value_col, "invalid value for %s: %s", e->key, why);
        return;
    }
    snprintf(what, sizeof what, "%s.%s", c->models[model]->name, d->name);
    if (scn_value_checked(text, d->type, d->enum_names, d->min, d->max, what, &v, why,
                          sizeof why) != 0) {
        diag(c, SIM_SEV_ERROR, e, e->value_col, "invalid value for %s: %s", e->key, why);
        return;
    }
    store(c, e, model, param, text);
}

int sim_wslconfig_parse(const char *name, const char *text, size_t len,
                        const sim_model_ops *const *models, size_t n_models,
                        sim_wslconfig *out, sim_diag_list *diags)
{
    ctx c = {name, models, n_models, out, diags, 0};
    sim_ini ini;
    memset(out, 0, sizeof *out);
    if (sim_ini_parse(name, text, len, &ini, diags) != 0) c.failed = 1;
    unsigned char *known = calloc(ini.n_sections + 1, 1);
    if (!known) {
        sim_ini_free(&ini);
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
    sim_ini_free(&ini);
    return c.failed ? -1 : 0;
}

int sim_wslconfig_load(const char *path, const sim_model_ops *const *models, size_t n_models,
                       sim_wslconfig *out, sim_diag_list *diags)
{
    memset(out, 0, sizeof *out);
    FILE *f = fopen(path, "rb");
    if (!f) {
        sim_diag_add(diags, SIM_SEV_ERROR, path, 0, 0, NULL, "cannot read .wslconfig: %s",
                     strerror(errno));
        return -1;
    }
    char *buf = malloc(SIM_WSLCONFIG_MAX_BYTES + 1);
    size_t len = buf ? fread(buf, 1, SIM_WSLCONFIG_MAX_BYTES + 1, f) : 0;
    int err = buf ? ferror(f) : 1;
    fclose(f);
    int rc = -1;
    if (err)
        sim_diag_add(diags, SIM_SEV_ERROR, path, 0, 0, NULL, "cannot read .wslconfig%s",
                     buf ? "" : ": out of memory");
    else if (len > SIM_WSLCONFIG_MAX_BYTES)
        sim_diag_add(diags, SIM_SEV_ERROR, path, 0, 0, NULL,
                     ".wslconfig too large (more than %d KiB)", SIM_WSLCONFIG_MAX_BYTES / 1024);
    else
        rc = sim_wslconfig_parse(path, buf, len, models, n_models, out, diags);
    free(buf);
    return rc;
}

void sim_wslconfig_free(sim_wslconfig *w)
{
    if (!w) return;
    for (size_t i = 0; i < w->n; i++) item_free(&w->items[i]);
    free(w->items);
    memset(w, 0, sizeof *w);
}
