/* engine.h: the simulation kernel.
 *
 * One opaque handle holds everything a run has: the clock (int64 ns), the
 * future event set, the seq and event counters, the models' state blocks and
 * their random streams, the string table and the trace fingerprint.  There
 * are no globals, so two engines can run side by side (tests compare them;
 * the viewer runs two for side-by-side mode).
 *
 * The step, after OMNeT++: pop the earliest event, advance the clock, hand
 * the event to its target model, then build the trace record (time, seq,
 * cause, model, kind, the model's note), fold it into the fingerprint and
 * pass it to the observer (log writers, the viewer).  Observers only listen.
 *
 * Checkpoints copy the whole state (queue, clock, counters, rng streams,
 * every model's block, fingerprint); restoring one and running forward gives
 * the identical trace.  The string table is append-only and is not part of
 * a checkpoint: strings are interned while a scenario loads, not during a
 * run.  Shared blocks (shared.h: workloads loaded before the run) are
 * immutable and likewise outside checkpoints; state refers to them by index.
 *
 * Errors: functions returning int return 0 (or a non-negative id) on
 * success and a negative SIM_E* code on failure; nothing here prints.
 *
 * A failed schedule never changes the trace silently.  When the kernel
 * cannot keep its contract -- an event that cannot be scheduled (out of
 * memory, or a model asked for the impossible: an unknown target, a time in
 * the past, a kind or priority out of range, more than 2^48 events) -- it
 * records the first such failure and the run ends there: sim_engine_step
 * and every run call dispatch nothing more, sim_engine_peek says the queue
 * is empty, and the caller reports sim_engine_status / sim_engine_error.
 * The failure is not part of a checkpoint: a failed engine stays failed. */
#ifndef HVSIM_SIM_ENGINE_H
#define HVSIM_SIM_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "event.h"
#include "model.h"
#include "rng.h"
#include "shared.h"

enum {
    SIM_OK = 0,
    SIM_ENOMEM = -1,
    SIM_EINVAL = -2,   /* bad argument: unknown model id, time in the past */
    SIM_ENOTFOUND = -3,
    SIM_ELIMIT = -4    /* too many models / strings */
};

#define SIM_MAX_MODELS 64
#define SIM_NOTE_MAX 192   /* bytes of readable detail per trace record */

typedef struct sim_engine sim_engine;

/* What observers see of each dispatched event.  Valid only during the
 * observer call (the strings point into the engine). */
typedef struct sim_trace_record {
    int64_t time_ns;
    uint64_t seq;
    uint64_t cause;
    uint64_t index;          /* 1-based count of dispatched events */
    int model;
    const char *model_name;
    int kind;
    const char *kind_name;
    const char *note;        /* "" if the handler wrote none */
    const sim_event *event;
} sim_trace_record;

typedef void (*sim_observer_fn)(void *user, const sim_engine *eng,
                                const sim_trace_record *rec);

/* --- lifetime and set-up ------------------------------------------------ */
sim_engine *sim_engine_new(uint64_t seed);
void sim_engine_free(sim_engine *eng);          /* calls every model's fini */

/* Adds a model instance and seeds its rng from (seed, name).  state_size 0
 * means ops->state_size; a larger size lets a model keep a variable-length
 * tail (the scenario director does).  The block is zeroed and the
 * parameters' defaults are written into it.  Returns the model id. */
int sim_engine_add_model(sim_engine *eng, const sim_model_ops *ops, size_t state_size);
/* Calls every model's init, in the order they were added.  Call once,
 * after parameters are set and before the first step. */
int sim_engine_start(sim_engine *eng);

int sim_engine_model_count(const sim_engine *eng);
int sim_engine_find_model(const sim_engine *eng, const char *name);
const sim_model_ops *sim_engine_model_ops(const sim_engine *eng, int id);
void *sim_engine_model_state(sim_engine *eng, int id);
const void *sim_engine_model_state_const(const sim_engine *eng, int id);
uint64_t sim_engine_seed(const sim_engine *eng);

/* Interns a string (copied); returns its id, or a negative error. */
int64_t sim_engine_intern(sim_engine *eng, const char *s);
const char *sim_engine_string(const sim_engine *eng, int64_t id);
/* Hands the engine a reference to an immutable block (taken before the
 * run, released by sim_engine_free); returns its index (0, 1, ... in the
 * order given) or a negative error. */
int64_t sim_engine_add_shared(sim_engine *eng, sim_shared *block);
/* The data of block idx, or NULL if there is none. */
const void *sim_engine_shared(const sim_engine *eng, int64_t idx);

/* Schedules an event from outside any handler (the scenario loader).
 * cause is 0.  Returns the seq (> 0), or 0 on failure. */
uint64_t sim_engine_schedule_at(sim_engine *eng, int64_t time_ns, int32_t priority,
                                int target, int kind, const sim_payload *p);
int sim_engine_cancel(sim_engine *eng, uint64_t seq);

void sim_engine_set_observer(sim_engine *eng, sim_observer_fn fn, void *user);

/* The kernel's watcher: after every handler, fn is called with the state
 * block of `model` and a ctx for it, while the event is still current (what
 * it schedules has the event as cause).  It may read metrics through
 * sim_kernel_engine and schedule; it must not call sim_note (the record is the
 * handled event's).  Only the scenario director uses it, for `when`; one
 * watcher per engine.  It is configuration, not state: checkpoints do not
 * carry it, engines built the same way set the same one.  0 or SIM_EINVAL. */
typedef void (*sim_watch_fn)(void *state, sim_ctx *ctx, const sim_event *ev);
int sim_engine_set_watch(sim_engine *eng, int model, sim_watch_fn fn);

/* --- run control -------------------------------------------------------- */
/* SIM_OK, or the code of the failure that ended the run (see the top). */
int sim_engine_status(const sim_engine *eng);
/* What failed, as a sentence naming the model and the time; "" if none. */
const char *sim_engine_error(const sim_engine *eng);
/* Dispatches one event.  Returns 1 if one ran, 0 if the queue is empty or
 * the run has failed (sim_engine_status). */
int sim_engine_step(sim_engine *eng);
/* Runs every event with time <= t_ns, then sets the clock to t_ns.
 * Returns the number dispatched. */
uint64_t sim_engine_run_until_time(sim_engine *eng, int64_t t_ns);
/* Runs until `events_processed` equals n (or the queue empties). */
uint64_t sim_engine_run_until_event(sim_engine *eng, uint64_t n);
/* Runs until the next pending event satisfies pred (it is not dispatched)
 * or the queue empties.  Returns the number dispatched. */
typedef int (*sim_event_pred)(void *user, const sim_engine *eng, const sim_event *next);
uint64_t sim_engine_run_until(sim_engine *eng, sim_event_pred pred, void *user);
/* Runs to the end (queue empty).  Returns the number dispatched. */
uint64_t sim_engine_run(sim_engine *eng);

int64_t sim_engine_now(const sim_engine *eng);
uint64_t sim_engine_events_processed(const sim_engine *eng);
size_t sim_engine_pending(const sim_engine *eng);
const sim_event *sim_engine_peek(sim_engine *eng);
/* The 64-bit fingerprint over every record dispatched so far. */
uint64_t sim_engine_fingerprint(const sim_engine *eng);

/* Reads a metric / parameter by model id and table index. */
sim_value sim_engine_metric(const sim_engine *eng, int model, int metric);
sim_value sim_engine_param(const sim_engine *eng, int model, int param);
void sim_engine_set_param(sim_engine *eng, int model, int param, sim_value v);

/* --- checkpoints -------------------------------------------------------- */
typedef struct sim_checkpoint sim_checkpoint;
sim_checkpoint *sim_checkpoint_save(const sim_engine *eng);   /* NULL: no memory */
/* Restores eng to the saved state.  eng must be the engine (or one built the
 * same way: same models in the same order) the checkpoint came from. */
int sim_checkpoint_restore(sim_engine *eng, const sim_checkpoint *cp);
void sim_checkpoint_free(sim_checkpoint *cp);
size_t sim_checkpoint_bytes(const sim_checkpoint *cp);
uint64_t sim_checkpoint_events_processed(const sim_checkpoint *cp);
int64_t sim_checkpoint_time(const sim_checkpoint *cp);

/* --- what a model may do while it handles an event (or in init) --------- */
int64_t sim_now(const sim_ctx *ctx);
int sim_self(const sim_ctx *ctx);
/* Schedules an event delay_ns from now for model `target` (an id from
 * sim_lookup).  Returns its seq, or 0 on failure, which ends the run (see
 * the top of this file): a handler need not check it.  priority is within
 * int16 (SIM_PRIO_*). */
uint64_t sim_schedule(sim_ctx *ctx, int64_t delay_ns, int target, int kind,
                      const sim_payload *p);
uint64_t sim_schedule_prio(sim_ctx *ctx, int64_t delay_ns, int32_t priority,
                           int target, int kind, const sim_payload *p);
/* Cancels a pending event by seq.  0, or SIM_ENOTFOUND if it is not pending.
 * The check that it is pending scans the pending events: O(n). */
int sim_cancel(sim_ctx *ctx, uint64_t seq);
/* Model id by name, or -1.  Resolve ids in init and keep them in state. */
int sim_lookup(const sim_ctx *ctx, const char *model_name);
/* This model's random stream. */
sim_rng *sim_rng_of(sim_ctx *ctx);
/* Sets the readable detail of the current trace record (printf-style;
 * a second call replaces the first).  Cut at SIM_NOTE_MAX - 1 bytes. */
void sim_note(sim_ctx *ctx, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
const char *sim_string(const sim_ctx *ctx, int64_t id);
/* Shared block idx given to the engine before the run (read-only), or NULL. */
const void *sim_shared_at(const sim_ctx *ctx, int64_t idx);
/* The seq of the event being handled (0 in init). */
uint64_t sim_current_seq(const sim_ctx *ctx);
/* The name of model `id` (as in its ops table), or NULL if there is none:
 * for notes that name another model ("uvm reserves 400 MiB"). */
const char *sim_model_name(const sim_ctx *ctx, int id);

#endif
