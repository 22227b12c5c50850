/* model.h: the contract every simulated component implements.
 *
 * A model is a versioned ops table in the spirit of SQLite's sqlite3_vfs:
 * its name, the size of its plain-data state, and three data tables --
 * parameters, actions and metrics -- plus init / handle_event / snapshot /
 * fini.  The kernel, the scenario language, `hvsim params`, CSV output and
 * the viewer work from these tables alone, so none of them has per-model
 * code.
 *
 * Invariants a model keeps:
 *  - All of its state lives in the state block the engine allocates
 *    (state_size bytes, zeroed before parameters are written).  The block is
 *    plain data: no pointers to heap memory it owns, so a checkpoint is a
 *    memcpy.  Pointers to static, immutable data are allowed.
 *  - Parameters and metrics are fields of that block found by offset:
 *    int64_t for every integral type, double for SIM_T_RATIO, char[str_cap]
 *    for SIM_T_STRING.
 *  - It affects other models only by scheduling events for them
 *    (sim_schedule); it never calls another model, never reads the wall
 *    clock, never uses a global random source (only sim_rng_* on its ctx).
 *  - handle_event describes what happened with sim_note(); the note is the
 *    readable detail of the trace record and enters the fingerprint. */
#ifndef HVSIM_SIM_MODEL_H
#define HVSIM_SIM_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "event.h"
#include "value.h"
#include "view.h"

#define SIM_MODEL_ABI_VERSION 1
#define SIM_MAX_ACTION_ARGS SIM_PAYLOAD_WORDS

typedef struct sim_ctx sim_ctx; /* handed to a model while it runs; see engine.h */

/* A parameter value that stands for a rule rather than a quantity, shown
 * as a word: {0, "auto"}, {-1, "auto"}, {0, "none"}. */
typedef struct sim_value_word {
    int64_t value;
    const char *word;             /* NULL ends a list */
} sim_value_word;

/* When a model reads a parameter, which says what a change during a run
 * (hvsim run --branch-at T --set K=V) can do. */
typedef enum sim_param_when {
    SIM_PARAM_LIVE = 0,     /* read each time it is used: a change shows from its next use */
    SIM_PARAM_AT_START,     /* read when its machine starts (a VM boot, the network set up at
                               it): a change shows from the next start */
    SIM_PARAM_AT_INIT       /* read once, when the run begins: a change later does nothing */
} sim_param_when;

typedef struct sim_param_def {
    const char *name;             /* "ram", "kernel_boot"; scenario: host.ram */
    sim_type type;
    const char *unit;             /* "bytes", "ns", "" ... as printed */
    sim_value def;                /* default */
    sim_value min, max;           /* inclusive range (i for integral, r for ratio) */
    const char *const *enum_names;/* NULL-terminated, SIM_T_ENUM only */
    size_t offset;                /* offsetof(state, field) */
    size_t str_cap;               /* SIM_T_STRING only: sizeof the char array */
    const char *doc;              /* one line */
    const char *source;           /* where the default comes from (docs/calibration.md key) */
    const sim_value_word *words;  /* integral values shown as words, or NULL */
    sim_param_when when;          /* when the model reads it (default: live) */
} sim_param_def;

typedef struct sim_arg_def {
    const char *name;             /* "size", "path" */
    sim_type type;
    int required;                 /* 1: must be given; 0: def is used */
    sim_value def;
    sim_value min, max;
    const char *const *enum_names;
    const char *doc;
    /* SIM_T_STRING only: non-NULL names the kind of shared data the string
     * refers to ("workload").  The scenario loader has the product layer load
     * it before the run (scn_options.load_shared) and the event carries the
     * block's index for sim_shared_at instead of a string id. */
    const char *shared_kind;
} sim_arg_def;

/* An action is a verb a scenario calls at a time: `uvm.start`.  It arrives at
 * the model as an event of kind `kind`, payload word i holding argument i
 * (integral types as int64, ratios via sim_payload_set_ratio, strings as an
 * id in the engine's string table: sim_string(ctx, id)). */
typedef struct sim_action_def {
    const char *name;
    int kind;
    const sim_arg_def *args;
    size_t n_args;                /* <= SIM_MAX_ACTION_ARGS */
    const char *doc;
} sim_action_def;

typedef struct sim_metric_def {
    const char *name;             /* "prompt_latency"; scenario: uvm.prompt_latency */
    sim_type type;                /* never SIM_T_STRING */
    const char *unit;
    size_t offset;                /* offsetof(state, field): int64_t or double */
    const char *const *enum_names;
    const char *doc;
} sim_metric_def;

/* What the viewer and inspector see of a model beyond its metrics: filled
 * by snapshot().  How the model is drawn is its view (view.h), data. */
typedef struct sim_snapshot {
    char status[64];              /* "booting kernel", "idle", "stopped" */
} sim_snapshot;

typedef struct sim_model_ops {
    int version;                  /* SIM_MODEL_ABI_VERSION */
    const char *name;             /* "host", "uvm" */
    const char *doc;              /* one line */
    size_t state_size;
    const sim_param_def *params;   size_t n_params;
    const sim_action_def *actions; size_t n_actions;
    const sim_metric_def *metrics; size_t n_metrics;
    const char *const *event_kinds; size_t n_event_kinds; /* names by kind index */
    /* Called once after parameters are written into state; may schedule. */
    void (*init)(void *state, sim_ctx *ctx);
    /* Called for every event whose target is this model. */
    void (*handle_event)(void *state, sim_ctx *ctx, const sim_event *ev);
    /* Fills a view of the state; must not change it.  May be NULL. */
    void (*snapshot)(const void *state, sim_snapshot *out);
    /* Releases nothing the engine owns; may be NULL. */
    void (*fini)(void *state);
    /* How the viewer draws it (view.h); NULL: generically. */
    const sim_view_def *view;
} sim_model_ops;

/* Table look-ups by name; return the index or -1. */
int sim_model_find_param(const sim_model_ops *m, const char *name);
int sim_model_find_action(const sim_model_ops *m, const char *name);
int sim_model_find_metric(const sim_model_ops *m, const char *name);

/* Reads metric idx of a model from its state block. */
sim_value sim_model_read_metric(const sim_model_ops *m, const void *state, int idx);
/* Writes parameter idx into a state block (strings are copied and cut to
 * str_cap - 1). */
void sim_model_write_param(const sim_model_ops *m, void *state, int idx, sim_value v);
sim_value sim_model_read_param(const sim_model_ops *m, const void *state, int idx);
/* A parameter's value for people: its word if the value has one ("auto"),
 * else the kernel's formatting with the value's unit. */
void sim_model_format_param(const sim_param_def *d, sim_value v, char *buf, size_t cap);

#define SIM_COUNTOF(a) (sizeof(a) / sizeof((a)[0]))

#endif
