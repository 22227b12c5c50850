/* figure_png.h: a figure (figure.h) drawn to a PNG with SDL2's software
 * renderer and SDL2_ttf (DejaVu Sans, as the viewer), with no display.
 *
 * The figure is drawn at twice its size and scaled down with linear
 * filtering, so lines, discs and text have smooth edges.  The PNG is
 * written to a temporary name and renamed: it appears whole or not at
 * all.  Returns 0, or -1 with a message in err; nothing is printed. */
#ifndef HVSIM_PLOT_FIGURE_PNG_H
#define HVSIM_PLOT_FIGURE_PNG_H

#include <stddef.h>

#include "figure.h"

int fig_write_png(const figure *f, const char *path, char *err, size_t err_cap);

#endif
