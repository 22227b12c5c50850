/* scenario_ext.c: the calls an added statement uses (see scenario_ext.h).
 *
 * Thin wrappers over the parser's own machinery (scenario_parse.c), so an
 * added statement reports, substitutes, checks and records exactly as a
 * built-in one does.  The line cursor calls (peek, take_string, end, pairs)
 * live in scenario_parse.c next to the code they share. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "scenario_int.h"
#include "util.h"

const sim_token *scn_stmt_keyword(const scn_stmt *st)
{
    return &st->t[0];
}

int scn_stmt_take_if(scn_stmt *st, const char *word)
{
    const sim_token *t = scn_stmt_peek(st);
    if (!t || !sim_token_is(t, word)) return 0;
    st->i++;
    return 1;
}

const sim_model_ops *const *scn_stmt_models(const scn_stmt *st, size_t *n)
{
    *n = st->ps->s->n_models;
    return st->ps->s->models;
}

int scn_stmt_set(scn_stmt *st, const sim_token *t, int model, int param, sim_value v)
{
    if (model < 0 || (size_t)model >= st->ps->s->n_models || param < 0 ||
        (size_t)param >= st->ps->s->models[model]->n_params)
        return scn_error(st->ps, t, "no parameter %d of model %d", param, model);
    return scn_set_typed(st->ps, t, model, param, v, NULL);
}

int scn_stmt_error(scn_stmt *st, const sim_token *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    scn_errorv(st->ps, t, fmt, ap);
    va_end(ap);
    return -1;
}

void scn_stmt_note(scn_stmt *st, const sim_token *t, const char *fmt, ...)
{
    char line[256];
    va_list ap;
    if (st->ps->stop) return;
    scn_source_line(t, line, sizeof line);
    va_start(ap, fmt);
    sim_diag_addv(st->ps->diags, SIM_SEV_NOTE, t->file, t->line, t->col, line, fmt, ap);
    va_end(ap);
}

void scn_stmt_forward(scn_stmt *st, const sim_diag *d)
{
    scn_parser *ps = st->ps;
    if (ps->stop) return;
    sim_diag_add(ps->diags, d->severity, d->file, d->line, d->col, d->source_line, "%s", d->msg);
    scn_error_limit(ps, d->file);
}

size_t scn_stmt_errors(const scn_stmt *st)
{
    return scn_errors(st->ps);
}

char *scn_stmt_path(const scn_stmt *st, const char *path)
{
    char *full = sim_path_join(st->ps->frames[st->ps->depth].dir, path);
    if (full && scn_add_input(st->ps->s, full) != 0) {
        free(full);
        return NULL;
    }
    return full;
}
