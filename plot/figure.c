/* figure.c: building a figure, estimating text widths, writing SVG (see
 * figure.h). */
#include "figure.h"

#include <stdlib.h>
#include <string.h>

void fig_init(figure *f, int w, int h, fig_color background)
{
    memset(f, 0, sizeof *f);
    f->w = w;
    f->h = h;
    f->background = background;
}

void fig_free(figure *f)
{
    free(f->items);
    f->items = NULL;
    f->n = f->cap = 0;
}

static fig_item *add(figure *f, fig_kind kind, fig_color c)
{
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 256;
        fig_item *items = realloc(f->items, cap * sizeof *items);
        if (!items) return NULL;
        f->items = items;
        f->cap = cap;
    }
    fig_item *it = &f->items[f->n++];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    it->color = c;
    return it;
}

int fig_line(figure *f, double x1, double y1, double x2, double y2, double width, fig_color c)
{
    fig_item *it = add(f, FIG_LINE, c);
    if (!it) return -1;
    it->x1 = x1, it->y1 = y1, it->x2 = x2, it->y2 = y2, it->width = width;
    return 0;
}

int fig_disc(figure *f, double x, double y, double radius, fig_color c)
{
    fig_item *it = add(f, FIG_DISC, c);
    if (!it) return -1;
    it->x1 = x, it->y1 = y, it->x2 = radius;
    return 0;
}

int fig_rect(figure *f, double x1, double y1, double x2, double y2, double width, fig_color c)
{
    fig_item *it = add(f, FIG_RECT, c);
    if (!it) return -1;
    it->x1 = x1, it->y1 = y1, it->x2 = x2, it->y2 = y2, it->width = width;
    return 0;
}

int fig_text(figure *f, double x, double y, double size, int bold, fig_anchor anchor,
             int vertical, fig_color c, const char *text)
{
    fig_item *it = add(f, FIG_TEXT, c);
    if (!it) return -1;
    it->x1 = x, it->y1 = y, it->size = size, it->bold = bold, it->anchor = anchor;
    it->vertical = vertical;
    snprintf(it->text, sizeof it->text, "%s", text);
    return 0;
}

double fig_text_width(const char *text, double size, int bold)
{
    /* DejaVu Sans advances, rounded up: about 0.62 em for lower case and
     * digits (0.92 for m and w), 0.70 for capitals, 0.34 for space and
     * narrow letters; bold is ~10% wider.  UTF-8 continuation bytes do not
     * advance. */
    double em = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if ((*p & 0xC0) == 0x80) continue;
        if (*p >= 'A' && *p <= 'Z') em += 0.70;
        else if (strchr(" .,:;!|'()[]ijlft", *p)) em += 0.34;
        else if (*p == 'm' || *p == 'w') em += 0.92;
        else em += 0.62;
    }
    return em * size * (bold ? 1.1 : 1.0);
}

static void svg_color(FILE *out, fig_color c)
{
    fprintf(out, "#%02x%02x%02x", c.r, c.g, c.b);
}

static void svg_text(FILE *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        default: fputc(*s, out);
        }
    }
}

static void svg_item(FILE *out, const fig_item *it)
{
    static const char *const anchors[] = {"start", "middle", "end"};
    switch (it->kind) {
    case FIG_LINE:
        fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke-width=\"%.1f\" "
                     "stroke-linecap=\"round\" stroke=\"",
                it->x1, it->y1, it->x2, it->y2, it->width);
        svg_color(out, it->color);
        fputs("\"/>\n", out);
        break;
    case FIG_DISC:
        fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"", it->x1, it->y1, it->x2);
        svg_color(out, it->color);
        fputs("\"/>\n", out);
        break;
    case FIG_RECT:
        fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" ",
                it->x1 < it->x2 ? it->x1 : it->x2, it->y1 < it->y2 ? it->y1 : it->y2,
                it->x2 > it->x1 ? it->x2 - it->x1 : it->x1 - it->x2,
                it->y2 > it->y1 ? it->y2 - it->y1 : it->y1 - it->y2);
        if (it->width > 0) {
            fprintf(out, "fill=\"none\" stroke-width=\"%.1f\" stroke=\"", it->width);
        } else {
            fputs("fill=\"", out);
        }
        svg_color(out, it->color);
        fputs("\"/>\n", out);
        break;
    case FIG_TEXT:
        fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\" text-anchor=\"%s\" "
                     "dominant-baseline=\"central\"%s",
                it->x1, it->y1, it->size, anchors[it->anchor],
                it->bold ? " font-weight=\"bold\"" : "");
        if (it->vertical) fprintf(out, " transform=\"rotate(-90 %.1f %.1f)\"", it->x1, it->y1);
        fputs(" fill=\"", out);
        svg_color(out, it->color);
        fputs("\">", out);
        svg_text(out, it->text);
        fputs("</text>\n", out);
        break;
    }
}

int fig_write_svg(FILE *out, const figure *f)
{
    fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                 "viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans, Verdana, sans-serif\">\n",
            f->w, f->h, f->w, f->h);
    fprintf(out, "<rect width=\"100%%\" height=\"100%%\" fill=\"");
    svg_color(out, f->background);
    fputs("\"/>\n", out);
    for (size_t i = 0; i < f->n; i++) svg_item(out, &f->items[i]);
    fputs("</svg>\n", out);
    return ferror(out) ? -1 : 0;
}
