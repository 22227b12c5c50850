/* out_csv.c: metrics-over-time CSV writer (see out_csv.h).  Metric names are
 * identifiers, but fields are quoted anyway when they hold a comma, a quote
 * or a line break, so the file stays valid CSV (RFC 4180) whatever a model
 * calls things. */
#include "out_csv.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

void cli_csv_field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static const sim_metric_def *column_def(const cli_csv *c, const sim_engine *eng, size_t i)
{
    return &sim_engine_model_ops(eng, c->col_model[i])->metrics[c->col_metric[i]];
}

static size_t count_metrics(const sim_engine *eng)
{
    size_t n = 0;
    for (int m = 0; m < sim_engine_model_count(eng); m++)
        n += sim_engine_model_ops(eng, m)->n_metrics;
    return n;
}

int cli_csv_begin(cli_csv *c, FILE *f, const sim_engine *eng)
{
    memset(c, 0, sizeof *c);
    c->f = f;
    c->n_cols = count_metrics(eng);
    size_t n = c->n_cols ? c->n_cols : 1;
    c->col_model = calloc(n, sizeof *c->col_model);
    c->col_metric = calloc(n, sizeof *c->col_metric);
    c->last = calloc(n, sizeof *c->last);
    if (!c->col_model || !c->col_metric || !c->last) {
        cli_csv_free(c);
        return -1;
    }
    fputs("time_s", f);
    size_t i = 0;
    for (int m = 0; m < sim_engine_model_count(eng); m++) {
        const sim_model_ops *ops = sim_engine_model_ops(eng, m);
        for (size_t k = 0; k < ops->n_metrics; k++, i++) {
            char name[256];
            c->col_model[i] = m;
            c->col_metric[i] = (int)k;
            snprintf(name, sizeof name, "%s.%s", ops->name, ops->metrics[k].name);
            fputc(',', f);
            cli_csv_field(f, name);
        }
    }
    fputc('\n', f);
    return 0;
}

static void put_value(FILE *f, const sim_metric_def *d, sim_value v)
{
    char buf[128];
    if (sim_value_is_never(d->type, v)) return; /* never happened: an empty field */
    switch (d->type) {
    case SIM_T_RATIO: fprintf(f, "%.9g", v.r); break;
    case SIM_T_ENUM:
    case SIM_T_ADDRESS:
    case SIM_T_STRING:
    case SIM_T_VERSION:
        cli_csv_field(f, sim_value_format(d->type, v, d->enum_names, buf, sizeof buf));
        break;
    default: fprintf(f, "%" PRId64, v.i); break;
    }
}

static int changed(const cli_csv *c, const sim_engine *eng)
{
    if (!c->have_row) return 1;
    for (size_t i = 0; i < c->n_cols; i++) {
        sim_value v = sim_engine_metric(eng, c->col_model[i], c->col_metric[i]);
        if (sim_value_compare(column_def(c, eng, i)->type, v, c->last[i]) != 0) return 1;
    }
    return 0;
}

void cli_csv_sample(cli_csv *c, const sim_engine *eng)
{
    if (!changed(c, eng)) return;
    char when[32];
    fputs(cli_format_seconds(sim_engine_now(eng), 9, when, sizeof when), c->f);
    for (size_t i = 0; i < c->n_cols; i++) {
        sim_value v = sim_engine_metric(eng, c->col_model[i], c->col_metric[i]);
        c->last[i] = v;
        fputc(',', c->f);
        put_value(c->f, column_def(c, eng, i), v);
    }
    fputc('\n', c->f);
    c->have_row = 1;
}

void cli_csv_free(cli_csv *c)
{
    free(c->col_model);
    free(c->col_metric);
    free(c->last);
    c->col_model = c->col_metric = NULL;
    c->last = NULL;
    c->n_cols = 0;
}
