/* figure.h: a picture as plain data -- a list of lines, discs, rectangles
 * and text in pixel coordinates -- and its SVG writer.
 *
 * `hvsim plot` lays a chart out once as a figure; the SVG writer here and
 * the PNG renderer (figure_png.h, SDL2 + SDL2_ttf) draw the same list, so
 * both outputs show the same thing.  Coordinates are pixels from the top
 * left; text is placed by its anchor point (start, middle or end of the
 * line horizontally, the middle of the line vertically), vertical text
 * reads bottom to top.  Text widths for layout are estimated
 * (fig_text_width), not measured: the chart leaves room for DejaVu Sans.
 *
 * Ownership: a figure owns its items; fig_free releases them. */
#ifndef HVSIM_PLOT_FIGURE_H
#define HVSIM_PLOT_FIGURE_H

#include <stddef.h>
#include <stdio.h>

#define FIG_TEXT_MAX 160

typedef struct fig_color {
    unsigned char r, g, b;
} fig_color;

typedef enum fig_kind { FIG_LINE, FIG_DISC, FIG_RECT, FIG_TEXT } fig_kind;
typedef enum fig_anchor { FIG_START, FIG_MIDDLE, FIG_END } fig_anchor;

typedef struct fig_item {
    fig_kind kind;
    double x1, y1, x2, y2;  /* line: ends; rect: corners; disc: centre (x1, y1), radius x2;
                               text: anchor point (x1, y1) */
    double width;           /* line and rect outline width, px (rect: 0 = filled) */
    fig_color color;
    double size;            /* text: font size, px */
    int bold, vertical;     /* text */
    fig_anchor anchor;      /* text */
    char text[FIG_TEXT_MAX];
} fig_item;

typedef struct figure {
    int w, h;               /* px */
    fig_color background;
    fig_item *items;
    size_t n, cap;
} figure;

void fig_init(figure *f, int w, int h, fig_color background);
void fig_free(figure *f);

/* Each returns 0, or -1 when memory runs out. */
int fig_line(figure *f, double x1, double y1, double x2, double y2, double width, fig_color c);
int fig_disc(figure *f, double x, double y, double radius, fig_color c);
/* width 0: filled; else an outline of that width. */
int fig_rect(figure *f, double x1, double y1, double x2, double y2, double width, fig_color c);
int fig_text(figure *f, double x, double y, double size, int bold, fig_anchor anchor,
             int vertical, fig_color c, const char *text);

/* Estimated width in px of text at size px in DejaVu Sans. */
double fig_text_width(const char *text, double size, int bold);

/* Writes f as an SVG document.  0, or -1 on a write error. */
int fig_write_svg(FILE *out, const figure *f);

#endif
