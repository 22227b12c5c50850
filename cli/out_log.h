/* out_log.h: the human event log (--log): one line per dispatched event,
 *
 *      1.503 s  uvm      kernel_boot   direct kernel boot: no firmware ...
 *
 * and the scenario's narration set apart from the events:
 *
 *      0.000 s  >> "wsl starts the utility VM"
 *
 * Columns are as wide as the longest model and event-kind names of the
 * engine, so a log of one run lines up. */
#ifndef HVSIM_CLI_OUT_LOG_H
#define HVSIM_CLI_OUT_LOG_H

#include <stdio.h>

#include "engine.h"

typedef struct cli_log {
    FILE *f;        /* not owned */
    int director;   /* model id of the scenario director (narration) */
    int model_w;    /* column widths, in characters */
    int kind_w;
} cli_log;

void cli_log_begin(cli_log *l, FILE *f, const sim_engine *eng, int director);
void cli_log_record(const cli_log *l, const sim_engine *eng, const sim_trace_record *rec);

#endif
