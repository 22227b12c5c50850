/* diagram.h: the architecture diagram of one pane, drawn from the frame's
 * models by a hook table keyed by model name.
 *
 * Each hook says where its model sits (a slot: the Windows host, the
 * hypervisor below it, the utility VM beside it, the classic VM and the WSL1
 * layer inside the host, the NIC, disk and memory inside the VM) and how to
 * draw it.  A model with no hook is drawn generically (name, status, stage
 * strip for an enum `state`, its metrics) in a row above the hypervisor, so
 * a new model shows up with no viewer change, and drawing it specially is
 * one function and one table row in diagram.c.  Hooks find metrics by name
 * at run time and fall back to generic text when one is missing. */
#ifndef HVSIM_VIZ_DIAGRAM_H
#define HVSIM_VIZ_DIAGRAM_H

#include <SDL.h>

#include "draw.h"
#include "frame.h"

/* Places every model of the pane inside area: box[i] and has[i] for model i. */
void vz_diagram_place(const vz_pane *p, SDL_Rect area, double scale,
                      SDL_Rect box[VZ_MAX_MODELS], int has[VZ_MAX_MODELS]);

/* Draws the pane (boxes placed by vz_diagram_place), its channels and the
 * events in flight.  selected: model index with the inspector's focus or -1. */
void vz_diagram_draw(vz_draw *d, const vz_pane *p, SDL_Rect area,
                     const SDL_Rect box[VZ_MAX_MODELS], const int has[VZ_MAX_MODELS],
                     int selected);

/* Metric of a model by name, or NULL. */
const vz_metric *vz_metric_find(const vz_model *m, const char *name);

#endif
