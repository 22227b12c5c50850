/* atomic_file.h: output files that appear whole or not at all.
 *
 * cli_afile_open writes to "PATH.tmp.<pid>" next to PATH; cli_afile_commit
 * flushes, closes and renames it onto PATH (rename(2) is atomic within a
 * file system); cli_afile_abort closes and unlinks it.  So a run that fails
 * half-way -- bad input found late, a write error, the event cap -- leaves
 * no half-written output, and an existing PATH is kept until a new one is
 * complete.  A zeroed cli_afile is "not open"; abort on it does nothing.
 * Ownership: the struct owns the FILE and both path strings until commit or
 * abort, which release them. */
#ifndef HVSIM_CLI_ATOMIC_FILE_H
#define HVSIM_CLI_ATOMIC_FILE_H

#include <stdio.h>

typedef struct cli_afile {
    FILE *f;          /* write here; NULL when not open */
    char *path;       /* the final name */
    char *tmp_path;   /* the temporary name, "PATH.tmp.<pid>" */
} cli_afile;

/* 0, or -1 with errno set (nothing is left on disk). */
int cli_afile_open(cli_afile *a, const char *path);
/* 0, or -1 with errno set (the temporary file is removed).  Either way the
 * file is closed afterwards. */
int cli_afile_commit(cli_afile *a);
/* Closes and removes the temporary file; safe on a zeroed or closed one. */
void cli_afile_abort(cli_afile *a);

#endif
