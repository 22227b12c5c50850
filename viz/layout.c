/* layout.c: the window's regions (see layout.h).  Sizes scale with the
 * window width (1600 px = 1.0) so the same picture fills a projector or a
 * laptop; the diagram takes 64% of the width with one pane and 74% with
 * two side by side. */
#include "layout.h"

#include <math.h>
#include <string.h>

#include "diagram.h"

static int px(double scale, double v) { return (int)lround(v * scale); }

void vz_layout_compute(vz_layout *l, const vz_frame *f, int w, int h)
{
    memset(l, 0, sizeof *l);
    l->w = w;
    l->h = h;
    double s = w / 1600.0;
    if (s < 0.6) s = 0.6;
    if (s > 2.5) s = 2.5;
    l->scale = s;
    int pad = px(s, 8);
    l->top = (SDL_Rect){0, 0, w, px(s, 46)};
    l->narration = (SDL_Rect){pad, l->top.h, w - 2 * pad, px(s, 84)};
    l->status = (SDL_Rect){0, h - px(s, 30), w, px(s, 30)};
    l->timeline = (SDL_Rect){pad, l->status.y - px(s, 76), w - 2 * pad, px(s, 72)};
    l->timeline_bar = (SDL_Rect){l->timeline.x + px(s, 120), l->timeline.y + px(s, 24),
                                 l->timeline.w - px(s, 140), px(s, 26)};
    int mid_y = l->narration.y + l->narration.h + pad;
    int mid_h = l->timeline.y - pad - mid_y;
    if (mid_h < 50) mid_h = 50;
    int n = f->n_panes > 1 ? 2 : 1;
    int diag_w = (int)((w - 3 * pad) * (n > 1 ? 0.74 : 0.64));
    int head = n > 1 ? px(s, 28) : 0; /* each pane's label and clock */
    for (int p = 0; p < n; p++) {
        int pw = (diag_w - (n - 1) * pad) / n;
        l->diagram[p] = (SDL_Rect){pad + p * (pw + pad), mid_y + head, pw, mid_h - head};
        vz_diagram_place(&f->panes[p], l->diagram[p], s, l->box[p], l->has_box[p]);
    }
    int side_x = pad + diag_w + pad, side_w = w - side_x - pad;
    l->inspector = (SDL_Rect){side_x, mid_y, side_w, (int)(mid_h * 0.42)};
    l->log = (SDL_Rect){side_x, l->inspector.y + l->inspector.h + pad, side_w,
                        mid_h - l->inspector.h - pad};
    l->log_head = (SDL_Rect){l->log.x, l->log.y, l->log.w, px(s, 34)};
    int half = (l->log.w - px(s, 16)) / 2;
    l->filter_model_btn = (SDL_Rect){l->log.x + px(s, 4), l->log.y + px(s, 4), half, px(s, 26)};
    l->filter_kind_btn = (SDL_Rect){l->filter_model_btn.x + half + px(s, 8), l->log.y + px(s, 4),
                                    half, px(s, 26)};
    l->log_row_h = px(s, 21);
    int rows_y = l->log_head.y + l->log_head.h;
    int rows = (l->log.y + l->log.h - rows_y - px(s, 4)) / (l->log_row_h > 0 ? l->log_row_h : 1);
    if (rows < 0) rows = 0;
    if (rows > VZ_MAX_LOG) rows = VZ_MAX_LOG;
    l->n_log_rows = rows;
    /* Rows show the newest lines at the bottom. */
    int shown = f->n_log < rows ? f->n_log : rows;
    for (int i = 0; i < rows; i++) {
        l->log_row[i] = (SDL_Rect){l->log.x, rows_y + i * l->log_row_h, l->log.w, l->log_row_h};
        int k = f->n_log - shown + i;
        l->log_row_index[i] = i < shown ? f->log[k].index : 0;
    }
}

int64_t vz_layout_time_at(const vz_layout *l, const vz_frame *f, int x)
{
    const SDL_Rect *b = &l->timeline_bar;
    if (b->w <= 0 || f->end_ns <= 0) return 0;
    double u = (double)(x - b->x) / b->w;
    if (u < 0) u = 0;
    if (u > 1) u = 1;
    return (int64_t)llround(u * (double)f->end_ns);
}

int vz_layout_x_of(const vz_layout *l, const vz_frame *f, int64_t t_ns)
{
    const SDL_Rect *b = &l->timeline_bar;
    if (f->end_ns <= 0) return b->x;
    double u = (double)t_ns / (double)f->end_ns;
    if (u < 0) u = 0;
    if (u > 1) u = 1;
    return b->x + (int)lround(u * b->w);
}
