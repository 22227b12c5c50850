/* out_log.h: the human event log (--log): one line per dispatched event,
 *
 *        1.503 s  uvm      kernel_boot   direct kernel boot: no firmware, no
 *                                        emulated devices ...
 *
 * and the scenario's narration set apart from the events:
 *
 *            0 s  >> wsl starts the utility VM
 *
 * Lines fit the width given (the terminal's, cli_term_width): a long note
 * or narration line continues on the next line under its own column.
 * Times are clock readings exact to the millisecond, in words from a minute
 * on ("2 min 05.125 s").  Columns are as wide as the longest model and
 * event-kind names of the engine, so a log of one run lines up.
 *
 * CLI_LOG_NARRATION (--log=narration) prints the narration alone, with
 * readable times ("1 min 22.2 s"): the story of the run as it happens. */
#ifndef HVSIM_CLI_OUT_LOG_H
#define HVSIM_CLI_OUT_LOG_H

#include <stdio.h>

#include "engine.h"

typedef enum cli_log_mode { CLI_LOG_EVENTS, CLI_LOG_NARRATION } cli_log_mode;

typedef struct cli_log {
    FILE *f;        /* not owned */
    int director;   /* model id of the scenario director (narration) */
    cli_log_mode mode;
    int width;      /* columns a line may use */
    int time_w;     /* column widths, in characters */
    int model_w;
    int kind_w;
} cli_log;

/* last_ns: the latest time the run can reach if known (sizes the time
 * column), else -1. */
void cli_log_begin(cli_log *l, FILE *f, const sim_engine *eng, int director, cli_log_mode mode,
                   int width, int64_t last_ns);
void cli_log_record(cli_log *l, const sim_engine *eng, const sim_trace_record *rec);

#endif
