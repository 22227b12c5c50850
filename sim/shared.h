/* shared.h: immutable data shared by a scenario and the engines built from
 * it (a workload loaded before the run, say).
 *
 * Models must not read files while they handle events, so whatever a run
 * needs from outside is loaded first by the product layer and handed to
 * the engine as a sim_shared: an opaque, reference-counted, read-only
 * block.  The engine lists the blocks it was given (sim_engine_add_shared)
 * and a model reaches one by its index (sim_shared_at in engine.h); an
 * event or a model's state holds that index, never a pointer, so state
 * stays plain data and a checkpoint need not copy the blocks: they never
 * change once published.
 *
 * Ownership: sim_shared_new takes ownership of `data`; every holder takes
 * a reference and drops it with sim_shared_unref; the last one calls
 * destroy(data).  Not thread-safe (a run is single-threaded). */
#ifndef HVSIM_SIM_SHARED_H
#define HVSIM_SIM_SHARED_H

#include <stdint.h>

typedef struct sim_shared sim_shared;

/* Wraps data (owned from now on) with one reference.  NULL if memory runs
 * out (destroy(data) has then been called). */
sim_shared *sim_shared_new(void *data, void (*destroy)(void *data));
void sim_shared_ref(sim_shared *s);
/* Drops a reference; NULL is ignored. */
void sim_shared_unref(sim_shared *s);
const void *sim_shared_data(const sim_shared *s);

#endif
