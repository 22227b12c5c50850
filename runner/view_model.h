/* view_model.h: one model as the viewer's frame shows it (see view_model.c):
 * formatted metrics and parameters, and its view (sim/view.h) resolved
 * against its own tables. */
#ifndef HVSIM_RUNNER_VIEW_MODEL_H
#define HVSIM_RUNNER_VIEW_MODEL_H

#include <stddef.h>

#include "engine.h"
#include "frame.h"
#include "model.h"

/* Fills out (zeroed first) for model id of eng, whose first n_models models
 * are shown; last_kind: the event kind of its latest event, -1 none. */
void vr_fill_model(vz_model *out, const sim_engine *eng, int n_models, int id, int last_kind);

/* 0 if every name in the model's view resolves in its own tables (and fits
 * the frame's caps); -1 with why. */
int vr_view_check(const sim_model_ops *ops, char *why, size_t cap);

/* The frame's type for a kernel value type. */
vz_type vr_vz_type(sim_type t);

#endif
