/* keys.h: the .wslconfig keys hvsim knows, and the parameter each one sets.
 *
 * One table for every key of a .wslconfig's [wsl2] and [experimental]
 * sections that hvsim has heard of (Microsoft Learn, "Advanced settings
 * configuration in WSL", wsl-config.md): a key some model simulates names
 * that model's parameter ("memory" -> mem.memory); a real WSL key that no
 * model simulates names none, so a file that uses it gets "not simulated"
 * rather than "unknown".  Keys match case-insensitively, as WSL reads them.
 * The models know nothing of this table: it names their parameters, and
 * test_wslconfig checks that every name it uses exists in the registry.
 * `hvsim params` shows each parameter's key from here. */
#ifndef HVSIM_WSL_KEYS_H
#define HVSIM_WSL_KEYS_H

#include <stddef.h>

#include "model.h"

typedef struct wsl_key {
    const char *key;     /* as WSL spells it */
    const char *model;   /* the parameter it sets: model and parameter name, */
    const char *param;   /* or both NULL: a real key that hvsim does not simulate */
} wsl_key;

typedef enum wsl_key_kind {
    WSL_KEY_UNKNOWN = -1,    /* not a key this table knows */
    WSL_KEY_NOT_SIMULATED,   /* a real key no model of the table simulates */
    WSL_KEY_SIMULATED        /* *model and *param are set */
} wsl_key_kind;

/* The whole table (n entries). */
const wsl_key *wsl_keys(size_t *n);
/* Looks key up and resolves its parameter in `models` (n_models of them):
 * a key whose parameter is not in that table counts as not simulated. */
wsl_key_kind wsl_key_find(const char *key, const sim_model_ops *const *models, size_t n_models,
                          int *model, int *param);
/* A warning for a value WSL accepts but hvsim does not simulate fully
 * (networkingMode=bridged ...), or NULL. */
const char *wsl_key_value_note(const char *key, const char *value);
/* The key that sets model.param, or NULL. */
const char *wsl_key_of(const char *model, const char *param);
/* sim_did_you_mean over the keys simulated by `models`. */
const char *wsl_key_did_you_mean(char *buf, size_t cap, const char *word,
                                 const sim_model_ops *const *models, size_t n_models);

#endif
