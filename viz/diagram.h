/* diagram.h: the architecture diagram of one pane, drawn from the frame's
 * models and their views (frame.h): where each box goes (its place and
 * parent) and what it shows (strips, bars, items, badges, lanes) come from
 * the model's own view, so this code knows no model or metric by name; a
 * model with no view is drawn generically (name, status, metrics) in a row
 * above the bands.  Placement measures text with the fonts it will draw
 * with, so it takes the vz_draw. */
#ifndef HVSIM_VIZ_DIAGRAM_H
#define HVSIM_VIZ_DIAGRAM_H

#include <SDL.h>

#include "draw.h"
#include "frame.h"

/* Places every model of the pane inside area: box[i] and has[i] for model i. */
void vz_diagram_place(vz_draw *d, const vz_pane *p, SDL_Rect area, SDL_Rect box[VZ_MAX_MODELS],
                      int has[VZ_MAX_MODELS]);

/* Draws the pane (boxes placed by vz_diagram_place), its channels and the
 * events in flight.  selected: model index with the inspector's focus or -1. */
void vz_diagram_draw(vz_draw *d, const vz_pane *p, SDL_Rect area,
                     const SDL_Rect box[VZ_MAX_MODELS], const int has[VZ_MAX_MODELS],
                     int selected);

#endif
