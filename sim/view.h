/* view.h: how a model asks to be drawn -- static data in the model's own
 * file, beside its metric table, reached from its ops (sim_model_ops.view).
 *
 * A view names the model's box title, where the box goes, and which of its
 * own metrics and event kinds tell its story: enum metrics drawn as stage
 * strips, byte metrics drawn as bars, key metrics as "label value" items,
 * words shown in the title while a metric is in a range (badges), and lanes
 * of stages for a model whose events walk a path.  Metric and kind names are
 * the model's own table entries; the runner (runner/) resolves them to
 * values when it builds the viewer's frame, and tests/test_viewer.c checks
 * that every name resolves, so a renamed metric fails a test instead of
 * vanishing from the picture.  Only `parent` names another model: the box
 * this one is drawn inside.
 *
 * Nothing here is code and nothing here draws: the kernel never reads a
 * view.  A model without one is drawn generically (its name, status and
 * metrics). */
#ifndef HVSIM_SIM_VIEW_H
#define HVSIM_SIM_VIEW_H

#include <stddef.h>
#include <stdint.h>

/* Where a model's box goes. */
typedef enum sim_view_place {
    SIM_PLACE_ROW,     /* a box in a row with the other models placed nowhere else */
    SIM_PLACE_COLUMN,  /* a tall box; columns stand side by side and hold INSIDE boxes */
    SIM_PLACE_INSIDE,  /* stacked inside the column box of `parent` */
    SIM_PLACE_BAND,    /* a full-width band above the base (lanes of stages) */
    SIM_PLACE_BASE     /* a thin bar under everything (what all the others run on) */
} sim_view_place;

/* How a bar segment is filled; every style differs in shape, not only colour. */
typedef enum sim_view_style {
    SIM_STYLE_SOLID,   /* filled, the main colour: in use */
    SIM_STYLE_DARK,    /* filled, dark: someone else's */
    SIM_STYLE_HATCHED, /* hatched: held or reserved, not necessarily used */
    SIM_STYLE_EMPTY    /* white: free */
} sim_view_style;

/* An enum metric drawn as a strip of chips, one per value, the current one
 * marked. */
typedef struct sim_view_strip {
    const char *metric;
    const char *label;        /* "VM", "distro"; NULL: none */
} sim_view_strip;

/* A metric shown as "label value". */
typedef struct sim_view_item {
    const char *metric;
    const char *label;        /* "processes"; NULL: the metric's name */
    const char *zero;         /* shown instead of the value while it is 0 ("not yet"), or NULL */
} sim_view_item;

/* One part of a bar: a byte metric, or (metric NULL) what is left of the
 * bar's total; a remainder below zero is shown as a shortfall. */
typedef struct sim_view_seg {
    const char *metric;
    const char *label;        /* "Windows & apps", "free" */
    sim_view_style style;
} sim_view_seg;

#define SIM_VIEW_MAX_SEGS 4

/* A bar of byte metrics. */
typedef struct sim_view_bar {
    const char *label;        /* written left of the bar ("inside Linux"), or NULL */
    const char *total;        /* the metric the whole bar stands for; NULL: the bars of
                                 the model share one scale, the largest value */
    int layered;              /* 0: segments follow each other; 1: each starts at the
                                 left, later ones drawn over earlier ones */
    const sim_view_seg *segs;
    size_t n_segs;            /* <= SIM_VIEW_MAX_SEGS */
} sim_view_bar;

/* A word in the box's title while a metric's value is in [min, max]. */
typedef struct sim_view_badge {
    const char *metric;
    int64_t min, max;         /* integral value (bool, enum index, count, bytes) */
    const char *text;         /* "HOST UNDER PRESSURE"; NULL: the metric's value */
    const char *note;         /* a line under the title while shown, or NULL */
    int alert;                /* 1: an alarm (drawn in the alert colour) */
    int hides_body;           /* 1: while shown, the box holds only title, status and note */
} sim_view_badge;

/* A lane of stages: the event kinds a call walks, in order.  The stage of
 * the model's latest event is marked in the lane that is active (lanes may
 * share kinds). */
typedef struct sim_view_lane {
    const char *label;        /* the lane's name, e.g. "native" */
    const char *time_metric;  /* the lane's time so far (a duration metric), or NULL */
    const int *kinds;         /* event kinds, in order */
    size_t n_kinds;
    const char *active_metric; /* the lane is active while this metric ... */
    int64_t active_value;      /* ... has this value; NULL metric: always */
} sim_view_lane;

typedef struct sim_view_def {
    const char *title;        /* the box's title, as the model names itself */
    sim_view_place place;
    const char *parent;       /* SIM_PLACE_INSIDE: the model whose box holds this one */
    const sim_view_strip *strips; size_t n_strips;
    const sim_view_bar *bars;     size_t n_bars;
    const sim_view_item *items;   size_t n_items;
    const sim_view_badge *badges; size_t n_badges;
    const sim_view_lane *lanes;   size_t n_lanes;
    const char *const *kind_labels; /* per event kind, a short label for lanes ("translate"),
                                       NULL entries or table: the kind's name */
    const char *link_label;   /* a COLUMN: a channel drawn from the previous column's box to
                                 this one ("9P  /mnt/c"), or NULL */
} sim_view_def;

#endif
