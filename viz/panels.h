/* panels.h: one whole picture of a frame -- the top bar, the narration, the
 * diagram(s), the inspector, the event log, the timeline, the status line
 * and the overlays (help, time entry).  Drawing reads the const frame and
 * the layout; it changes nothing. */
#ifndef HVSIM_VIZ_PANELS_H
#define HVSIM_VIZ_PANELS_H

#include "draw.h"
#include "frame.h"
#include "layout.h"

/* Computes the layout for w x h and draws the frame into d's renderer. */
void vz_render(vz_draw *d, const vz_frame *f, int w, int h, vz_layout *l);

/* Formats t_ns as seconds with 3 decimals, integer arithmetic ("12.345 s"). */
char *vz_fmt_time(int64_t t_ns, char *buf, size_t cap);

/* The help overlay's lines: key, what it does.  NULL-terminated. */
extern const char *const vz_help_lines[][2];

#endif
