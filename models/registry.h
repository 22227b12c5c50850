/* registry.h: every model hvsim knows, in a fixed order.
 *
 * The order is the engine's model id order, so it is part of what a
 * fingerprint depends on: append new models at the end.  The CLI hands this
 * list to the scenario loader; nothing in sim/ includes this header. */
#ifndef HVSIM_MODELS_REGISTRY_H
#define HVSIM_MODELS_REGISTRY_H

#include <stddef.h>

#include "model.h"

/* The registered models; *n receives their count.  Static storage. */
const sim_model_ops *const *hv_registry(size_t *n);

#endif
