/* app.c: the window loop and headless PNGs (see app.h).  Fonts are reopened
 * when the window is resized, so text grows with a projector's window.
 * While something moves (playing, an event's dot on its way) the loop draws
 * about 60 frames a second; paused and still, it sleeps in
 * SDL_WaitEventTimeout and draws only when input or the window asks. */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_image.h>

#include "draw.h"
#include "input.h"
#include "layout.h"
#include "panels.h"
#include "theme.h"

static int fail(char *err, size_t cap, const char *what)
{
    snprintf(err, cap, "%s: %s", what, SDL_GetError());
    return -1;
}

/* SDL falls back to its offscreen driver when no display is reachable: a
 * "window" nobody sees.  Unless the user asked for a driver by name, that
 * means there is no display. */
static int no_display(void)
{
    const char *asked = SDL_getenv("SDL_VIDEODRIVER");
    const char *got = SDL_GetCurrentVideoDriver();
    if (asked && asked[0]) return 0;
    return !got || strcmp(got, "offscreen") == 0 || strcmp(got, "dummy") == 0;
}

static int no_display_error(char *err, size_t cap)
{
    snprintf(err, cap, "no display to open a window on (DISPLAY and WAYLAND_DISPLAY are not "
                       "set or not reachable); render pictures instead with --headless "
                       "--png-at TIME OUT.png, or --headless --frames DIR");
    return -1;
}

int vz_app_check_display(char *err, size_t err_cap)
{
    const char *asked = SDL_getenv("SDL_VIDEODRIVER");
    const char *x11 = SDL_getenv("DISPLAY"), *wl = SDL_getenv("WAYLAND_DISPLAY");
    /* Neither X11 nor Wayland named: only a console (KMSDRM) could serve,
     * and trying the others only prints their complaints. */
    if ((!asked || !asked[0]) && (!x11 || !x11[0]) && (!wl || !wl[0]))
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "KMSDRM");
    int ok = SDL_Init(SDL_INIT_VIDEO) == 0 && !no_display();
    SDL_Quit();
    return ok ? 0 : no_display_error(err, err_cap);
}

/* Waits for the next input event, at most timeout_ms; 1 if one arrived. */
static int next_event(SDL_Event *ev, int busy, Uint32 timeout_ms)
{
    if (busy) return SDL_PollEvent(ev);
    return SDL_WaitEventTimeout(ev, (int)timeout_ms);
}

/* A window event that means the picture must be drawn again. */
static int needs_redraw(const SDL_Event *ev)
{
    if (ev->type != SDL_WINDOWEVENT) return 0;
    switch (ev->window.event) {
    case SDL_WINDOWEVENT_EXPOSED:
    case SDL_WINDOWEVENT_SIZE_CHANGED:
    case SDL_WINDOWEVENT_RESIZED:
    case SDL_WINDOWEVENT_RESTORED:
    case SDL_WINDOWEVENT_SHOWN: return 1;
    default: return 0;
    }
}

int vz_app_run(const vz_host *host, int w, int h, char *err, size_t err_cap)
{
    if (vz_app_check_display(err, err_cap) != 0) return -1;
    if (SDL_Init(SDL_INIT_VIDEO) != 0) return no_display_error(err, err_cap);
    SDL_Window *win = SDL_CreateWindow("hvsim view", SDL_WINDOWPOS_CENTERED,
                                       SDL_WINDOWPOS_CENTERED, w, h,
                                       SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!win) {
        fail(err, err_cap, "cannot open a window");
        SDL_Quit();
        return -1;
    }
    SDL_SetWindowMinimumSize(win, VZ_MIN_W, VZ_MIN_H);
    SDL_Renderer *ren = SDL_CreateRenderer(win, -1, SDL_RENDERER_PRESENTVSYNC);
    if (!ren) ren = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
    vz_draw d;
    int rc = 0;
    if (ren) SDL_GetRendererOutputSize(ren, &w, &h);
    const vz_frame *f = host->frame(host->user);
    if (!ren || vz_draw_open(&d, ren, w, f->present) != 0) {
        fail(err, err_cap, "cannot set up drawing (renderer or DejaVu fonts)");
        if (ren) SDL_DestroyRenderer(ren);
        SDL_DestroyWindow(win);
        SDL_Quit();
        return -1;
    }
    vz_layout lay;
    vz_layout_compute(&lay, f, w, h, &d);
    SDL_StartTextInput();
    Uint64 last = SDL_GetTicks64();
    int quit = 0, font_w = w, dirty = 1;
    while (!quit) {
        /* Paused with nothing moving, the loop sleeps in SDL until input
         * arrives (or a second passes): no redraw while nothing changes. */
        SDL_Event ev;
        int busy = f->animating || dirty;
        for (int got = next_event(&ev, busy, 1000); got && !quit; got = SDL_PollEvent(&ev)) {
            vz_cmd c;
            if (needs_redraw(&ev)) dirty = 1;
            if (ev.type == SDL_WINDOWEVENT) continue;
            /* In entry mode a key arrives as KEYDOWN and TEXTINPUT; outside
             * it, TEXTINPUT is ignored by the mapper. */
            if (vz_input_map(&ev, f, &lay, &c)) {
                if (host->command(host->user, &c)) quit = 1;
                /* The key that starts typing also queued its own text
                 * ("t"): drop it, so only what follows is typed. */
                if (c.kind == VZ_CMD_ENTRY_BEGIN) SDL_FlushEvent(SDL_TEXTINPUT);
                f = host->frame(host->user);
                vz_layout_compute(&lay, f, w, h, &d);
                dirty = 1;
            }
        }
        if (quit) break;
        Uint64 now = SDL_GetTicks64();
        host->tick(host->user, (double)(now - last) / 1000.0);
        last = now;
        if (!dirty && !f->animating) continue;
        SDL_GetRendererOutputSize(ren, &w, &h);
        f = host->frame(host->user);
        if (w != font_w || f->present != d.present) {
            vz_draw_close(&d);
            if (vz_draw_open(&d, ren, w, f->present) != 0) {
                rc = fail(err, err_cap, "cannot reopen the fonts");
                break;
            }
            font_w = w;
        }
        vz_render(&d, f, w, h, &lay);
        SDL_RenderPresent(ren);
        dirty = 0;
        Uint64 spent = SDL_GetTicks64() - now;
        if (f->animating && spent < 16) SDL_Delay((Uint32)(16 - spent));
    }
    SDL_StopTextInput();
    vz_draw_close(&d);
    SDL_DestroyRenderer(ren);
    SDL_DestroyWindow(win);
    SDL_Quit();
    return rc;
}

struct vz_headless {
    SDL_Surface *surf;
    SDL_Renderer *ren;
    vz_draw d;
    int w, h;
};

vz_headless *vz_headless_open(int w, int h, char *err, size_t err_cap)
{
    vz_headless *hl = calloc(1, sizeof *hl);
    if (!hl) {
        snprintf(err, err_cap, "out of memory");
        return NULL;
    }
    hl->w = w;
    hl->h = h;
    hl->surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!hl->surf) {
        fail(err, err_cap, "cannot make an image");
        free(hl);
        return NULL;
    }
    hl->ren = SDL_CreateSoftwareRenderer(hl->surf);
    if (!hl->ren || vz_draw_open(&hl->d, hl->ren, w, 0) != 0) {
        fail(err, err_cap, "cannot set up drawing (software renderer or DejaVu fonts)");
        vz_headless_close(hl);
        return NULL;
    }
    return hl;
}

void vz_headless_close(vz_headless *hl)
{
    if (!hl) return;
    vz_draw_close(&hl->d);
    if (hl->ren) SDL_DestroyRenderer(hl->ren);
    if (hl->surf) SDL_FreeSurface(hl->surf);
    free(hl);
}

void vz_headless_clear(vz_headless *hl)
{
    vz_fill(&hl->d, (SDL_Rect){0, 0, hl->w, hl->h}, VZ_BG);
    SDL_RenderPresent(hl->ren);
}

/* Fonts for the frame's mode (presentation text is larger). */
static int headless_fonts(vz_headless *hl, const vz_frame *f)
{
    if (f->present == hl->d.present) return 0;
    vz_draw_close(&hl->d);
    return vz_draw_open(&hl->d, hl->ren, hl->w, f->present);
}

int vz_headless_draw(vz_headless *hl, const vz_frame *f)
{
    vz_layout lay;
    if (headless_fonts(hl, f) != 0) return -1;
    vz_render(&hl->d, f, hl->w, hl->h, &lay);
    SDL_RenderPresent(hl->ren);
    return 0;
}

int vz_headless_layout(vz_headless *hl, const vz_frame *f, vz_layout *l)
{
    if (headless_fonts(hl, f) != 0) return -1;
    vz_layout_compute(l, f, hl->w, hl->h, &hl->d);
    return 0;
}

int vz_headless_cuts(const vz_headless *hl, char *last, size_t cap)
{
    if (last) snprintf(last, cap, "%s", hl->d.last_cut);
    return hl->d.cuts;
}

int vz_headless_save(vz_headless *hl, const char *path, char *err, size_t err_cap)
{
    char tmp[4096];
    int n = snprintf(tmp, sizeof tmp, "%s.tmp-%ld", path, (long)getpid());
    if (n < 0 || (size_t)n >= sizeof tmp) {
        snprintf(err, err_cap, "path too long: %s", path);
        return -1;
    }
    if (IMG_SavePNG(hl->surf, tmp) != 0) {
        snprintf(err, err_cap, "cannot write '%s': %s", path, IMG_GetError());
        remove(tmp);
        return -1;
    }
    if (rename(tmp, path) != 0) {
        snprintf(err, err_cap, "cannot write '%s'", path);
        remove(tmp);
        return -1;
    }
    return 0;
}

long vz_headless_ink(const vz_headless *hl)
{
    SDL_Surface *s = hl->surf;
    SDL_Color bg = VZ_BG;
    Uint32 bgpx = SDL_MapRGB(s->format, bg.r, bg.g, bg.b);
    long ink = 0;
    if (SDL_LockSurface(s) != 0) return -1;
    for (int y = 0; y < s->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * s->pitch);
        for (int x = 0; x < s->w; x++)
            if ((row[x] & 0xFFFFFF) != (bgpx & 0xFFFFFF)) ink++;
    }
    SDL_UnlockSurface(s);
    return ink;
}
