/* wslconfig.h: real .wslconfig files mapped onto model parameters.
 *
 * A .wslconfig is an INI file (ini.h) with the sections [wsl2] and
 * [experimental].  Every key is looked up, case-insensitively, in the key
 * table (keys.h) and its parameter in the model table given; the value is
 * read the way WSL reads it straight into a typed value (parsed once),
 * then range-checked exactly like a scenario's `set`.  WSL's value
 * conventions (docs/memory.md):
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
 * Ownership: a wsl_config owns its items (strings included) until
 * wsl_config_free.  Nothing here prints. */
#ifndef HVSIM_WSL_WSLCONFIG_H
#define HVSIM_WSL_WSLCONFIG_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

#define WSL_CONFIG_MAX_BYTES (1024 * 1024) /* larger files are refused */

typedef struct wsl_item {
    int model, param;       /* index into the model table, parameter index */
    sim_value v;            /* the value, typed (strings point at text) */
    char *text;             /* the value as written in the file */
    char origin[300];       /* "file:line" of the key, for messages */
    char file[256];         /* where the key was written */
    int line, col;          /* of the value */
} wsl_item;

typedef struct wsl_config {
    wsl_item *items;        /* in file order; a repeated key keeps its last value */
    size_t n, cap;
} wsl_config;

/* Parses .wslconfig text.  0 if no error was added to diags (warnings may
 * be), -1 otherwise.  *out holds the valid items either way. */
int wsl_config_parse(const char *name, const char *text, size_t len,
                     const sim_model_ops *const *models, size_t n_models, wsl_config *out,
                     sim_diag_list *diags);
/* Reads the file at path and parses it (path is the name in messages). */
int wsl_config_load(const char *path, const sim_model_ops *const *models, size_t n_models,
                    wsl_config *out, sim_diag_list *diags);
void wsl_config_free(wsl_config *w);

/* Reads one .wslconfig value as type t (enum_names for enums) the way WSL
 * does.  0, or -1 with a reason in why.  (Range checks are the caller's;
 * a string result points into value.) */
int wsl_value(const char *value, sim_type t, const char *const *enum_names, sim_value *v,
              char *why, size_t why_cap);

#endif
