/* figure_png.c: figures to PNG through SDL2 (see figure_png.h).  Thick
 * lines are quads and discs triangle fans (SDL_RenderGeometry); text is
 * TTF_RenderUTF8_Blended, turned for vertical labels. */
#include "figure_png.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#ifndef HVSIM_FONT_DIR
#define HVSIM_FONT_DIR "/usr/share/fonts/truetype/dejavu"
#endif

#define SS 2            /* supersampling factor */
#define DISC_SEGMENTS 32
#define FIG_PI 3.14159265358979323846

static SDL_Vertex vertex(double x, double y, fig_color c)
{
    SDL_Vertex v;
    memset(&v, 0, sizeof v);
    v.position.x = (float)(x * SS);
    v.position.y = (float)(y * SS);
    v.color.r = c.r, v.color.g = c.g, v.color.b = c.b, v.color.a = 255;
    return v;
}

static void draw_line(SDL_Renderer *ren, const fig_item *it)
{
    double dx = it->x2 - it->x1, dy = it->y2 - it->y1, len = sqrt(dx * dx + dy * dy);
    double w = it->width > 0 ? it->width : 1;
    if (len <= 0) return;
    double nx = -dy / len * w / 2, ny = dx / len * w / 2;
    SDL_Vertex v[4] = {vertex(it->x1 + nx, it->y1 + ny, it->color),
                       vertex(it->x2 + nx, it->y2 + ny, it->color),
                       vertex(it->x2 - nx, it->y2 - ny, it->color),
                       vertex(it->x1 - nx, it->y1 - ny, it->color)};
    int idx[6] = {0, 1, 2, 0, 2, 3};
    SDL_RenderGeometry(ren, NULL, v, 4, idx, 6);
}

static void draw_disc(SDL_Renderer *ren, double x, double y, double r, fig_color c)
{
    SDL_Vertex v[DISC_SEGMENTS + 1];
    int idx[DISC_SEGMENTS * 3];
    v[0] = vertex(x, y, c);
    for (int i = 0; i < DISC_SEGMENTS; i++) {
        double a = 2 * FIG_PI * i / DISC_SEGMENTS;
        v[i + 1] = vertex(x + r * cos(a), y + r * sin(a), c);
        idx[3 * i] = 0;
        idx[3 * i + 1] = i + 1;
        idx[3 * i + 2] = (i + 1) % DISC_SEGMENTS + 1;
    }
    SDL_RenderGeometry(ren, NULL, v, DISC_SEGMENTS + 1, idx, DISC_SEGMENTS * 3);
}

static void draw_rect(SDL_Renderer *ren, const fig_item *it)
{
    if (it->width <= 0) {
        SDL_Vertex v[4] = {vertex(it->x1, it->y1, it->color), vertex(it->x2, it->y1, it->color),
                           vertex(it->x2, it->y2, it->color), vertex(it->x1, it->y2, it->color)};
        int idx[6] = {0, 1, 2, 0, 2, 3};
        SDL_RenderGeometry(ren, NULL, v, 4, idx, 6);
        return;
    }
    fig_item side = *it;
    const double xs[5] = {it->x1, it->x2, it->x2, it->x1, it->x1};
    const double ys[5] = {it->y1, it->y1, it->y2, it->y2, it->y1};
    for (int i = 0; i < 4; i++) {
        side.x1 = xs[i], side.y1 = ys[i], side.x2 = xs[i + 1], side.y2 = ys[i + 1];
        draw_line(ren, &side);
    }
}

/* Fonts are opened per size and weight as met (a chart uses a handful). */
typedef struct font_cache {
    TTF_Font *font[16];
    int px[16], bold[16], n;
} font_cache;

static TTF_Font *font_for(font_cache *fc, double size, int bold)
{
    int px = (int)lround(size * SS);
    for (int i = 0; i < fc->n; i++)
        if (fc->px[i] == px && fc->bold[i] == bold) return fc->font[i];
    if (fc->n == 16) return fc->font[0];
    char path[512];
    snprintf(path, sizeof path, "%s/%s", HVSIM_FONT_DIR, bold ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf");
    TTF_Font *f = TTF_OpenFont(path, px);
    if (!f) return NULL;
    fc->font[fc->n] = f, fc->px[fc->n] = px, fc->bold[fc->n] = bold;
    fc->n++;
    return f;
}

static int draw_text(SDL_Renderer *ren, font_cache *fc, const fig_item *it)
{
    TTF_Font *font = font_for(fc, it->size, it->bold);
    if (!font) return -1;
    SDL_Color c = {it->color.r, it->color.g, it->color.b, 255};
    SDL_Surface *s = TTF_RenderUTF8_Blended(font, it->text[0] ? it->text : " ", c);
    if (!s) return -1;
    SDL_Texture *t = SDL_CreateTextureFromSurface(ren, s);
    int w = s->w, h = s->h;
    SDL_FreeSurface(s);
    if (!t) return -1;
    double ax = it->x1 * SS, ay = it->y1 * SS;
    double along = it->anchor == FIG_START ? 0 : it->anchor == FIG_MIDDLE ? w / 2.0 : w;
    SDL_Rect dst;
    dst.w = w, dst.h = h;
    if (!it->vertical) {
        dst.x = (int)lround(ax - along);
        dst.y = (int)lround(ay - h / 2.0);
        SDL_RenderCopy(ren, t, NULL, &dst);
    } else {
        /* Turned -90 degrees about its centre: the text runs upwards from
         * the anchor, its middle line through ax. */
        double cx = ax, cy = ay + along - w / 2.0;
        dst.x = (int)lround(cx - w / 2.0);
        dst.y = (int)lround(cy - h / 2.0);
        SDL_RenderCopyEx(ren, t, NULL, &dst, -90.0, NULL, SDL_FLIP_NONE);
    }
    SDL_DestroyTexture(t);
    return 0;
}

static int render(const figure *f, SDL_Surface *big, char *err, size_t err_cap)
{
    SDL_Renderer *ren = SDL_CreateSoftwareRenderer(big);
    if (!ren) {
        snprintf(err, err_cap, "cannot draw: %s", SDL_GetError());
        return -1;
    }
    SDL_SetRenderDrawColor(ren, f->background.r, f->background.g, f->background.b, 255);
    SDL_RenderClear(ren);
    font_cache fc;
    memset(&fc, 0, sizeof fc);
    int rc = 0;
    for (size_t i = 0; i < f->n && rc == 0; i++) {
        const fig_item *it = &f->items[i];
        switch (it->kind) {
        case FIG_LINE: draw_line(ren, it); break;
        case FIG_DISC: draw_disc(ren, it->x1, it->y1, it->x2, it->color); break;
        case FIG_RECT: draw_rect(ren, it); break;
        case FIG_TEXT:
            if (draw_text(ren, &fc, it) != 0) {
                snprintf(err, err_cap, "cannot draw text (fonts in %s): %s", HVSIM_FONT_DIR,
                         SDL_GetError());
                rc = -1;
            }
            break;
        }
    }
    SDL_RenderPresent(ren);
    for (int i = 0; i < fc.n; i++) TTF_CloseFont(fc.font[i]);
    SDL_DestroyRenderer(ren);
    return rc;
}

int fig_write_png(const figure *f, const char *path, char *err, size_t err_cap)
{
    if (SDL_Init(0) != 0 || (!TTF_WasInit() && TTF_Init() != 0)) {
        snprintf(err, err_cap, "cannot start SDL: %s", SDL_GetError());
        return -1;
    }
    SDL_Surface *big = SDL_CreateRGBSurfaceWithFormat(0, f->w * SS, f->h * SS, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Surface *out = SDL_CreateRGBSurfaceWithFormat(0, f->w, f->h, 32, SDL_PIXELFORMAT_ARGB8888);
    int rc = -1;
    if (!big || !out) {
        snprintf(err, err_cap, "out of memory for a %dx%d image", f->w, f->h);
    } else if (render(f, big, err, err_cap) == 0) {
        char tmp[4200];
        snprintf(tmp, sizeof tmp, "%s.tmp.%d", path, (int)getpid());
        if (SDL_SoftStretchLinear(big, NULL, out, NULL) != 0 || IMG_SavePNG(out, tmp) != 0) {
            snprintf(err, err_cap, "cannot write '%s': %s", path, SDL_GetError());
            unlink(tmp);
        } else if (rename(tmp, path) != 0) {
            snprintf(err, err_cap, "cannot write '%s'", path);
            unlink(tmp);
        } else {
            rc = 0;
        }
    }
    SDL_FreeSurface(big);
    SDL_FreeSurface(out);
    TTF_Quit();
    SDL_Quit();
    return rc;
}
