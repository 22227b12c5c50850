/* boxes.h: one model's box, drawn from its view in the frame (frame.h):
 * the title with the badges that hold now, strips of stages, bars of
 * bytes, "label value" items, lanes of stages.  The same functions measure
 * (draw = 0) and draw (draw = 1), so the layout reserves exactly the height
 * the drawing takes.  Key words (titles, badges, the current stage, item
 * values) go through vz_label, which shrinks the font rather than cut; a
 * box that is too short leaves out whole rows, lowest priority first
 * (items, then bars, then strips), never part of a word. */
#ifndef HVSIM_VIZ_BOXES_H
#define HVSIM_VIZ_BOXES_H

#include <SDL.h>

#include "draw.h"
#include "frame.h"

/* Height the box's own content takes at width w (title to its last row):
 * full: every row; else the least it needs (title and badges). */
int vz_box_need(vz_draw *d, const vz_model *m, int w, int full);

/* Draws model m's box into r (background, outline, content).  Returns the
 * y below its own content (inside boxes go there). */
int vz_box_draw(vz_draw *d, const vz_model *m, SDL_Rect r, SDL_Color fill);

/* The base bar (dark, white text). */
void vz_box_draw_base(vz_draw *d, const vz_model *m, SDL_Rect r);
int vz_box_base_need(vz_draw *d);

/* A band of lanes: the model's title, items and one lane per path; the
 * animation of its latest event moves along its lane.  Collapsed: the
 * title line only (a model that has not run yet). */
int vz_band_need(vz_draw *d, const vz_model *m, int w, int collapsed);
void vz_band_draw(vz_draw *d, const vz_model *m, SDL_Rect r, int collapsed);

#endif
