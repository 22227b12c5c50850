/* scenario.c: loading scenario files and turning a scenario into a run.
 *
 * scn_load reads the top file whole (at most SCN_MAX_FILE_BYTES), checks it
 * is text, and parses it statement by statement (scenario_parse.c);
 * `include` recurses here with the path resolved against the including
 * file's directory, a depth limit and cycle detection by (device, inode).
 * Command-line --set entries are checked first for shape, NAME=VALUE ones
 * are consumed by `param` declarations, and MODEL.PARAM=VALUE ones are
 * applied after the scenario's own settings, so they win.
 *
 * scn_instantiate is the only place an engine is built from a scenario:
 * registry models in registry order (their ids are their indices), the
 * settings, the director with the expectations, then the timeline in source
 * order so equal-time events run in the order written. */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "input_file.h"
#include "scenario_int.h"
#include "util.h"

int64_t scn_pool_add(scn_scenario *s, const char *text)
{
    char *c;
    if (sim_grow((void **)&s->pool, &s->cap_pool, s->n_pool + 1, sizeof *s->pool) != 0) return -1;
    c = sim_strdup(text);
    if (!c) return -1;
    s->pool[s->n_pool] = c;
    return (int64_t)s->n_pool++;
}

int scn_add_input(scn_scenario *s, const char *path)
{
    if (sim_grow((void **)&s->inputs, &s->cap_inputs, s->n_inputs + 1, sizeof *s->inputs) != 0)
        return -1;
    int64_t at = scn_pool_add(s, path);
    if (at < 0) return -1;
    s->inputs[s->n_inputs++] = at;
    return 0;
}

size_t scn_input_count(const scn_scenario *s) { return s->n_inputs; }

const char *scn_input(const scn_scenario *s, size_t i) { return s->pool[s->inputs[i]]; }

/* --- files ----------------------------------------------------------------- */

/* Reads a whole file into a NUL-terminated buffer, through the bounded
 * reader (sim/input_file.h): flags says whether a FIFO or a device is
 * accepted.  0, or -1 with why. */
static int read_file(const char *path, int flags, char **out, size_t *out_len, char *why,
                     size_t cap)
{
    return sim_input_read_all(path, flags, SCN_MAX_FILE_BYTES, SCN_MAX_FILE_BYTES, out, out_len,
                              why, cap);
}

/* The directory part of a path ("" when there is none). */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t n = slash ? (size_t)(slash - path) : 0;
    char *d = malloc(n + 2);
    if (!d) return NULL;
    if (slash == path) n = 1; /* "/x" -> "/" */
    memcpy(d, path, n);
    d[n] = '\0';
    return d;
}

/* Checks that the buffer is text, then parses it. */
static void parse_buffer(scn_parser *ps, const char *name, const char *text, size_t len)
{
    sim_skip_utf8_bom(&text, &len);
    int line, col;
    unsigned char byte;
    if (sim_text_check(text, len, &line, &col, &byte) != 0) {
        sim_token t;
        const char *ls = text;
        int l;
        for (l = 1; l < line; l++) ls = strchr(ls, '\n') + 1;
        memset(&t, 0, sizeof t);
        t.file = name;
        t.line = line;
        t.col = col;
        t.line_start = ls;
        t.text = ls + col - 1;
        scn_error(ps, &t, "not a text file (byte 0x%02x at line %d, column %d)", byte, line, col);
        return;
    }
    scn_parse_text(ps, name, text, len);
}

static void set_frame(scn_frame *f, const char *name, char *dir, const struct stat *st)
{
    memset(f, 0, sizeof *f);
    f->name = name;
    f->dir = dir;
    if (st) {
        f->has_id = 1;
        f->dev = (unsigned long long)st->st_dev;
        f->ino = (unsigned long long)st->st_ino;
    }
}

/* Reports an include cycle at the include statement of frame j. */
static void report_cycle(scn_parser *ps, int j, const char *again)
{
    char chain[512];
    size_t used = 0;
    int k;
    chain[0] = '\0';
    for (k = j; k <= ps->depth && used < sizeof chain; k++) {
        int w = snprintf(chain + used, sizeof chain - used, "%s -> ", ps->frames[k].name);
        if (w > 0) used += (size_t)w;
    }
    if (used < sizeof chain) snprintf(chain + used, sizeof chain - used, "%s", again);
    scn_error(ps, &ps->frames[j].include_tok, "include cycle: %s", chain);
}

void scn_include(scn_parser *ps, const sim_token *kw, const sim_token *path_tok, const char *path)
{
    scn_frame *cur = &ps->frames[ps->depth];
    char why[256], line[256];
    char *name, *dir, *buf = NULL;
    size_t len = 0, errors_before;
    struct stat st;
    sim_token inc;
    int j;
    (void)kw;
    cur->include_tok = *path_tok;
    inc = *path_tok; /* path_tok dies when the included file is parsed */
    if (ps->depth >= SCN_MAX_INCLUDE_DEPTH) {
        scn_error(ps, &inc, "includes nested too deeply (more than %d levels)", SCN_MAX_INCLUDE_DEPTH);
        return;
    }
    name = sim_path_join(cur->dir, path);
    if (!name) {
        scn_error(ps, &inc, "out of memory");
        return;
    }
    if (stat(name, &st) != 0) {
        scn_error(ps, &inc, "cannot open include '%s': %s", name, strerror(errno));
        free(name);
        return;
    }
    for (j = 0; j <= ps->depth; j++) {
        if (ps->frames[j].has_id && ps->frames[j].dev == (unsigned long long)st.st_dev &&
            ps->frames[j].ino == (unsigned long long)st.st_ino) {
            report_cycle(ps, j, name);
            free(name);
            return;
        }
    }
    if (++ps->n_includes > SCN_MAX_INCLUDES) {
        scn_error(ps, &inc, "more than %d includes in one scenario (files that include "
                  "each other many times over?)", SCN_MAX_INCLUDES);
        ps->stop = 1;
        free(name);
        return;
    }
    dir = dir_of(name);
    if (!dir || read_file(name, SIM_INPUT_REGULAR_ONLY, &buf, &len, why, sizeof why) != 0) {
        scn_error(ps, &inc, "cannot open include '%s': %s", name, dir ? why : "out of memory");
        free(dir);
        free(name);
        return;
    }
    ps->bytes_read += len;
    if (ps->bytes_read > SCN_MAX_TOTAL_BYTES) {
        scn_error(ps, &inc, "the scenario and its includes are larger than %d MiB in all",
                  SCN_MAX_TOTAL_BYTES / (1024 * 1024));
        ps->stop = 1;
        free(buf);
        free(dir);
        free(name);
        return;
    }
    if (scn_add_input(ps->s, name) != 0) scn_error(ps, &inc, "out of memory");
    set_frame(&ps->frames[++ps->depth], name, dir, &st);
    errors_before = scn_errors(ps);
    parse_buffer(ps, name, buf, len);
    ps->depth--;
    if (scn_errors(ps) > errors_before && !ps->stop) {
        scn_source_line(&inc, line, sizeof line);
        sim_diag_add(ps->diags, SIM_SEV_NOTE, inc.file, inc.line, inc.col, line,
                     "in the file included from here");
    }
    free(buf);
    free(dir);
    free(name);
}

/* --- --set ------------------------------------------------------------------ */

static int check_set_shapes(scn_parser *ps)
{
    size_t i;
    int bad = 0;
    for (i = 0; i < ps->opt->n_sets; i++) {
        const char *eq = strchr(ps->opt->sets[i], '=');
        if (!eq || eq == ps->opt->sets[i]) {
            scn_error(ps, NULL, "bad --set '%s': expected NAME=VALUE or MODEL.PARAM=VALUE",
                      ps->opt->sets[i]);
            bad = 1;
        }
    }
    return bad ? -1 : 0;
}

static void apply_model_set(scn_parser *ps, const char *set, const char *eq)
{
    const char *dot = memchr(set, '.', (size_t)(eq - set));
    char member[128], why[512];
    const sim_param_def *def;
    sim_value v;
    size_t before = scn_errors(ps);
    int model = scn_find_model(ps->s, set, (size_t)(dot - set)), param = -1;
    if (model < 0) {
        scn_unknown_model(ps, NULL, set, (size_t)(dot - set));
    } else {
        snprintf(member, sizeof member, "%.*s", (int)(eq - dot - 1), dot + 1);
        param = scn_find_param_index(ps, NULL, model, member);
    }
    if (param >= 0) {
        def = &ps->s->models[model]->params[param];
        snprintf(member, sizeof member, "%s.%s", ps->s->models[model]->name, def->name);
        if (scn_value_checked(eq + 1, def->type, def->enum_names, def->min, def->max, member, &v,
                              why, sizeof why) != 0)
            scn_error(ps, NULL, "--set %s: %s", set, why);
        else
            scn_add_setting(ps, NULL, model, param, v);
    }
    if (scn_errors(ps) > before && !ps->stop)
        sim_diag_add(ps->diags, SIM_SEV_NOTE, "", 0, 0, NULL, "in --set %s", set);
}

/* Typed values from a product layer (scn_options.overrides), in order. */
static void apply_overrides(scn_parser *ps)
{
    size_t i;
    for (i = 0; i < ps->opt->n_overrides && !ps->stop; i++) {
        const scn_override *o = &ps->opt->overrides[i];
        assert(o->model >= 0 && (size_t)o->model < ps->s->n_models);
        assert(o->param >= 0 && (size_t)o->param < ps->s->models[o->model]->n_params);
        scn_set_typed(ps, NULL, o->model, o->param, o->v, o->origin);
    }
}

static void apply_sets(scn_parser *ps)
{
    size_t i;
    apply_overrides(ps);
    for (i = 0; i < ps->opt->n_sets && !ps->stop; i++) {
        const char *set = ps->opt->sets[i], *eq = strchr(set, '=');
        char name[128], dym[200];
        if (memchr(set, '.', (size_t)(eq - set))) {
            apply_model_set(ps, set, eq);
            continue;
        }
        if (ps->set_used[i]) continue;
        snprintf(name, sizeof name, "%.*s", (int)(eq - set), set);
        if (scn_param_did_you_mean(ps, name, dym, sizeof dym, NULL, NULL)[0])
            scn_error(ps, NULL, "unknown parameter '%s' in --set %s%s", name, set, dym);
        else if (ps->n_params == 0)
            scn_error(ps, NULL, "unknown parameter '%s' in --set %s: the scenario declares no param",
                      name, set);
        else
            scn_error(ps, NULL, "unknown parameter '%s' in --set %s: no such param", name, set);
    }
}

/* --- loading ------------------------------------------------------------------ */

void scn_free(scn_scenario *s)
{
    size_t i;
    if (!s) return;
    for (i = 0; i < s->n_pool; i++) free(s->pool[i]);
    free(s->pool);
    for (i = 0; i < s->n_shared; i++) {
        free(s->shared[i].key);
        sim_shared_unref(s->shared[i].block);
    }
    free(s->shared);
    free(s->models);
    free(s->title);
    free(s->about);
    free(s->settings);
    free(s->items);
    free(s->expects);
    free(s->whens);
    free(s->inputs);
    free(s);
}

static scn_scenario *scenario_new(const scn_options *opt)
{
    scn_scenario *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->seed = 1;
    s->end_ns = -1;
    s->n_models = opt->n_models;
    s->models = calloc(opt->n_models ? opt->n_models : 1, sizeof *s->models);
    s->title = sim_strdup("");
    s->about = sim_strdup("");
    if (!s->models || !s->title || !s->about) {
        scn_free(s);
        return NULL;
    }
    if (opt->n_models) memcpy(s->models, opt->models, opt->n_models * sizeof *s->models);
    return s;
}

static void parser_free(scn_parser *ps)
{
    size_t i;
    for (i = 0; i < ps->n_params; i++) {
        free(ps->params[i].name);
        free(ps->params[i].value);
    }
    free(ps->params);
    free(ps->set_used);
    free(ps->toks);
}

int64_t scn_shared_get(scn_parser *ps, const sim_token *t, const char *kind, const char *text)
{
    scn_scenario *s = ps->s;
    const char *dir = ps->frames[ps->depth].dir ? ps->frames[ps->depth].dir : "";
    size_t need = strlen(kind) + strlen(dir) + strlen(text) + 3;
    char *key = malloc(need), why[512];
    if (!key) return scn_error(ps, t, "out of memory");
    snprintf(key, need, "%s\n%s\n%s", kind, dir, text);
    for (size_t i = 0; i < s->n_shared; i++) {
        if (strcmp(s->shared[i].key, key) == 0) {
            free(key);
            return (int64_t)i;
        }
    }
    why[0] = '\0';
    sim_shared *block = NULL;
    if (!ps->opt->load_shared)
        snprintf(why, sizeof why, "cannot load %s '%s': no loader for %s data here", kind, text,
                 kind);
    else
        block = ps->opt->load_shared(ps->opt->load_shared_user, kind, text, dir, why, sizeof why);
    if (!block || sim_grow((void **)&s->shared, &s->cap_shared, s->n_shared + 1,
                           sizeof *s->shared) != 0) {
        free(key);
        sim_shared_unref(block);
        return scn_error(ps, t, "%s", why[0] ? why : "out of memory");
    }
    s->shared[s->n_shared].key = key;
    s->shared[s->n_shared].block = block;
    return (int64_t)s->n_shared++;
}

/* Parses the top file (text NUL-terminated at len) and applies --set.
 * Includes resolve against name's directory, or the current directory when
 * st is NULL (text from memory). */
static int load_root(const char *name, const char *text, size_t len, const struct stat *st,
                     const scn_options *opt, scn_scenario **out, sim_diag_list *diags)
{
    scn_parser ps;
    char *dir = st ? dir_of(name) : sim_strdup("");
    int rc = -1;
    memset(&ps, 0, sizeof ps);
    ps.opt = opt;
    ps.diags = diags;
    ps.base_errors = diags->n_errors;
    ps.s = scenario_new(opt);
    ps.set_used = calloc(opt->n_sets ? opt->n_sets : 1, 1);
    if (!ps.s || !ps.set_used || !dir) {
        sim_diag_add(diags, SIM_SEV_ERROR, name, 0, 0, NULL, "out of memory");
    } else if (st && scn_add_input(ps.s, name) != 0) {
        sim_diag_add(diags, SIM_SEV_ERROR, name, 0, 0, NULL, "out of memory");
    } else if (check_set_shapes(&ps) == 0) {
        set_frame(&ps.frames[0], name, dir, st);
        parse_buffer(&ps, name, text, len);
        if (scn_errors(&ps) == 0 && ps.n_statements == 0) {
            sim_token t;
            memset(&t, 0, sizeof t);
            t.file = name;
            t.line = 1;
            t.col = 1;
            t.line_start = text;
            t.text = text;
            scn_error(&ps, &t, "empty scenario: no statements");
        }
        if (!ps.stop) apply_sets(&ps);
        rc = scn_errors(&ps) == 0 ? 0 : -1;
    }
    parser_free(&ps);
    free(dir);
    if (rc != 0) {
        scn_free(ps.s);
        ps.s = NULL;
    }
    *out = ps.s;
    return rc;
}

int scn_load(const char *path, const scn_options *opt, scn_scenario **out, sim_diag_list *diags)
{
    char why[256];
    char *buf = NULL;
    size_t len = 0;
    struct stat st;
    int rc;
    *out = NULL;
    if (stat(path, &st) != 0) {
        sim_diag_add(diags, SIM_SEV_ERROR, path, 0, 0, NULL, "cannot open: %s", strerror(errno));
        return -1;
    }
    if (read_file(path, SIM_INPUT_ANY, &buf, &len, why, sizeof why) != 0) {
        sim_diag_add(diags, SIM_SEV_ERROR, path, 0, 0, NULL, "cannot read: %s", why);
        return -1;
    }
    rc = load_root(path, buf, len, &st, opt, out, diags);
    free(buf);
    return rc;
}

int scn_load_text(const char *name, const char *text, size_t len, const scn_options *opt,
                  scn_scenario **out, sim_diag_list *diags)
{
    char *buf = malloc(len + 1);
    int rc;
    *out = NULL;
    if (!buf) {
        sim_diag_add(diags, SIM_SEV_ERROR, name, 0, 0, NULL, "out of memory");
        return -1;
    }
    if (len) memcpy(buf, text, len);
    buf[len] = '\0';
    rc = load_root(name, buf, len, NULL, opt, out, diags);
    free(buf);
    return rc;
}

const char *scn_title(const scn_scenario *s) { return s->title; }
const char *scn_about(const scn_scenario *s) { return s->about; }
uint64_t scn_seed(const scn_scenario *s) { return s->seed; }
int64_t scn_end_ns(const scn_scenario *s) { return s->end_ns; }

/* --- instantiate ------------------------------------------------------------ */

static int fail_build(sim_diag_list *diags, const char *what)
{
    sim_diag_add(diags, SIM_SEV_ERROR, "", 0, 0, NULL, "cannot build the simulation: %s", what);
    return -1;
}

/* Interned id of pool string k (interned on first use); negative on error. */
static int64_t intern(const scn_scenario *s, sim_engine *eng, int64_t *ids, int64_t k)
{
    if (k < 0 || (size_t)k >= s->n_pool) return SIM_EINVAL;
    if (ids[k] < 0) ids[k] = sim_engine_intern(eng, s->pool[k]);
    return ids[k];
}

/* Replaces the pool indices marked in mask by interned string ids.  0 or -1. */
static int intern_payload(const scn_scenario *s, sim_engine *eng, int64_t *ids, uint32_t mask,
                          sim_payload *p)
{
    for (int w = 0; w < SIM_PAYLOAD_WORDS; w++) {
        if (!(mask & (1u << w))) continue;
        p->w[w] = intern(s, eng, ids, p->w[w]);
        if (p->w[w] < 0) return -1;
    }
    return 0;
}

/* The scenario's `when`s with their strings interned; *out is malloc'd
 * (NULL when there are none).  0 or -1. */
static int intern_whens(const scn_scenario *s, sim_engine *eng, int64_t *ids, sim_when_def **out)
{
    *out = NULL;
    if (s->n_whens == 0) return 0;
    sim_when_def *w = malloc(s->n_whens * sizeof *w);
    if (!w) return -1;
    for (size_t i = 0; i < s->n_whens; i++) {
        w[i] = s->whens[i].def;
        if ((w[i].say >= 0 && (w[i].say = intern(s, eng, ids, w[i].say)) < 0) ||
            intern_payload(s, eng, ids, s->whens[i].str_mask, &w[i].action) != 0) {
            free(w);
            return -1;
        }
    }
    *out = w;
    return 0;
}

static int schedule_items(const scn_scenario *s, sim_engine *eng, int director, int64_t *ids,
                          sim_diag_list *diags)
{
    size_t i;
    for (i = 0; i < s->n_items; i++) {
        const scn_item *it = &s->items[i];
        sim_payload p = it->p;
        int dir = it->target == SCN_TARGET_DIRECTOR;
        if (intern_payload(s, eng, ids, it->str_mask, &p) != 0)
            return fail_build(diags, "cannot intern a string");
        if (sim_engine_schedule_at(eng, it->t_ns, dir ? SIM_PRIO_NARRATION : SIM_PRIO_NORMAL,
                                   dir ? director : it->target, it->kind, &p) == 0)
            return fail_build(diags, sim_engine_error(eng));
    }
    return 0;
}

static int build(const scn_scenario *s, sim_engine *eng, int *director, sim_diag_list *diags)
{
    int64_t *ids;
    size_t i;
    int rc;
    for (i = 0; i < s->n_models; i++)
        if (sim_engine_add_model(eng, s->models[i], 0) != (int)i)
            return fail_build(diags, "cannot add a model");
    for (i = 0; i < s->n_settings; i++) {
        sim_value v = s->settings[i].v;
        if (s->settings[i].str >= 0) v.s = s->pool[s->settings[i].str];
        sim_engine_set_param(eng, s->settings[i].model, s->settings[i].param, v);
    }
    for (i = 0; i < s->n_shared; i++) /* engine index i = scenario index i */
        if (sim_engine_add_shared(eng, s->shared[i].block) != (int64_t)i)
            return fail_build(diags, "out of memory");
    ids = malloc((s->n_pool ? s->n_pool : 1) * sizeof *ids);
    if (!ids) return fail_build(diags, "out of memory");
    for (i = 0; i < s->n_pool; i++) ids[i] = -1;
    sim_when_def *whens = NULL;
    if (intern_whens(s, eng, ids, &whens) != 0) {
        free(ids);
        return fail_build(diags, "cannot intern a string");
    }
    *director = sim_director_add(eng, s->expects, s->n_expects, whens, s->n_whens);
    free(whens);
    if (*director < 0) {
        free(ids);
        return fail_build(diags, "cannot add the scenario director");
    }
    rc = schedule_items(s, eng, *director, ids, diags);
    free(ids);
    if (rc != 0) return rc;
    if (sim_engine_start(eng) < 0) return fail_build(diags, sim_engine_error(eng));
    return 0;
}

int scn_instantiate(const scn_scenario *s, const uint64_t *seed_override, sim_engine **eng,
                    int *director, sim_diag_list *diags)
{
    sim_engine *e = sim_engine_new(seed_override ? *seed_override : s->seed);
    *eng = NULL;
    if (!e) return fail_build(diags, "out of memory");
    if (build(s, e, director, diags) != 0) {
        sim_engine_free(e);
        return -1;
    }
    *eng = e;
    return 0;
}
