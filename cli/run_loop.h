/* run_loop.h: stepping a run to its stop, shared by `hvsim run` and its
 * branches (--branch-at) so both stop exactly alike.
 *
 * cli_run_loop dispatches events until the queue is empty or the next one
 * is after limit_ns (-1: no limit), sampling the --csv writer after every
 * instant, with a progress line on a terminal for long runs and the
 * CLI_MAX_EVENTS safety cap; then it moves the clock to limit_ns. */
#ifndef HVSIM_CLI_RUN_LOOP_H
#define HVSIM_CLI_RUN_LOOP_H

#include <stdint.h>

#include "engine.h"
#include "out_csv.h"
#include "scenario.h"

/* 0, or -1 when the event cap was hit or a schedule failed (reported).
 * *stopped: 1 if the limit stopped it, 0 if the queue ran dry.  csv may be
 * NULL. */
int cli_run_loop(sim_engine *eng, int64_t limit_ns, cli_csv *csv, int *stopped);

/* The earlier of until_ns (-1: none) and the scenario's `end`; -1 if
 * neither. */
int64_t cli_stop_time(int64_t until_ns, const scn_scenario *s);

#endif
