/* sweep_table.h: a sweep's results as one table -- the CSV and JSON that
 * `hvsim sweep` writes and `hvsim merge` writes again from per-run files.
 *
 * Each run's row is built from its result document (`hvsim run --json`,
 * run_result.h), whichever route produced it, so a local sweep and a
 * merged one are the same bytes.  CSV columns:
 *
 *   run,KEY...,repetition,seed,exit_status,passed,failed,fingerprint,MODEL.METRIC...
 *
 * run and repetition are 1-based; KEY columns hold the values as given to
 * --set ("30s"); metrics are the document's values in their base unit
 * (bytes, nanoseconds, counts, ratios as written, enums by name, addresses
 * a.b.c.d, booleans 1/0, empty for a value that never happened).  A run
 * that wrote no result (it failed before the end: the event cap, a crash)
 * keeps its row with its exit status (128 + N for a signal) and empty
 * passed, failed, fingerprint and metrics.  Rows are in run order; a run
 * that never finished (the sweep was interrupted) has no row.
 *
 * JSON: {"format": 1, "scenario": ..., "base_seed": ..., "repeat": ...,
 * "common_seeds": ..., "keys": [...], "runs": [{"run": 1, "values": {KEY:
 * VALUE}, "repetition": 1, "seed": ..., "exit_status": 0, "result": the
 * run's document as it wrote it, or null}, ...]}. */
#ifndef HVSIM_CLI_SWEEP_TABLE_H
#define HVSIM_CLI_SWEEP_TABLE_H

#include <stddef.h>
#include <stdio.h>

#include "json_read.h"
#include "sweep_plan.h"

#define SWEEP_NOT_RUN (-1)   /* sweep_row.status of a run that never finished */

typedef struct sweep_row {
    int status;       /* the run's exit status, or SWEEP_NOT_RUN */
    char *text;       /* its result document as written (owned), or NULL */
    cj_value *doc;    /* the same, parsed (owned), or NULL */
} sweep_row;

/* Takes over text (a result document read from the file `path`): parses
 * it and checks the fields a row needs.  0, or -1 with a message in why,
 * "PATH:LINE:COL: error: ..." (text is then freed and the row keeps no
 * document). */
int sweep_row_take(sweep_row *row, const char *path, char *text, size_t len, char *why,
                   size_t why_cap);
void sweep_row_free(sweep_row *row);

/* 0, or -1 on a write error. */
int sweep_write_csv(FILE *f, const sweep_plan *p, const sweep_row *rows);
int sweep_write_json(FILE *f, const sweep_plan *p, const sweep_row *rows);

/* Writes the CSV to csv_path and the JSON to json_path (either may be
 * NULL; "-" is stdout), each whole or not at all (atomic_file.h).  Errors
 * are reported.  0 or -1. */
int sweep_table_save(const sweep_plan *p, const sweep_row *rows, const char *csv_path,
                     const char *json_path);

#endif
