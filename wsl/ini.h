/* ini.h: a small, strict INI reader (no knowledge of any program's keys).
 *
 * The format, as Windows tools and inih read it:
 *   - a UTF-8 byte-order mark at the start of the text is skipped;
 *   - lines end in LF or CRLF; blanks (space, tab) around everything are
 *     ignored;
 *   - a line whose first non-blank byte is '#' or ';' is a comment; in an
 *     unquoted value, '#' or ';' after a blank starts a comment too
 *     ("memory=8GB  # half my RAM");
 *   - "[name]" opens a section; keys before the first section belong to the
 *     section "" (index -1);
 *   - "key = value": the key is letters, digits, '_', '-' and '.'; the value
 *     may be empty, or quoted ("C:\\a b\\kernel") -- in both forms "\\"
 *     stands for one backslash and "\"" for a quote; any other backslash is
 *     kept as it is, so a single-backslash Windows path survives.
 * Errors (each a diagnostic with file:line:col, the column pointing at the
 * offending byte): a NUL or other control byte ("not a text file"), a line
 * longer than WSL_INI_MAX_LINE bytes, a section header without ']' or with
 * text after it, a line that is neither a comment, a section nor key=value,
 * an empty or malformed key, an unterminated quoted value, text after a
 * quoted value.  Parsing goes on after an error (every bad line is
 * reported, at most WSL_INI_MAX_ERRORS) except for a binary file.
 *
 * Ownership: a wsl_ini owns copies of everything (names, values, source
 * lines); entries stay valid until wsl_ini_free.  Nothing here prints. */
#ifndef HVSIM_WSL_INI_H
#define HVSIM_WSL_INI_H

#include <stddef.h>

#include "diag.h"

#define WSL_INI_MAX_LINE 4096   /* bytes per line, without the line end */
#define WSL_INI_MAX_ERRORS 20   /* errors reported before parsing stops */

typedef struct wsl_ini_section {
    char *name;                 /* as written, blanks trimmed */
    int line, col;              /* of the name's first byte */
} wsl_ini_section;

typedef struct wsl_ini_entry {
    int section;                /* index into sections, -1 before any section */
    char *key;                  /* as written (case kept) */
    char *value;                /* unquoted, escapes decoded, comment removed */
    int line;                   /* 1-based */
    int key_col, value_col;     /* 1-based byte columns (value: first byte, or the quote) */
    char *source_line;          /* the whole line as written (for diagnostics) */
} wsl_ini_entry;

typedef struct wsl_ini {
    wsl_ini_section *sections; size_t n_sections, cap_sections;
    wsl_ini_entry *entries;    size_t n_entries, cap_entries;
} wsl_ini;

/* Parses len bytes of text; name is the file name used in diagnostics.
 * Returns 0 if there was no error (warnings never occur here), -1 if at
 * least one error was added to diags (the entries parsed so far are kept
 * in *out either way; free them with wsl_ini_free). */
int wsl_ini_parse(const char *name, const char *text, size_t len, wsl_ini *out,
                  sim_diag_list *diags);
void wsl_ini_free(wsl_ini *ini);

/* The section name of an entry ("" for none). */
const char *wsl_ini_section_of(const wsl_ini *ini, const wsl_ini_entry *e);

#endif
