/* sweep_table.c: rows from result documents, written as CSV or JSON (see
 * sweep_table.h). */
#include "sweep_table.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "common.h"
#include "json.h"
#include "out_csv.h"

int sweep_row_take(sweep_row *row, const char *path, char *text, size_t len, char *why,
                   size_t why_cap)
{
    cj_error err;
    long long status;
    row->text = NULL;
    row->doc = NULL;
    if (cj_parse(text, len, &row->doc, &err) != 0) {
        snprintf(why, why_cap, "%s:%d:%d: error: %s", path, err.line, err.col, err.what);
    } else if (cj_get_int(row->doc, "exit_status", &status) != 0 ||
               !cj_get_string(row->doc, "fingerprint") || !cj_get(row->doc, "metrics")) {
        snprintf(why, why_cap, "%s: error: not a run's result (hvsim run --json): it has no "
                 "exit_status, fingerprint or metrics", path);
    } else {
        row->status = (int)status;
        row->text = text;
        return 0;
    }
    cj_free(row->doc);
    row->doc = NULL;
    free(text);
    return -1;
}

void sweep_row_free(sweep_row *row)
{
    free(row->text);
    cj_free(row->doc);
    row->text = NULL;
    row->doc = NULL;
}

/* A JSON value as a CSV cell: numbers as written, strings as they are,
 * booleans 1/0, null (or absent) empty. */
static void csv_value(FILE *f, const cj_value *v)
{
    if (v && v->kind == CJ_OBJECT) v = cj_get(v, "value");
    if (!v) return;
    switch (v->kind) {
    case CJ_NUMBER:
    case CJ_STRING: cli_csv_field(f, v->text); break;
    case CJ_TRUE: fputc('1', f); break;
    case CJ_FALSE: fputc('0', f); break;
    default: break;
    }
}

int sweep_write_csv(FILE *f, const sweep_plan *p, const sweep_row *rows)
{
    const sweep_spec *s = &p->spec;
    fputs("run", f);
    for (size_t a = 0; a < s->n_axes; a++) {
        fputc(',', f);
        cli_csv_field(f, s->axes[a].key);
    }
    fputs(",repetition,seed,exit_status,passed,failed,fingerprint", f);
    for (size_t m = 0; m < p->n_metrics; m++) {
        fputc(',', f);
        cli_csv_field(f, p->metrics[m]);
    }
    fputc('\n', f);
    for (size_t r = 0; r < sweep_runs(s); r++) {
        const sweep_row *row = &rows[r];
        if (row->status == SWEEP_NOT_RUN) continue;
        size_t point = r / s->repeat, rep = r % s->repeat;
        fprintf(f, "%zu", r + 1);
        for (size_t a = 0; a < s->n_axes; a++) {
            fputc(',', f);
            cli_csv_field(f, sweep_value(s, point, a));
        }
        fprintf(f, ",%zu,%" PRIu64 ",%d,", rep + 1, sweep_seed(s, point, rep), row->status);
        if (row->doc) {
            csv_value(f, cj_get(row->doc, "passed"));
            fputc(',', f);
            csv_value(f, cj_get(row->doc, "failed"));
            fputc(',', f);
            csv_value(f, cj_get(row->doc, "fingerprint"));
        } else {
            fputs(",,", f);
        }
        const cj_value *metrics = row->doc ? cj_get(row->doc, "metrics") : NULL;
        for (size_t m = 0; m < p->n_metrics; m++) {
            fputc(',', f);
            csv_value(f, cj_get(metrics, p->metrics[m]));
        }
        fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}

int sweep_write_json(FILE *f, const sweep_plan *p, const sweep_row *rows)
{
    const sweep_spec *s = &p->spec;
    fputs("{\"format\": 1, \"scenario\": ", f);
    cli_json_string(f, p->scenario);
    fprintf(f, ", \"base_seed\": %" PRIu64 ", \"repeat\": %zu, \"common_seeds\": %s,\n \"keys\": [",
            s->base_seed, s->repeat, s->common_seeds ? "true" : "false");
    for (size_t a = 0; a < s->n_axes; a++) {
        if (a) fputs(", ", f);
        cli_json_string(f, s->axes[a].key);
    }
    fputs("],\n \"runs\": [", f);
    int first = 1;
    for (size_t r = 0; r < sweep_runs(s); r++) {
        const sweep_row *row = &rows[r];
        if (row->status == SWEEP_NOT_RUN) continue;
        size_t point = r / s->repeat, rep = r % s->repeat;
        fprintf(f, "%s\n  {\"run\": %zu, \"values\": {", first ? "" : ",", r + 1);
        first = 0;
        for (size_t a = 0; a < s->n_axes; a++) {
            if (a) fputs(", ", f);
            cli_json_string(f, s->axes[a].key);
            fputs(": ", f);
            cli_json_string(f, sweep_value(s, point, a));
        }
        fprintf(f, "}, \"repetition\": %zu, \"seed\": %" PRIu64 ", \"exit_status\": %d,\n   \"result\": ",
                rep + 1, sweep_seed(s, point, rep), row->status);
        if (row->text) {
            size_t n = strlen(row->text);
            while (n > 0 && strchr(" \t\r\n", row->text[n - 1])) n--;
            fwrite(row->text, 1, n, f);
        } else {
            fputs("null", f);
        }
        fputc('}', f);
    }
    fputs("\n ]}\n", f);
    return ferror(f) ? -1 : 0;
}

typedef int (*table_writer)(FILE *f, const sweep_plan *p, const sweep_row *rows);

static int save_one(const char *path, table_writer write, const sweep_plan *p,
                    const sweep_row *rows)
{
    if (!path) return 0;
    if (strcmp(path, "-") == 0) {
        int rc = write(stdout, p, rows) | fflush(stdout);
        if (rc != 0) cli_error("cannot write to stdout: %s", strerror(errno));
        return rc ? -1 : 0;
    }
    cli_afile out;
    if (cli_afile_open(&out, path) != 0) {
        cli_error("cannot write '%s': %s", path, strerror(errno));
        return -1;
    }
    if (write(out.f, p, rows) != 0 || cli_afile_commit(&out) != 0) {
        cli_error("cannot write '%s': %s", path, strerror(errno));
        cli_afile_abort(&out);
        return -1;
    }
    return 0;
}

int sweep_table_save(const sweep_plan *p, const sweep_row *rows, const char *csv_path,
                     const char *json_path)
{
    if (save_one(csv_path, sweep_write_csv, p, rows) != 0) return -1;
    return save_one(json_path, sweep_write_json, p, rows);
}
