/* plot_chart.c: grouping, statistics, axes and drawing of a sweep chart
 * (see plot_chart.h). */
#include "plot_chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "registry.h"
#include "units.h"

#define CHART_MAX_SERIES 8
#define CHART_MAX_X 512

static const fig_color INK = {0x22, 0x22, 0x22}, DIM = {0x55, 0x55, 0x55},
                       GRID = {0xdd, 0xdd, 0xdd}, PAPER = {0xff, 0xff, 0xff};
/* Okabe and Ito (2008), "Color Universal Design": blue, vermilion, bluish
 * green, reddish purple, orange, sky blue, black, yellow. */
static const fig_color PALETTE[CHART_MAX_SERIES] = {
    {0x00, 0x72, 0xB2}, {0xD5, 0x5E, 0x00}, {0x00, 0x9E, 0x73}, {0xCC, 0x79, 0xA7},
    {0xE6, 0x9F, 0x00}, {0x56, 0xB4, 0xE9}, {0x00, 0x00, 0x00}, {0xF0, 0xE4, 0x42}};

/* --- reading the columns ---------------------------------------------------- */

static int find_column(const csv_table *t, const char *opt, const char *name, const char *path,
                       char *why, size_t cap)
{
    int c = csv_column(t, name);
    if (c >= 0) return c;
    const char *near = sim_suggest(name, (const char *const *)t->header, t->n_cols);
    if (near) return sim_why(why, cap, "%s: error: %s %s: no such column; did you mean '%s'?", path, opt, name, near);
    return sim_why(why, cap, "%s: error: %s %s: no such column (the header names %zu)", path, opt, name, t->n_cols);
}

static int parse_number(const char *s, double *out)
{
    char *end;
    if (!*s) return -1;
    *out = strtod(s, &end);
    return *end || !isfinite(*out) ? -1 : 0;
}

typedef enum axis_kind { AXIS_DURATION, AXIS_SIZE, AXIS_NUMBER, AXIS_CATEGORY } axis_kind;

typedef struct axis {
    axis_kind kind;
    double scale;            /* base units per shown unit */
    char unit[16];           /* shown unit, "" for none */
    double lo, hi;           /* shown range */
} axis;

/* The largest unit of a kind not above max (the smallest one if none). */
static const sim_unit_def *fitting_unit(sim_unit_kind kind, double max, int binary)
{
    size_t n;
    const sim_unit_def *table = sim_units_table(&n), *best = NULL;
    for (size_t i = 0; i < n; i++) {
        const sim_unit_def *u = &table[i];
        if (u->kind != kind) continue;
        if (kind == SIM_UNIT_SIZE && u->factor > 1 && (strchr(u->name, 'i') != NULL) != binary) continue;
        if (!best || (u->factor <= max && u->factor > best->factor) ||
            (best->factor > max && u->factor < best->factor))
            best = u;
    }
    return best;
}

/* The unit suffix shared by every cell, or NULL. */
static const sim_unit_def *shared_unit(char *const *cells, size_t n)
{
    const sim_unit_def *shared = NULL;
    for (size_t i = 0; i < n; i++) {
        const char *u = cells[i] + strlen(cells[i]);
        while (u > cells[i] && !(u[-1] >= '0' && u[-1] <= '9') && u[-1] != '.') u--;
        const sim_unit_def *d = sim_unit_find(u, strlen(u));
        if (!d || (shared && d != shared)) return NULL;
        shared = d;
    }
    return shared;
}

/* Classifies the x cells and turns them into numbers (category index for
 * AXIS_CATEGORY; cats gets the names). */
static void read_x(char *const *cells, size_t n, axis *a, double *v, const char **cats,
                   size_t *n_cats)
{
    int64_t q;
    size_t ok_d = 0, ok_s = 0, ok_n = 0;
    for (size_t i = 0; i < n; i++) {
        ok_d += sim_parse_duration(cells[i], &q, NULL, 0) == 0;
        ok_s += sim_parse_bytes(cells[i], &q, NULL, 0) == 0;
        ok_n += parse_number(cells[i], &v[i]) == 0;
    }
    a->kind = ok_d == n ? AXIS_DURATION : ok_s == n ? AXIS_SIZE : ok_n == n ? AXIS_NUMBER : AXIS_CATEGORY;
    a->scale = 1;
    a->unit[0] = '\0';
    *n_cats = 0;
    double max = 0;
    for (size_t i = 0; i < n; i++) {
        if (a->kind == AXIS_DURATION) sim_parse_duration(cells[i], &q, NULL, 0);
        if (a->kind == AXIS_SIZE) sim_parse_bytes(cells[i], &q, NULL, 0);
        if (a->kind == AXIS_DURATION || a->kind == AXIS_SIZE) v[i] = (double)q;
        if (a->kind == AXIS_CATEGORY) {
            size_t k = 0;
            while (k < *n_cats && strcmp(cats[k], cells[i]) != 0) k++;
            if (k == *n_cats && k < CHART_MAX_X) cats[(*n_cats)++] = cells[i];
            v[i] = (double)k;
        }
        if (fabs(v[i]) > max) max = fabs(v[i]);
    }
    if (a->kind == AXIS_DURATION || a->kind == AXIS_SIZE) {
        const sim_unit_def *u = shared_unit(cells, n);
        if (!u) {
            int binary = 0;
            for (size_t i = 0; i < n; i++) binary |= strstr(cells[i], "iB") != NULL;
            u = fitting_unit(a->kind == AXIS_DURATION ? SIM_UNIT_DURATION : SIM_UNIT_SIZE, max, binary);
        }
        a->scale = (double)u->factor;
        snprintf(a->unit, sizeof a->unit, "%s", u->name);
    }
}

/* The y column's metric type from the registry: SIM_T_COUNT if unknown. */
static sim_type metric_type(const char *column)
{
    size_t n_models;
    const sim_model_ops *const *models = hv_registry(&n_models);
    const char *dot = strchr(column, '.');
    for (size_t m = 0; dot && m < n_models; m++) {
        if (strlen(models[m]->name) != (size_t)(dot - column) ||
            strncmp(models[m]->name, column, (size_t)(dot - column)) != 0)
            continue;
        int k = sim_model_find_metric(models[m], dot + 1);
        if (k >= 0) return models[m]->metrics[k].type;
    }
    return SIM_T_COUNT;
}

static void choose_y_unit(axis *a, sim_type t, double max)
{
    a->scale = 1;
    a->unit[0] = '\0';
    a->kind = AXIS_NUMBER;
    const sim_unit_def *u = NULL;
    if (t == SIM_T_DURATION) u = fitting_unit(SIM_UNIT_DURATION, max, 0);
    if (t == SIM_T_BYTES) u = fitting_unit(SIM_UNIT_SIZE, max, 1);
    if (u) {
        a->scale = (double)u->factor;
        snprintf(a->unit, sizeof a->unit, "%s", u->name);
    }
}

/* --- statistics --------------------------------------------------------------- */

typedef struct point {
    double x;                /* shown units (category index for categories) */
    double mean, lo, hi;     /* shown units */
    size_t n;
} point;

typedef struct series {
    const char *name;        /* the --by value, or NULL */
    point *pts;
    size_t n;
} series;

static int cmp_point(const void *a, const void *b)
{
    double x = ((const point *)a)->x, y = ((const point *)b)->x;
    return x < y ? -1 : x > y;
}

/* Mean and bar of the ys of rows [idx], in shown units. */
static void stats(const double *ys, const size_t *idx, size_t n, chart_error_bars bars, double scale,
                  point *p)
{
    double sum = 0, mn = INFINITY, mx = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        double y = ys[idx[i]] / scale;
        sum += y;
        if (y < mn) mn = y;
        if (y > mx) mx = y;
    }
    p->n = n;
    p->mean = sum / (double)n;
    if (bars == CHART_ERR_MINMAX) {
        p->lo = mn;
        p->hi = mx;
        return;
    }
    double ss = 0;
    for (size_t i = 0; i < n; i++) ss += (ys[idx[i]] / scale - p->mean) * (ys[idx[i]] / scale - p->mean);
    double sd = n > 1 ? sqrt(ss / (double)(n - 1)) : 0;
    p->lo = p->mean - sd;
    p->hi = p->mean + sd;
}

/* --- ticks and drawing ----------------------------------------------------------- */

/* A step of 1, 2 or 5 x 10^k giving about `want` intervals over span. */
static double nice_step(double span, int want)
{
    if (span <= 0) return 1;
    double raw = span / want, mag = pow(10, floor(log10(raw))), f = raw / mag;
    return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
}

static void format_tick(double v, double step, char *buf, size_t cap)
{
    int dec = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
    if (fabs(v) < step * 1e-9) v = 0;
    snprintf(buf, cap, "%.*f", dec, v);
}

typedef struct frame {
    double left, right, top, bottom;  /* plot area, px */
    double s;                         /* scale: width / 1600 */
} frame;

static double px_x(const frame *fr, const axis *a, double x)
{
    return fr->left + (x - a->lo) / (a->hi - a->lo) * (fr->right - fr->left);
}

static double px_y(const frame *fr, const axis *a, double y)
{
    return fr->bottom - (y - a->lo) / (a->hi - a->lo) * (fr->bottom - fr->top);
}

static void axis_label(char *buf, size_t cap, const char *name, const axis *a)
{
    if (a->unit[0]) snprintf(buf, cap, "%s (%s)", name, a->unit);
    else snprintf(buf, cap, "%s", name);
}

static int draw_axes(figure *f, const frame *fr, const axis *ax, const axis *ay, const char **cats,
                     size_t n_cats, const chart_opts *o)
{
    double s = fr->s;
    int rc = 0;
    char buf[FIG_TEXT_MAX];
    double ystep = nice_step(ay->hi - ay->lo, 6);
    for (double y = ceil(ay->lo / ystep) * ystep; y <= ay->hi + ystep * 1e-9; y += ystep) {
        double py = px_y(fr, ay, y);
        rc |= fig_line(f, fr->left, py, fr->right, py, 1.5 * s, GRID);
        format_tick(y, ystep, buf, sizeof buf);
        rc |= fig_text(f, fr->left - 14 * s, py, 26 * s, 0, FIG_END, 0, DIM, buf);
    }
    if (ax->kind == AXIS_CATEGORY) {
        for (size_t k = 0; k < n_cats; k++)
            rc |= fig_text(f, px_x(fr, ax, (double)k), fr->bottom + 30 * s, 26 * s, 0, FIG_MIDDLE, 0,
                           DIM, cats[k]);
    } else {
        double xstep = nice_step(ax->hi - ax->lo, 7);
        for (double x = ceil(ax->lo / xstep) * xstep; x <= ax->hi + xstep * 1e-9; x += xstep) {
            double px = px_x(fr, ax, x);
            rc |= fig_line(f, px, fr->bottom, px, fr->bottom + 10 * s, 3 * s, INK);
            format_tick(x, xstep, buf, sizeof buf);
            rc |= fig_text(f, px, fr->bottom + 32 * s, 26 * s, 0, FIG_MIDDLE, 0, DIM, buf);
        }
    }
    rc |= fig_line(f, fr->left, fr->bottom, fr->right, fr->bottom, 3 * s, INK);
    rc |= fig_line(f, fr->left, fr->top, fr->left, fr->bottom, 3 * s, INK);
    axis_label(buf, sizeof buf, o->x, ax);
    rc |= fig_text(f, (fr->left + fr->right) / 2, fr->bottom + 82 * s, 32 * s, 1, FIG_MIDDLE, 0, INK, buf);
    axis_label(buf, sizeof buf, o->y, ay);
    rc |= fig_text(f, 40 * s, (fr->top + fr->bottom) / 2, 32 * s, 1, FIG_MIDDLE, 1, INK, buf);
    return rc;
}

static int draw_series(figure *f, const frame *fr, const axis *ax, const axis *ay, const series *sr,
                       fig_color c)
{
    double s = fr->s, cap = 14 * s;
    int rc = 0;
    /* Lines join points of a numeric axis; categories stand apart. */
    for (size_t i = 0; ax->kind != AXIS_CATEGORY && i + 1 < sr->n; i++)
        rc |= fig_line(f, px_x(fr, ax, sr->pts[i].x), px_y(fr, ay, sr->pts[i].mean),
                       px_x(fr, ax, sr->pts[i + 1].x), px_y(fr, ay, sr->pts[i + 1].mean), 5 * s, c);
    for (size_t i = 0; i < sr->n; i++) {
        const point *p = &sr->pts[i];
        double x = px_x(fr, ax, p->x);
        if (p->n > 1 && p->hi > p->lo) {
            double y1 = px_y(fr, ay, p->lo), y2 = px_y(fr, ay, p->hi);
            rc |= fig_line(f, x, y1, x, y2, 3 * s, c);
            rc |= fig_line(f, x - cap, y1, x + cap, y1, 3 * s, c);
            rc |= fig_line(f, x - cap, y2, x + cap, y2, 3 * s, c);
        }
        rc |= fig_disc(f, x, px_y(fr, ay, p->mean), 10 * s, c);
        rc |= fig_disc(f, x, px_y(fr, ay, p->mean), 5 * s, PAPER);
    }
    return rc;
}

static int draw_legend(figure *f, const frame *fr, const series *sr, size_t n, const char *by)
{
    double s = fr->s, size = 26 * s, gap = 40 * s, total = 0;
    char label[FIG_TEXT_MAX];
    for (size_t i = 0; i < n; i++) {
        snprintf(label, sizeof label, "%s = %s", by, sr[i].name);
        total += 34 * s + fig_text_width(label, size, 0) + (i ? gap : 0);
    }
    double x = (fr->left + fr->right - total) / 2, y = fr->top - 40 * s;
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        snprintf(label, sizeof label, "%s = %s", by, sr[i].name);
        rc |= fig_line(f, x, y, x + 24 * s, y, 5 * s, PALETTE[i]);
        rc |= fig_disc(f, x + 12 * s, y, 8 * s, PALETTE[i]);
        rc |= fig_text(f, x + 34 * s, y, size, 0, FIG_START, 0, INK, label);
        x += 34 * s + fig_text_width(label, size, 0) + gap;
    }
    return rc;
}

/* --- putting it together --------------------------------------------------------- */

typedef struct chart_data {
    double *xs, *ys;         /* per row, base units (x: category index) */
    int *use;                /* per row: has a y */
    size_t skipped;          /* rows without a y */
    const char *cats[CHART_MAX_X];
    size_t n_cats;
    const char *by_names[CHART_MAX_SERIES];
    size_t n_series;
    series sr[CHART_MAX_SERIES];
    size_t max_reps;
} chart_data;

static void data_free(chart_data *d)
{
    free(d->xs);
    free(d->ys);
    free(d->use);
    for (size_t i = 0; i < d->n_series; i++) free(d->sr[i].pts);
}

static int read_rows(const csv_table *t, const chart_opts *o, int cx, int cy, int cb, axis *ax,
                     chart_data *d, char *why, size_t cap)
{
    size_t n = t->n_rows;
    char **xcells = malloc((n ? n : 1) * sizeof *xcells);
    d->xs = calloc(n ? n : 1, sizeof *d->xs);
    d->ys = calloc(n ? n : 1, sizeof *d->ys);
    d->use = calloc(n ? n : 1, sizeof *d->use);
    if (!xcells || !d->xs || !d->ys || !d->use) {
        free(xcells);
        return sim_why(why, cap, "out of memory");
    }
    for (size_t r = 0; r < n; r++) xcells[r] = t->rows[r][cx];
    read_x(xcells, n, ax, d->xs, d->cats, &d->n_cats);
    free(xcells);
    for (size_t r = 0; r < n; r++) {
        const char *cell = t->rows[r][cy];
        if (!cell[0]) {
            d->skipped++;
            continue;
        }
        if (parse_number(cell, &d->ys[r]) != 0)
            return sim_why(why, cap, "%s:%d: error: --y %s: '%s' is not a number (plot a numeric "
                           "metric)", o->path, t->row_line[r], o->y, cell);
        d->use[r] = 1;
        const char *by = cb >= 0 ? t->rows[r][cb] : "";
        size_t k = 0;
        while (k < d->n_series && strcmp(d->by_names[k], by) != 0) k++;
        if (k == d->n_series) {
            if (k == CHART_MAX_SERIES)
                return sim_why(why, cap, "%s: error: --by %s has more than %d values; a chart "
                               "with more lines is not readable", o->path, o->by, CHART_MAX_SERIES);
            d->by_names[d->n_series++] = by;
        }
    }
    if (d->n_series == 0)
        return sim_why(why, cap, "%s: error: no row has a value of %s", o->path, o->y);
    return 0;
}

/* Builds each series' points (sorted by x) in shown units. */
static int build_series(const csv_table *t, int cb, const axis *ax, const axis *ay,
                        const chart_opts *o, chart_data *d, char *why, size_t cap)
{
    size_t n = t->n_rows;
    size_t *idx = malloc((n ? n : 1) * sizeof *idx);
    int *taken = calloc(n ? n : 1, sizeof *taken);
    if (!idx || !taken) {
        free(idx);
        free(taken);
        return sim_why(why, cap, "out of memory");
    }
    for (size_t k = 0; k < d->n_series; k++) {
        series *sr = &d->sr[k];
        sr->name = d->by_names[k];
        sr->pts = calloc(n ? n : 1, sizeof *sr->pts);
        if (!sr->pts) break;
        for (size_t r = 0; r < n; r++) {
            if (!d->use[r] || taken[r] || strcmp(cb >= 0 ? t->rows[r][cb] : "", sr->name) != 0) continue;
            size_t m = 0;
            for (size_t q = r; q < n; q++)
                if (d->use[q] && !taken[q] && d->xs[q] == d->xs[r] &&
                    strcmp(cb >= 0 ? t->rows[q][cb] : "", sr->name) == 0) {
                    idx[m++] = q;
                    taken[q] = 1;
                }
            point *p = &sr->pts[sr->n++];
            stats(d->ys, idx, m, o->bars, ay->scale, p);
            p->x = ax->kind == AXIS_CATEGORY ? d->xs[r] : d->xs[r] / ax->scale;
            if (m > d->max_reps) d->max_reps = m;
        }
        qsort(sr->pts, sr->n, sizeof *sr->pts, cmp_point);
    }
    free(idx);
    free(taken);
    return 0;
}

static void ranges(chart_data *d, axis *ax, axis *ay)
{
    double xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY, yhi = -INFINITY;
    for (size_t k = 0; k < d->n_series; k++)
        for (size_t i = 0; i < d->sr[k].n; i++) {
            const point *p = &d->sr[k].pts[i];
            xlo = fmin(xlo, p->x), xhi = fmax(xhi, p->x);
            ylo = fmin(ylo, fmin(p->lo, p->mean)), yhi = fmax(yhi, fmax(p->hi, p->mean));
        }
    if (ax->kind == AXIS_CATEGORY) {
        ax->lo = -0.5;
        ax->hi = (double)d->n_cats - 0.5;
    } else {
        double pad = xhi > xlo ? (xhi - xlo) * 0.05 : fmax(fabs(xlo) * 0.1, 1);
        ax->lo = xlo - pad;
        ax->hi = xhi + pad;
    }
    if (ylo >= 0) ylo = 0;
    if (yhi <= ylo) yhi = ylo + 1;
    double step = nice_step(yhi - ylo, 6);
    ay->lo = floor(ylo / step) * step;
    ay->hi = ceil(yhi * 1.02 / step) * step;
}

static void subtitle(const chart_data *d, const chart_opts *o, char *buf, size_t cap)
{
    int n = snprintf(buf, cap, "%s",
                     d->max_reps <= 1 ? "one run per point"
                     : o->bars == CHART_ERR_MINMAX
                         ? "points: mean; bars: smallest to largest over the repetitions"
                         : "points: mean; bars: mean \xc2\xb1 1 standard deviation over the repetitions");
    if (d->max_reps > 1 && n > 0 && (size_t)n < cap)
        n += snprintf(buf + n, cap - (size_t)n, " (up to %zu)", d->max_reps);
    if (d->skipped && n > 0 && (size_t)n < cap)
        snprintf(buf + n, cap - (size_t)n, "; %zu run%s without a value left out", d->skipped,
                 d->skipped == 1 ? "" : "s");
}

int chart_build(const csv_table *t, const chart_opts *o, figure *out, char *why, size_t why_cap)
{
    int cx = find_column(t, "--x", o->x, o->path, why, why_cap);
    int cy = cx < 0 ? -1 : find_column(t, "--y", o->y, o->path, why, why_cap);
    int cb = cy < 0 || !o->by ? -1 : find_column(t, "--by", o->by, o->path, why, why_cap);
    if (cx < 0 || cy < 0 || (o->by && cb < 0)) return -1;
    if (t->n_rows == 0) return sim_why(why, why_cap, "%s: error: the CSV has no rows", o->path);
    chart_data d;
    memset(&d, 0, sizeof d);
    axis ax, ay;
    int rc = -1;
    if (read_rows(t, o, cx, cy, cb, &ax, &d, why, why_cap) != 0) goto out;
    double ymax = 0;
    for (size_t r = 0; r < t->n_rows; r++)
        if (d.use[r]) ymax = fmax(ymax, fabs(d.ys[r]));
    choose_y_unit(&ay, metric_type(o->y), ymax);
    if (build_series(t, cb, &ax, &ay, o, &d, why, why_cap) != 0) goto out;
    ranges(&d, &ax, &ay);
    fig_init(out, o->w, o->h, PAPER);
    frame fr;
    fr.s = o->w / 1600.0;
    fr.left = 170 * fr.s, fr.right = o->w - 70 * fr.s;
    fr.top = (o->by ? 215 : 170) * fr.s, fr.bottom = o->h - 130 * fr.s;
    char title[FIG_TEXT_MAX], sub[FIG_TEXT_MAX];
    if (o->title) snprintf(title, sizeof title, "%s", o->title);
    else snprintf(title, sizeof title, "%s vs %s", o->y, o->x);
    subtitle(&d, o, sub, sizeof sub);
    rc = fig_text(out, o->w / 2.0, 55 * fr.s, 46 * fr.s, 1, FIG_MIDDLE, 0, INK, title) |
         fig_text(out, o->w / 2.0, 110 * fr.s, 26 * fr.s, 0, FIG_MIDDLE, 0, DIM, sub) |
         draw_axes(out, &fr, &ax, &ay, d.cats, d.n_cats, o);
    for (size_t k = 0; k < d.n_series; k++)
        rc |= draw_series(out, &fr, &ax, &ay, &d.sr[k], PALETTE[k]);
    if (o->by) rc |= draw_legend(out, &fr, d.sr, d.n_series, o->by);
    if (rc != 0) {
        fig_free(out);
        sim_why(why, why_cap, "out of memory");
    }
out:
    data_free(&d);
    return rc ? -1 : 0;
}
