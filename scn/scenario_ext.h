/* scenario_ext.h: statements a product layer adds to the scenario language.
 *
 * The language itself (scn/) is generic: it knows the models only through
 * their tables.  A layer above it (the product's own configuration
 * formats; the CLI fills the table) may add statements of its own: a keyword and a function that
 * reads the rest of the line.  The table goes in scn_options.keywords.
 * A statement's first word is looked up in this order: the language's own
 * keywords (title, at, set ...), then the added ones, then the model names
 * (`MODEL k=v`), so an added keyword cannot change the meaning of a
 * built-in one.
 *
 * While its function runs, a statement is an opaque scn_stmt: a cursor over
 * the line's tokens (sim_token, lexer.h) with the calls below.  Everything
 * a statement records goes through them (typed settings), so it is checked
 * and stored exactly like the language's own statements, and its errors
 * carry file:line:col like every other.  Functions that report return -1;
 * a statement's function returns 0, or -1 after reporting (the parser then
 * goes on with the next line).
 *
 * Lifetimes: tokens and the scn_stmt are valid only during the call. */
#ifndef HVSIM_SCN_SCENARIO_EXT_H
#define HVSIM_SCN_SCENARIO_EXT_H

#include <stddef.h>

#include "diag.h"
#include "lexer.h"
#include "model.h"

typedef struct scn_stmt scn_stmt;

typedef struct scn_keyword {
    const char *name;                                  /* the statement's first word */
    int (*parse)(scn_stmt *st, const void *data);      /* reads the rest of the line */
    const void *data;                                  /* handed to parse */
} scn_keyword;

/* Resolves the KEY of a KEY=VALUE pair (its decoded text in `name`) to a
 * model parameter: 0 with *model (registry index) and *param set, or -1
 * after reporting at key. */
typedef int (*scn_key_fn)(scn_stmt *st, const sim_token *key, const char *name, int *model,
                          int *param, const void *data);

/* --- the line ------------------------------------------------------------ */
/* The statement's keyword token (for messages). */
const sim_token *scn_stmt_keyword(const scn_stmt *st);
/* The next token, or NULL at the end of the line. */
const sim_token *scn_stmt_peek(const scn_stmt *st);
/* Takes the next token if it is the word `word`: 1 taken, 0 not. */
int scn_stmt_take_if(scn_stmt *st, const char *word);
/* Takes a quoted string into out (cap bytes); `after` names what it follows
 * in the message when it is missing.  The token, or NULL after reporting. */
const sim_token *scn_stmt_take_string(scn_stmt *st, const char *after, char *out, size_t cap);
/* 0 at the end of the line, else reports the stray token: -1. */
int scn_stmt_end(scn_stmt *st);
/* Takes one or more KEY=VALUE to the end of the line: each key is resolved
 * by resolve, each value (with ${param} substituted) parsed once as the
 * parameter's type, range-checked and recorded as a setting, in order. */
int scn_stmt_pairs(scn_stmt *st, scn_key_fn resolve, const void *data);

/* --- what a statement records --------------------------------------------- */
/* The model table the scenario is checked against (registry order). */
const sim_model_ops *const *scn_stmt_models(const scn_stmt *st, size_t *n);
/* Sets parameter `param` of registry model `model` to the typed value v
 * (strings are copied), as `set` would; the value is range-checked.  t
 * locates an error.  0 or -1 (reported). */
int scn_stmt_set(scn_stmt *st, const sim_token *t, int model, int param, sim_value v);

/* --- messages and files --------------------------------------------------- */
int scn_stmt_error(scn_stmt *st, const sim_token *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* A note at token t (e.g. "in the file read here"). */
void scn_stmt_note(scn_stmt *st, const sim_token *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Passes on a diagnostic about another file (its own location kept); an
 * error counts toward the load's error limit. */
void scn_stmt_forward(scn_stmt *st, const sim_diag *d);
/* Errors reported by this load so far (to tell whether a call added one). */
size_t scn_stmt_errors(const scn_stmt *st);
/* `path` resolved against the directory of the file being parsed, as
 * `include` does, and recorded as one of the scenario's inputs (scn_input:
 * an output naming it is refused).  malloc'd (caller frees), or NULL when
 * out of memory. */
char *scn_stmt_path(const scn_stmt *st, const char *path);

#endif
