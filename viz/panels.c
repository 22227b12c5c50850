/* panels.c: the panels around the diagram (see panels.h).
 *
 * Marker shapes carry meaning on their own: narration is a purple flag
 * above the timeline bar, a passed expectation a blue check below it, a
 * failed one an orange-red cross, a scenario action a short dark tick; the
 * log spells out PASS / FAIL and shows narration in quotes. */
#include "panels.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "diagram.h"
#include "theme.h"

static int P(double s, double v) { return (int)lround(v * s); }

const char *const vz_help_lines[][2] = {
    {"Space", "play / pause"},
    {"Right  or  .", "step one event"},
    {"Left  or  ,", "step back one event (checkpoint + replay)"},
    {"N", "run until the next narration"},
    {"E", "run until the next expectation"},
    {"T", "run until a time: type it (12s, 1.5min), Enter"},
    {"+ / -  (Up / Down)", "speed: 0.1x .. 100x real time, then fast (no animation)"},
    {"R  or  Home", "restart"},
    {"End", "go to the end of the run"},
    {"F", "log filter: every model, then each model"},
    {"K", "log filter: all, narration, expectations, actions, model events"},
    {"Tab", "inspect the next model"},
    {"PgUp / PgDn", "scroll the inspector (wheel: the panel under the mouse)"},
    {"Shift+PgUp / PgDn", "scroll the log"},
    {"P", "presentation mode: larger text, no key hints"},
    {"click timeline", "jump to that time"},
    {"click log line", "jump to that event"},
    {"click a box", "inspect that model"},
    {"? or F1", "this help"},
    {"Q  or  Esc", "quit"},
    {NULL, NULL},
};

char *vz_fmt_time(int64_t t_ns, char *buf, size_t cap)
{
    const char *sign = t_ns < 0 ? "-" : "";
    uint64_t a = t_ns < 0 ? (uint64_t)(-(t_ns + 1)) + 1 : (uint64_t)t_ns;
    snprintf(buf, cap, "%s%" PRIu64 ".%03" PRIu64 " s", sign, a / 1000000000u,
             (a / 1000000u) % 1000u);
    return buf;
}

static void top_bar(vz_draw *d, const vz_frame *f, const vz_layout *l)
{
    double s = l->scale;
    vz_fill(d, l->top, VZ_HYP);
    char right[256], t[32];
    if (f->present)
        snprintf(right, sizeof right, "t = %s", vz_fmt_time(f->view_ns, t, sizeof t));
    else
        snprintf(right, sizeof right, "t = %s    event %" PRIu64 " / %" PRIu64 "    %s %s    ? help",
                 vz_fmt_time(f->view_ns, t, sizeof t), f->position, f->total,
                 f->playing ? "PLAYING" : "paused", f->speed);
    int y = (l->top.h - d->line_h[VZ_FONT_BIG]) / 2;
    int rw = vz_text(d, VZ_FONT_BOLD, l->w - P(s, 12), y + P(s, 2), 0, VZ_RIGHT, VZ_WHITE, right);
    vz_label(d, VZ_FONT_BIG, P(s, 12), y, l->w - rw - P(s, 40), VZ_LEFT, VZ_WHITE,
             f->title[0] ? f->title : f->scenario);
}

/* The narration of the shown instant: each `say` its own paragraph, in the
 * largest font in which they all fit the box. */
static void narration(vz_draw *d, const vz_frame *f, const vz_layout *l)
{
    double s = l->scale;
    SDL_Rect r = l->narration;
    vz_fill(d, r, VZ_PALE);
    vz_outline(d, r, VZ_SAY, 1);
    vz_fill(d, (SDL_Rect){r.x, r.y, P(s, 8), r.h}, VZ_SAY);
    char t[32], head[64];
    if (f->n_said) snprintf(head, sizeof head, "said at %s", vz_fmt_time(f->narration_ns, t, sizeof t));
    else snprintf(head, sizeof head, "narration appears here");
    vz_text(d, VZ_FONT_SMALL, r.x + P(s, 18), r.y + P(s, 2), 0, VZ_LEFT, VZ_SAY, head);
    int top = r.y + P(s, 2) + d->line_h[VZ_FONT_SMALL];
    SDL_Rect body = {r.x + P(s, 18), top, r.w - P(s, 30), r.y + r.h - top - P(s, 2)};
    if (!f->n_said) {
        if (!f->present)
            vz_text_wrap(d, VZ_FONT_BODY, body, 2, VZ_DIM,
                         "Press Space to play, Right to step, N for the next narration, ? for "
                         "every key.");
        return;
    }
    const char *paras[VZ_MAX_SAID];
    for (int i = 0; i < f->n_said; i++) paras[i] = f->said[i];
    vz_paragraphs(d, body, paras, f->n_said, VZ_INK);
}

static void pane_heading(vz_draw *d, const vz_frame *f, const vz_layout *l, int p)
{
    if (f->n_panes < 2) return;
    const vz_pane *pn = &f->panes[p];
    SDL_Rect r = l->diagram[p];
    char t[32], line[200];
    snprintf(line, sizeof line, "%s   clock %s, %" PRIu64 " events", pn->label,
             vz_fmt_time(pn->now_ns, t, sizeof t), pn->events);
    vz_label(d, VZ_FONT_BOLD, r.x, r.y - d->line_h[VZ_FONT_BOLD], r.w, VZ_LEFT, VZ_INK, line);
}

/* The selected model: its description and status, then every metric and
 * every parameter (with its calibration source), one a line, scrolled by
 * the wheel over it or PgUp / PgDn. */
static void inspector(vz_draw *d, const vz_frame *f, const vz_layout *l)
{
    double s = l->scale;
    SDL_Rect r = l->inspector;
    vz_fill(d, r, VZ_PANEL);
    vz_outline(d, r, VZ_LINE, 1);
    int x = r.x + P(s, 8), y = r.y + P(s, 4), w = r.w - P(s, 16);
    const vz_pane *pn = &f->panes[f->selected_pane < f->n_panes ? f->selected_pane : 0];
    if (f->selected_model < 0 || f->selected_model >= pn->n_models) {
        vz_label(d, VZ_FONT_BOLD, x, y, w, VZ_LEFT, VZ_INK, "Inspector");
        vz_text(d, VZ_FONT_SMALL, x, y + d->line_h[VZ_FONT_BOLD], w, VZ_LEFT, VZ_DIM,
                "click a box (or Tab) to see its parameters and metrics");
        return;
    }
    const vz_model *m = &pn->models[f->selected_model];
    char line[256];
    snprintf(line, sizeof line, "Inspector: %s", m->name);
    int tw = vz_label(d, VZ_FONT_BOLD, x, y, w, VZ_LEFT, VZ_INK, line);
    if (f->select_follows && !f->present)
        vz_text(d, VZ_FONT_SMALL, x + tw + P(s, 10), y + P(s, 2), w - tw - P(s, 10), VZ_LEFT,
                VZ_DIM, "(follows the events; click a box to pin)");
    y += d->line_h[VZ_FONT_BOLD];
    vz_text(d, VZ_FONT_SMALL, x, y, w, VZ_LEFT, VZ_DIM, m->doc);
    y += d->line_h[VZ_FONT_SMALL];
    /* The scrolled list: status, metrics, parameters. */
    enum { MAX_LINES = 2 + VZ_MAX_METRICS + 1 + VZ_MAX_PARAMS };
    int n = 0, lh = d->line_h[VZ_FONT_SMALL];
    int bottom = r.y + r.h - P(s, 4), visible = (bottom - y) / lh;
    int first = f->inspector_scroll, total = 3 + m->n_metrics + m->n_params;
    if (total > visible) visible--; /* the last line says how much more there is */
    if (first > total - visible) first = total - visible;
    if (first < 0) first = 0;
    for (int i = 0; i < total && n < visible; i++) {
        if (i < first) continue;
        vz_font font = VZ_FONT_SMALL;
        SDL_Color ink = VZ_INK;
        if (i == 0) {
            snprintf(line, sizeof line, "status: %s", m->status[0] ? m->status : "-");
        } else if (i == 1) {
            snprintf(line, sizeof line, "metrics");
            font = VZ_FONT_SMALL_BOLD;
        } else if (i < 2 + m->n_metrics) {
            const vz_metric *k = &m->metrics[i - 2];
            snprintf(line, sizeof line, "%s = %s", k->name, k->text);
        } else if (i == 2 + m->n_metrics) {
            snprintf(line, sizeof line, "parameters [source in docs/calibration.md]");
            font = VZ_FONT_SMALL_BOLD;
        } else {
            const vz_param *pp = &m->params[i - 3 - m->n_metrics];
            snprintf(line, sizeof line, "%s = %s  [%s]", pp->name, pp->text, pp->source);
        }
        vz_text(d, font, x, y + n * lh, w, VZ_LEFT, ink, line);
        n++;
    }
    int below = total - first - n;
    char more[96];
    if (first > 0 || below > 0) {
        snprintf(more, sizeof more, "%s%d of %d lines%s", first > 0 ? "more above; " : "",
                 below, total, f->present ? " below" : " below (wheel, PgUp/PgDn)");
        if (below == 0) snprintf(more, sizeof more, "top: %d lines above", first);
        int mw = vz_text_w(d, VZ_FONT_SMALL, more) + P(s, 12);
        SDL_Rect tag = {r.x + r.w - mw - P(s, 4), r.y + r.h - lh - P(s, 4), mw, lh};
        vz_fill(d, tag, VZ_PALE);
        vz_text(d, VZ_FONT_SMALL, tag.x + P(s, 6), tag.y, 0, VZ_LEFT, VZ_DIM, more);
    }
}

static const char *const filter_kind_names[VZ_FILTER_COUNT] = {
    "all kinds", "narration", "expectations", "scenario actions", "model events"};

static void event_log(vz_draw *d, const vz_frame *f, const vz_layout *l)
{
    double s = l->scale;
    SDL_Rect r = l->log;
    vz_fill(d, r, VZ_PALE);
    vz_outline(d, r, VZ_LINE, 1);
    char b1[96], b2[96];
    snprintf(b1, sizeof b1, "[F] model: %s", f->filter_model >= 0 ? f->filter_model_name : "all");
    snprintf(b2, sizeof b2, "[K] kind: %s", filter_kind_names[f->filter_kind]);
    const SDL_Rect *btn[2] = {&l->filter_model_btn, &l->filter_kind_btn};
    const char *lab[2] = {b1, b2};
    for (int i = 0; i < 2; i++) {
        int on = i == 0 ? f->filter_model >= 0 : f->filter_kind != VZ_FILTER_ALL;
        vz_fill(d, *btn[i], on ? VZ_BLUE : VZ_PANEL);
        vz_outline(d, *btn[i], VZ_LINE, 1);
        vz_text(d, VZ_FONT_SMALL, btn[i]->x + P(s, 6), btn[i]->y + P(s, 3), btn[i]->w - P(s, 12),
                VZ_LEFT, on ? VZ_WHITE : VZ_INK, lab[i]);
    }
    int shown = f->n_log < l->n_log_rows ? f->n_log : l->n_log_rows;
    if (shown == 0 && l->n_log_rows > 0)
        vz_text(d, VZ_FONT_SMALL, r.x + P(s, 8), l->log_row[0].y, r.w - P(s, 16), VZ_LEFT, VZ_DIM,
                f->position ? "no event up to here matches the filter" : "no event yet");
    char widest[32];
    vz_fmt_time(f->end_ns, widest, sizeof widest);
    int tw = vz_text_w(d, VZ_FONT_SMALL, widest) + P(s, 8);
    for (int i = 0; i < shown; i++) {
        const vz_logline *e = &f->log[f->n_log - shown + i];
        SDL_Rect row = l->log_row[i];
        if (e->index == f->position) {
            vz_fill(d, row, VZ_VM);
            vz_fill(d, (SDL_Rect){row.x, row.y, P(s, 5), row.h}, VZ_ORANGE);
        }
        char t[32], line[400];
        int x = row.x + P(s, 8);
        vz_text(d, VZ_FONT_SMALL, x + tw - P(s, 8), row.y, 0, VZ_RIGHT, VZ_DIM,
                vz_fmt_time(e->time_ns, t, sizeof t));
        x += tw;
        const char *pane = f->n_panes > 1 ? (e->pane ? "B " : "A ") : "";
        SDL_Color c = VZ_INK;
        switch (e->cls) {
        case VZ_EV_SAY:
            snprintf(line, sizeof line, "%s>> \"%s\"", pane, e->note);
            c = VZ_SAY;
            break;
        case VZ_EV_EXPECT_PASS:
        case VZ_EV_EXPECT_FAIL:
            snprintf(line, sizeof line, "%s%s  %s", pane, e->cls == VZ_EV_EXPECT_PASS ? "PASS" : "FAIL",
                     e->note);
            c = e->cls == VZ_EV_EXPECT_PASS ? VZ_PASS : VZ_FAIL;
            break;
        default:
            snprintf(line, sizeof line, "%s%s %s: %s", pane, e->model_name, e->kind, e->note);
            break;
        }
        vz_text(d, e->cls == VZ_EV_ACTION ? VZ_FONT_BOLD : VZ_FONT_SMALL, x, row.y,
                row.x + row.w - x - P(s, 4), VZ_LEFT, c, line);
    }
}

static void timeline(vz_draw *d, const vz_frame *f, const vz_layout *l)
{
    double s = l->scale;
    SDL_Rect r = l->timeline, b = l->timeline_bar;
    vz_fill(d, r, VZ_PANEL);
    vz_outline(d, r, VZ_LINE, 1);
    char t[32];
    vz_label(d, VZ_FONT_BOLD, r.x + P(s, 8), r.y + P(s, 4), 0, VZ_LEFT, VZ_INK, "timeline");
    vz_text(d, VZ_FONT_SMALL, r.x + P(s, 8), b.y + b.h + P(s, 2), 0, VZ_LEFT, VZ_DIM, "0 s");
    vz_text(d, VZ_FONT_SMALL, b.x + b.w, b.y + b.h + P(s, 2), 0, VZ_RIGHT, VZ_DIM,
            vz_fmt_time(f->end_ns, t, sizeof t));
    vz_fill(d, b, VZ_PALE);
    /* density of events */
    uint32_t mx = 1;
    for (int i = 0; i < VZ_DENSITY_BINS; i++)
        if (f->density[i] > mx) mx = f->density[i];
    for (int i = 0; i < VZ_DENSITY_BINS; i++) {
        if (!f->density[i]) continue;
        int x0 = b.x + (int)((double)i / VZ_DENSITY_BINS * b.w);
        int x1 = b.x + (int)((double)(i + 1) / VZ_DENSITY_BINS * b.w);
        int h = 2 + (int)(sqrt((double)f->density[i] / mx) * (b.h - 2));
        vz_fill(d, (SDL_Rect){x0, b.y + b.h - h, x1 - x0 > 1 ? x1 - x0 : 1, h}, VZ_LINE);
    }
    /* the part already run */
    int cx = vz_layout_x_of(l, f, f->view_ns);
    vz_hatch(d, (SDL_Rect){b.x, b.y, cx - b.x, b.h}, VZ_BLUE, P(s, 9));
    vz_outline(d, b, VZ_INK, 1);
    for (int i = 0; i < f->n_marks; i++) {
        const vz_mark *k = &f->marks[i];
        int x = vz_layout_x_of(l, f, k->time_ns);
        switch (k->cls) {
        case VZ_EV_SAY:
            vz_line(d, x, b.y - P(s, 12), x, b.y, VZ_SAY, 2);
            vz_fill(d, (SDL_Rect){x, b.y - P(s, 12), P(s, 8), P(s, 6)}, VZ_SAY);
            break;
        case VZ_EV_EXPECT_PASS:
            vz_line(d, x - P(s, 4), b.y + b.h + P(s, 6), x, b.y + b.h + P(s, 10), VZ_PASS, 2);
            vz_line(d, x, b.y + b.h + P(s, 10), x + P(s, 6), b.y + b.h + P(s, 1), VZ_PASS, 2);
            break;
        case VZ_EV_EXPECT_FAIL:
            vz_line(d, x - P(s, 5), b.y + b.h + P(s, 1), x + P(s, 5), b.y + b.h + P(s, 11), VZ_FAIL, 3);
            vz_line(d, x + P(s, 5), b.y + b.h + P(s, 1), x - P(s, 5), b.y + b.h + P(s, 11), VZ_FAIL, 3);
            break;
        case VZ_EV_ACTION: vz_line(d, x, b.y, x, b.y + P(s, 8), VZ_INK, 2); break;
        default: break;
        }
    }
    vz_line(d, cx, b.y - P(s, 16), cx, b.y + b.h + P(s, 4), VZ_SELECT, 3);
    vz_tri_down(d, cx, b.y - P(s, 14), P(s, 7), VZ_SELECT);
    vz_text(d, VZ_FONT_SMALL, r.x + P(s, 8), r.y + P(s, 4) + d->line_h[VZ_FONT_BOLD], 0, VZ_LEFT,
            VZ_INK, vz_fmt_time(f->view_ns, t, sizeof t));
}

static void status_line(vz_draw *d, const vz_frame *f, const vz_layout *l)
{
    double s = l->scale;
    if (l->status.h <= 0) return;
    vz_fill(d, l->status, VZ_PANEL);
    const char *hint = "Space play/pause   Right step   Left back   N next narration   "
                       "E next expectation   T run to time   click timeline/log to jump   ? help";
    if (f->message[0])
        vz_text(d, VZ_FONT_BOLD, P(s, 12), l->status.y + P(s, 3), l->w - P(s, 24), VZ_LEFT,
                VZ_INK, f->message);
    else if (!f->present)
        vz_text(d, VZ_FONT_SMALL, P(s, 12), l->status.y + P(s, 5), l->w - P(s, 24), VZ_LEFT,
                VZ_DIM, hint);
}

static void overlay_box(vz_draw *d, SDL_Rect r)
{
    vz_fill(d, (SDL_Rect){0, 0, 1 << 15, 1 << 15}, (SDL_Color){0, 0, 0, 110});
    vz_fill(d, r, VZ_PALE);
    vz_outline(d, r, VZ_INK, 2);
}

static void help_overlay(vz_draw *d, const vz_layout *l)
{
    double s = l->scale;
    int n = 0;
    while (vz_help_lines[n][0]) n++;
    int lh = d->line_h[VZ_FONT_BODY];
    SDL_Rect r = {l->w / 2 - P(s, 420), l->h / 2 - (n * lh) / 2 - P(s, 40), P(s, 840),
                  n * lh + P(s, 70)};
    overlay_box(d, r);
    vz_text(d, VZ_FONT_BIG, r.x + P(s, 20), r.y + P(s, 10), 0, VZ_LEFT, VZ_INK, "Keys and mouse");
    for (int i = 0; i < n; i++) {
        int y = r.y + P(s, 50) + i * lh;
        vz_text(d, VZ_FONT_BOLD, r.x + P(s, 20), y, P(s, 250), VZ_LEFT, VZ_INK, vz_help_lines[i][0]);
        vz_text(d, VZ_FONT_BODY, r.x + P(s, 280), y, r.w - P(s, 300), VZ_LEFT, VZ_INK,
                vz_help_lines[i][1]);
    }
}

static void entry_overlay(vz_draw *d, const vz_frame *f, const vz_layout *l)
{
    double s = l->scale;
    SDL_Rect r = {l->w / 2 - P(s, 300), l->h / 2 - P(s, 50), P(s, 600), P(s, 100)};
    overlay_box(d, r);
    vz_text(d, VZ_FONT_BOLD, r.x + P(s, 20), r.y + P(s, 12), 0, VZ_LEFT, VZ_INK,
            "Run until time (e.g. 12s, 1.5min), Enter; Esc cancels:");
    char line[64];
    snprintf(line, sizeof line, "%s_", f->entry);
    vz_text(d, VZ_FONT_BIG, r.x + P(s, 20), r.y + P(s, 50), 0, VZ_LEFT, VZ_BLUE, line);
}

void vz_render(vz_draw *d, const vz_frame *f, int w, int h, vz_layout *l)
{
    vz_draw_begin(d);
    vz_layout_compute(l, f, w, h, d);
    vz_fill(d, (SDL_Rect){0, 0, w, h}, VZ_BG);
    top_bar(d, f, l);
    narration(d, f, l);
    for (int p = 0; p < f->n_panes && p < VZ_MAX_PANES; p++) {
        int sel = f->selected_pane == p ? f->selected_model : -1;
        vz_diagram_draw(d, &f->panes[p], l->diagram[p], l->box[p], l->has_box[p], sel);
        pane_heading(d, f, l, p);
    }
    inspector(d, f, l);
    event_log(d, f, l);
    timeline(d, f, l);
    status_line(d, f, l);
    if (f->help) help_overlay(d, l);
    if (f->entry_active) entry_overlay(d, f, l);
}
