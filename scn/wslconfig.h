/* wslconfig.h: real .wslconfig files mapped onto model parameters.
 *
 * A .wslconfig is an INI file (ini.h) with the sections [wsl2] and
 * [experimental].  Every key is looked up, case-insensitively, among the
 * parameters whose sim_param_def.wslconfig_key names it, in any model of
 * the table given; the value is read the way WSL reads it and turned into
 * scenario syntax, then type- and range-checked exactly like a scenario's
 * `set`.  WSL's value conventions (docs/memory.md):
 *   sizes      a whole number with an optional suffix B, K/KB, M/MB, G/GB,
 *              T/TB (any case; also KiB..TiB): BINARY, as WSL parses them,
 *              so memory=8GB is 8 GiB; a plain number is bytes
 *   durations  a whole number of milliseconds (vmIdleTimeout=60000)
 *   counts     a whole number (processors=4)
 *   booleans   true / false, any case
 *   enums      the name, any case (autoMemoryReclaim=dropCache)
 * Diagnostics (file:line:col):
 *   warning  an unknown key (with "did you mean"), a real WSL key hvsim does
 *            not simulate, an unknown section, a key outside any section, a
 *            key given twice (the last one wins)
 *   error    anything ini.h rejects, an invalid value, a value out of range,
 *            a file that cannot be read
 * Nothing here knows which model owns which key: the tables say it.
 *
 * Ownership: a sim_wslconfig owns its items (strings included) until
 * sim_wslconfig_free.  Nothing here prints. */
#ifndef HVSIM_SIM_WSLCONFIG_H
#define HVSIM_SIM_WSLCONFIG_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

#define SIM_WSLCONFIG_MAX_BYTES (1024 * 1024) /* larger files are refused */

typedef struct sim_wslconfig_item {
    int model, param;       /* index into the model table, parameter index */
    char *text;             /* the value in scenario syntax: "8589934592B", "60000ms" */
    char *set;              /* the same as a --set entry: "mem.memory=8589934592B" */
    char file[256];         /* where the key was written */
    int line, col;          /* of the value */
    char *source_line;
} sim_wslconfig_item;

typedef struct sim_wslconfig {
    sim_wslconfig_item *items;   /* in file order; a repeated key keeps its last value */
    size_t n, cap;
} sim_wslconfig;

/* Parses .wslconfig text.  0 if no error was added to diags (warnings may
 * be), -1 otherwise.  *out holds the valid items either way. */
int sim_wslconfig_parse(const char *name, const char *text, size_t len,
                        const sim_model_ops *const *models, size_t n_models,
                        sim_wslconfig *out, sim_diag_list *diags);
/* Reads the file at path and parses it (path is the name in messages). */
int sim_wslconfig_load(const char *path, const sim_model_ops *const *models, size_t n_models,
                       sim_wslconfig *out, sim_diag_list *diags);
void sim_wslconfig_free(sim_wslconfig *w);

/* Converts one .wslconfig value of type t into scenario syntax in out.
 * 0, or -1 with a reason in why.  (Range checks are the caller's.) */
int sim_wslconfig_value(const char *value, sim_type t, char *out, size_t cap, char *why,
                        size_t why_cap);

#endif
