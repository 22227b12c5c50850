/* summary.c: the end-of-run report (see summary.h).  Values are formatted
 * with sim_value_format; in the full table the metric's unit follows when
 * the formatted value does not already carry one (counts and ratios). */
#include "summary.h"

#include <inttypes.h>
#include <string.h>

#include "common.h"
#include "director.h"

static int unit_is_implicit(sim_type t)
{
    return t == SIM_T_BYTES || t == SIM_T_DURATION || t == SIM_T_ENUM || t == SIM_T_BOOL ||
           t == SIM_T_ADDRESS || t == SIM_T_VERSION;
}

static void print_header(FILE *f, const cli_run_result *r)
{
    char when[64];
    fprintf(f, "scenario:         %s (seed %" PRIu64 ")\n", r->path, sim_engine_seed(r->eng));
    if (scn_title(r->s)[0]) fprintf(f, "title:            %s\n", scn_title(r->s));
    fprintf(f, "simulated time:   %s\n", cli_format_time(sim_engine_now(r->eng), when, sizeof when));
    fprintf(f, "events processed: %" PRIu64 "\n", sim_engine_events_processed(r->eng));
}

/* --- the story ------------------------------------------------------------ */

static int time_width(const cli_story *st)
{
    int w = 3;
    char when[64];
    for (size_t i = 0; i < st->n; i++) {
        int n = (int)strlen(cli_format_time(st->lines[i].t_ns, when, sizeof when));
        if (n > w) w = n;
    }
    return w;
}

static void print_story(FILE *f, const cli_run_result *r, int width)
{
    const cli_story *st = r->story;
    if (!st || st->n == 0) return;
    int tw = time_width(st);
    char when[64];
    fputs("\nstory:\n", f);
    for (size_t i = 0; i < st->n; i++) {
        fprintf(f, "  %*s  ", tw, cli_format_time(st->lines[i].t_ns, when, sizeof when));
        cli_wrap(f, st->lines[i].text, tw + 4, tw + 4, width);
    }
}

/* --- side by side ---------------------------------------------------------
 * Metrics that several models share by name (state, prompt_latency,
 * host_bytes ...) are printed as one row per name and one column per model,
 * so machines started in the same run can be compared at a glance.  Works
 * from the tables alone: a new model with the same metric names joins in. */

#define SIDE_MAX_COLS 8
#define SIDE_MAX_ROWS 16
#define SIDE_COL_W 14

typedef struct side_table {
    const char *names[SIDE_MAX_ROWS];
    int rows;
    int cols[SIDE_MAX_COLS];
    int n_cols;
} side_table;

static int count_models_with(const sim_engine *eng, const char *metric)
{
    int n = 0;
    for (int m = 0; m < sim_engine_model_count(eng); m++)
        n += sim_model_find_metric(sim_engine_model_ops(eng, m), metric) >= 0;
    return n;
}

/* Rows: names shared by 2+ models, in first-seen order; columns: the
 * models that have at least one of them. */
static void side_table_build(side_table *t, const sim_engine *eng)
{
    memset(t, 0, sizeof *t);
    for (int m = 0; m < sim_engine_model_count(eng); m++) {
        const sim_model_ops *ops = sim_engine_model_ops(eng, m);
        for (size_t k = 0; k < ops->n_metrics && t->rows < SIDE_MAX_ROWS; k++) {
            const char *name = ops->metrics[k].name;
            int seen = 0;
            for (int i = 0; i < t->rows; i++) seen |= strcmp(t->names[i], name) == 0;
            if (!seen && count_models_with(eng, name) >= 2) t->names[t->rows++] = name;
        }
    }
    for (int m = 0; m < sim_engine_model_count(eng) && t->n_cols < SIDE_MAX_COLS; m++) {
        int shares = 0;
        for (int r = 0; r < t->rows; r++)
            shares |= sim_model_find_metric(sim_engine_model_ops(eng, m), t->names[r]) >= 0;
        if (shares) t->cols[t->n_cols++] = m;
    }
}

/* 1 if metric `name` of model m is shown in the table. */
static int side_table_shows(const side_table *t, int m, const char *name)
{
    int col = 0, row = 0;
    for (int c = 0; c < t->n_cols; c++) col |= t->cols[c] == m;
    for (int r = 0; r < t->rows; r++) row |= strcmp(t->names[r], name) == 0;
    return col && row;
}

static void print_side_by_side(FILE *f, const sim_engine *eng, const side_table *t)
{
    if (t->rows == 0) return;
    fputs("\nside by side:\n  ", f);
    fprintf(f, "%-18s", "");
    for (int c = 0; c < t->n_cols; c++)
        fprintf(f, "%-*s", c + 1 < t->n_cols ? SIDE_COL_W : 0,
                sim_engine_model_ops(eng, t->cols[c])->name);
    fputc('\n', f);
    for (int r = 0; r < t->rows; r++) {
        fprintf(f, "  %-18s", t->names[r]);
        for (int c = 0; c < t->n_cols; c++) {
            const sim_model_ops *ops = sim_engine_model_ops(eng, t->cols[c]);
            int k = sim_model_find_metric(ops, t->names[r]);
            char val[64] = "-";
            if (k >= 0)
                sim_value_format(ops->metrics[k].type, sim_engine_metric(eng, t->cols[c], k),
                                 ops->metrics[k].enum_names, val, sizeof val);
            fprintf(f, "%-*s", c + 1 < t->n_cols ? SIDE_COL_W : 0, val);
        }
        fputc('\n', f);
    }
}

/* --- metrics --------------------------------------------------------------- */

/* 1 if text names "model.metric" as a whole word. */
static int text_names(const char *text, const char *model, const char *metric)
{
    size_t lm = strlen(model), lk = strlen(metric);
    for (const char *p = strstr(text, model); p; p = strstr(p + 1, model)) {
        int starts = p == text || !(p[-1] == '_' || p[-1] == '.' ||
                                    (p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= '0' && p[-1] <= '9'));
        if (!starts || p[lm] != '.' || strncmp(p + lm + 1, metric, lk) != 0) continue;
        char after = p[lm + 1 + lk];
        if (!(after == '_' || (after >= 'a' && after <= 'z') || (after >= '0' && after <= '9')))
            return 1;
    }
    return 0;
}

/* 1 if an expectation, a `when` or a narration line names metric k of m. */
static int metric_is_named(const cli_run_result *r, int m, int k)
{
    size_t n = sim_director_count(r->eng, r->director);
    for (size_t i = 0; i < n; i++) {
        const sim_expect_def *d = sim_director_def(r->eng, r->director, i);
        if (d->model == m && d->metric == k) return 1;
    }
    size_t n_when = sim_director_when_count(r->eng, r->director);
    for (size_t i = 0; i < n_when; i++) {
        const sim_when_def *w = sim_director_when(r->eng, r->director, i);
        if (w->model == m && w->metric == k) return 1;
    }
    const sim_model_ops *ops = sim_engine_model_ops(r->eng, m);
    for (size_t i = 0; r->story && i < r->story->n; i++)
        if (text_names(r->story->lines[i].text, ops->name, ops->metrics[k].name)) return 1;
    return 0;
}

static int metric_count(const sim_engine *eng)
{
    int n = 0;
    for (int m = 0; m < sim_engine_model_count(eng); m++)
        n += (int)sim_engine_model_ops(eng, m)->n_metrics;
    return n;
}

static int name_width(const sim_engine *eng)
{
    int w = 0;
    for (int m = 0; m < sim_engine_model_count(eng); m++) {
        const sim_model_ops *ops = sim_engine_model_ops(eng, m);
        for (size_t k = 0; k < ops->n_metrics; k++) {
            int n = (int)(strlen(ops->name) + 1 + strlen(ops->metrics[k].name));
            if (n > w) w = n;
        }
    }
    return w;
}

/* Every metric, one a line, with its unit. */
static void print_all_metrics(FILE *f, const sim_engine *eng)
{
    int w = name_width(eng);
    fputs("\nmetrics at end (all):\n", f);
    for (int m = 0; m < sim_engine_model_count(eng); m++) {
        const sim_model_ops *ops = sim_engine_model_ops(eng, m);
        for (size_t k = 0; k < ops->n_metrics; k++) {
            const sim_metric_def *d = &ops->metrics[k];
            char name[256], val[128];
            sim_value v = sim_engine_metric(eng, m, (int)k);
            snprintf(name, sizeof name, "%s.%s", ops->name, d->name);
            sim_value_format(d->type, v, d->enum_names, val, sizeof val);
            int with_unit = !unit_is_implicit(d->type) && d->unit && d->unit[0] &&
                            !sim_value_is_never(d->type, v);
            fprintf(f, "  %-*s  %s%s%s\n", w, name, val, with_unit ? " " : "",
                    with_unit ? d->unit : "");
        }
    }
}

static int model_name_width(const sim_engine *eng)
{
    int w = 0;
    for (int m = 0; m < sim_engine_model_count(eng); m++) {
        int n = (int)strlen(sim_engine_model_ops(eng, m)->name);
        if (n > w) w = n;
    }
    return w;
}

/* The metrics worth reading, one line per model ("name value, name value"),
 * wrapped to the width. */
static void print_story_metrics(FILE *f, const cli_run_result *r, const side_table *t, int width)
{
    const sim_engine *eng = r->eng;
    int mw = model_name_width(eng), header = 0;
    for (int m = 0; m < sim_engine_model_count(eng); m++) {
        const sim_model_ops *ops = sim_engine_model_ops(eng, m);
        char line[4096];
        size_t used = 0;
        line[0] = '\0';
        for (size_t k = 0; k < ops->n_metrics; k++) {
            const sim_metric_def *d = &ops->metrics[k];
            if (side_table_shows(t, m, d->name)) continue;
            if (!cli_baseline_changed(r->baseline, eng, m, (int)k) && !metric_is_named(r, m, (int)k))
                continue;
            char val[128];
            sim_value v = sim_engine_metric(eng, m, (int)k);
            sim_value_format(d->type, v, d->enum_names, val, sizeof val);
            int with_unit = !unit_is_implicit(d->type) && d->unit && d->unit[0] &&
                            !sim_value_is_never(d->type, v);
            int n = snprintf(line + used, sizeof line - used, "%s%s %s%s%s", used ? ", " : "",
                             d->name, val, with_unit ? " " : "", with_unit ? d->unit : "");
            if (n > 0 && (size_t)n < sizeof line - used) used += (size_t)n;
        }
        if (used == 0) continue;
        if (!header) {
            fprintf(f, "\nmetrics at end (those that changed or are named; %d: --all-metrics):\n",
                    metric_count(eng));
            header = 1;
        }
        fprintf(f, "  %-*s  ", mw, ops->name);
        cli_wrap(f, line, mw + 4, mw + 4, width);
    }
}

/* --- expectations --------------------------------------------------------- */

static void format_observed(const sim_engine *eng, const sim_expect_def *d,
                            const sim_expect_result *r, char *buf, size_t cap)
{
    const sim_metric_def *md = &sim_engine_model_ops(eng, d->model)->metrics[d->metric];
    char val[128];
    if (!r->evaluated) {
        snprintf(buf, cap, "  (not checked: the run stopped first)");
        return;
    }
    sim_value_format(md->type, r->observed, md->enum_names, val, sizeof val);
    snprintf(buf, cap, "  (observed %s)", val);
}

/* When expectation i was (or was to be) checked, for its column. */
static const char *checked_at(const sim_expect_def *d, const sim_expect_result *r, char *buf,
                              size_t cap)
{
    if (r->evaluated) return cli_format_time(r->checked_at_ns, buf, cap);
    if (d->at_end) return "end";
    return cli_format_time(d->at_ns, buf, cap);
}

/* Prints the expectations with the time each was checked, and how many
 * passed and failed (not checked counts as failed, as in
 * sim_director_finish). */
static void print_expectations(FILE *f, const cli_run_result *r)
{
    const sim_engine *eng = r->eng;
    size_t n = sim_director_count(eng, r->director), failed = cli_result_failed(r);
    if (n == 0) return;
    int tw = 0;
    char when[64];
    for (size_t i = 0; i < n; i++) {
        int w = (int)strlen(checked_at(sim_director_def(eng, r->director, i),
                                       sim_director_result(eng, r->director, i), when, sizeof when));
        if (w > tw) tw = w;
    }
    fputs("\nexpectations (checked at):\n", f);
    for (size_t i = 0; i < n; i++) {
        const sim_expect_def *d = sim_director_def(eng, r->director, i);
        const sim_expect_result *res = sim_director_result(eng, r->director, i);
        char extra[256] = "";
        int ok = res->evaluated && res->passed;
        if (!ok) format_observed(eng, d, res, extra, sizeof extra);
        fprintf(f, "  %s  %*s  %s%s", ok ? "PASS" : "FAIL", tw,
                checked_at(d, res, when, sizeof when), d->text, extra);
        if (!ok && d->file[0]) fprintf(f, "  [%s:%d]", d->file, d->line);
        fputc('\n', f);
    }
    fprintf(f, "%zu passed, %zu failed\n", n - failed, failed);
}

void cli_summary_print(FILE *f, const cli_run_result *r, const cli_summary_opts *opt)
{
    side_table t;
    side_table_build(&t, r->eng);
    print_header(f, r);
    if (opt->story) print_story(f, r, opt->width);
    print_side_by_side(f, r->eng, &t);
    if (opt->all_metrics) print_all_metrics(f, r->eng);
    else print_story_metrics(f, r, &t, opt->width);
    print_expectations(f, r);
    fprintf(f, "\nfingerprint: %016" PRIx64 "\n", sim_engine_fingerprint(r->eng));
}
