/* input.h: keys and clicks to runner commands.
 *
 * The only thing input does is translate: an SDL event, read against the
 * frame (is the user typing a time? is the help shown?) and the layout that
 * was drawn (what is under the mouse), becomes at most one vz_cmd.  The
 * runner carries it out.  The table of keys is in docs/viewer.md and in the
 * help overlay (panels.c). */
#ifndef HVSIM_VIZ_INPUT_H
#define HVSIM_VIZ_INPUT_H

#include <SDL.h>

#include "frame.h"
#include "layout.h"

/* 1 and *out set if ev means a command; 0 if it means nothing. */
int vz_input_map(const SDL_Event *ev, const vz_frame *f, const vz_layout *l, vz_cmd *out);

#endif
