/* out_log.c: the human event log (see out_log.h).  Times are printed to the
 * millisecond, truncated, from the integer nanosecond clock; the time
 * column widens if the run outlasts the width chosen at the start. */
#include "out_log.h"

#include <string.h>

#include "common.h"
#include "director.h"

enum { LOG_MAX_KIND_W = 20 };  /* longer kind names push the note right */

static int max_int(int a, int b) { return a > b ? a : b; }

void cli_log_begin(cli_log *l, FILE *f, const sim_engine *eng, int director, cli_log_mode mode,
                   int width, int64_t last_ns)
{
    char when[64];
    l->f = f;
    l->director = director;
    l->mode = mode;
    l->width = width;
    l->model_w = 1;
    l->kind_w = 1;
    /* a run without a known end gets room for anything under an hour */
    if (mode == CLI_LOG_NARRATION) { /* few lines: the column grows as time does */
        l->time_w = (int)strlen(cli_format_time(last_ns > 0 ? last_ns : 0, when, sizeof when));
    } else { /* a run without a known end gets room for anything under an hour */
        int64_t widest = last_ns >= 0 ? last_ns : SIM_H - SIM_MS;
        l->time_w = max_int((int)strlen(cli_format_clock(widest, when, sizeof when)), 8);
    }
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

void cli_log_record(cli_log *l, const sim_engine *eng, const sim_trace_record *rec)
{
    char when[64];
    int narration = is_narration(l, rec);
    if (l->mode == CLI_LOG_NARRATION && !narration) return;
    if (l->mode == CLI_LOG_NARRATION) cli_format_time(rec->time_ns, when, sizeof when);
    else cli_format_clock(rec->time_ns, when, sizeof when);
    l->time_w = max_int(l->time_w, (int)strlen(when));
    if (narration) {
        const char *text = sim_engine_string(eng, rec->event->p.w[0]);
        int col = l->time_w + 2 + (l->mode == CLI_LOG_NARRATION ? 0 : 3);
        fprintf(l->f, "%*s  %s", l->time_w, when, l->mode == CLI_LOG_NARRATION ? "" : ">> ");
        cli_wrap(l->f, text ? text : rec->note, col, col, l->width);
        return;
    }
    int col = l->time_w + 2 + l->model_w + 1 + l->kind_w + 1;
    fprintf(l->f, "%*s  %-*s %-*s ", l->time_w, when, l->model_w, rec->model_name, l->kind_w,
            rec->kind_name);
    int kind_len = (int)strlen(rec->kind_name);
    if (kind_len > l->kind_w) col += kind_len - l->kind_w;
    /* a note continues under itself, or under the time when that is too narrow */
    cli_wrap(l->f, rec->note, col, l->width - col >= 24 ? col : l->time_w + 2, l->width);
}
