/* json_read.h: a small JSON reader (RFC 8259) for the files hvsim itself
 * writes and reads back: a run's result (`hvsim run --json`) and a sweep's
 * manifest, joined by `hvsim sweep` and `hvsim merge`.
 *
 * The whole text is parsed into a tree of values.  Numbers keep the exact
 * text they were written with (so a merged CSV carries the digits the run
 * wrote, never a float round trip); strings are decoded (escapes, \uXXXX
 * with surrogate pairs, to UTF-8); object members keep their order.
 * Nesting is limited to CJ_MAX_DEPTH.  Bad input gives -1 and a reason
 * with its line and column, never a crash.
 *
 * Ownership: cj_parse returns a tree the caller frees with cj_free; every
 * pointer into it (keys, text, items) lives as long as the tree. */
#ifndef HVSIM_CLI_JSON_READ_H
#define HVSIM_CLI_JSON_READ_H

#include <stddef.h>

#define CJ_MAX_DEPTH 64

typedef enum cj_kind { CJ_NULL, CJ_FALSE, CJ_TRUE, CJ_NUMBER, CJ_STRING, CJ_ARRAY, CJ_OBJECT } cj_kind;

typedef struct cj_value {
    cj_kind kind;
    char *text;               /* CJ_NUMBER: as written; CJ_STRING: decoded; else NULL */
    size_t n;                 /* CJ_ARRAY / CJ_OBJECT: number of items */
    struct cj_value *items;   /* the items (object: the members' values) */
    char **keys;              /* CJ_OBJECT: the members' names, same order */
} cj_value;

/* Where and why a parse failed (line and col are 1-based). */
typedef struct cj_error {
    int line, col;
    char what[160];
} cj_error;

/* Parses text[0..len).  0 with *out set, or -1 with err filled (*out
 * NULL). */
int cj_parse(const char *text, size_t len, cj_value **out, cj_error *err);
void cj_free(cj_value *v);

/* Reads a whole file (a JSON document to parse, or to copy verbatim into
 * another one).  NUL-terminated, malloc'd; NULL with errno set if it
 * cannot be read.  *len may be NULL. */
char *cj_read_file(const char *path, size_t *len);

/* The member `key` of an object, or NULL (also when v is not an object). */
const cj_value *cj_get(const cj_value *v, const char *key);
/* The text of a string member, or NULL if it is absent or not a string. */
const char *cj_get_string(const cj_value *v, const char *key);
/* A member that is an integer number (no fraction or exponent): 0 with
 * *out set, or -1. */
int cj_get_int(const cj_value *v, const char *key, long long *out);

#endif
