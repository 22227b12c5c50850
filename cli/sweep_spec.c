/* sweep_spec.c: --vary parsing, range expansion with units, the cross
 * product and the seed formula (see sweep_spec.h). */
#include "sweep_spec.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "rng.h"
#include "scenario.h"
#include "units.h"

static char *dup_range(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

void sweep_axis_free(sweep_axis *a)
{
    for (size_t i = 0; i < a->n; i++) free(a->values[i]);
    free(a->values);
    free(a->key);
    memset(a, 0, sizeof *a);
}

static int add_value(sweep_axis *a, char *v, char *why, size_t cap)
{
    if (!v) return sim_why(why, cap, "out of memory");
    if (a->n == SWEEP_MAX_VALUES) {
        free(v);
        return sim_why(why, cap, "more than %d values for %s", SWEEP_MAX_VALUES, a->key);
    }
    char **vs = realloc(a->values, (a->n + 1) * sizeof *vs);
    if (!vs) {
        free(v);
        return sim_why(why, cap, "out of memory");
    }
    a->values = vs;
    a->values[a->n++] = v;
    return 0;
}

/* "V1,V2,...": each non-empty. */
static int parse_list(sweep_axis *a, const char *list, char *why, size_t cap)
{
    for (const char *p = list;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (len == 0) return sim_why(why, cap, "empty value in the list for %s", a->key);
        if (add_value(a, dup_range(p, len), why, cap) != 0) return -1;
        if (!comma) return 0;
        p = comma + 1;
    }
}

/* The parameter definition of a MODEL.PARAM key, or NULL (a scenario
 * param, or unknown: loading the scenario reports that). */
static const sim_param_def *model_param(const char *key, const sim_model_ops *const *models,
                                        size_t n_models)
{
    const char *dot = strchr(key, '.');
    if (!dot) return NULL;
    for (size_t m = 0; m < n_models; m++) {
        if (strlen(models[m]->name) != (size_t)(dot - key) ||
            strncmp(models[m]->name, key, (size_t)(dot - key)) != 0)
            continue;
        int p = sim_model_find_param(models[m], dot + 1);
        return p >= 0 ? &models[m]->params[p] : NULL;
    }
    return NULL;
}

/* The unit suffix of a quantity as written ("30s" -> "s"), or NULL. */
static const sim_unit_def *unit_of(const char *text)
{
    const char *u = text + strlen(text);
    while (u > text && !(u[-1] >= '0' && u[-1] <= '9') && u[-1] != '.') u--;
    return *u ? sim_unit_find(u, strlen(u)) : NULL;
}

/* The largest unit of `kind` dividing every value: the units written in
 * texts first, then the whole table.  NULL if none does (cannot happen for
 * a base unit of factor 1). */
static const sim_unit_def *common_unit(sim_unit_kind kind, const int64_t *v, size_t n,
                                       const char *const texts[3])
{
    const sim_unit_def *best = NULL;
    for (int pass = 0; pass < 2 && !best; pass++) {
        size_t n_units;
        const sim_unit_def *table = sim_units_table(&n_units);
        size_t n_cand = pass == 0 ? 3 : n_units;
        for (size_t c = 0; c < n_cand; c++) {
            const sim_unit_def *u = pass == 0 ? unit_of(texts[c]) : &table[c];
            if (!u || u->kind != kind || (best && u->factor <= best->factor)) continue;
            size_t i = 0;
            while (i < n && v[i] % u->factor == 0) i++;
            if (i == n) best = u;
        }
    }
    return best;
}

typedef enum range_kind { RANGE_COUNT, RANGE_DURATION, RANGE_BYTES, RANGE_RATIO } range_kind;

static const sim_type range_types[] = {SIM_T_COUNT, SIM_T_DURATION, SIM_T_BYTES, SIM_T_RATIO};

/* Reads LO, HI and STEP as type t; 0 or -1 (why set). */
static int read_three(const char *const texts[3], sim_type t, sim_value v[3], char *why, size_t cap)
{
    static const char *const names[3] = {"start", "end", "step"};
    for (int i = 0; i < 3; i++) {
        char reason[200] = "";
        if (scn_parse_value(texts[i], t, NULL, &v[i], reason, sizeof reason) != 0)
            return sim_why(why, cap, "bad %s '%s' of the range: %s", names[i], texts[i], reason);
    }
    return 0;
}

static int expand_int(sweep_axis *a, range_kind k, const sim_value v[3], const char *const texts[3],
                      char *why, size_t cap)
{
    int64_t lo = v[0].i, hi = v[1].i, step = v[2].i;
    if (step <= 0) return sim_why(why, cap, "the step of a range must be above zero");
    if (hi < lo) return sim_why(why, cap, "the range ends (%s) before it starts (%s)", texts[1], texts[0]);
    uint64_t n = (uint64_t)(hi - lo) / (uint64_t)step + 1;
    if (n > SWEEP_MAX_VALUES)
        return sim_why(why, cap, "the range has %llu values, more than %d", (unsigned long long)n,
                       SWEEP_MAX_VALUES);
    int64_t *vals = malloc(n * sizeof *vals);
    if (!vals) return sim_why(why, cap, "out of memory");
    for (uint64_t i = 0; i < n; i++) vals[i] = lo + (int64_t)i * step;
    const sim_unit_def *u = NULL;
    if (k != RANGE_COUNT)
        u = common_unit(k == RANGE_DURATION ? SIM_UNIT_DURATION : SIM_UNIT_SIZE, vals, n, texts);
    int rc = 0;
    for (uint64_t i = 0; i < n && rc == 0; i++) {
        char buf[64];
        if (u) snprintf(buf, sizeof buf, "%lld%s", (long long)(vals[i] / u->factor), u->name);
        else snprintf(buf, sizeof buf, "%lld", (long long)vals[i]);
        rc = add_value(a, dup_range(buf, strlen(buf)), why, cap);
    }
    free(vals);
    return rc;
}

static int expand_ratio(sweep_axis *a, const sim_value v[3], const char *const texts[3], char *why,
                        size_t cap)
{
    double lo = v[0].r, hi = v[1].r, step = v[2].r;
    if (!(step > 0)) return sim_why(why, cap, "the step of a range must be above zero");
    if (hi < lo) return sim_why(why, cap, "the range ends (%s) before it starts (%s)", texts[1], texts[0]);
    double span = floor((hi - lo) / step + 1e-9);
    if (span + 1 > SWEEP_MAX_VALUES)
        return sim_why(why, cap, "the range has more than %d values", SWEEP_MAX_VALUES);
    int percent = texts[0][strlen(texts[0]) - 1] == '%';
    for (long i = 0; i <= (long)span; i++) {
        double x = lo + (double)i * step;
        char buf[64];
        /* %.10g drops the float noise of lo + i * step (0.30000000000000004). */
        if (percent) snprintf(buf, sizeof buf, "%.10g%%", x * 100);
        else snprintf(buf, sizeof buf, "%.10g", x);
        if (add_value(a, dup_range(buf, strlen(buf)), why, cap) != 0) return -1;
    }
    return 0;
}

/* "LO..HI:STEP". */
static int parse_range(sweep_axis *a, const char *spec, const char *dots,
                       const sim_model_ops *const *models, size_t n_models, char *why, size_t cap)
{
    const char *colon = strrchr(dots, ':');
    if (!colon) return sim_why(why, cap, "a range needs a step: %s=LO..HI:STEP", a->key);
    char lo[128], hi[128], step[128];
    if ((size_t)(dots - spec) >= sizeof lo || (size_t)(colon - dots) >= sizeof hi ||
        strlen(colon + 1) >= sizeof step)
        return sim_why(why, cap, "the range is too long");
    snprintf(lo, sizeof lo, "%.*s", (int)(dots - spec), spec);
    snprintf(hi, sizeof hi, "%.*s", (int)(colon - dots - 2), dots + 2);
    snprintf(step, sizeof step, "%s", colon + 1);
    const char *const texts[3] = {lo, hi, step};
    sim_value v[3];
    const sim_param_def *def = model_param(a->key, models, n_models);
    int kind = -1;
    if (def) {
        for (int k = 0; k < 4; k++)
            if (range_types[k] == def->type) kind = k;
        if (kind < 0)
            return sim_why(why, cap, "%s is %s: a range needs a number; list the values instead "
                           "(%s=A,B,...)", a->key, sim_type_name(def->type), a->key);
        if (read_three(texts, def->type, v, why, cap) != 0) return -1;
    } else {
        for (int k = 0; k < 4 && kind < 0; k++)
            if (read_three(texts, range_types[k], v, why, cap) == 0) kind = k;
        if (kind < 0)
            return sim_why(why, cap, "cannot read %s..%s:%s as counts, durations, sizes or ratios "
                           "of the same kind", lo, hi, step);
    }
    if (kind == RANGE_RATIO) return expand_ratio(a, v, texts, why, cap);
    return expand_int(a, (range_kind)kind, v, texts, why, cap);
}

int sweep_axis_parse(const char *text, const sim_model_ops *const *models, size_t n_models,
                     sweep_axis *out, char *why, size_t why_cap)
{
    memset(out, 0, sizeof *out);
    const char *eq = strchr(text, '=');
    if (!eq || eq == text)
        return sim_why(why, why_cap, "'%s' is not KEY=V1,V2,... or KEY=LO..HI:STEP", text);
    if (eq[1] == '\0') return sim_why(why, why_cap, "no values after '%.*s='", (int)(eq - text), text);
    out->key = dup_range(text, (size_t)(eq - text));
    if (!out->key) return sim_why(why, why_cap, "out of memory");
    const char *spec = eq + 1, *dots = strstr(spec, "..");
    int rc = dots ? parse_range(out, spec, dots, models, n_models, why, why_cap)
                  : parse_list(out, spec, why, why_cap);
    if (rc != 0) sweep_axis_free(out);
    return rc;
}

int sweep_spec_add(sweep_spec *s, sweep_axis *a, char *why, size_t why_cap)
{
    for (size_t i = 0; i < s->n_axes; i++)
        if (strcmp(s->axes[i].key, a->key) == 0)
            return sim_why(why, why_cap, "%s is varied twice; give all its values in one --vary",
                           a->key);
    sweep_axis *axes = realloc(s->axes, (s->n_axes + 1) * sizeof *axes);
    if (!axes) return sim_why(why, why_cap, "out of memory");
    s->axes = axes;
    s->axes[s->n_axes++] = *a;
    memset(a, 0, sizeof *a);
    return 0;
}

void sweep_spec_free(sweep_spec *s)
{
    for (size_t i = 0; i < s->n_axes; i++) sweep_axis_free(&s->axes[i]);
    free(s->axes);
    s->axes = NULL;
    s->n_axes = 0;
}

size_t sweep_points(const sweep_spec *s)
{
    size_t n = 1;
    for (size_t i = 0; i < s->n_axes; i++) n *= s->axes[i].n;
    return n;
}

size_t sweep_runs(const sweep_spec *s)
{
    return sweep_points(s) * (s->repeat ? s->repeat : 1);
}

const char *sweep_value(const sweep_spec *s, size_t point, size_t axis)
{
    /* The last axis varies fastest: peel indices off from the end. */
    for (size_t i = s->n_axes; i-- > axis + 1;) point /= s->axes[i].n;
    return s->axes[axis].values[point % s->axes[axis].n];
}

static uint64_t mix(uint64_t x)
{
    return sim_splitmix64(&x);
}

uint64_t sweep_seed(const sweep_spec *s, size_t point, size_t repetition)
{
    uint64_t p = s->common_seeds ? 0 : (uint64_t)point;
    return mix(mix(mix(s->base_seed) ^ p) ^ (uint64_t)repetition) & (uint64_t)INT64_MAX;
}
