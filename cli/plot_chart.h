/* plot_chart.h: a sweep's CSV as a chart -- a metric against a varied
 * parameter, one line per value of another column, error bars over the
 * repetitions -- laid out as a figure (plot/figure.h) for a slide.
 *
 * Grouping: rows with the same (--by value, --x value) are one point: the
 * mean of their y, and a bar from mean - sd to mean + sd (sd the sample
 * standard deviation, n - 1) or, with CHART_ERR_MINMAX, from the smallest
 * to the largest y.  A point of one run has no bar.  Rows whose y cell is
 * empty (the value never happened, or the run wrote no result) are left
 * out and counted in the subtitle.
 *
 * Axes: x values that all read as durations or sizes (the sweep writes
 * them as given: "30s", "512MiB") or as numbers make a linear axis, in the
 * unit the cells share (else the largest unit that fits); anything else
 * (nat, mirrored) is a category axis in first-seen order.  y is the
 * metric's base unit (hvsim run --json: ns, bytes) shown in a readable
 * unit: a metric of the model registry is known by its type.  The y axis
 * starts at 0 when every value is positive.
 *
 * Sizes: fonts of 24-46 px at 1600x900 (scaled with the width), lines of
 * 5 px, Okabe-Ito colours (safe for colour blindness): legible on a slide.
 * Errors: 0, or -1 with "PATH:LINE:COL: error: ..." or a plain reason in
 * why. */
#ifndef HVSIM_CLI_PLOT_CHART_H
#define HVSIM_CLI_PLOT_CHART_H

#include <stddef.h>

#include "csv_read.h"
#include "figure.h"

typedef enum chart_error_bars { CHART_ERR_SD, CHART_ERR_MINMAX } chart_error_bars;

typedef struct chart_opts {
    const char *path;       /* the CSV, for messages */
    const char *x, *y, *by; /* column names; by may be NULL */
    const char *title;      /* NULL: "Y vs X" */
    chart_error_bars bars;
    int w, h;               /* px */
} chart_opts;

int chart_build(const csv_table *t, const chart_opts *o, figure *out, char *why, size_t why_cap);

#endif
