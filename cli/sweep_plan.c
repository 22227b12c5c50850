/* sweep_plan.c: run command lines, shell quoting and the manifest (see
 * sweep_plan.h). */
#include "sweep_plan.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "json_read.h"

static void free_strings(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++) free(v[i]);
    free(v);
}

void sweep_plan_free(sweep_plan *p)
{
    free(p->scenario);
    sweep_spec_free(&p->spec);
    free_strings(p->sets, p->n_sets);
    free(p->until);
    free_strings(p->metrics, p->n_metrics);
    memset(p, 0, sizeof *p);
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d) memcpy(d, s, n);
    return d;
}

int sweep_plan_take_metrics(sweep_plan *p, const sim_engine *eng)
{
    size_t n = 0;
    for (int m = 0; m < sim_engine_model_count(eng); m++) n += sim_engine_model_ops(eng, m)->n_metrics;
    p->metrics = calloc(n ? n : 1, sizeof *p->metrics);
    if (!p->metrics) return -1;
    for (int m = 0; m < sim_engine_model_count(eng); m++) {
        const sim_model_ops *ops = sim_engine_model_ops(eng, m);
        for (size_t k = 0; k < ops->n_metrics; k++) {
            size_t len = strlen(ops->name) + strlen(ops->metrics[k].name) + 2;
            char *name = malloc(len);
            if (!name) return -1;
            snprintf(name, len, "%s.%s", ops->name, ops->metrics[k].name);
            p->metrics[p->n_metrics++] = name;
        }
    }
    return 0;
}

void sweep_result_name(const sweep_plan *p, size_t r, char *buf, size_t cap)
{
    int width = 4;
    for (size_t n = sweep_runs(&p->spec); n >= 10000; n /= 10) width++;
    snprintf(buf, cap, "run-%0*zu.json", width, r + 1);
}

size_t sweep_argv_count(char *const *argv)
{
    size_t n = 0;
    while (argv[n]) n++;
    return n;
}

void sweep_argv_free(char **argv)
{
    if (!argv) return;
    for (size_t i = 0; argv[i]; i++) free(argv[i]);
    free(argv);
}

/* Appends a formatted word; 0 or -1. */
static int push(char **argv, size_t *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len < 0 || !(argv[*n] = malloc((size_t)len + 1))) return -1;
    va_start(ap, fmt);
    vsnprintf(argv[*n], (size_t)len + 1, fmt, ap);
    va_end(ap);
    (*n)++;
    return 0;
}

char **sweep_run_argv(const sweep_plan *p, size_t r, const char *hvsim, const char *dir)
{
    size_t cap = 12 + 2 * (p->n_sets + p->spec.n_axes), n = 0;
    char **argv = calloc(cap, sizeof *argv);
    if (!argv) return NULL;
    size_t repeat = p->spec.repeat, point = r / repeat;
    char name[64];
    sweep_result_name(p, r, name, sizeof name);
    int rc = push(argv, &n, "%s", hvsim) | push(argv, &n, "run") |
             push(argv, &n, "%s", p->scenario) | push(argv, &n, "--seed") |
             push(argv, &n, "%" PRIu64, sweep_seed(&p->spec, point, r % repeat));
    if (p->until) rc |= push(argv, &n, "--until") | push(argv, &n, "%s", p->until);
    for (size_t i = 0; i < p->n_sets; i++) rc |= push(argv, &n, "--set") | push(argv, &n, "%s", p->sets[i]);
    for (size_t a = 0; a < p->spec.n_axes; a++)
        rc |= push(argv, &n, "--set") |
              push(argv, &n, "%s=%s", p->spec.axes[a].key, sweep_value(&p->spec, point, a));
    rc |= push(argv, &n, "--json") | push(argv, &n, "%s/%s", dir, name);
    if (rc != 0) {
        sweep_argv_free(argv);
        return NULL;
    }
    return argv;
}

/* Characters a POSIX shell leaves alone in a word. */
static int shell_safe(const char *w)
{
    if (!*w) return 0;
    for (; *w; w++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                    "_-+=.,/:@%", *w))
            return 0;
    return 1;
}

void sweep_shell_line(FILE *f, char *const *argv)
{
    for (size_t i = 0; argv[i]; i++) {
        if (i) fputc(' ', f);
        if (shell_safe(argv[i])) {
            fputs(argv[i], f);
            continue;
        }
        fputc('\'', f);
        for (const char *c = argv[i]; *c; c++) {
            if (*c == '\'') fputs("'\\''", f);
            else fputc(*c, f);
        }
        fputc('\'', f);
    }
    fputc('\n', f);
}

static void json_strings(FILE *f, char *const *v, size_t n)
{
    fputc('[', f);
    for (size_t i = 0; i < n; i++) {
        if (i) fputs(", ", f);
        cli_json_string(f, v[i]);
    }
    fputc(']', f);
}

int sweep_manifest_write(FILE *f, const sweep_plan *p)
{
    fputs("{\"format\": 1, \"scenario\": ", f);
    cli_json_string(f, p->scenario);
    fprintf(f, ",\n \"base_seed\": %" PRIu64 ", \"repeat\": %zu, \"common_seeds\": %s,\n \"until\": ",
            p->spec.base_seed, p->spec.repeat, p->spec.common_seeds ? "true" : "false");
    if (p->until) cli_json_string(f, p->until);
    else fputs("null", f);
    fputs(", \"sets\": ", f);
    json_strings(f, p->sets, p->n_sets);
    fputs(",\n \"axes\": [", f);
    for (size_t a = 0; a < p->spec.n_axes; a++) {
        fputs(a ? ",\n   {\"key\": " : "\n   {\"key\": ", f);
        cli_json_string(f, p->spec.axes[a].key);
        fputs(", \"values\": ", f);
        json_strings(f, p->spec.axes[a].values, p->spec.axes[a].n);
        fputc('}', f);
    }
    fputs("],\n \"metrics\": ", f);
    json_strings(f, p->metrics, p->n_metrics);
    fprintf(f, ",\n \"runs\": %zu}\n", sweep_runs(&p->spec));
    return ferror(f) ? -1 : 0;
}

/* Copies a JSON array of strings; 0 or -1. */
static int read_strings(const cj_value *arr, char ***out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!arr || arr->kind != CJ_ARRAY) return -1;
    *out = calloc(arr->n ? arr->n : 1, sizeof **out);
    if (!*out) return -1;
    for (size_t i = 0; i < arr->n; i++) {
        if (arr->items[i].kind != CJ_STRING || !((*out)[i] = dup_str(arr->items[i].text))) return -1;
        (*n)++;
    }
    return 0;
}

static int read_axes(const cj_value *arr, sweep_spec *s)
{
    if (!arr || arr->kind != CJ_ARRAY) return -1;
    for (size_t i = 0; i < arr->n; i++) {
        sweep_axis a = {0};
        const char *key = cj_get_string(&arr->items[i], "key");
        char why[64];
        int rc = !key || !(a.key = dup_str(key)) ||
                 read_strings(cj_get(&arr->items[i], "values"), &a.values, &a.n) != 0 || a.n == 0 ||
                 sweep_spec_add(s, &a, why, sizeof why) != 0;
        sweep_axis_free(&a);
        if (rc) return -1;
    }
    return 0;
}

static int plan_from_json(const cj_value *doc, sweep_plan *p)
{
    long long fmt, seed, repeat, runs;
    const char *scenario = cj_get_string(doc, "scenario");
    const cj_value *until = cj_get(doc, "until"), *common = cj_get(doc, "common_seeds");
    if (cj_get_int(doc, "format", &fmt) != 0 || fmt != 1 || !scenario ||
        cj_get_int(doc, "base_seed", &seed) != 0 || seed < 0 ||
        cj_get_int(doc, "repeat", &repeat) != 0 || repeat < 1 ||
        cj_get_int(doc, "runs", &runs) != 0 || !until || !common ||
        (until->kind != CJ_NULL && until->kind != CJ_STRING) ||
        (common->kind != CJ_TRUE && common->kind != CJ_FALSE))
        return -1;
    p->spec.base_seed = (uint64_t)seed;
    p->spec.repeat = (size_t)repeat;
    p->spec.common_seeds = common->kind == CJ_TRUE;
    if (!(p->scenario = dup_str(scenario))) return -1;
    if (until->kind == CJ_STRING && !(p->until = dup_str(until->text))) return -1;
    if (read_strings(cj_get(doc, "sets"), &p->sets, &p->n_sets) != 0 ||
        read_strings(cj_get(doc, "metrics"), &p->metrics, &p->n_metrics) != 0 ||
        read_axes(cj_get(doc, "axes"), &p->spec) != 0)
        return -1;
    return (size_t)runs == sweep_runs(&p->spec) ? 0 : -1;
}

int sweep_manifest_read(const char *path, sweep_plan *p, char *why, size_t why_cap)
{
    memset(p, 0, sizeof *p);
    size_t len = 0;
    char *text = cj_read_file(path, &len);
    if (!text) {
        snprintf(why, why_cap, "%s: error: cannot read: %s (a sweep's manifest is written by "
                 "hvsim sweep --jobs-file)", path, strerror(errno));
        return -1;
    }
    cj_value *doc = NULL;
    cj_error err;
    int rc = -1;
    if (cj_parse(text, len, &doc, &err) != 0)
        snprintf(why, why_cap, "%s:%d:%d: error: %s", path, err.line, err.col, err.what);
    else if (plan_from_json(doc, p) != 0)
        snprintf(why, why_cap, "%s: error: not a sweep manifest of format 1 written by hvsim "
                 "sweep --jobs-file (or out of memory)", path);
    else
        rc = 0;
    cj_free(doc);
    free(text);
    if (rc != 0) sweep_plan_free(p);
    return rc;
}
