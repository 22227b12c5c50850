/* diagram.c: the machine as boxes (see diagram.h).
 *
 * Where each box goes comes from the model's view in the frame (its
 * place and parent), never from its name: the base bar (the hypervisor)
 * at the bottom, bands of lanes above it (the syscall paths), a row of
 * generic boxes above those, and the columns (the Windows host, the utility
 * VM) side by side in the rest, each holding its INSIDE models stacked
 * under its own content.  A column whose view has a link label gets a
 * channel from the previous column (the 9P channel).  Heights come from
 * what each box needs to show (boxes.c measures with the same code that
 * draws), so text grows with the window instead of being cut.  Events
 * travel as dots along arrows from the model that caused them to the one
 * handling them. */
#include "diagram.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "boxes.h"
#include "theme.h"

static int P(const vz_draw *d, double v) { return (int)lround(v * d->scale); }

/* A band or row model that has handled no event yet is drawn collapsed:
 * the syscall paths take one line in a scenario that never runs a call. */
static int collapsed(const vz_model *m) { return m->last_index == 0; }

static int is_inside(const vz_pane *p, int i)
{
    const vz_model *m = &p->models[i];
    return m->place == VZ_PLACE_INSIDE && m->parent >= 0 && m->parent < p->n_models &&
           p->models[m->parent].place == VZ_PLACE_COLUMN;
}

static vz_place place_of(const vz_pane *p, int i)
{
    const vz_model *m = &p->models[i];
    if (!m->title[0]) return VZ_PLACE_ROW;
    if (m->place == VZ_PLACE_INSIDE && !is_inside(p, i)) return VZ_PLACE_ROW;
    return m->place;
}

/* Stacks the INSIDE models of column c in r: each gets what it needs to
 * show everything when there is room, else a share of the room by need,
 * never less than its title. */
static void place_inside(vz_draw *d, const vz_pane *p, int c, SDL_Rect r, SDL_Rect box[],
                         int has[])
{
    int kids[VZ_MAX_MODELS], n = 0, gap = P(d, 6);
    int need[VZ_MAX_MODELS], least[VZ_MAX_MODELS], sum = 0, sum_least = 0;
    for (int i = 0; i < p->n_models; i++)
        if (is_inside(p, i) && p->models[i].parent == c) kids[n++] = i;
    if (n == 0) return;
    int room = r.h - gap * (n - 1);
    for (int k = 0; k < n; k++) {
        need[k] = vz_box_need(d, &p->models[kids[k]], r.w, 1);
        least[k] = vz_box_need(d, &p->models[kids[k]], r.w, 0);
        sum += need[k];
        sum_least += least[k];
    }
    int y = r.y;
    for (int k = 0; k < n; k++) {
        int h;
        if (sum <= room) h = need[k] + (room - sum) / n;
        else if (sum_least >= room) h = room / n;
        else h = least[k] + (int)((double)(room - sum_least) * (need[k] - least[k]) /
                                  (sum - sum_least > 0 ? sum - sum_least : 1));
        box[kids[k]] = (SDL_Rect){r.x, y, r.w, h};
        has[kids[k]] = 1;
        y += h + gap;
    }
}

/* The width of the channel before a linked column: room for its words. */
static int channel_w(vz_draw *d, const vz_model *m)
{
    if (!m->link_label[0]) return P(d, 8);
    char words[32];
    snprintf(words, sizeof words, "%s", m->link_label);
    char *sp = strchr(words, ' ');
    if (sp) *sp = 0;
    int a = vz_text_w(d, VZ_FONT_SMALL_BOLD, words), b = sp ? vz_text_w(d, VZ_FONT_SMALL, sp + 1) : 0;
    int w = (a > b ? a : b) + P(d, 10);
    return w > P(d, 50) ? w : P(d, 50);
}

/* Column widths: equal shares, less a channel before each linked column. */
static void place_columns(vz_draw *d, const vz_pane *p, SDL_Rect area, SDL_Rect box[], int has[])
{
    int cols[VZ_MAX_MODELS], n = 0;
    for (int i = 0; i < p->n_models; i++)
        if (place_of(p, i) == VZ_PLACE_COLUMN) cols[n++] = i;
    if (n == 0) return;
    int gaps = 0;
    for (int k = 1; k < n; k++) gaps += channel_w(d, &p->models[cols[k]]);
    int cw = (area.w - gaps) / n, x = area.x;
    for (int k = 0; k < n; k++) {
        if (k) x += channel_w(d, &p->models[cols[k]]);
        SDL_Rect r = {x, area.y, cw, area.h};
        box[cols[k]] = r;
        has[cols[k]] = 1;
        int own = vz_box_need(d, &p->models[cols[k]], cw, 1);
        int pad = P(d, 7);
        place_inside(d, p, cols[k], (SDL_Rect){r.x + pad, r.y + own, r.w - 2 * pad, r.h - own - pad},
                     box, has);
        x += cw;
    }
}

/* One title font for the pane's boxes: bold, or small bold if a column's
 * or an inside box's title does not fit its width in bold. */
static vz_font pick_title_font(vz_draw *d, const vz_pane *p, SDL_Rect area)
{
    int n_col = 0, gaps = 0;
    for (int i = 0; i < p->n_models; i++)
        if (place_of(p, i) == VZ_PLACE_COLUMN) gaps += n_col++ ? channel_w(d, &p->models[i]) : 0;
    int col_w = n_col ? (area.w - gaps) / n_col : area.w;
    for (int i = 0; i < p->n_models; i++) {
        vz_place pl = place_of(p, i);
        if (pl != VZ_PLACE_COLUMN && pl != VZ_PLACE_INSIDE) continue;
        int w = col_w - P(d, 14) - (pl == VZ_PLACE_INSIDE ? P(d, 28) : 0);
        if (vz_text_w(d, VZ_FONT_BOLD, p->models[i].title) > w) return VZ_FONT_SMALL_BOLD;
    }
    return VZ_FONT_BOLD;
}

void vz_diagram_place(vz_draw *d, const vz_pane *p, SDL_Rect area, SDL_Rect box[VZ_MAX_MODELS],
                      int has[VZ_MAX_MODELS])
{
    int gap = P(d, 8);
    d->title_font = pick_title_font(d, p, area);
    for (int i = 0; i < p->n_models; i++) has[i] = 0;
    SDL_Rect rest = area;
    /* Bottom up: the base, the bands, the row of generic boxes. */
    for (int i = 0; i < p->n_models; i++) {
        if (place_of(p, i) != VZ_PLACE_BASE) continue;
        int h = vz_box_base_need(d);
        box[i] = (SDL_Rect){rest.x, rest.y + rest.h - h, rest.w, h};
        has[i] = 1;
        rest.h -= h + gap;
    }
    for (int i = p->n_models - 1; i >= 0; i--) {
        if (place_of(p, i) != VZ_PLACE_BAND) continue;
        int h = vz_band_need(d, &p->models[i], rest.w, collapsed(&p->models[i]));
        if (h > rest.h * 2 / 5) h = rest.h * 2 / 5;
        box[i] = (SDL_Rect){rest.x, rest.y + rest.h - h, rest.w, h};
        has[i] = 1;
        rest.h -= h + gap;
    }
    int row[VZ_MAX_MODELS], n_row = 0, row_h = 0;
    for (int i = 0; i < p->n_models; i++)
        if (place_of(p, i) == VZ_PLACE_ROW) row[n_row++] = i;
    if (n_row > 0) {
        int w = (rest.w - gap * (n_row - 1)) / n_row;
        for (int k = 0; k < n_row; k++) {
            int h = vz_box_need(d, &p->models[row[k]], w, 0) + 3 * d->line_h[VZ_FONT_SMALL];
            if (h > row_h) row_h = h;
        }
        if (row_h > rest.h / 3) row_h = rest.h / 3;
        for (int k = 0; k < n_row; k++) {
            box[row[k]] = (SDL_Rect){rest.x + k * (w + gap), rest.y + rest.h - row_h, w, row_h};
            has[row[k]] = 1;
        }
        rest.h -= row_h + gap;
    }
    place_columns(d, p, rest, box, has);
}

/* --- drawing ------------------------------------------------------------- */
static const SDL_Color column_fill[] = {VZ_HOST, VZ_VM, VZ_T2, VZ_WSL1};

/* The channel into a linked column from the one before it: arrows both
 * ways and the link's words stacked between them. */
static void draw_link(vz_draw *d, SDL_Rect from, SDL_Rect to, const char *label)
{
    int x1 = from.x + from.w, x2 = to.x;
    if (x2 - x1 < P(d, 20)) return;
    int y = to.y + to.h - P(d, 60);
    vz_arrow(d, x1 + 2, y, x2 - 2, y, VZ_SAY, 2);
    vz_arrow(d, x2 - 2, y + P(d, 12), x1 + 2, y + P(d, 12), VZ_SAY, 2);
    char words[32];
    snprintf(words, sizeof words, "%s", label);
    int ly = y - d->line_h[VZ_FONT_SMALL_BOLD] - P(d, 6), below = y + P(d, 24);
    char *sp = strchr(words, ' ');
    if (sp) *sp = 0;
    vz_label(d, VZ_FONT_SMALL_BOLD, (x1 + x2) / 2, ly, x2 - x1, VZ_CENTER, VZ_SAY, words);
    if (sp) vz_label(d, VZ_FONT_SMALL, (x1 + x2) / 2, below, x2 - x1, VZ_CENTER, VZ_SAY, sp + 1);
}

/* Events in flight: a dot travels along an arrow from the model that
 * caused the event to the one handling it (from above the diagram for the
 * scenario's own actions).  A model's own timer has no journey: its kind is
 * shown as a tag on the box's bottom edge. */
static void draw_flights(vz_draw *d, const vz_pane *p, SDL_Rect area, const SDL_Rect box[],
                         const int has[])
{
    for (int i = p->n_recent - 1; i >= 0; i--) {
        const vz_flight *f = &p->recent[i];
        if (f->to_model < 0 || f->to_model >= p->n_models || !has[f->to_model]) continue;
        SDL_Rect to = box[f->to_model];
        SDL_Color c = f->cls == VZ_EV_ACTION ? VZ_SAY : VZ_ORANGE;
        int tw = vz_text_w(d, VZ_FONT_SMALL_BOLD, f->kind) + P(d, 10);
        int lh = d->line_h[VZ_FONT_SMALL_BOLD];
        int xe, ye;
        if (f->from_model == f->to_model) {
            xe = to.x + to.w - tw - P(d, 30);
            ye = to.y + to.h - P(d, 2);
            if (f->t < 1.0) vz_disc(d, xe, ye, P(d, 5 + 4 * f->t), c);
        } else {
            int x2 = to.x + to.w - P(d, 22), y2 = to.y + P(d, 12), x1, y1;
            if (f->from_model >= 0 && f->from_model < p->n_models && has[f->from_model]) {
                SDL_Rect from = box[f->from_model];
                x1 = from.x + from.w - P(d, 22);
                y1 = from.y + P(d, 12);
            } else {
                x1 = x2 - P(d, 40);
                y1 = area.y - P(d, 6);
            }
            xe = x1 + (int)lround((x2 - x1) * f->t);
            ye = y1 + (int)lround((y2 - y1) * f->t);
            vz_arrow(d, x1, y1, xe, ye, c, f->t >= 1.0 ? 3 : 2);
            vz_disc(d, xe, ye, P(d, 9), c);
            vz_disc(d, xe, ye, P(d, 4), VZ_WHITE);
        }
        SDL_Rect lab = {xe - P(d, 12) - tw, ye - lh / 2, tw, lh};
        if (f->from_model == f->to_model) lab.x = xe + P(d, 12);
        if (lab.x + lab.w > area.x + area.w) lab.x = xe - P(d, 12) - tw;
        vz_fill(d, lab, VZ_PALE);
        vz_outline(d, lab, c, 2);
        vz_text(d, VZ_FONT_SMALL_BOLD, lab.x + P(d, 5), lab.y, 0, VZ_LEFT, VZ_INK, f->kind);
    }
}

void vz_diagram_draw(vz_draw *d, const vz_pane *p, SDL_Rect area, const SDL_Rect box[VZ_MAX_MODELS],
                     const int has[VZ_MAX_MODELS], int selected)
{
    d->title_font = pick_title_font(d, p, area);
    /* Containers first, then what sits inside them. */
    int prev_col = -1, n_col = 0;
    for (int i = 0; i < p->n_models; i++) {
        if (!has[i]) continue;
        const vz_model *m = &p->models[i];
        switch (place_of(p, i)) {
        case VZ_PLACE_BASE: vz_box_draw_base(d, m, box[i]); break;
        case VZ_PLACE_BAND: vz_band_draw(d, m, box[i], collapsed(m)); break;
        case VZ_PLACE_COLUMN:
            vz_box_draw(d, m, box[i], column_fill[n_col++ % 4]);
            if (prev_col >= 0 && m->link_label[0]) draw_link(d, box[prev_col], box[i], m->link_label);
            prev_col = i;
            break;
        case VZ_PLACE_ROW: vz_box_draw(d, m, box[i], VZ_PANEL); break;
        default: break;
        }
    }
    for (int i = 0; i < p->n_models; i++)
        if (has[i] && place_of(p, i) == VZ_PLACE_INSIDE)
            vz_box_draw(d, &p->models[i], box[i], VZ_PANEL);
    /* The model that handled the latest event: a thick frame. */
    if (p->n_recent > 0) {
        int to = p->recent[0].to_model;
        if (to >= 0 && to < p->n_models && has[to]) vz_outline(d, box[to], VZ_ORANGE, 4);
    }
    if (selected >= 0 && selected < p->n_models && has[selected]) {
        SDL_Rect r = box[selected];
        vz_outline(d, (SDL_Rect){r.x - 3, r.y - 3, r.w + 6, r.h + 6}, VZ_SELECT, 2);
    }
    draw_flights(d, p, area, box, has);
}
