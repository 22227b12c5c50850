/* diag.h: diagnostics as values.
 *
 * A diagnostic carries its location (file, 1-based line and column; line 0
 * means "no location", e.g. a command-line problem), a message and a copy of
 * the offending source line, so the CLI can print it GNU-style:
 *
 *   scenarios/x.hvs:3:9: error: unknown action 'uvm.strat'; did you mean 'uvm.start'?
 *       at 1s uvm.strat
 *             ^
 *
 * Library code only fills lists of these; the CLI and the viewer print them.
 * A list owns its array; items are plain data. */
#ifndef HVSIM_SIM_DIAG_H
#define HVSIM_SIM_DIAG_H

#include <stdarg.h>
#include <stddef.h>

typedef enum sim_severity { SIM_SEV_ERROR, SIM_SEV_WARNING, SIM_SEV_NOTE } sim_severity;

typedef struct sim_diag {
    sim_severity severity;
    char file[256];        /* "" when there is no file */
    int line, col;         /* 1-based; 0 = unknown */
    char msg[512];
    char source_line[256]; /* the line the column points into, cut to fit; may be "" */
} sim_diag;

/* Warnings kept in a list; later ones are only counted (n_warnings), and so
 * are the notes that follow a warning not kept.  A file of 100 000 unknown
 * keys gives 100 messages and a count, not 300 000 lines. */
#define SIM_DIAG_MAX_WARNINGS 100

typedef struct sim_diag_list {
    sim_diag *items;
    size_t len, cap;
    size_t n_errors, n_warnings;
    int dropping;          /* the last warning was not kept: drop its notes too */
} sim_diag_list;

void sim_diag_list_init(sim_diag_list *l);
void sim_diag_list_free(sim_diag_list *l);
/* Appends a diagnostic.  source_line may be NULL.  If memory runs out the
 * diagnostic is dropped but n_errors / n_warnings still count it. */
void sim_diag_add(sim_diag_list *l, sim_severity sev, const char *file, int line, int col,
                  const char *source_line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;
void sim_diag_addv(sim_diag_list *l, sim_severity sev, const char *file, int line, int col,
                   const char *source_line, const char *fmt, va_list ap);
/* Formats one diagnostic: "file:line:col: error: msg\n", then, if it has a
 * source line, the line and a caret under the column.  Returns the length
 * that the full text needs (like snprintf). */
size_t sim_diag_format(const sim_diag *d, char *buf, size_t cap);

/* Writes a reason into why (cap bytes, may be NULL or 0) printf-style and
 * returns -1: the shape of every "parse or say why" function. */
int sim_why(char *why, size_t cap, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* The closest of `candidates` (n of them) to `word` by edit distance, if it
 * is close enough to be a plausible typo (distance <= max(1, len/3)); else
 * NULL.  For "did you mean ...". */
const char *sim_suggest(const char *word, const char *const *candidates, size_t n);

/* The tail of an "unknown X" message: "; did you mean 'PRE<hint>POST'?" when
 * sim_suggest finds a close candidate, else "".  pre and post wrap the
 * hint as it should be written ("uvm." + "start", "${" + "files" + "}");
 * either may be NULL.  Writes into buf (cap bytes) and returns buf, so a
 * message is one format: "unknown model '%s'%s", word, dym. */
const char *sim_did_you_mean(char *buf, size_t cap, const char *word,
                             const char *const *candidates, size_t n, const char *pre,
                             const char *post);

#endif
