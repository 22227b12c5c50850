/* run_result.h: what one finished run produced, kept as data, and written
 * as one JSON document (`hvsim run --json FILE`).
 *
 * A run's result is the engine after sim_director_finish (metrics at the
 * end, the expectations with their results, the fingerprint) plus two
 * things the engine does not keep: the narration as it was said (a
 * cli_story filled by the run's observer, so `when` narration carries the
 * time it really fired) and the metrics as they were before the first event
 * (a cli_baseline, so a reader can tell what changed).  The summary, the
 * JSON writer and sweeps (one result per point) all read the same
 * cli_run_result.
 *
 * The JSON document (format 1; keys are stable, new keys may be added):
 *
 *   {"format": 1, "hvsim": "0.1.0",
 *    "scenario": {"path": "...", "title": "...", "about": "..."},
 *    "seed": 1, "simulated_ns": 25000000000, "simulated": "25 s",
 *    "events": 55, "stopped_by": "end" | "until" | "empty",
 *    "metrics": {"uvm.prompt_latency": {"value": 1650000000, "unit": "ns",
 *                "type": "duration", "text": "1.65 s", "changed": true}, ...},
 *    "expectations": [{"text": "uvm.prompt_latency < 2s", "file": "...",
 *                "line": 23, "when": "at" | "end", "at_ns": 3000000000,
 *                "checked": true, "checked_ns": 3000000000, "checked_at": "3 s",
 *                "passed": true, "observed": 1650000000,
 *                "observed_text": "1.65 s"}, ...],
 *    "passed": 16, "failed": 0,
 *    "narration": [{"t_ns": 0, "time": "0 s", "text": "..."}, ...],
 *    "fingerprint": "3142202a0cc0587d", "exit_status": 0}
 *
 * Metric values are in the metric's base unit: integers for bytes,
 * nanoseconds and counts, numbers for ratios (null if not finite), true /
 * false for booleans, the name for enums, "a.b.c.d" for addresses, and null
 * for a value that never happened (SIM_NEVER; "text" is then "-").  Keys of
 * "metrics" are MODEL.METRIC in engine order. */
#ifndef HVSIM_CLI_RUN_RESULT_H
#define HVSIM_CLI_RUN_RESULT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "engine.h"
#include "scenario.h"

/* --- the narration as it was said ------------------------------------- */
typedef struct cli_said {
    int64_t t_ns;
    char *text;          /* owned */
} cli_said;

typedef struct cli_story {
    int director;        /* model id of the scenario director */
    cli_said *lines;     /* owned, n of them, in the order said */
    size_t n, cap;
    int out_of_memory;   /* a line could not be kept */
} cli_story;

void cli_story_init(cli_story *s, int director);
/* Keeps rec if it is a narration line (a `say` of the director); call from
 * the run's observer for every record. */
void cli_story_record(cli_story *s, const sim_engine *eng, const sim_trace_record *rec);
void cli_story_free(cli_story *s);

/* --- the metrics before the first event ------------------------------- */
typedef struct cli_baseline {
    sim_value *v;        /* owned: one per metric, engine order (model by model) */
    size_t n;
} cli_baseline;

/* Copies every metric of eng.  0, or -1 (out of memory). */
int cli_baseline_take(cli_baseline *b, const sim_engine *eng);
/* 1 if metric k of model m differs from the baseline (1 without one). */
int cli_baseline_changed(const cli_baseline *b, const sim_engine *eng, int m, int k);
void cli_baseline_free(cli_baseline *b);

/* --- the whole result ---------------------------------------------------- */
typedef enum cli_stop_reason { CLI_STOP_EMPTY, CLI_STOP_END, CLI_STOP_UNTIL } cli_stop_reason;

typedef struct cli_run_result {
    const char *path;             /* the scenario as the user named it */
    const scn_scenario *s;
    const sim_engine *eng;        /* after sim_director_finish */
    int director;
    const cli_story *story;       /* may be NULL: no narration kept */
    const cli_baseline *baseline; /* may be NULL: every metric counts as changed */
    cli_stop_reason stopped_by;
    int exit_status;              /* what `hvsim run` exits with */
} cli_run_result;

/* Expectations that passed / failed (not checked counts as failed). */
size_t cli_result_failed(const cli_run_result *r);

/* Writes r as the JSON document above, ending with a newline.  Returns 0,
 * or -1 if the stream reported a write error. */
int cli_result_write_json(FILE *f, const cli_run_result *r);

/* Writes one metric value as JSON (base unit, null for never), for other
 * JSON writers (sweep rows). */
void cli_json_metric_value(FILE *f, const sim_metric_def *d, sim_value v);

#endif
