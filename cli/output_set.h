/* output_set.h: all the output files of one command, refused before
 * anything is written when one names an input or another output, and
 * committed together only when the whole command has succeeded.
 *
 * Two paths name the same file when both exist and have the same device
 * and inode (hard links, "o" and "./o", symlinks), or when their resolved
 * paths are equal (for a file that does not exist yet: the real path of
 * its directory plus its name).  The same character device twice
 * (/dev/null) is allowed.  "-" is standard output.
 *
 * Commit: every output is flushed and closed first (write errors surface
 * here, and then every temporary file is removed and no output appears);
 * only when all are complete are they renamed onto their paths, one after
 * the other. */
#ifndef HVSIM_CLI_OUTPUT_SET_H
#define HVSIM_CLI_OUTPUT_SET_H

#include <stddef.h>

#include "atomic_file.h"

enum { CLI_MAX_OUTPUTS = 8 };

typedef struct cli_outputs {
    cli_afile file[CLI_MAX_OUTPUTS]; /* file[i].f is NULL for an absent output */
    size_t n;
} cli_outputs;

/* Checks outs[0..n_out) (NULL entries are absent outputs) against each
 * other and against ins[0..n_in).  0, or -1 after printing which two
 * collide. */
int cli_outputs_check(const char *const *outs, size_t n_out, const char *const *ins,
                      size_t n_in);
/* Opens outs[i] as o->file[i] (n_out <= CLI_MAX_OUTPUTS; NULL entries stay
 * closed).  0, or -1 after printing why (nothing is left on disk). */
int cli_outputs_open(cli_outputs *o, const char *const *outs, size_t n_out);
/* Finishes every open output, then publishes them all.  0, or -1 after
 * printing why (no output of this set appears). */
int cli_outputs_commit(cli_outputs *o);
/* Removes every temporary file; safe twice and on a zeroed set. */
void cli_outputs_abort(cli_outputs *o);

#endif
