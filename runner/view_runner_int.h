/* view_runner_int.h: the runner's state, shared by view_runner.c (opening,
 * moving, commands) and view_frame.c (building frames).  Not for anyone
 * else: the rest of the program uses view_runner.h.
 *
 * Positions are merged event numbers (see view_runner.c); the helpers below
 * map them to panes and records in O(1) or by bisection. */
#ifndef HVSIM_CLI_VIEW_RUNNER_INT_H
#define HVSIM_CLI_VIEW_RUNNER_INT_H

#include <stddef.h>
#include <stdint.h>

#include "view_runner.h"
#include "view_track.h"

#define ANIM_S 0.8            /* wall seconds an event takes to travel */
#define LOG_SCAN_MAX 200000   /* events looked at to fill the filtered log */

typedef struct ring_ent {
    uint64_t m;     /* merged event */
    double wall_s;  /* when it was reached */
} ring_ent;

typedef struct idx_list {
    uint64_t *v;    /* sorted merged event numbers */
    uint8_t *pass;  /* per entry: 1 passed (expectations only) */
    size_t n, cap;
} idx_list;

struct vr_runner {
    int n_panes;
    vt_track tr[VZ_MAX_PANES];
    char label[VZ_MAX_PANES][96];
    char title[160], path[160];
    uint64_t total;
    uint8_t *which;           /* 2 panes: whose merged event m+1 is */
    uint64_t *pre0;           /* 2 panes: pane-0 events among the first m */
    uint64_t pos;
    int64_t view_ns;
    int playing, speed;
    double wall_s;
    ring_ent ring[VZ_MAX_RECENT];
    int ring_n;
    idx_list says, expects[VZ_MAX_PANES];
    int n_marks;
    vz_mark marks[VZ_MAX_MARKS];
    uint32_t density[VZ_DENSITY_BINS];
    int64_t end_ns;
    int filter_model, filter_kind, log_scroll, inspector_scroll;
    int selected_model, selected_pane, select_follows, help, present;
    char entry[40];
    int entry_active;
    char message[160];
    vz_frame *frame;
};

/* Pane p's position when the merged position is m. */
uint64_t vr_pane_pos(const vr_runner *r, int p, uint64_t m);
/* The pane of merged event m (1-based); *idx its pane-local number. */
int vr_merged_event(const vr_runner *r, uint64_t m, uint64_t *idx);
/* The record of merged event m; pane and idx may be NULL. */
const vt_rec *vr_merged_rec(const vr_runner *r, uint64_t m, int *pane, uint64_t *idx);
/* Time of merged event m (0 for m = 0). */
int64_t vr_merged_time(const vr_runner *r, uint64_t m);
/* Entries of l that are <= m. */
size_t vr_count_upto(const idx_list *l, uint64_t m);
/* Models shown (the registry's; the director, last, is left out). */
int vr_model_count(const vr_runner *r);
/* Name of the current speed ("1x real time"). */
const char *vr_speed_name(const vr_runner *r);

#endif
