/* layout.h: where everything goes in a window of a given size.
 *
 * Computed from the window size, the frame and the fonts' line heights (and
 * text widths, for the diagram's boxes), so drawing and input mapping agree
 * on every rectangle: a click is tested against the same layout that was
 * drawn.  Regions (top to bottom): the top bar, the
 * narration, the middle (diagram(s) on the left; inspector over event log on
 * the right), the timeline, the status line. */
#ifndef HVSIM_VIZ_LAYOUT_H
#define HVSIM_VIZ_LAYOUT_H

#include <SDL.h>

#include "draw.h"
#include "frame.h"

typedef struct vz_layout {
    int w, h;
    double scale;                          /* 1.0 at 1600 px wide */
    SDL_Rect top, narration, diagram[VZ_MAX_PANES], inspector, log, log_head, timeline,
        timeline_bar, status;
    SDL_Rect filter_model_btn, filter_kind_btn;
    int log_row_h;
    int n_log_rows;                        /* rows that fit */
    SDL_Rect log_row[VZ_MAX_LOG];
    uint64_t log_row_index[VZ_MAX_LOG];    /* event under each row, 0: none */
    int has_box[VZ_MAX_PANES][VZ_MAX_MODELS];
    SDL_Rect box[VZ_MAX_PANES][VZ_MAX_MODELS];
} vz_layout;

void vz_layout_compute(vz_layout *l, const vz_frame *f, int w, int h, vz_draw *d);
/* Simulated time under pixel x of the timeline bar (clamped). */
int64_t vz_layout_time_at(const vz_layout *l, const vz_frame *f, int x);
/* Pixel x of time t on the timeline bar. */
int vz_layout_x_of(const vz_layout *l, const vz_frame *f, int64_t t_ns);

#endif
