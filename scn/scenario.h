/* scenario.h: the scenario language (*.hvs), loaded and turned into a run.
 *
 * scn_load reads a file (and its includes), checks every statement against
 * the models' tables and the units, and keeps the result as an immutable
 * scenario: title, about, seed, parameter settings, the timeline of actions,
 * narration and expectations.  Nothing runs yet.  scn_instantiate builds a
 * fresh engine from it: every model of the registry in registry order, then
 * the director; the parameter settings written in; the timeline scheduled;
 * models started.  Data an action names (a workload file) is loaded while
 * the scenario loads, once per distinct name, through the product's
 * loader; every engine built from the scenario gets a reference to it.
 * The same scenario can be instantiated any number of times
 * (the viewer does for restart; sweeps will for every point).
 *
 * The grammar is in docs/scenario-language.md.
 * Errors go into the diag list with file:line:col; loading stops at the
 * first error of a statement but goes on to report later statements' errors
 * (at most 20). */
#ifndef HVSIM_SCN_SCENARIO_H
#define HVSIM_SCN_SCENARIO_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "engine.h"
#include "model.h"
#include "scenario_ext.h"

typedef struct scn_scenario scn_scenario;

/* Loads the shared data an action argument names (sim_arg_def.shared_kind):
 * `text` as written in the scenario, `dir` the directory of the file it is
 * written in ("" = the current directory) for relative paths.  Returns a
 * block with one reference for the scenario, or NULL with a reason in why. */
typedef sim_shared *(*scn_load_shared_fn)(void *user, const char *kind, const char *text,
                                          const char *dir, char *why, size_t why_cap);

/* A typed parameter value from outside the scenario (a product layer's own
 * input file, say), applied after the scenario's settings and before
 * --set.  The value is range-checked at load; strings are copied. */
typedef struct scn_override {
    int model, param;                   /* registry index, parameter index */
    sim_value v;
    const char *origin;                 /* where it was given, for messages ("x.cfg:3") */
} scn_override;

typedef struct scn_options {
    const sim_model_ops *const *models; /* the registry, in id order */
    size_t n_models;
    const char *const *sets;            /* "name=value" or "model.param=value" from --set */
    size_t n_sets;
    scn_load_shared_fn load_shared;     /* NULL: arguments naming shared data are errors */
    void *load_shared_user;
    const scn_keyword *keywords;        /* statements added by a product layer (scenario_ext.h) */
    size_t n_keywords;
    const scn_override *overrides;      /* typed values applied before --set */
    size_t n_overrides;
} scn_options;

/* 0 on success (*out set; warnings may be in diags), -1 on error (*out NULL). */
int scn_load(const char *path, const scn_options *opt, scn_scenario **out, sim_diag_list *diags);
/* Same, from text in memory; `name` is used as the file name in messages
 * and includes are resolved against the current directory. */
int scn_load_text(const char *name, const char *text, size_t len, const scn_options *opt,
                  scn_scenario **out, sim_diag_list *diags);
void scn_free(scn_scenario *s);

const char *scn_title(const scn_scenario *s);   /* "" if none */
const char *scn_about(const scn_scenario *s);   /* "" if none */
uint64_t scn_seed(const scn_scenario *s);       /* 1 if the file sets none */
/* Time of the `end` statement, or -1 if the run goes until the queue empties. */
int64_t scn_end_ns(const scn_scenario *s);

/* The files the scenario was read from: the top file, its includes and
 * the configuration files its extension statements read, as the paths that were opened (so an
 * output can be refused for naming one of them). */
size_t scn_input_count(const scn_scenario *s);
const char *scn_input(const scn_scenario *s, size_t i);

/* Builds and starts an engine.  seed_override NULL means the scenario's
 * seed.  On success *eng is ready to step and *director is the director's
 * model id.  0 or -1 (diag added). */
int scn_instantiate(const scn_scenario *s, const uint64_t *seed_override, sim_engine **eng,
                    int *director, sim_diag_list *diags);

/* Parses "20GB", "1.5s", "25%", "true", an enum name, "10.0.0.1" or a plain
 * string into v as type t.  Returns 0, or -1 with a reason in why.  Strings
 * are returned pointing into `text` (the caller keeps it alive). */
int scn_parse_value(const char *text, sim_type t, const char *const *enum_names,
                    sim_value *v, char *why, size_t why_cap);

/* Checks v of type t against [min, max] (skipped for enum, bool, address
 * and string, and when min and max are both zero); `what` names the
 * parameter or argument in the reason ("uvm.memory").  0, or -1 with a
 * reason in why. */
int scn_check_range(sim_type t, sim_value v, const char *const *enum_names, sim_value min,
                    sim_value max, const char *what, char *why, size_t why_cap);

#endif
