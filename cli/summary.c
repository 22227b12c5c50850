/* summary.c: the end-of-run report (see summary.h).  Values are formatted
 * with sim_value_format; the metric's unit follows when the formatted value
 * does not already carry one (counts and ratios). */
#include "summary.h"

#include <inttypes.h>
#include <string.h>

#include "common.h"
#include "director.h"

static int unit_is_implicit(sim_type t)
{
    return t == SIM_T_BYTES || t == SIM_T_DURATION || t == SIM_T_ENUM || t == SIM_T_BOOL ||
           t == SIM_T_ADDRESS;
}

static void print_header(FILE *f, const char *path, const scn_scenario *s,
                         const sim_engine *eng)
{
    char when[32];
    fprintf(f, "scenario:         %s\n", path);
    if (scn_title(s)[0]) fprintf(f, "title:            %s\n", scn_title(s));
    fprintf(f, "seed:             %" PRIu64 "\n", sim_engine_seed(eng));
    fprintf(f, "simulated time:   %s s\n",
            cli_format_seconds(sim_engine_now(eng), 3, when, sizeof when));
    fprintf(f, "events processed: %" PRIu64 "\n", sim_engine_events_processed(eng));
}

static int metric_name_width(const sim_engine *eng)
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

static void print_metrics(FILE *f, const sim_engine *eng)
{
    int w = metric_name_width(eng);
    fputs("\nmetrics at end:\n", f);
    for (int m = 0; m < sim_engine_model_count(eng); m++) {
        const sim_model_ops *ops = sim_engine_model_ops(eng, m);
        for (size_t k = 0; k < ops->n_metrics; k++) {
            const sim_metric_def *d = &ops->metrics[k];
            char name[256], val[128];
            snprintf(name, sizeof name, "%s.%s", ops->name, d->name);
            sim_value_format(d->type, sim_engine_metric(eng, m, (int)k), d->enum_names, val,
                             sizeof val);
            int with_unit = !unit_is_implicit(d->type) && d->unit && d->unit[0];
            fprintf(f, "  %-*s  %s%s%s\n", w, name, val, with_unit ? " " : "",
                    with_unit ? d->unit : "");
        }
    }
}

static void format_observed(const sim_engine *eng, const sim_expect_def *d,
                            const sim_expect_result *r, char *buf, size_t cap)
{
    const sim_metric_def *md = &sim_engine_model_ops(eng, d->model)->metrics[d->metric];
    char val[128], when[32];
    if (!r->evaluated) {
        snprintf(buf, cap, "  (not checked: the run stopped before %s s)",
                 cli_format_seconds(d->at_ns, 3, when, sizeof when));
        return;
    }
    sim_value_format(md->type, r->observed, md->enum_names, val, sizeof val);
    snprintf(buf, cap, "  (observed %s at %s s)", val,
             cli_format_seconds(r->checked_at_ns, 3, when, sizeof when));
}

/* --- side by side ---------------------------------------------------------
 * Metrics that several models share by name (state, prompt_latency,
 * host_bytes ...) are printed as one row per name and one column per model,
 * so machines started in the same run can be compared at a glance.  Works
 * from the tables alone: a new model with the same metric names joins in. */

#define SIDE_MAX_COLS 8
#define SIDE_MAX_ROWS 16
#define SIDE_COL_W 14

static int count_models_with(const sim_engine *eng, const char *metric)
{
    int n = 0;
    for (int m = 0; m < sim_engine_model_count(eng); m++)
        n += sim_model_find_metric(sim_engine_model_ops(eng, m), metric) >= 0;
    return n;
}

/* Names shared by 2+ models, in first-seen order; returns how many. */
static int shared_metric_names(const sim_engine *eng, const char **names, int cap)
{
    int n = 0;
    for (int m = 0; m < sim_engine_model_count(eng); m++) {
        const sim_model_ops *ops = sim_engine_model_ops(eng, m);
        for (size_t k = 0; k < ops->n_metrics && n < cap; k++) {
            const char *name = ops->metrics[k].name;
            int seen = 0;
            for (int i = 0; i < n; i++) seen |= strcmp(names[i], name) == 0;
            if (!seen && count_models_with(eng, name) >= 2) names[n++] = name;
        }
    }
    return n;
}

static void print_side_by_side(FILE *f, const sim_engine *eng)
{
    const char *names[SIDE_MAX_ROWS];
    int rows = shared_metric_names(eng, names, SIDE_MAX_ROWS), cols[SIDE_MAX_COLS], nc = 0;
    if (rows == 0) return;
    for (int m = 0; m < sim_engine_model_count(eng) && nc < SIDE_MAX_COLS; m++) {
        int shares = 0;
        for (int r = 0; r < rows; r++)
            shares |= sim_model_find_metric(sim_engine_model_ops(eng, m), names[r]) >= 0;
        if (shares) cols[nc++] = m;
    }
    fputs("\nside by side:\n  ", f);
    fprintf(f, "%-18s", "");
    for (int c = 0; c < nc; c++)
        fprintf(f, "%-*s", c + 1 < nc ? SIDE_COL_W : 0, sim_engine_model_ops(eng, cols[c])->name);
    fputc('\n', f);
    for (int r = 0; r < rows; r++) {
        fprintf(f, "  %-18s", names[r]);
        for (int c = 0; c < nc; c++) {
            const sim_model_ops *ops = sim_engine_model_ops(eng, cols[c]);
            int k = sim_model_find_metric(ops, names[r]);
            char val[64] = "-";
            if (k >= 0)
                sim_value_format(ops->metrics[k].type, sim_engine_metric(eng, cols[c], k),
                                 ops->metrics[k].enum_names, val, sizeof val);
            fprintf(f, "%-*s", c + 1 < nc ? SIDE_COL_W : 0, val);
        }
        fputc('\n', f);
    }
}

/* Prints the expectations and how many passed and failed (not checked
 * counts as failed, as in sim_director_finish). */
static void print_expectations(FILE *f, const sim_engine *eng, int director)
{
    size_t n = sim_director_count(eng, director), failed = 0;
    if (n == 0) return;
    fputs("\nexpectations:\n", f);
    for (size_t i = 0; i < n; i++) {
        const sim_expect_def *d = sim_director_def(eng, director, i);
        const sim_expect_result *r = sim_director_result(eng, director, i);
        char extra[256] = "";
        int ok = r->evaluated && r->passed;
        if (!ok) {
            failed++;
            format_observed(eng, d, r, extra, sizeof extra);
        }
        fprintf(f, "  %s  %s%s", ok ? "PASS" : "FAIL", d->text, extra);
        if (d->file[0]) fprintf(f, "  [%s:%d]", d->file, d->line);
        fputc('\n', f);
    }
    fprintf(f, "%zu passed, %zu failed\n", n - failed, failed);
}

void cli_summary_print(FILE *f, const char *path, const scn_scenario *s, const sim_engine *eng,
                       int director)
{
    print_header(f, path, s, eng);
    print_metrics(f, eng);
    print_side_by_side(f, eng);
    print_expectations(f, eng, director);
    fprintf(f, "\nfingerprint: %016" PRIx64 "\n", sim_engine_fingerprint(eng));
}
