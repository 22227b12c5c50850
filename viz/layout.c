/* layout.c: the window's regions (see layout.h).  Sizes scale with the
 * window width (1600 px = 1.0) so the same picture fills a projector or a
 * laptop, and rows are as tall as the fonts' lines; the diagram takes 64%
 * of the width with one pane and 74% with two side by side. */
#include "layout.h"

#include <math.h>
#include <string.h>

#include "diagram.h"

static int px(double scale, double v) { return (int)lround(v * scale); }

void vz_layout_compute(vz_layout *l, const vz_frame *f, int w, int h, vz_draw *d)
{
    memset(l, 0, sizeof *l);
    l->w = w;
    l->h = h;
    double s = d->scale;
    l->scale = s;
    const int *lh = d->line_h;
    int pad = px(s, 8);
    l->top = (SDL_Rect){0, 0, w, lh[VZ_FONT_BIG] + px(s, 12)};
    l->narration = (SDL_Rect){pad, l->top.h, w - 2 * pad,
                              lh[VZ_FONT_SMALL] + 3 * lh[VZ_FONT_BOLD] + px(s, 6)};
    int status_h = f->present && !f->message[0] ? 0 : lh[VZ_FONT_SMALL_BOLD] + px(s, 8);
    l->status = (SDL_Rect){0, h - status_h, w, status_h};
    int tl_h = lh[VZ_FONT_BOLD] + lh[VZ_FONT_SMALL] + px(s, 30);
    l->timeline = (SDL_Rect){pad, l->status.y - tl_h - px(s, 4), w - 2 * pad, tl_h};
    int label_w = vz_text_w(d, VZ_FONT_BOLD, "timeline") + px(s, 24);
    l->timeline_bar = (SDL_Rect){l->timeline.x + label_w, l->timeline.y + lh[VZ_FONT_SMALL] + px(s, 6),
                                 l->timeline.w - label_w - px(s, 20), px(s, 26)};
    int mid_y = l->narration.y + l->narration.h + pad;
    int mid_h = l->timeline.y - pad - mid_y;
    if (mid_h < 50) mid_h = 50;
    int n = f->n_panes > 1 ? 2 : 1;
    int diag_w = (int)((w - 3 * pad) * (n > 1 ? 0.74 : 0.64));
    int head = n > 1 ? lh[VZ_FONT_BOLD] + px(s, 4) : 0; /* each pane's label and clock */
    for (int p = 0; p < n; p++) {
        int pw = (diag_w - (n - 1) * pad) / n;
        l->diagram[p] = (SDL_Rect){pad + p * (pw + pad), mid_y + head, pw, mid_h - head};
        vz_diagram_place(d, &f->panes[p], l->diagram[p], l->box[p], l->has_box[p]);
    }
    int side_x = pad + diag_w + pad, side_w = w - side_x - pad;
    l->inspector = (SDL_Rect){side_x, mid_y, side_w, (int)(mid_h * 0.48)};
    l->log = (SDL_Rect){side_x, l->inspector.y + l->inspector.h + pad, side_w,
                        mid_h - l->inspector.h - pad};
    int btn_h = lh[VZ_FONT_SMALL] + px(s, 6);
    l->log_head = (SDL_Rect){l->log.x, l->log.y, l->log.w, btn_h + px(s, 8)};
    int half = (l->log.w - px(s, 16)) / 2;
    l->filter_model_btn = (SDL_Rect){l->log.x + px(s, 4), l->log.y + px(s, 4), half, btn_h};
    l->filter_kind_btn = (SDL_Rect){l->filter_model_btn.x + half + px(s, 8), l->log.y + px(s, 4),
                                    half, btn_h};
    l->log_row_h = lh[VZ_FONT_SMALL] + px(s, 2);
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
