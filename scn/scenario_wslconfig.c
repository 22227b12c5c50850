/* scenario_wslconfig.c: `wslconfig file "path"` (see scenario_wslconfig.h).
 *
 * The file is read with the scenario's own model table, so the keys map to
 * the same parameters as `wslconfig KEY=VALUE`; each valid item becomes a
 * setting at the statement (scn_add_setting), in file order.  Diagnostics
 * from the file are copied into the scenario's list; a file-level failure
 * (no such file) is re-reported at the statement so the user sees which
 * line asked for it.  If the file had any diagnostic, a note points back at
 * the statement. */
#include "scenario_wslconfig.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wslconfig.h"

static char *resolve(const char *dir, const char *path)
{
    size_t n = strlen(dir) + strlen(path) + 2;
    char *p = malloc(n);
    if (!p) return NULL;
    if (path[0] == '/' || dir[0] == '\0') snprintf(p, n, "%s", path);
    else snprintf(p, n, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", path);
    return p;
}

int scn_wslconfig_file(scn_parser *ps, const sim_token *path_tok, const char *path)
{
    char *full = resolve(ps->frames[ps->depth].dir, path);
    if (!full) return scn_error(ps, path_tok, "out of memory");
    sim_wslconfig w;
    sim_diag_list file_diags;
    sim_diag_list_init(&file_diags);
    int rc = sim_wslconfig_load(full, ps->s->models, ps->s->n_models, &w, &file_diags);
    size_t before = scn_errors(ps);
    for (size_t i = 0; i < file_diags.len && !ps->stop; i++) {
        const sim_diag *d = &file_diags.items[i];
        if (d->line == 0 && d->severity == SIM_SEV_ERROR)
            scn_error(ps, path_tok, "%s: %s", full, d->msg);
        else
            sim_diag_add(ps->diags, d->severity, d->file, d->line, d->col, d->source_line, "%s",
                         d->msg);
    }
    if (file_diags.len > 0) {
        char line[256];
        scn_source_line(path_tok, line, sizeof line);
        sim_diag_add(ps->diags, SIM_SEV_NOTE, path_tok->file, path_tok->line, path_tok->col, line,
                     "in the .wslconfig read here");
    }
    for (size_t i = 0; rc == 0 && i < w.n; i++) {
        const sim_wslconfig_item *it = &w.items[i];
        const sim_param_def *d = &ps->s->models[it->model]->params[it->param];
        char why[512];
        sim_value v;
        if (scn_value_checked(it->text, d->type, d->enum_names, d->min, d->max, d->name, &v, why,
                              sizeof why) != 0 ||
            scn_add_setting(ps, path_tok, it->model, it->param, v) != 0) {
            scn_error(ps, path_tok, "%s:%d: %s", it->file, it->line, why);
            break;
        }
    }
    sim_wslconfig_free(&w);
    sim_diag_list_free(&file_diags);
    free(full);
    return rc == 0 && scn_errors(ps) == before ? 0 : -1;
}
