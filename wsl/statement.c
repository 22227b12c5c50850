/* statement.c: `wslconfig KEY=VALUE` and `wslconfig file "path"` (see
 * statement.h), written only with the calls of scn/scenario_ext.h. */
#include "statement.h"

#include <stdlib.h>

#include "keys.h"
#include "wslconfig.h"

#define PATH_MAX_BYTES 4096

static int resolve_key(scn_stmt *st, const sim_token *key, const char *name, int *model,
                       int *param, const void *data)
{
    size_t n;
    const sim_model_ops *const *models = scn_stmt_models(st, &n);
    char dym[160];
    (void)data;
    switch (wsl_key_find(name, models, n, model, param)) {
    case WSL_KEY_SIMULATED: return 0;
    case WSL_KEY_NOT_SIMULATED:
        return scn_stmt_error(st, key, "'%s' is a real WSL setting that hvsim does not simulate",
                              name);
    case WSL_KEY_UNKNOWN: break;
    }
    return scn_stmt_error(st, key, "unknown .wslconfig key '%s'%s", name,
                          wsl_key_did_you_mean(dym, sizeof dym, name, models, n));
}

/* Reads the file at full and records its items at path_tok. */
static int read_file(scn_stmt *st, const sim_token *path_tok, const char *full)
{
    size_t n_models, before = scn_stmt_errors(st);
    const sim_model_ops *const *models = scn_stmt_models(st, &n_models);
    wsl_config w;
    sim_diag_list file_diags;
    sim_diag_list_init(&file_diags);
    int rc = wsl_config_load(full, models, n_models, &w, &file_diags);
    for (size_t i = 0; i < file_diags.len; i++) {
        const sim_diag *d = &file_diags.items[i];
        if (d->line == 0 && d->severity == SIM_SEV_ERROR)
            scn_stmt_error(st, path_tok, "%s: %s", full, d->msg); /* the file as a whole */
        else
            scn_stmt_forward(st, d);
    }
    if (file_diags.len > 0) scn_stmt_note(st, path_tok, "in the .wslconfig read here");
    for (size_t i = 0; rc == 0 && i < w.n; i++)
        if (scn_stmt_set(st, path_tok, w.items[i].model, w.items[i].param, w.items[i].v) != 0) break;
    wsl_config_free(&w);
    sim_diag_list_free(&file_diags);
    return rc == 0 && scn_stmt_errors(st) == before ? 0 : -1;
}

static int st_wslconfig(scn_stmt *st, const void *data)
{
    char path[PATH_MAX_BYTES];
    const sim_token *t;
    (void)data;
    if (!scn_stmt_take_if(st, "file")) return scn_stmt_pairs(st, resolve_key, NULL);
    t = scn_stmt_take_string(st, "wslconfig file", path, sizeof path);
    if (!t || scn_stmt_end(st) != 0) return -1;
    char *full = scn_stmt_path(st, path);
    if (!full) return scn_stmt_error(st, t, "out of memory");
    int rc = read_file(st, t, full);
    free(full);
    return rc;
}

static const scn_keyword keywords[] = {
    {.name = "wslconfig", .parse = st_wslconfig},
};

const scn_keyword *wsl_keywords(size_t *n)
{
    *n = sizeof keywords / sizeof keywords[0];
    return keywords;
}
