/* app.h: the viewer's two front ends -- the window loop and headless PNGs.
 *
 * The loop has three phases, as in SDL's own examples: input (SDL events ->
 * vz_cmd, handed to the host), tick (wall time to the host, which alone
 * moves simulated time), draw (a const frame).  Headless rendering draws the
 * same picture with a software renderer into a surface and saves it with
 * SDL2_image; a PNG is written to a temporary name and renamed, so a failed
 * run leaves no half file.
 *
 * Errors: functions return 0 or -1 with a message in err (SDL's or ours);
 * nothing here prints. */
#ifndef HVSIM_VIZ_APP_H
#define HVSIM_VIZ_APP_H

#include <stddef.h>

#include "frame.h"

#define VZ_DEFAULT_W 1600
#define VZ_DEFAULT_H 900
/* The smallest window the layout is made for (tests/test_viewer.c renders
 * every canned scenario at this size too). */
#define VZ_MIN_W 1024
#define VZ_MIN_H 720

/* 0 if a window can be opened; -1 with a message pointing at --headless if
 * there is no display (checked before the scenario's pre-scan, so the
 * answer comes at once). */
int vz_app_check_display(char *err, size_t err_cap);

/* Opens a resizable window and runs until the user quits.  With no display
 * (SDL can only offer its offscreen driver) it fails at once with a message
 * that points at --headless. */
int vz_app_run(const vz_host *host, int w, int h, char *err, size_t err_cap);

/* Headless: a renderer over a w x h surface (no display needed). */
typedef struct vz_headless vz_headless;
vz_headless *vz_headless_open(int w, int h, char *err, size_t err_cap);
void vz_headless_close(vz_headless *hl);
/* Fills the image with the background only (the benchmark's baseline). */
void vz_headless_clear(vz_headless *hl);
/* Draws f (in presentation mode if f->present); the pixels stay in the
 * surface.  0, or -1 if the fonts could not be opened. */
int vz_headless_draw(vz_headless *hl, const vz_frame *f);
/* The layout f gets at this size (what a click would be tested against). */
struct vz_layout;
int vz_headless_layout(vz_headless *hl, const vz_frame *f, struct vz_layout *l);
/* Key labels cut in the last drawing (0: every title, state word and value
 * fitted); last: the last one cut, may be NULL. */
int vz_headless_cuts(const vz_headless *hl, char *last, size_t cap);
/* Saves the last drawing as a PNG (atomically).  0 or -1. */
int vz_headless_save(vz_headless *hl, const char *path, char *err, size_t err_cap);
/* Pixels that differ from the background colour (a blank check). */
long vz_headless_ink(const vz_headless *hl);

#endif
