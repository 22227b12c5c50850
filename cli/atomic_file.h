/* atomic_file.h: one output file that appears whole or not at all, and
 * never replaces what it should not.
 *
 * cli_afile_open looks at what the path names first:
 *   - a regular file, or nothing yet: the output is written to a fresh
 *     temporary file beside it, created exclusively (mkstemp: O_EXCL, an
 *     unpredictable name ".NAME.hvsim-XXXXXX", mode 0600 until finished), so
 *     a planted file or symlink is never written through.  cli_afile_finish
 *     flushes and closes it and gives it the old file's mode (or 0666 less
 *     the umask); cli_afile_publish renames it onto the path (atomic within
 *     a file system).  A symlink to a regular file is followed: the file it
 *     names is replaced, the link stays.
 *   - "-", a character device or a FIFO: written in place (stdout, or opened
 *     without O_CREAT), never replaced; write errors are still checked at
 *     finish.  Such an output cannot be all-or-nothing.
 *   - a directory, a block device, a socket, a dangling symlink: refused
 *     before anything is written.
 * While a temporary file exists it is registered with a signal handler
 * (SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGXFSZ) that removes it and then dies
 * of the same signal, so a killed run leaves nothing behind.  Signals whose
 * disposition is "ignore" (nohup) stay ignored.
 *
 * A zeroed cli_afile is "not open"; abort on it does nothing.  Ownership:
 * the struct owns the FILE and both path strings until commit or abort,
 * which release them. */
#ifndef HVSIM_CLI_ATOMIC_FILE_H
#define HVSIM_CLI_ATOMIC_FILE_H

#include <stdio.h>

typedef struct cli_afile {
    FILE *f;          /* write here; NULL when not open */
    char *path;       /* the name renamed onto (a followed symlink's target) */
    char *tmp_path;   /* the temporary file; NULL when written in place */
    int in_place;     /* 1: "-", a character device or a FIFO */
    int is_stdout;    /* 1: "-" (stdout is flushed, never closed) */
    int finished;     /* 1: flushed and closed, waiting for publish */
    int mode;         /* permissions the finished file gets */
    const char *refused; /* why open refused the path (static text), or NULL */
} cli_afile;

/* 0, or -1 with errno set (nothing is left on disk).  When the path is
 * refused for what it is (a directory, a block device, a socket, a dangling
 * symlink), a->refused says so in words. */
int cli_afile_open(cli_afile *a, const char *path);
/* Flushes and closes (write errors surface here).  0, or -1 with errno
 * set; the temporary file stays until publish or abort. */
int cli_afile_finish(cli_afile *a);
/* Renames a finished temporary file onto its path (nothing to do for an
 * in-place output) and releases a.  0, or -1 with errno set (the
 * temporary file is removed). */
int cli_afile_publish(cli_afile *a);
/* finish + publish.  0, or -1 with errno set; either way a is released. */
int cli_afile_commit(cli_afile *a);
/* Why the last call on a failed: a->refused, or strerror(err). */
const char *cli_afile_why(const cli_afile *a, int err);
/* Closes and removes the temporary file; safe on a zeroed or closed one. */
void cli_afile_abort(cli_afile *a);

#endif
