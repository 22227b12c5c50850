/* boxes.c: a model's box from its view (see boxes.h).
 *
 * Rows, top to bottom: the title (and the badges that hold, on the same
 * line when they fit, else below it), the badges' notes, the strips, the
 * bars with their legends, the items.  Rows flow: a legend entry or an item
 * that does not fit beside the previous one starts a new line, so a narrow
 * box grows taller instead of cutting words.  Every row is laid out by one
 * function that draws only when asked, so measuring and drawing agree. */
#include "boxes.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "theme.h"

static int P(const vz_draw *d, double v) { return (int)lround(v * d->scale); }

/* A cursor over a box's inside: where the next row goes, and whether rows
 * are drawn or only measured. */
typedef struct row_ctx {
    vz_draw *d;
    int x, y, w;
    int draw;
} row_ctx;

static SDL_Color style_color(vz_style st)
{
    switch (st) {
    case VZ_STYLE_DARK: return VZ_HYP;
    case VZ_STYLE_HATCHED: return VZ_ORANGE;
    case VZ_STYLE_EMPTY: return VZ_PALE;
    default: return VZ_BLUE;
    }
}

/* A filled or hatched rectangle in a segment's style. */
static void style_fill(vz_draw *d, SDL_Rect q, vz_style st, int gap)
{
    SDL_Color c = style_color(st);
    if (st == VZ_STYLE_HATCHED) {
        vz_fill(d, q, VZ_PALE);
        vz_hatch(d, q, c, gap);
        vz_outline(d, q, c, 1);
    } else {
        vz_fill(d, q, c);
    }
}

/* --- flowing entries ------------------------------------------------------ */
/* Entries laid left to right, wrapping to a new line; each is drawn by
 * entry() at (x, y) and is `width` wide.  Returns the height used. */
typedef struct flow {
    row_ctx *c;
    int x, y, line_h, gap;
} flow;

static void flow_begin(flow *fl, row_ctx *c, int line_h)
{
    fl->c = c;
    fl->x = c->x;
    fl->y = c->y;
    fl->line_h = line_h;
    fl->gap = P(c->d, 16);
}

/* Where an entry of width w goes (a new line if it does not fit here). */
static void flow_place(flow *fl, int w, int *x, int *y)
{
    if (fl->x > fl->c->x && fl->x + w > fl->c->x + fl->c->w) {
        fl->x = fl->c->x;
        fl->y += fl->line_h;
    }
    *x = fl->x;
    *y = fl->y;
    fl->x += w + fl->gap;
}

static int flow_end(flow *fl) { return fl->x > fl->c->x ? fl->y + fl->line_h - fl->c->y : fl->y - fl->c->y; }

/* "label value": the label dim, the value bold.  Fits w or shrinks. */
static int pair_w(vz_draw *d, const char *label, const char *value)
{
    int lw = label[0] ? vz_text_w(d, VZ_FONT_SMALL, label) + P(d, 5) : 0;
    return lw + vz_text_w(d, VZ_FONT_SMALL_BOLD, value);
}

static void pair_draw(vz_draw *d, int x, int y, int max_w, const char *label, const char *value,
                      SDL_Color ink)
{
    int w = pair_w(d, label, value);
    if (w > max_w) { /* too wide even alone on its line: one string, shrunk */
        char both[160];
        snprintf(both, sizeof both, "%s%s%s", label, label[0] ? " " : "", value);
        vz_label(d, VZ_FONT_SMALL, x, y, max_w, VZ_LEFT, ink, both);
        return;
    }
    if (label[0]) x += vz_text(d, VZ_FONT_SMALL, x, y, 0, VZ_LEFT, VZ_DIM, label) + P(d, 5);
    vz_text(d, VZ_FONT_SMALL_BOLD, x, y, 0, VZ_LEFT, ink, value);
}

/* --- title and badges ------------------------------------------------------ */
static int badge_w(vz_draw *d, const vz_badge *b)
{
    return vz_text_w(d, VZ_FONT_SMALL_BOLD, b->text) + P(d, 12);
}

static void badge_draw(vz_draw *d, int x, int y, int max_w, const vz_badge *b)
{
    int lh = d->line_h[VZ_FONT_SMALL_BOLD];
    int w = badge_w(d, b) < max_w ? badge_w(d, b) : max_w;
    SDL_Rect r = {x, y + (d->line_h[VZ_FONT_BOLD] - lh) / 2, w, lh};
    vz_fill(d, r, b->alert ? VZ_FAIL : VZ_INK);
    vz_label(d, VZ_FONT_SMALL_BOLD, x + P(d, 6), r.y, w - P(d, 12), VZ_LEFT, VZ_WHITE, b->text);
}

static const char *title_of(const vz_model *m) { return m->title[0] ? m->title : m->name; }

/* The title in the pane's title font (vz_draw.title_font) when it fits on
 * one line, else in the small bold font on as many lines as it takes. */
static int title_lines(vz_draw *d, const char *title, int w, vz_font *font)
{
    *font = d->title_font;
    if (vz_text_w(d, *font, title) <= w) return 1;
    *font = VZ_FONT_SMALL_BOLD;
    return vz_wrap_lines(d, *font, w, title);
}

/* The title, then the badges (beside it if they fit, else flowing below). */
static void title_row(row_ctx *c, const vz_model *m, SDL_Color ink)
{
    vz_draw *d = c->d;
    const char *title = title_of(m);
    vz_font tf;
    int lines = title_lines(d, title, c->w, &tf);
    int tw = lines == 1 ? vz_text_w(d, tf, title) : c->w, lh = d->line_h[tf];
    int bw = 0;
    for (int i = 0; i < m->n_badges; i++) bw += badge_w(d, &m->badges[i]) + P(d, 8);
    int beside = lines == 1 && m->n_badges > 0 && tw + P(d, 10) + bw <= c->w;
    if (c->draw) {
        if (lines == 1) vz_label(d, tf, c->x, c->y, c->w, VZ_LEFT, ink, title);
        else vz_wrap_label(d, tf, (SDL_Rect){c->x, c->y, c->w, lines * lh}, ink, title);
    }
    if (m->n_badges == 0) {
        c->y += lines * lh;
        return;
    }
    flow fl;
    row_ctx sub = *c;
    if (beside) sub.x = c->x + tw + P(d, 10), sub.w = c->w - tw - P(d, 10);
    else sub.y = c->y + lines * lh;
    flow_begin(&fl, &sub, d->line_h[VZ_FONT_BOLD]);
    fl.gap = P(d, 8);
    for (int i = 0; i < m->n_badges; i++) {
        int x, y, w = badge_w(d, &m->badges[i]);
        flow_place(&fl, w < sub.w ? w : sub.w, &x, &y);
        if (c->draw) badge_draw(d, x, y, sub.w, &m->badges[i]);
    }
    c->y = sub.y + flow_end(&fl);
}

static int hides_body(const vz_model *m)
{
    for (int i = 0; i < m->n_badges; i++)
        if (m->badges[i].hides_body) return 1;
    return 0;
}

static void notes_row(row_ctx *c, const vz_model *m)
{
    vz_draw *d = c->d;
    for (int i = 0; i < m->n_badges; i++) {
        if (!m->badges[i].note[0]) continue;
        SDL_Rect box = {c->x, c->y, c->w, d->line_h[VZ_FONT_SMALL] * 2};
        if (c->draw) c->y += vz_text_wrap(d, VZ_FONT_SMALL, box, 2, VZ_DIM, m->badges[i].note);
        else c->y += d->line_h[VZ_FONT_SMALL] * 2;
    }
}

/* --- strips ----------------------------------------------------------------- */
/* Chips for each value of an enum metric; the current one is filled, bold
 * and marked with a triangle, so it reads without colour.  When every name
 * does not fit, the other chips shrink to squares that keep the order; the
 * current one keeps its name whole. */
static void strip_row(row_ctx *c, const vz_model *m, const vz_strip *st)
{
    vz_draw *d = c->d;
    const vz_metric *e = &m->metrics[st->metric];
    int n = e->n_enum, cur = (int)e->i, gap = P(d, 3), pad = P(d, 10);
    int chip_h = d->line_h[VZ_FONT_SMALL_BOLD] + P(d, 2), mark = P(d, 6);
    if (!c->draw) {
        c->y += mark + chip_h + P(d, 4);
        return;
    }
    int lw = st->label[0] ? vz_text_w(d, VZ_FONT_SMALL, st->label) + P(d, 8) : 0;
    int y = c->y + mark;
    if (lw) vz_text(d, VZ_FONT_SMALL, c->x, y + P(d, 1), lw, VZ_LEFT, VZ_DIM, st->label);
    int want[VZ_MAX_ENUM], sum = 0;
    for (int i = 0; i < n; i++) {
        want[i] = vz_text_w(d, i == cur ? VZ_FONT_SMALL_BOLD : VZ_FONT_SMALL, e->enum_names[i]) + pad;
        sum += want[i];
    }
    int room = c->w - lw - gap * (n - 1);
    int compact = sum > room, dot = P(d, 12);
    double k = compact ? 1.0 : (double)room / (sum > 0 ? sum : 1);
    if (k > 1.6) k = 1.6;
    int x = c->x + lw;
    for (int i = 0; i < n; i++) {
        int is_cur = i == cur;
        int cw = compact ? (is_cur ? want[i] : dot) : (int)(want[i] * k);
        if (compact && is_cur) {
            int others = (n - 1) * (dot + gap);
            if (cw > c->w - lw - others) cw = c->w - lw - others;
        }
        SDL_Rect q = {x, y, cw, chip_h};
        x += cw + gap;
        vz_fill(d, q, is_cur ? VZ_BLUE : VZ_PALE);
        vz_outline(d, q, is_cur ? VZ_SELECT : VZ_LINE, is_cur ? 2 : 1);
        if (is_cur)
            vz_label(d, VZ_FONT_SMALL_BOLD, q.x + q.w / 2, q.y + P(d, 1), q.w - 4, VZ_CENTER, VZ_WHITE,
                     e->enum_names[i]);
        else if (!compact)
            vz_text(d, VZ_FONT_SMALL, q.x + q.w / 2, q.y + P(d, 1), q.w - 4, VZ_CENTER, VZ_DIM,
                    e->enum_names[i]);
        if (is_cur) vz_tri_down(d, q.x + q.w / 2, q.y - 1, mark, VZ_SELECT);
    }
    c->y += mark + chip_h + P(d, 4);
}

/* --- bars ------------------------------------------------------------------ */
static int seg_entry(const vz_bar *b, int i, char *buf, size_t cap)
{
    const vz_seg *sg = &b->segs[i];
    if (!sg->label[0]) return 0;
    if (sg->style == VZ_STYLE_EMPTY && b->scale_text[0])
        snprintf(buf, cap, "%s %s of %s%s%s", sg->label, sg->text, b->scale_text,
                 sg->shortfall[0] ? ": " : "", sg->shortfall);
    else snprintf(buf, cap, "%s %s", sg->label, sg->text);
    return 1;
}

static void bar_fill(vz_draw *d, SDL_Rect r, const vz_bar *b)
{
    vz_fill(d, r, VZ_PALE);
    int x = r.x;
    for (int i = 0; i < b->n_segs && b->scale > 0; i++) {
        const vz_seg *sg = &b->segs[i];
        int w = (int)((double)sg->bytes / (double)b->scale * r.w);
        int x0 = b->layered ? r.x : x;
        if (x0 + w > r.x + r.w) w = r.x + r.w - x0;
        if (w > 0 && sg->style != VZ_STYLE_EMPTY)
            style_fill(d, (SDL_Rect){x0, r.y, w, r.h}, sg->style, P(d, 7));
        if (!b->layered) x += w;
    }
    vz_outline(d, r, VZ_INK, 1);
}

/* A labelled bar on one line: "label [=====    ] value". */
static void labelled_bar_row(row_ctx *c, const vz_bar *b, int label_w)
{
    vz_draw *d = c->d;
    int lh = d->line_h[VZ_FONT_SMALL_BOLD];
    if (c->draw) {
        const char *value = b->n_segs ? b->segs[b->n_segs - 1].text : "";
        int vw = vz_text_w(d, VZ_FONT_SMALL_BOLD, value) + P(d, 6);
        vz_label(d, VZ_FONT_SMALL, c->x, c->y, label_w, VZ_LEFT, VZ_INK, b->label);
        SDL_Rect r = {c->x + label_w, c->y + lh / 5, c->w - label_w - vw, lh * 3 / 5};
        if (r.w > 0) bar_fill(d, r, b);
        vz_text(d, VZ_FONT_SMALL_BOLD, c->x + c->w, c->y, 0, VZ_RIGHT, VZ_INK, value);
    }
    c->y += lh;
}

/* A bar across the box, its legend flowing below. */
static void legend_bar_row(row_ctx *c, const vz_bar *b)
{
    vz_draw *d = c->d;
    int bh = P(d, 18);
    if (c->draw) bar_fill(d, (SDL_Rect){c->x, c->y, c->w, bh}, b);
    c->y += bh + P(d, 2);
    flow fl;
    flow_begin(&fl, c, d->line_h[VZ_FONT_SMALL]);
    int key = P(d, 13);
    for (int i = 0; i < b->n_segs; i++) {
        char text[160];
        if (!seg_entry(b, i, text, sizeof text)) continue;
        int tw = vz_text_w(d, VZ_FONT_SMALL, text), w = key + P(d, 4) + tw, x, y;
        if (w > c->w) w = c->w;
        flow_place(&fl, w, &x, &y);
        if (!c->draw) continue;
        SDL_Rect k = {x, y + P(d, 3), key, P(d, 11)};
        style_fill(d, k, b->segs[i].style, 4);
        vz_outline(d, k, VZ_INK, 1);
        vz_label(d, VZ_FONT_SMALL, x + key + P(d, 4), y, c->w - key - P(d, 4), VZ_LEFT, VZ_INK, text);
    }
    c->y += flow_end(&fl) + P(d, 2);
}

static void bars_rows(row_ctx *c, const vz_model *m)
{
    int label_w = 0;
    for (int i = 0; i < m->n_bars; i++)
        if (m->bars[i].label[0]) {
            int w = vz_text_w(c->d, VZ_FONT_SMALL, m->bars[i].label) + P(c->d, 8);
            if (w > label_w) label_w = w;
        }
    if (label_w > c->w / 2) label_w = c->w / 2;
    for (int i = 0; i < m->n_bars; i++) {
        if (m->bars[i].label[0]) labelled_bar_row(c, &m->bars[i], label_w);
        else legend_bar_row(c, &m->bars[i]);
    }
}

/* --- items ----------------------------------------------------------------- */
static void items_rows(row_ctx *c, const vz_model *m, SDL_Color ink)
{
    if (m->n_items == 0) return;
    flow fl;
    flow_begin(&fl, c, c->d->line_h[VZ_FONT_SMALL_BOLD]);
    for (int i = 0; i < m->n_items; i++) {
        const vz_item *it = &m->items[i];
        int w = pair_w(c->d, it->label, it->text), x, y;
        if (w > c->w) w = c->w;
        flow_place(&fl, w, &x, &y);
        if (c->draw) pair_draw(c->d, x, y, c->w, it->label, it->text, ink);
    }
    c->y += flow_end(&fl);
}

/* Models with no view: their metrics as lines (as many as fit; these may
 * be cut: a generic box is a fallback, not a slide). */
static void generic_rows(row_ctx *c, const vz_model *m, int bottom)
{
    vz_draw *d = c->d;
    int lh = d->line_h[VZ_FONT_SMALL];
    for (int i = 0; i < m->n_metrics && c->y + lh <= bottom; i++) {
        char line[160];
        snprintf(line, sizeof line, "%s: %s", m->metrics[i].name, m->metrics[i].text);
        if (c->draw) vz_text(d, VZ_FONT_SMALL, c->x, c->y, c->w, VZ_LEFT, VZ_INK, line);
        c->y += lh;
    }
}

/* --- a whole box ------------------------------------------------------------- */
typedef enum section { SEC_STRIPS, SEC_BARS, SEC_ITEMS, SEC_COUNT } section;

static void section_rows(row_ctx *c, const vz_model *m, section s)
{
    switch (s) {
    case SEC_STRIPS:
        for (int i = 0; i < m->n_strips; i++) strip_row(c, m, &m->strips[i]);
        break;
    case SEC_BARS: bars_rows(c, m); break;
    default: items_rows(c, m, VZ_INK); break;
    }
}

static int section_h(vz_draw *d, const vz_model *m, int w, section s)
{
    row_ctx c = {d, 0, 0, w, 0};
    section_rows(&c, m, s);
    return c.y;
}

/* Lays out (and, if draw, draws) m's content into r; returns the y below. */
static int box_rows(vz_draw *d, const vz_model *m, SDL_Rect r, int draw, int full)
{
    int pad = P(d, 7);
    row_ctx c = {d, r.x + pad, r.y + P(d, 3), r.w - 2 * pad, draw};
    int bottom = r.y + r.h - P(d, 3);
    title_row(&c, m, VZ_INK);
    if (!full && !draw) return c.y + P(d, 3);
    notes_row(&c, m);
    if (!m->title[0]) {
        if (m->status[0]) {
            if (draw) vz_text(d, VZ_FONT_SMALL, c.x, c.y, c.w, VZ_LEFT, VZ_DIM, m->status);
            c.y += d->line_h[VZ_FONT_SMALL];
        }
        if (full || draw) generic_rows(&c, m, full && !draw ? 1 << 30 : bottom);
        return c.y + P(d, 3);
    }
    if (hides_body(m)) return c.y + P(d, 3);
    /* Sections in order of priority: the first one that does not fit and
     * all after it are left out. */
    for (section s = 0; s < SEC_COUNT; s++) {
        if (!full && !draw) break;
        int h = section_h(d, m, c.w, s);
        if (draw && c.y + h > bottom) break;
        section_rows(&c, m, s);
        c.y += h > 0 ? P(d, 3) : 0;
    }
    return c.y + P(d, 2);
}

int vz_box_need(vz_draw *d, const vz_model *m, int w, int full)
{
    return box_rows(d, m, (SDL_Rect){0, 0, w, 1 << 20}, 0, full);
}

int vz_box_draw(vz_draw *d, const vz_model *m, SDL_Rect r, SDL_Color fill)
{
    vz_fill(d, r, fill);
    vz_outline(d, r, VZ_LINE, 1);
    /* A box too short for its title and badges hides key words: counted as
     * a cut, and nothing spills over its neighbours. */
    if (vz_box_need(d, m, r.w, 0) > r.h) vz_count_cut(d, title_of(m));
    SDL_RenderSetClipRect(d->ren, &r);
    int y = box_rows(d, m, r, 1, 1);
    SDL_RenderSetClipRect(d->ren, NULL);
    return y;
}

/* --- the base bar ---------------------------------------------------------- */
int vz_box_base_need(vz_draw *d)
{
    return d->line_h[VZ_FONT_BOLD] + d->line_h[VZ_FONT_SMALL_BOLD] + P(d, 6);
}

void vz_box_draw_base(vz_draw *d, const vz_model *m, SDL_Rect r)
{
    vz_fill(d, r, VZ_HYP);
    int x = r.x + P(d, 10), w = r.w - P(d, 20), y = r.y + P(d, 3);
    vz_label(d, VZ_FONT_BOLD, x, y, w, VZ_LEFT, VZ_WHITE, title_of(m));
    y += d->line_h[VZ_FONT_BOLD];
    char line[256] = "";
    size_t n = 0;
    for (int i = 0; i < m->n_items && n < sizeof line; i++)
        n += (size_t)snprintf(line + n, sizeof line - n, "%s%s %s", i ? "   " : "",
                              m->items[i].label, m->items[i].text);
    vz_label(d, VZ_FONT_SMALL_BOLD, x, y, w, VZ_LEFT, VZ_WHITE, line);
}

/* --- a band of lanes ---------------------------------------------------------- */
/* One lane: its name, its stages as chips joined by arrows (wrapping onto
 * more lines when they do not fit), its time so far as a bar and a value. */
typedef struct lane_geom {
    int name_w, time_w, chip_h, gap;
} lane_geom;

static lane_geom lane_sizes(vz_draw *d, const vz_model *m)
{
    lane_geom g;
    g.name_w = 0;
    g.time_w = 0;
    for (int i = 0; i < m->n_lanes; i++) {
        int w = vz_text_w(d, VZ_FONT_SMALL_BOLD, m->lanes[i].label);
        if (w > g.name_w) g.name_w = w;
        w = vz_text_w(d, VZ_FONT_SMALL, m->lanes[i].time_text);
        if (w > g.time_w) g.time_w = w;
    }
    g.name_w += P(d, 10);
    g.time_w += P(d, 70);
    g.chip_h = d->line_h[VZ_FONT_SMALL_BOLD] + P(d, 2);
    g.gap = P(d, 14);
    return g;
}

static int chip_w(vz_draw *d, const vz_lane *ln, int j)
{
    vz_font f = j == ln->current ? VZ_FONT_SMALL_BOLD : VZ_FONT_SMALL;
    return vz_text_w(d, f, ln->stages[j]) + P(d, 12);
}

/* Lays out lane ln's chips in [x, x + w); returns the lines used. */
static int lane_row(vz_draw *d, const vz_model *m, const vz_lane *ln, const lane_geom *g, int x,
                    int y, int w, int draw)
{
    int lines = 1, cx = x, cy = y, cxs[VZ_MAX_STAGES], cys[VZ_MAX_STAGES], cws[VZ_MAX_STAGES];
    for (int j = 0; j < ln->n_stages; j++) {
        int cw = chip_w(d, ln, j);
        if (cw > w) cw = w;
        if (cx > x && cx + cw > x + w) {
            cx = x;
            cy += g->chip_h + P(d, 4);
            lines++;
        }
        cxs[j] = cx;
        cys[j] = cy;
        cws[j] = cw;
        cx += cw + g->gap;
    }
    if (!draw) return lines;
    int cur = ln->current;
    for (int j = 0; j < ln->n_stages; j++) {
        SDL_Rect c = {cxs[j], cys[j], cws[j], g->chip_h};
        int on = j == cur;
        vz_fill(d, c, on ? VZ_ORANGE : VZ_PALE);
        vz_outline(d, c, on ? VZ_SELECT : VZ_LINE, on ? 2 : 1);
        vz_label(d, on ? VZ_FONT_SMALL_BOLD : VZ_FONT_SMALL, c.x + c.w / 2, c.y + P(d, 1), c.w - 4,
                 VZ_CENTER, on ? VZ_WHITE : VZ_INK, ln->stages[j]);
        if (j + 1 < ln->n_stages && cys[j + 1] == cys[j])
            vz_arrow(d, c.x + c.w + 1, c.y + c.h / 2, cxs[j + 1] - 1, c.y + c.h / 2, VZ_INK, 1);
    }
    if (cur >= 0 && m->last_t < 1.0) {
        /* the call on its way from the previous stage into this one */
        int x0 = cur ? cxs[cur - 1] + cws[cur - 1] / 2 : x - g->name_w / 2;
        int y0 = cur ? cys[cur - 1] : cys[cur];
        int x1 = cxs[cur] + cws[cur] / 2;
        vz_disc(d, x0 + (int)lround((x1 - x0) * m->last_t),
                y0 + (int)lround((cys[cur] - y0) * m->last_t) + g->chip_h / 2, P(d, 7), VZ_ORANGE);
    }
    return lines;
}

static int band_title_h(vz_draw *d) { return d->line_h[VZ_FONT_BOLD]; }

int vz_band_need(vz_draw *d, const vz_model *m, int w, int collapsed)
{
    int h = P(d, 3) + band_title_h(d) + P(d, 3);
    if (collapsed) return h;
    row_ctx c = {d, 0, 0, w - P(d, 14), 0};
    items_rows(&c, m, VZ_INK);
    h += c.y;
    lane_geom g = lane_sizes(d, m);
    int chips_w = w - P(d, 14) - g.name_w - g.time_w;
    for (int i = 0; i < m->n_lanes; i++)
        h += lane_row(d, m, &m->lanes[i], &g, 0, 0, chips_w, 0) * (g.chip_h + P(d, 4)) + P(d, 2);
    return h + P(d, 3);
}

void vz_band_draw(vz_draw *d, const vz_model *m, SDL_Rect r, int collapsed)
{
    vz_fill(d, r, VZ_PANEL);
    vz_outline(d, r, VZ_LINE, 1);
    int pad = P(d, 7), x = r.x + pad, w = r.w - 2 * pad, y = r.y + P(d, 3);
    int tw = vz_label(d, VZ_FONT_BOLD, x, y, w, VZ_LEFT, VZ_INK, title_of(m));
    vz_text(d, VZ_FONT_SMALL, x + tw + P(d, 12), y + P(d, 2), w - tw - P(d, 12), VZ_LEFT, VZ_DIM,
            m->status);
    y += band_title_h(d) + P(d, 3);
    if (collapsed) return;
    row_ctx c = {d, x, y, w, 1};
    items_rows(&c, m, VZ_INK);
    y = c.y;
    lane_geom g = lane_sizes(d, m);
    int chips_x = x + g.name_w, chips_w = w - g.name_w - g.time_w;
    int64_t longest = 1;
    for (int i = 0; i < m->n_lanes; i++)
        if (m->lanes[i].time_ns > longest) longest = m->lanes[i].time_ns;
    for (int i = 0; i < m->n_lanes; i++) {
        const vz_lane *ln = &m->lanes[i];
        if (y + lane_row(d, m, ln, &g, chips_x, y, chips_w, 0) * (g.chip_h + P(d, 4)) >
            r.y + r.h + P(d, 4)) {
            vz_count_cut(d, ln->label); /* a lane that does not fit is a cut */
            break;
        }
        vz_label(d, ln->current >= 0 ? VZ_FONT_SMALL_BOLD : VZ_FONT_SMALL, x, y + P(d, 1), g.name_w,
                 VZ_LEFT, VZ_INK, ln->label);
        int lines = lane_row(d, m, ln, &g, chips_x, y, chips_w, 1);
        if (ln->time_text[0]) {
            /* the time this path took so far: the gap grows as you watch */
            SDL_Rect b = {x + w - g.time_w + P(d, 6), y + P(d, 4), P(d, 56), g.chip_h - P(d, 8)};
            vz_fill(d, b, VZ_PALE);
            vz_fill(d, (SDL_Rect){b.x, b.y, (int)((double)ln->time_ns / longest * b.w), b.h},
                    VZ_BLUE);
            vz_outline(d, b, VZ_LINE, 1);
            vz_label(d, VZ_FONT_SMALL, x + w, y + P(d, 1), g.time_w - P(d, 66), VZ_RIGHT, VZ_INK,
                     ln->time_text);
        }
        y += lines * (g.chip_h + P(d, 4)) + P(d, 2);
    }
}
