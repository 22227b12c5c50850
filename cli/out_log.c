/* out_log.c: the human event log (see out_log.h).  Times are printed to the
 * millisecond, truncated, from the integer nanosecond clock. */
#include "out_log.h"

#include <string.h>

#include "common.h"
#include "director.h"

enum { LOG_MAX_KIND_W = 20 };  /* longer kind names push the note right */

static int max_int(int a, int b) { return a > b ? a : b; }

void cli_log_begin(cli_log *l, FILE *f, const sim_engine *eng, int director)
{
    l->f = f;
    l->director = director;
    l->model_w = 1;
    l->kind_w = 1;
    for (int m = 0; m < sim_engine_model_count(eng); m++) {
        const sim_model_ops *ops = sim_engine_model_ops(eng, m);
        l->model_w = max_int(l->model_w, (int)strlen(ops->name));
        for (size_t k = 0; k < ops->n_event_kinds; k++)
            l->kind_w = max_int(l->kind_w, (int)strlen(ops->event_kinds[k]));
    }
    if (l->kind_w > LOG_MAX_KIND_W) l->kind_w = LOG_MAX_KIND_W;
}

static int is_narration(const cli_log *l, const sim_trace_record *rec)
{
    return rec->model == l->director && rec->kind == SIM_DIRECTOR_SAY;
}

void cli_log_record(const cli_log *l, const sim_engine *eng, const sim_trace_record *rec)
{
    char when[32];
    cli_format_seconds(rec->time_ns, 3, when, sizeof when);
    if (is_narration(l, rec)) {
        const char *text = sim_engine_string(eng, rec->event->p.w[0]);
        fprintf(l->f, "%8s s  >> \"%s\"\n", when, text ? text : rec->note);
        return;
    }
    fprintf(l->f, "%8s s  %-*s %-*s %s\n", when, l->model_w, rec->model_name, l->kind_w,
            rec->kind_name, rec->note);
}
