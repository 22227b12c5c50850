/* draw.c: drawing primitives and text (see draw.h).  Thick lines are drawn
 * as parallel one-pixel lines; discs as horizontal spans.  Fonts: DejaVu Sans
 * from fonts-dejavu-core, sized from the window width so a 1600 px window on
 * a projector shows 20 px body text. */
#include "draw.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef HVSIM_FONT_DIR
#define HVSIM_FONT_DIR "/usr/share/fonts/truetype/dejavu"
#endif

#define VZ_TEXT_CACHE 1024   /* entries, a power of two */
#define VZ_TEXT_PROBE 8      /* slots looked at per lookup */
#define VZ_TEXT_KEY 160      /* longer strings are not cached */

struct vz_text_ent {
    uint64_t hash;           /* 0: empty */
    int font, max_w;
    uint32_t color;
    char s[VZ_TEXT_KEY];
    SDL_Texture *tex;
    int w, h;
    uint32_t used;           /* d->tick when last drawn */
};

static const struct {
    const char *file;
    int px;   /* at scale 1 */
} font_defs[VZ_FONT_COUNT] = {
    [VZ_FONT_SMALL] = {"DejaVuSans.ttf", 15},
    [VZ_FONT_BODY] = {"DejaVuSans.ttf", 18},
    [VZ_FONT_BOLD] = {"DejaVuSans-Bold.ttf", 19},
    [VZ_FONT_BIG] = {"DejaVuSans-Bold.ttf", 24},
    [VZ_FONT_SMALL_BOLD] = {"DejaVuSans-Bold.ttf", 15},
    [VZ_FONT_TINY] = {"DejaVuSans.ttf", 13},
    [VZ_FONT_TINY_BOLD] = {"DejaVuSans-Bold.ttf", 13},
};

/* The next smaller font of the same weight, or -1. */
static int smaller(vz_font f)
{
    switch (f) {
    case VZ_FONT_BIG: return VZ_FONT_BOLD;
    case VZ_FONT_BOLD: return VZ_FONT_SMALL_BOLD;
    case VZ_FONT_SMALL_BOLD: return VZ_FONT_TINY_BOLD;
    case VZ_FONT_BODY: return VZ_FONT_SMALL;
    case VZ_FONT_SMALL: return VZ_FONT_TINY;
    default: return -1;
    }
}

int vz_draw_open(vz_draw *d, SDL_Renderer *ren, int width_px, int present)
{
    memset(d, 0, sizeof *d);
    d->ren = ren;
    d->scale = width_px / 1600.0;
    if (d->scale < 0.6) d->scale = 0.6;
    if (d->scale > 2.5) d->scale = 2.5;
    d->present = present;
    d->title_font = VZ_FONT_BOLD;
    d->text_scale = d->scale < VZ_MIN_TEXT_SCALE ? VZ_MIN_TEXT_SCALE : d->scale;
    if (present) d->text_scale *= VZ_PRESENT_TEXT;
    if (!TTF_WasInit() && TTF_Init() != 0) return -1;
    for (int i = 0; i < VZ_FONT_COUNT; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", HVSIM_FONT_DIR, font_defs[i].file);
        d->font[i] = TTF_OpenFont(path, (int)lround(font_defs[i].px * d->text_scale));
        if (!d->font[i]) {
            vz_draw_close(d);
            return -1;
        }
        d->line_h[i] = TTF_FontLineSkip(d->font[i]);
    }
    d->cache = calloc(VZ_TEXT_CACHE, sizeof *d->cache);
    if (!d->cache) {
        vz_draw_close(d);
        return -1;
    }
    SDL_SetRenderDrawBlendMode(ren, SDL_BLENDMODE_BLEND);
    return 0;
}

void vz_draw_close(vz_draw *d)
{
    for (int i = 0; i < VZ_FONT_COUNT; i++)
        if (d->font[i]) TTF_CloseFont(d->font[i]);
    memset(d->font, 0, sizeof d->font);
    if (d->cache)
        for (int i = 0; i < VZ_TEXT_CACHE; i++)
            if (d->cache[i].tex) SDL_DestroyTexture(d->cache[i].tex);
    free(d->cache);
    d->cache = NULL;
}

void vz_draw_begin(vz_draw *d)
{
    d->tick++;
    d->cuts = 0;
    d->last_cut[0] = 0;
}

void vz_count_cut(vz_draw *d, const char *s)
{
    d->cuts++;
    snprintf(d->last_cut, sizeof d->last_cut, "%s", s);
}

void vz_color(vz_draw *d, SDL_Color c) { SDL_SetRenderDrawColor(d->ren, c.r, c.g, c.b, c.a); }

void vz_fill(vz_draw *d, SDL_Rect r, SDL_Color c)
{
    if (r.w <= 0 || r.h <= 0) return;
    vz_color(d, c);
    SDL_RenderFillRect(d->ren, &r);
}

void vz_outline(vz_draw *d, SDL_Rect r, SDL_Color c, int thickness)
{
    vz_color(d, c);
    for (int i = 0; i < thickness && r.w > 2 * i && r.h > 2 * i; i++) {
        SDL_Rect q = {r.x + i, r.y + i, r.w - 2 * i, r.h - 2 * i};
        SDL_RenderDrawRect(d->ren, &q);
    }
}

void vz_hatch(vz_draw *d, SDL_Rect r, SDL_Color c, int gap)
{
    if (r.w <= 0 || r.h <= 0 || gap < 2) return;
    vz_color(d, c);
    SDL_RenderSetClipRect(d->ren, &r);
    for (int k = -r.h; k < r.w; k += gap) {
        SDL_RenderDrawLine(d->ren, r.x + k, r.y + r.h, r.x + k + r.h, r.y);
        SDL_RenderDrawLine(d->ren, r.x + k + 1, r.y + r.h, r.x + k + r.h + 1, r.y);
    }
    SDL_RenderSetClipRect(d->ren, NULL);
}

void vz_line(vz_draw *d, int x1, int y1, int x2, int y2, SDL_Color c, int thickness)
{
    vz_color(d, c);
    double dx = x2 - x1, dy = y2 - y1, len = sqrt(dx * dx + dy * dy);
    if (len < 1) len = 1;
    double nx = -dy / len, ny = dx / len;
    for (int i = 0; i < thickness; i++) {
        double o = i - (thickness - 1) / 2.0;
        SDL_RenderDrawLine(d->ren, x1 + (int)lround(nx * o), y1 + (int)lround(ny * o),
                           x2 + (int)lround(nx * o), y2 + (int)lround(ny * o));
    }
}

void vz_arrow(vz_draw *d, int x1, int y1, int x2, int y2, SDL_Color c, int thickness)
{
    vz_line(d, x1, y1, x2, y2, c, thickness);
    double dx = x2 - x1, dy = y2 - y1, len = sqrt(dx * dx + dy * dy);
    if (len < 1) return;
    double ux = dx / len, uy = dy / len, head = 8.0 + 3.0 * thickness;
    for (int s = -1; s <= 1; s += 2) {
        double hx = x2 - head * ux + s * head * 0.5 * -uy;
        double hy = y2 - head * uy + s * head * 0.5 * ux;
        vz_line(d, x2, y2, (int)lround(hx), (int)lround(hy), c, thickness);
    }
}

void vz_disc(vz_draw *d, int cx, int cy, int radius, SDL_Color c)
{
    vz_color(d, c);
    for (int dy = -radius; dy <= radius; dy++) {
        int dx = (int)sqrt((double)(radius * radius - dy * dy));
        SDL_RenderDrawLine(d->ren, cx - dx, cy + dy, cx + dx, cy + dy);
    }
}

void vz_tri_down(vz_draw *d, int x, int y, int size, SDL_Color c)
{
    vz_color(d, c);
    for (int i = 0; i <= size; i++) SDL_RenderDrawLine(d->ren, x - i, y - i, x + i, y - i);
}

int vz_text_w(vz_draw *d, vz_font f, const char *s)
{
    int w = 0, h = 0;
    if (!s || !s[0]) return 0;
    TTF_SizeUTF8(d->font[f], s, &w, &h);
    return w;
}

/* Longest prefix of s (whole UTF-8 characters) that fits with "..." in w. */
static void cut_to_width(vz_draw *d, vz_font f, const char *s, int w, char *out, size_t cap)
{
    snprintf(out, cap, "%s", s);
    if (vz_text_w(d, f, out) <= w) return;
    size_t len = strlen(out);
    while (len > 0) {
        len--;
        while (len > 0 && ((unsigned char)out[len] & 0xC0) == 0x80) len--;
        if (len + 4 > cap) continue;
        memcpy(out + len, "...", 4);
        if (vz_text_w(d, f, out) <= w) return;
    }
    out[0] = 0;
}

static uint64_t text_hash(vz_font f, uint32_t color, int max_w, const char *s)
{
    uint64_t h = 1469598103934665603ULL ^ ((uint64_t)f << 40) ^ ((uint64_t)color << 8) ^
                 (uint64_t)(uint32_t)max_w;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h ? h : 1;
}

/* Renders s (cut to max_w) into a texture; NULL on failure. */
static SDL_Texture *render_text(vz_draw *d, vz_font f, int max_w, SDL_Color c, const char *s,
                                int *w, int *h)
{
    char buf[1024];
    if (max_w > 0) cut_to_width(d, f, s, max_w, buf, sizeof buf);
    else snprintf(buf, sizeof buf, "%s", s);
    if (!buf[0]) return NULL;
    SDL_Surface *surf = TTF_RenderUTF8_Blended(d->font[f], buf, c);
    if (!surf) return NULL;
    SDL_Texture *tex = SDL_CreateTextureFromSurface(d->ren, surf);
    *w = surf->w;
    *h = surf->h;
    SDL_FreeSurface(surf);
    return tex;
}

/* The cached texture for these arguments, made if missing (the least
 * recently used of the probed slots is replaced).  NULL: not cacheable. */
static vz_text_ent *cached_text(vz_draw *d, vz_font f, int max_w, SDL_Color c, const char *s)
{
    if (!d->cache || strlen(s) >= VZ_TEXT_KEY) return NULL;
    uint32_t color = (uint32_t)c.r << 24 | (uint32_t)c.g << 16 | (uint32_t)c.b << 8 | c.a;
    uint64_t h = text_hash(f, color, max_w, s);
    vz_text_ent *victim = NULL;
    for (int k = 0; k < VZ_TEXT_PROBE; k++) {
        vz_text_ent *e = &d->cache[(h + (uint64_t)k) & (VZ_TEXT_CACHE - 1)];
        if (e->hash == h && e->font == (int)f && e->max_w == max_w && e->color == color &&
            strcmp(e->s, s) == 0) {
            e->used = d->tick;
            return e;
        }
        if (!victim || !e->hash || (victim->hash && e->used < victim->used)) victim = e;
    }
    if (victim->tex) SDL_DestroyTexture(victim->tex);
    memset(victim, 0, sizeof *victim);
    victim->tex = render_text(d, f, max_w, c, s, &victim->w, &victim->h);
    victim->hash = h;
    victim->font = (int)f;
    victim->max_w = max_w;
    victim->color = color;
    victim->used = d->tick;
    snprintf(victim->s, sizeof victim->s, "%s", s);
    return victim;
}

int vz_text(vz_draw *d, vz_font f, int x, int y, int max_w, vz_align a, SDL_Color c,
            const char *s)
{
    if (!s || !s[0]) return 0;
    int w = 0, h = 0, owned = 0;
    SDL_Texture *tex;
    vz_text_ent *e = cached_text(d, f, max_w, c, s);
    if (e) {
        tex = e->tex;
        w = e->w;
        h = e->h;
    } else {
        tex = render_text(d, f, max_w, c, s, &w, &h);
        owned = 1;
    }
    if (!tex) return 0;
    SDL_Rect dst = {x, y, w, h};
    if (a == VZ_CENTER) dst.x = x - w / 2;
    else if (a == VZ_RIGHT) dst.x = x - w;
    SDL_RenderCopy(d->ren, tex, NULL, &dst);
    if (owned) SDL_DestroyTexture(tex);
    return w;
}

vz_font vz_label_font(vz_draw *d, vz_font f, int max_w, const char *s)
{
    if (max_w <= 0) return f;
    for (int g = (int)f; g >= 0; g = smaller((vz_font)g)) {
        f = (vz_font)g;
        if (vz_text_w(d, f, s) <= max_w) break;
    }
    return f;
}

int vz_label(vz_draw *d, vz_font f, int x, int y, int max_w, vz_align a, SDL_Color c,
             const char *s)
{
    if (!s || !s[0]) return 0;
    vz_font g = vz_label_font(d, f, max_w, s);
    if (max_w > 0 && vz_text_w(d, g, s) > max_w) vz_count_cut(d, s);
    /* a smaller font sits on the same middle line as the one asked for */
    int dy = (d->line_h[f] - d->line_h[g]) / 2;
    return vz_text(d, g, x, y + dy, max_w, a, c, s);
}

/* Wraps s into lines of at most w pixels in font f; draws them from (x, y)
 * if draw, at most max_lines (the last one cut).  Returns the lines the
 * whole text needs. */
static int wrap(vz_draw *d, vz_font f, int x, int y, int w, int max_lines, SDL_Color c,
                const char *s, int draw)
{
    char line[1024];
    int lines = 0;
    const char *p = s;
    while (*p) {
        while (*p == ' ') p++;
        if (!*p) break;
        size_t fit = 0, i = 0;
        /* grow word by word while it fits */
        for (;;) {
            size_t j = i;
            while (p[j] == ' ') j++;
            while (p[j] && p[j] != ' ') j++;
            if (j == i || j >= sizeof line) break;
            memcpy(line, p, j);
            line[j] = 0;
            if (vz_text_w(d, f, line) > w && fit > 0) break;
            fit = j;
            i = j;
            if (!p[j]) break;
        }
        if (fit == 0) fit = strlen(p) < sizeof line - 1 ? strlen(p) : sizeof line - 1;
        memcpy(line, p, fit);
        line[fit] = 0;
        if (draw && lines < max_lines) {
            int last = lines == max_lines - 1 && p[fit];
            vz_text(d, f, x, y + lines * d->line_h[f], w, VZ_LEFT, c, last ? p : line);
        }
        lines++;
        p += fit;
    }
    return lines;
}

int vz_wrap_lines(vz_draw *d, vz_font f, int w, const char *s)
{
    return wrap(d, f, 0, 0, w, 0, (SDL_Color){0, 0, 0, 0}, s, 0);
}

void vz_wrap_label(vz_draw *d, vz_font f, SDL_Rect box, SDL_Color c, const char *s)
{
    int room = box.h / d->line_h[f];
    if (wrap(d, f, box.x, box.y, box.w, room, c, s, 1) > room) vz_count_cut(d, s);
}

int vz_text_wrap(vz_draw *d, vz_font f, SDL_Rect box, int max_lines, SDL_Color c, const char *s)
{
    int n = wrap(d, f, box.x, box.y, box.w, max_lines, c, s, 1);
    return (n < max_lines ? n : max_lines) * d->line_h[f];
}

int vz_paragraphs(vz_draw *d, SDL_Rect box, const char *const *paras, int n, SDL_Color c)
{
    static const vz_font ladder[] = {VZ_FONT_BOLD, VZ_FONT_SMALL_BOLD, VZ_FONT_SMALL,
                                     VZ_FONT_TINY};
    vz_font f = VZ_FONT_TINY;
    int need = 0;
    for (size_t k = 0; k < sizeof ladder / sizeof ladder[0]; k++) {
        f = ladder[k];
        need = 0;
        for (int i = 0; i < n; i++) need += wrap(d, f, 0, 0, box.w, 0, c, paras[i], 0);
        if (need * d->line_h[f] <= box.h) break;
    }
    int room = box.h / d->line_h[f], y = box.y;
    if (need > room) vz_count_cut(d, paras[n - 1]);
    for (int i = 0; i < n && room > 0; i++) {
        int used = wrap(d, f, box.x, y, box.w, room, c, paras[i], 1);
        if (used > room) used = room;
        room -= used;
        y += used * d->line_h[f];
    }
    return y - box.y;
}

int vz_inside(SDL_Rect r, int x, int y)
{
    return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}
