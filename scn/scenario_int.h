/* scenario_int.h: what the scenario modules share (not a public API).
 *
 * scenario.c       public entry points, file reading, includes, --set,
 *                  scn_instantiate
 * scenario_parse.c one statement at a time: keywords, times, actions,
 *                  expectations, the time cursor, ${name} substitution
 * scenario_value.c typed values with range checks (scn_parse_value)
 * scenario_ext.c   the calls statements added from outside use
 *                  (scenario_ext.h)
 *
 * A loaded scenario is immutable plain data: settings and timeline items
 * refer to strings by index in the scenario's string pool, so `every` can
 * repeat one event 100000 times without copying its text, and
 * scn_instantiate interns each pooled string once per engine. */
#ifndef HVSIM_SCN_SCENARIO_INT_H
#define HVSIM_SCN_SCENARIO_INT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "director.h"
#include "lexer.h"
#include "scenario.h"

#define SCN_MAX_ERRORS 20          /* errors reported before loading stops */
#define SCN_MAX_INCLUDE_DEPTH 16   /* nested includes below the top file */
#define SCN_MAX_FILE_BYTES (16 * 1024 * 1024)
#define SCN_MAX_EVERY 100000       /* events one `every` may expand to */
#define SCN_MAX_ITEMS 1000000      /* timeline events of a whole scenario, includes too */
#define SCN_MAX_INCLUDES 1000      /* include statements followed in one load */
#define SCN_MAX_TOTAL_BYTES (64 * 1024 * 1024) /* bytes of all files of one load */
#define SCN_VALUE_MAX 4096         /* bytes of a value after ${} substitution */
#define SCN_TARGET_DIRECTOR (-1)   /* timeline item for the director */

typedef struct scn_item {
    int64_t t_ns;        /* absolute time */
    int target;          /* registry model index, or SCN_TARGET_DIRECTOR */
    int kind;            /* action kind, or SIM_DIRECTOR_SAY */
    uint32_t str_mask;   /* bit i: p.w[i] is a pool index, interned at instantiate */
    sim_payload p;
} scn_item;

/* A `when`: its director definition with pool indices where the engine
 * will hold string ids (say, and the action's string arguments in
 * str_mask), interned at instantiate. */
typedef struct scn_when {
    sim_when_def def;
    uint32_t str_mask;   /* bit i: def.action.w[i] is a pool index */
} scn_when;

typedef struct scn_setting {
    int model, param;    /* registry index, parameter index */
    sim_value v;         /* for strings v.s is NULL and str is the pool index */
    int64_t str;         /* pool index for SIM_T_STRING, else -1 */
} scn_setting;

struct scn_scenario {
    const sim_model_ops **models;  /* copy of the registry pointer array */
    size_t n_models;
    char *title, *about;           /* never NULL */
    uint64_t seed;
    int64_t end_ns;                /* -1: none */
    scn_setting *settings;  size_t n_settings, cap_settings;
    scn_item *items;        size_t n_items, cap_items;
    sim_expect_def *expects; size_t n_expects, cap_expects;
    scn_when *whens;        size_t n_whens, cap_whens;
    char **pool;            size_t n_pool, cap_pool;
    struct scn_shared_entry *shared; size_t n_shared, cap_shared; /* loaded data, by index */
    int64_t *inputs;        size_t n_inputs, cap_inputs; /* pool indices of files read */
};

typedef struct scn_shared_entry {
    char *key;           /* kind, dir and text, '\n'-separated: one load per name */
    sim_shared *block;   /* one reference, dropped by scn_free */
} scn_shared_entry;

/* Adds a copy of s to the pool; its index or -1. */
int64_t scn_pool_add(scn_scenario *s, const char *s_text);

/* Records a file the scenario was read from (scn_input); 0 or -1. */
int scn_add_input(scn_scenario *s, const char *path);

/* Parses text as type t for the parameter or argument `what` ("uvm.memory",
 * "size of vdisk.write") and checks it against [min, max]
 * (scn_check_range).  0, or -1 with a reason in why. */
int scn_value_checked(const char *text, sim_type t, const char *const *enum_names,
                      sim_value min, sim_value max, const char *what, sim_value *v,
                      char *why, size_t why_cap);

/* --- parsing state (scenario_parse.c) ----------------------------------- */
typedef struct scn_param {
    char *name, *value;  /* owned */
    char where[160];     /* "file:line" of the declaration */
} scn_param;

typedef struct scn_frame {
    const char *name;    /* file name as shown in messages */
    int has_id;          /* 1: dev/ino identify the file (for cycle detection) */
    unsigned long long dev, ino;
    char *dir;           /* directory includes are resolved against ("" = cwd) */
    sim_token include_tok; /* the include statement being processed in this file */
} scn_frame;

/* A statement being parsed: its tokens, t[n] the line's EOL (or EOF)
 * token, i the next one to take (scenario_ext.h's scn_stmt). */
struct scn_stmt {
    struct scn_parser *ps;
    const sim_token *t;
    size_t n, i;
};

typedef struct scn_parser {
    scn_scenario *s;
    const scn_options *opt;
    sim_diag_list *diags;
    size_t base_errors;        /* diags->n_errors when loading began */
    int stop;                  /* the error limit was reached */
    int64_t cursor_ns;
    size_t n_statements;
    size_t n_includes;         /* includes followed so far (SCN_MAX_INCLUDES) */
    size_t bytes_read;         /* bytes of every file read so far (SCN_MAX_TOTAL_BYTES) */
    char title_at[160], about_at[160], seed_at[160], end_at[160]; /* "" = not seen */
    scn_param *params;   size_t n_params, cap_params;
    unsigned char *set_used;   /* per opt->sets entry: consumed by a param */
    scn_frame frames[SCN_MAX_INCLUDE_DEPTH + 1];
    int depth;                 /* index of the current frame */
    sim_token *toks;     size_t n_toks, cap_toks;
} scn_parser;

/* The index of the shared data `text` names (kind as in sim_arg_def),
 * loaded now through opt->load_shared unless it already was; -1 after
 * reporting an error at t. */
int64_t scn_shared_get(scn_parser *ps, const sim_token *t, const char *kind, const char *text);

/* Reports an error at token t (NULL: no location).  Returns -1. */
int scn_error(scn_parser *ps, const sim_token *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
int scn_errorv(scn_parser *ps, const sim_token *t, const char *fmt, va_list ap);
/* Stops the load (with a note) once SCN_MAX_ERRORS errors are reported. */
void scn_error_limit(scn_parser *ps, const char *file);
/* The token's source line, control bytes shown as '?', cut to cap - 1. */
void scn_source_line(const sim_token *t, char *buf, size_t cap);
/* Errors reported by this load so far. */
size_t scn_errors(const scn_parser *ps);
/* Parses one file's text (already checked to be text). */
void scn_parse_text(scn_parser *ps, const char *file, const char *text, size_t len);
/* Handles `include` (scenario.c): tok is the path token. */
void scn_include(scn_parser *ps, const sim_token *kw, const sim_token *path_tok,
                 const char *path);
/* Model index by name in the registry, or -1. */
int scn_find_model(const scn_scenario *s, const char *name, size_t len);
/* Reports an unknown model name with a suggestion; returns -1. */
int scn_unknown_model(scn_parser *ps, const sim_token *t, const char *name, size_t len);
/* Parameter index of `name` in the model, or reports it unknown (with a
 * suggestion) at t and returns -1. */
int scn_find_param_index(scn_parser *ps, const sim_token *t, int model, const char *name);
/* sim_did_you_mean over the params declared so far. */
const char *scn_param_did_you_mean(const scn_parser *ps, const char *name, char *buf, size_t cap,
                                   const char *pre, const char *post);
/* Adds a setting (strings are pooled); 0 or -1. */
int scn_add_setting(scn_parser *ps, const sim_token *t, int model, int param, sim_value v);
/* Range-checks a typed value for model.param, then adds it; an error is
 * reported at t, prefixed with `origin` when there is one.  0 or -1. */
int scn_set_typed(scn_parser *ps, const sim_token *t, int model, int param, sim_value v,
                  const char *origin);

#endif
