/* draw.h: the viewer's drawing primitives over an SDL_Renderer -- filled and
 * outlined rectangles, hatching (a pattern, so meaning never rests on colour
 * alone), lines, arrows, discs, and text with SDL2_ttf in the DejaVu fonts
 * at sizes that read on a projector.
 *
 * A vz_draw owns its fonts; the renderer belongs to the caller (a window's or
 * a software renderer over a surface for headless PNGs).  Rendered text is
 * kept as textures in a small cache keyed by (font, colour, width limit,
 * text), so a frame that shows what the last one showed renders no glyphs;
 * entries not used for a while are reused. */
#ifndef HVSIM_VIZ_DRAW_H
#define HVSIM_VIZ_DRAW_H

#include <SDL.h>
#include <SDL_ttf.h>

typedef enum vz_font {
    VZ_FONT_SMALL, VZ_FONT_BODY, VZ_FONT_BOLD, VZ_FONT_BIG, VZ_FONT_SMALL_BOLD, VZ_FONT_TINY,
    VZ_FONT_TINY_BOLD, VZ_FONT_COUNT
} vz_font;

typedef struct vz_text_ent vz_text_ent;

typedef struct vz_draw {
    SDL_Renderer *ren;
    vz_text_ent *cache;          /* VZ_TEXT_CACHE entries, owned */
    uint32_t tick;               /* bumped by vz_draw_begin, for the cache */
    TTF_Font *font[VZ_FONT_COUNT];
    int line_h[VZ_FONT_COUNT];   /* pixels per line */
    double scale;                /* geometry: 1.0 at 1600 px wide */
    double text_scale;           /* fonts: the geometry's, but never below
                                    VZ_MIN_TEXT_SCALE, and larger when presenting */
    int present;                 /* 1: presentation mode (larger text) */
    /* Key labels (vz_label, vz_paragraphs) that could not be made to fit
     * even in the smallest font and were cut: a count since the last
     * vz_draw_begin and the last one cut, for tests. */
    int cuts;
    char last_cut[160];
    vz_font title_font;          /* box titles in the diagram being drawn (diagram.c) */
} vz_draw;

#define VZ_MIN_TEXT_SCALE 0.8    /* 12 px small text on a 1024 px window */
#define VZ_PRESENT_TEXT 1.2      /* presentation mode: text this much larger */

/* Opens the fonts scaled for a window width (pixels); present: larger text.
 * 0, or -1 with SDL's error set (TTF_GetError). */
int vz_draw_open(vz_draw *d, SDL_Renderer *ren, int width_px, int present);
void vz_draw_close(vz_draw *d);
/* Call once per frame before drawing (ages the text cache, zeroes cuts). */
void vz_draw_begin(vz_draw *d);

typedef enum vz_align { VZ_LEFT, VZ_CENTER, VZ_RIGHT } vz_align;

void vz_color(vz_draw *d, SDL_Color c);
void vz_fill(vz_draw *d, SDL_Rect r, SDL_Color c);
void vz_outline(vz_draw *d, SDL_Rect r, SDL_Color c, int thickness);
/* Diagonal stripes every `gap` pixels inside r. */
void vz_hatch(vz_draw *d, SDL_Rect r, SDL_Color c, int gap);
void vz_line(vz_draw *d, int x1, int y1, int x2, int y2, SDL_Color c, int thickness);
void vz_arrow(vz_draw *d, int x1, int y1, int x2, int y2, SDL_Color c, int thickness);
void vz_disc(vz_draw *d, int cx, int cy, int radius, SDL_Color c);
/* A small triangle pointing down with its tip at (x, y). */
void vz_tri_down(vz_draw *d, int x, int y, int size, SDL_Color c);

/* Text on one line, cut with "..." to max_w pixels (0: no limit).  Returns
 * the width drawn.  For text that may be cut (log lines, long notes). */
int vz_text(vz_draw *d, vz_font f, int x, int y, int max_w, vz_align a, SDL_Color c,
            const char *s);
/* A key label (a title, a state word, a value): drawn in font f if it fits
 * max_w, else in the next smaller font that does (bold stays bold); only if
 * even the smallest does not fit is it cut, and counted in d->cuts.
 * Returns the width drawn. */
int vz_label(vz_draw *d, vz_font f, int x, int y, int max_w, vz_align a, SDL_Color c,
             const char *s);
/* The font vz_label would use for s in max_w (the smallest if none fits). */
vz_font vz_label_font(vz_draw *d, vz_font f, int max_w, const char *s);
/* Records that key label s could not be shown whole. */
void vz_count_cut(vz_draw *d, const char *s);
/* Lines s takes wrapped at word boundaries into w pixels in font f. */
int vz_wrap_lines(vz_draw *d, vz_font f, int w, const char *s);
/* A key label wrapped into box (box.h / line height lines); cut and counted
 * only if it needs more lines than that. */
void vz_wrap_label(vz_draw *d, vz_font f, SDL_Rect box, SDL_Color c, const char *s);
/* Paragraphs (each starting on a new line) wrapped into box in the largest
 * of bold, small bold, small and tiny in which all of them fit; cut (and
 * counted) only if they do not fit in the tiny font.  Returns the height. */
int vz_paragraphs(vz_draw *d, SDL_Rect box, const char *const *paras, int n, SDL_Color c);
/* Width of s in font f. */
int vz_text_w(vz_draw *d, vz_font f, const char *s);
/* Text wrapped at word boundaries into width w, at most max_lines lines.
 * Returns the height used. */
int vz_text_wrap(vz_draw *d, vz_font f, SDL_Rect box, int max_lines, SDL_Color c, const char *s);

int vz_inside(SDL_Rect r, int x, int y);

#endif
