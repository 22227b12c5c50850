/* atomic_file.c: temporary file + rename (see atomic_file.h).  The pid in
 * the temporary name keeps two concurrent runs writing the same output from
 * trampling each other's half files. */
#include "atomic_file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *dup_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d) memcpy(d, s, n);
    return d;
}

static void release(cli_afile *a)
{
    free(a->path);
    free(a->tmp_path);
    a->path = a->tmp_path = NULL;
    a->f = NULL;
}

int cli_afile_open(cli_afile *a, const char *path)
{
    a->f = NULL;
    a->path = dup_string(path);
    size_t cap = strlen(path) + 32;
    a->tmp_path = malloc(cap);
    if (!a->path || !a->tmp_path) {
        release(a);
        errno = ENOMEM;
        return -1;
    }
    snprintf(a->tmp_path, cap, "%s.tmp.%ld", path, (long)getpid());
    a->f = fopen(a->tmp_path, "w");
    if (!a->f) {
        int e = errno;
        release(a);
        errno = e;
        return -1;
    }
    return 0;
}

int cli_afile_commit(cli_afile *a)
{
    if (!a->f) {
        errno = EBADF;
        return -1;
    }
    errno = 0;
    int failed = fflush(a->f) != 0 || ferror(a->f);
    int e = errno ? errno : EIO;
    if (fclose(a->f) != 0 && !failed) {
        failed = 1;
        e = errno;
    }
    a->f = NULL;
    if (!failed && rename(a->tmp_path, a->path) != 0) {
        failed = 1;
        e = errno;
    }
    if (failed) unlink(a->tmp_path);
    release(a);
    if (failed) errno = e;
    return failed ? -1 : 0;
}

void cli_afile_abort(cli_afile *a)
{
    if (a->f) {
        fclose(a->f);
        unlink(a->tmp_path);
    }
    release(a);
}
