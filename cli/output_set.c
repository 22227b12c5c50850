/* output_set.c: a command's outputs checked against its inputs and each
 * other, then committed together (see output_set.h). */
/* realpath is an X/Open function, outside _POSIX_C_SOURCE */
#define _XOPEN_SOURCE 700

#include "output_set.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"

typedef struct path_id {
    int exists, is_chr;
    dev_t dev;
    ino_t ino;
    char *real; /* resolved path, or NULL when it cannot be resolved */
} path_id;

/* The real path of a file that may not exist yet: its directory's real
 * path plus its last component. */
static char *resolve_new(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    char *dir;
    if (!slash) dir = realpath(".", NULL);
    else if (slash == path) dir = realpath("/", NULL);
    else {
        char *d = malloc((size_t)(slash - path) + 1);
        if (!d) return NULL;
        memcpy(d, path, (size_t)(slash - path));
        d[slash - path] = '\0';
        dir = realpath(d, NULL);
        free(d);
    }
    if (!dir) return NULL;
    size_t n = strlen(dir) + strlen(base) + 2;
    char *full = malloc(n);
    if (full) snprintf(full, n, "%s%s%s", dir, strcmp(dir, "/") == 0 ? "" : "/", base);
    free(dir);
    return full;
}

static void identify(const char *path, path_id *id)
{
    struct stat st;
    memset(id, 0, sizeof *id);
    int found = strcmp(path, "-") == 0 ? fstat(STDOUT_FILENO, &st) == 0 : stat(path, &st) == 0;
    if (found) {
        id->exists = 1;
        id->is_chr = S_ISCHR(st.st_mode);
        id->dev = st.st_dev;
        id->ino = st.st_ino;
    }
    if (strcmp(path, "-") != 0) id->real = found ? realpath(path, NULL) : resolve_new(path);
}

static int same_file(const path_id *a, const path_id *b)
{
    if (a->exists && b->exists) {
        if (a->dev != b->dev || a->ino != b->ino) return 0;
        return !(a->is_chr && b->is_chr);
    }
    return a->real && b->real && strcmp(a->real, b->real) == 0;
}

int cli_outputs_check(const char *const *outs, size_t n_out, const char *const *ins,
                      size_t n_in)
{
    size_t n = n_out + n_in;
    path_id *ids = calloc(n ? n : 1, sizeof *ids);
    if (!ids) {
        cli_error("out of memory");
        return -1;
    }
    for (size_t i = 0; i < n_out; i++)
        if (outs[i]) identify(outs[i], &ids[i]);
    for (size_t i = 0; i < n_in; i++) identify(ins[i], &ids[n_out + i]);
    int rc = 0;
    for (size_t i = 0; i < n_out && rc == 0; i++) {
        if (!outs[i]) continue;
        for (size_t j = i + 1; j < n_out && rc == 0; j++)
            if (outs[j] && (strcmp(outs[i], outs[j]) == 0 || same_file(&ids[i], &ids[j]))) {
                if (strcmp(outs[i], outs[j]) == 0)
                    cli_error("'%s' is given for two outputs", outs[i]);
                else
                    cli_error("'%s' and '%s' are the same file: it is given for two outputs",
                              outs[i], outs[j]);
                rc = -1;
            }
        for (size_t j = 0; j < n_in && rc == 0; j++)
            if (same_file(&ids[i], &ids[n_out + j])) {
                cli_error("output '%s' is the input '%s': refusing to overwrite an input",
                          outs[i], ins[j]);
                rc = -1;
            }
    }
    for (size_t i = 0; i < n; i++) free(ids[i].real);
    free(ids);
    return rc;
}

int cli_outputs_open(cli_outputs *o, const char *const *outs, size_t n_out)
{
    memset(o, 0, sizeof *o);
    o->n = n_out < CLI_MAX_OUTPUTS ? n_out : CLI_MAX_OUTPUTS;
    for (size_t i = 0; i < o->n; i++) {
        if (!outs[i]) continue;
        if (cli_afile_open(&o->file[i], outs[i]) != 0) {
            cli_error("cannot write '%s': %s", outs[i], cli_afile_why(&o->file[i], errno));
            cli_outputs_abort(o);
            return -1;
        }
    }
    return 0;
}

int cli_outputs_commit(cli_outputs *o)
{
    for (size_t i = 0; i < o->n; i++) {
        cli_afile *a = &o->file[i];
        if (!a->f) continue;
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s", a->path);
        if (cli_afile_finish(a) != 0) {
            cli_error("cannot write '%s': %s", strcmp(path, "-") ? path : "standard output",
                      strerror(errno));
            cli_outputs_abort(o);
            return -1;
        }
    }
    int rc = 0;
    for (size_t i = 0; i < o->n; i++) {
        cli_afile *a = &o->file[i];
        if (!a->finished) continue;
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s", a->path);
        if (cli_afile_publish(a) != 0) {
            cli_error("cannot write '%s': %s", path, strerror(errno));
            rc = -1;
        }
    }
    return rc;
}

void cli_outputs_abort(cli_outputs *o)
{
    for (size_t i = 0; i < o->n; i++) cli_afile_abort(&o->file[i]);
}
