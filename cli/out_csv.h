/* out_csv.h: metrics over time (--csv F).
 *
 * The header is `time_s,model.metric,...` with a column for every metric
 * of every model in engine order.  The first row is the state at time 0
 * (after the models' init and any events of time 0); after that a row is
 * written after every instant -- once all events of one simulated time
 * have run -- in which some metric changed, so times strictly increase and
 * a step plot of the file is exact.  Values are raw, in the metric's
 * base unit so tools can plot them: bytes as integer bytes, durations as
 * integer nanoseconds, counts and booleans as integers (0/1), ratios as
 * decimals, enums by name, addresses as a.b.c.d; a value that never
 * happened (SIM_NEVER, "-" in the summary) is an empty field.  time_s is seconds with
 * nine decimals (exact nanoseconds). */
#ifndef HVSIM_CLI_OUT_CSV_H
#define HVSIM_CLI_OUT_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "engine.h"

typedef struct cli_csv {
    FILE *f;            /* not owned */
    size_t n_cols;      /* metric columns (time_s not counted) */
    int *col_model;     /* per column: model id ... */
    int *col_metric;    /* ... and metric index */
    sim_value *last;    /* values of the last row written */
    int have_row;
} cli_csv;

/* Writes the header.  0, or -1 when memory runs out. */
int cli_csv_begin(cli_csv *c, FILE *f, const sim_engine *eng);
/* Writes a row stamped with the engine's clock if any metric differs from
 * the last row (or no row was written yet). */
void cli_csv_sample(cli_csv *c, const sim_engine *eng);
void cli_csv_free(cli_csv *c);

/* Writes one CSV field, quoted when it holds a comma, a quote or a line
 * break (RFC 4180).  Shared by every CSV hvsim writes. */
void cli_csv_field(FILE *f, const char *s);

#endif
