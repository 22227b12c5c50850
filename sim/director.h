/* director.h: the scenario's own model inside the engine.
 *
 * Narration (`say`) and expectations (`expect`) are events like any other, so
 * they appear in the trace, in the fingerprint and in the viewer's timeline,
 * and they are restored with checkpoints.  The director is a model of the
 * kernel (it knows nothing of the product simulated): its state block holds the expectation
 * definitions and their results as plain data (a variable-length tail, see
 * sim_engine_add_model).  It reads other models' metrics through the engine,
 * which only the kernel may do; models never do.
 *
 * Event-driven narration (`when COND say "..."`): a `when` watches one
 * metric after every event its model handles (the engine's watcher, see
 * sim_engine_set_watch).  The first time the condition turns true during
 * the run -- false before that event, true after it -- the director
 * schedules the `when`'s narration (and action, if it has one) at that same
 * instant, with the event that made it true as cause; it never fires again.
 * A condition already true when the run starts waits until it has been
 * false.  So the words come right after the state they describe, whatever
 * time the model decides, and the firing is deterministic: it is in the
 * trace, the fingerprint and the checkpoints like any event.
 *
 * Event kinds: SIM_DIRECTOR_SAY (w[0] = string id of the text),
 * SIM_DIRECTOR_EXPECT (w[0] = expectation index). */
#ifndef HVSIM_SIM_DIRECTOR_H
#define HVSIM_SIM_DIRECTOR_H

#include <stddef.h>
#include <stdint.h>

#include "engine.h"
#include "model.h"

#define SIM_DIRECTOR_NAME "scenario"

enum { SIM_DIRECTOR_SAY, SIM_DIRECTOR_EXPECT };

typedef enum sim_cmp { SIM_CMP_LT, SIM_CMP_LE, SIM_CMP_GT, SIM_CMP_GE, SIM_CMP_EQ, SIM_CMP_NE } sim_cmp;

typedef struct sim_expect_def {
    int model;             /* engine model id */
    int metric;            /* index in that model's metric table */
    sim_cmp op;
    sim_value rhs;
    int at_end;            /* 1: checked when the run ends; else at at_ns */
    int64_t at_ns;
    char text[160];        /* as written: "uvm.prompt_latency < 2s" */
    char file[128];        /* where it was written, for the summary */
    int line;
} sim_expect_def;

typedef struct sim_expect_result {
    int evaluated;         /* 0 until checked */
    int passed;
    sim_value observed;
    int64_t checked_at_ns;
} sim_expect_result;

/* `when MODEL.METRIC OP VALUE [ACTION] [say "..."]`. */
typedef struct sim_when_def {
    int model;             /* engine model id of the watched metric */
    int metric;
    sim_cmp op;
    sim_value rhs;
    int64_t say;           /* string id of the narration, or -1 */
    int action_model;      /* target of the action, or -1 for none */
    int action_kind;
    sim_payload action;    /* its arguments (strings already interned) */
    char text[160];        /* the condition as written: "uvm.state == stopped" */
    char file[128];
    int line;
} sim_when_def;

typedef struct sim_when_result {
    int64_t held;          /* 1: the condition held after the last check */
    int64_t fired;         /* 1: it fired (once) */
    int64_t fired_at_ns;   /* when; -1 if it never did */
} sim_when_result;

extern const sim_model_ops sim_director_ops;

/* Bytes of state for a director holding n expectations and n_when whens. */
size_t sim_director_state_size(size_t n_expect, size_t n_when);
/* Adds the director to eng with these expectations and whens (copied),
 * schedules the timed expectations and, if there is a `when`, installs the
 * engine's watcher.  Call after every other model is added: the director's
 * init (in sim_engine_start) records which conditions already hold.
 * Returns its model id or a negative SIM_E* code. */
int sim_director_add(sim_engine *eng, const sim_expect_def *defs, size_t n,
                     const sim_when_def *whens, size_t n_when);
/* Checks every at-end expectation against the current state.  Call when
 * the run is over.  Returns the number of expectations (all of them) that
 * failed or could not be checked. */
size_t sim_director_finish(sim_engine *eng, int director);
size_t sim_director_count(const sim_engine *eng, int director);
const sim_expect_def *sim_director_def(const sim_engine *eng, int director, size_t i);
const sim_expect_result *sim_director_result(const sim_engine *eng, int director, size_t i);
size_t sim_director_when_count(const sim_engine *eng, int director);
const sim_when_def *sim_director_when(const sim_engine *eng, int director, size_t i);
const sim_when_result *sim_director_when_result(const sim_engine *eng, int director, size_t i);
const char *sim_cmp_name(sim_cmp op);   /* "<", "<=", ... */
/* lhs OP rhs; a SIM_NEVER side makes every comparison false but != . */
int sim_cmp_holds(sim_type t, sim_value lhs, sim_cmp op, sim_value rhs);

#endif
