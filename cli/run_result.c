/* run_result.c: a finished run as data and as JSON (see run_result.h).
 * The JSON is written by hand with cli_json_string for every text, so it
 * is valid whatever a scenario's strings hold; numbers that JSON cannot
 * carry (a NaN ratio) become null. */
#include "run_result.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "director.h"
#include "json.h"

#ifndef HVSIM_VERSION
#define HVSIM_VERSION "0.0.0"
#endif

/* --- story --------------------------------------------------------------- */

void cli_story_init(cli_story *s, int director)
{
    memset(s, 0, sizeof *s);
    s->director = director;
}

void cli_story_record(cli_story *s, const sim_engine *eng, const sim_trace_record *rec)
{
    if (rec->model != s->director || rec->kind != SIM_DIRECTOR_SAY) return;
    const char *text = sim_engine_string(eng, rec->event->p.w[0]);
    if (!text) text = rec->note;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        cli_said *bigger = realloc(s->lines, cap * sizeof *bigger);
        if (!bigger) {
            s->out_of_memory = 1;
            return;
        }
        s->lines = bigger;
        s->cap = cap;
    }
    char *copy = malloc(strlen(text) + 1);
    if (!copy) {
        s->out_of_memory = 1;
        return;
    }
    strcpy(copy, text);
    s->lines[s->n].t_ns = rec->time_ns;
    s->lines[s->n].text = copy;
    s->n++;
}

void cli_story_free(cli_story *s)
{
    for (size_t i = 0; i < s->n; i++) free(s->lines[i].text);
    free(s->lines);
    memset(s, 0, sizeof *s);
}

/* --- baseline ------------------------------------------------------------ */

static size_t metric_slot(const sim_engine *eng, int model, int k)
{
    size_t slot = 0;
    for (int m = 0; m < model; m++) slot += sim_engine_model_ops(eng, m)->n_metrics;
    return slot + (size_t)k;
}

int cli_baseline_take(cli_baseline *b, const sim_engine *eng)
{
    size_t n = 0;
    for (int m = 0; m < sim_engine_model_count(eng); m++) n += sim_engine_model_ops(eng, m)->n_metrics;
    b->n = n;
    b->v = calloc(n ? n : 1, sizeof *b->v);
    if (!b->v) return -1;
    size_t slot = 0;
    for (int m = 0; m < sim_engine_model_count(eng); m++)
        for (size_t k = 0; k < sim_engine_model_ops(eng, m)->n_metrics; k++)
            b->v[slot++] = sim_engine_metric(eng, m, (int)k);
    return 0;
}

int cli_baseline_changed(const cli_baseline *b, const sim_engine *eng, int m, int k)
{
    if (!b || !b->v) return 1;
    size_t slot = metric_slot(eng, m, k);
    if (slot >= b->n) return 1;
    sim_type t = sim_engine_model_ops(eng, m)->metrics[k].type;
    return sim_value_compare(t, sim_engine_metric(eng, m, k), b->v[slot]) != 0;
}

void cli_baseline_free(cli_baseline *b)
{
    free(b->v);
    b->v = NULL;
    b->n = 0;
}

/* --- JSON ---------------------------------------------------------------- */

size_t cli_result_failed(const cli_run_result *r)
{
    size_t n = sim_director_count(r->eng, r->director), failed = 0;
    for (size_t i = 0; i < n; i++) {
        const sim_expect_result *res = sim_director_result(r->eng, r->director, i);
        failed += !(res->evaluated && res->passed);
    }
    return failed;
}

void cli_json_metric_value(FILE *f, const sim_metric_def *d, sim_value v)
{
    char buf[128];
    if (sim_value_is_never(d->type, v)) {
        fputs("null", f);
        return;
    }
    switch (d->type) {
    case SIM_T_RATIO:
        if (isfinite(v.r)) fprintf(f, "%.17g", v.r);
        else fputs("null", f);
        break;
    case SIM_T_BOOL: fputs(v.i ? "true" : "false", f); break;
    case SIM_T_ENUM:
    case SIM_T_ADDRESS:
    case SIM_T_STRING:
        cli_json_string(f, sim_value_format(d->type, v, d->enum_names, buf, sizeof buf));
        break;
    default: fprintf(f, "%" PRId64, v.i); break;
    }
}

static void put_key(FILE *f, const char *key)
{
    cli_json_string(f, key);
    fputc(':', f);
}

static void put_text_field(FILE *f, const char *key, const char *value)
{
    put_key(f, key);
    cli_json_string(f, value);
}

static void put_duration_text(FILE *f, const char *key, int64_t ns)
{
    char buf[64];
    put_text_field(f, key, cli_format_time(ns, buf, sizeof buf));
}

static void put_metrics(FILE *f, const cli_run_result *r)
{
    const char *sep = "";
    fputs(",\n \"metrics\":{", f);
    for (int m = 0; m < sim_engine_model_count(r->eng); m++) {
        const sim_model_ops *ops = sim_engine_model_ops(r->eng, m);
        for (size_t k = 0; k < ops->n_metrics; k++) {
            const sim_metric_def *d = &ops->metrics[k];
            sim_value v = sim_engine_metric(r->eng, m, (int)k);
            char name[256], text[128];
            snprintf(name, sizeof name, "%s.%s", ops->name, d->name);
            fprintf(f, "%s\n  ", sep);
            sep = ",";
            put_key(f, name);
            fputs("{\"value\":", f);
            cli_json_metric_value(f, d, v);
            fputc(',', f);
            put_text_field(f, "unit", d->unit ? d->unit : "");
            fputc(',', f);
            put_text_field(f, "type", sim_type_name(d->type));
            fputc(',', f);
            put_text_field(f, "text", sim_value_format(d->type, v, d->enum_names, text, sizeof text));
            fprintf(f, ",\"changed\":%s}",
                    cli_baseline_changed(r->baseline, r->eng, m, (int)k) ? "true" : "false");
        }
    }
    fputs("}", f);
}

static void put_expectation(FILE *f, const cli_run_result *r, size_t i)
{
    const sim_expect_def *d = sim_director_def(r->eng, r->director, i);
    const sim_expect_result *res = sim_director_result(r->eng, r->director, i);
    const sim_metric_def *md = &sim_engine_model_ops(r->eng, d->model)->metrics[d->metric];
    char text[128];
    fputc('{', f);
    put_text_field(f, "text", d->text);
    fputc(',', f);
    put_text_field(f, "file", d->file);
    fprintf(f, ",\"line\":%d,", d->line);
    put_text_field(f, "when", d->at_end ? "end" : "at");
    if (!d->at_end) fprintf(f, ",\"at_ns\":%" PRId64, d->at_ns);
    fprintf(f, ",\"checked\":%s", res->evaluated ? "true" : "false");
    if (res->evaluated) {
        fprintf(f, ",\"checked_ns\":%" PRId64 ",", res->checked_at_ns);
        put_duration_text(f, "checked_at", res->checked_at_ns);
        fputs(",\"observed\":", f);
        cli_json_metric_value(f, md, res->observed);
        fputc(',', f);
        put_text_field(f, "observed_text",
                       sim_value_format(md->type, res->observed, md->enum_names, text, sizeof text));
    }
    fprintf(f, ",\"passed\":%s}", res->evaluated && res->passed ? "true" : "false");
}

static void put_expectations(FILE *f, const cli_run_result *r)
{
    size_t n = sim_director_count(r->eng, r->director), failed = cli_result_failed(r);
    fputs(",\n \"expectations\":[", f);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ",\n  " : "\n  ", f);
        put_expectation(f, r, i);
    }
    fprintf(f, "],\n \"passed\":%zu,\"failed\":%zu", n - failed, failed);
}

static void put_narration(FILE *f, const cli_run_result *r)
{
    fputs(",\n \"narration\":[", f);
    for (size_t i = 0; r->story && i < r->story->n; i++) {
        const cli_said *s = &r->story->lines[i];
        fprintf(f, "%s\n  {\"t_ns\":%" PRId64 ",", i ? "," : "", s->t_ns);
        put_duration_text(f, "time", s->t_ns);
        fputc(',', f);
        put_text_field(f, "text", s->text);
        fputc('}', f);
    }
    fputs("]", f);
}

static const char *stop_name(cli_stop_reason why)
{
    switch (why) {
    case CLI_STOP_END: return "end";
    case CLI_STOP_UNTIL: return "until";
    case CLI_STOP_EMPTY: break;
    }
    return "empty";
}

int cli_result_write_json(FILE *f, const cli_run_result *r)
{
    fputs("{", f);
    put_key(f, "format");
    fputs("1,", f);
    put_text_field(f, "hvsim", HVSIM_VERSION);
    fputs(",\n \"scenario\":{", f);
    put_text_field(f, "path", r->path);
    fputc(',', f);
    put_text_field(f, "title", scn_title(r->s));
    fputc(',', f);
    put_text_field(f, "about", scn_about(r->s));
    fprintf(f, "},\n \"seed\":%" PRIu64 ",\"simulated_ns\":%" PRId64 ",", sim_engine_seed(r->eng),
            sim_engine_now(r->eng));
    put_duration_text(f, "simulated", sim_engine_now(r->eng));
    fprintf(f, ",\"events\":%" PRIu64 ",", sim_engine_events_processed(r->eng));
    put_text_field(f, "stopped_by", stop_name(r->stopped_by));
    put_metrics(f, r);
    put_expectations(f, r);
    put_narration(f, r);
    fprintf(f, ",\n \"fingerprint\":\"%016" PRIx64 "\",\"exit_status\":%d}\n",
            sim_engine_fingerprint(r->eng), r->exit_status);
    return ferror(f) ? -1 : 0;
}
