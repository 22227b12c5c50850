/* atomic_file.c: outputs written to an exclusive temporary file and renamed,
 * or written in place when the path is not a regular file (see
 * atomic_file.h).
 *
 * The signal clean-up keeps the names of the temporary files that exist in
 * a fixed table; the table is changed only with the clean-up signals
 * blocked, so the handler never sees a half-updated entry, and the handler
 * itself calls only async-signal-safe functions (unlink, signal, raise). */
/* realpath is an X/Open function, outside _POSIX_C_SOURCE */
#define _XOPEN_SOURCE 700

#include "atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* --- removing temporary files when a signal ends the process ------------- */

enum { MAX_TEMPS = 32 };
static const int cleanup_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGXFSZ};
enum { N_CLEANUP_SIGNALS = sizeof cleanup_signals / sizeof cleanup_signals[0] };
static char *volatile live_temps[MAX_TEMPS];
static int handlers_installed;

static void remove_temps_and_die(int sig)
{
    for (int i = 0; i < MAX_TEMPS; i++)
        if (live_temps[i]) unlink(live_temps[i]);
    signal(sig, SIG_DFL);
    raise(sig); /* delivered when the handler returns: the default action */
}

static void block_cleanup_signals(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    for (int i = 0; i < N_CLEANUP_SIGNALS; i++) sigaddset(&set, cleanup_signals[i]);
    sigprocmask(SIG_BLOCK, &set, old);
}

static void install_handlers(void)
{
    if (handlers_installed) return;
    handlers_installed = 1;
    for (int i = 0; i < N_CLEANUP_SIGNALS; i++) {
        struct sigaction old, sa;
        if (sigaction(cleanup_signals[i], NULL, &old) != 0) continue;
        if (old.sa_handler != SIG_DFL) continue; /* ignored (nohup) or someone else's */
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = remove_temps_and_die;
        sigemptyset(&sa.sa_mask);
        for (int k = 0; k < N_CLEANUP_SIGNALS; k++) sigaddset(&sa.sa_mask, cleanup_signals[k]);
        sa.sa_flags = SA_RESETHAND;
        sigaction(cleanup_signals[i], &sa, NULL);
    }
}

/* Adds or removes name in the table (signals blocked by the caller). */
static int track(char *name)
{
    for (int i = 0; i < MAX_TEMPS; i++)
        if (!live_temps[i]) {
            live_temps[i] = name;
            return 0;
        }
    return -1;
}

static void untrack(const char *name)
{
    for (int i = 0; i < MAX_TEMPS; i++)
        if (live_temps[i] == name) live_temps[i] = NULL;
}

/* --- opening --------------------------------------------------------------- */

static char *dup_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d) memcpy(d, s, n);
    return d;
}

static void release(cli_afile *a)
{
    if (a->tmp_path) {
        sigset_t old;
        block_cleanup_signals(&old);
        untrack(a->tmp_path);
        sigprocmask(SIG_SETMASK, &old, NULL);
    }
    free(a->path);
    free(a->tmp_path);
    a->path = a->tmp_path = NULL;
    a->f = NULL;
    a->finished = 0;
}

static int refuse(cli_afile *a, const char *why)
{
    a->refused = why;
    release(a);
    errno = EINVAL;
    return -1;
}

static int fail_with(cli_afile *a, int e)
{
    release(a);
    errno = e;
    return -1;
}

/* Creates the temporary file beside a->path: "DIR/.BASE.hvsim-XXXXXX". */
static int open_temp(cli_afile *a)
{
    const char *slash = strrchr(a->path, '/');
    const char *base = slash ? slash + 1 : a->path;
    int dir_len = slash ? (int)(slash - a->path) + 1 : 0;
    size_t cap = strlen(a->path) + 32;
    a->tmp_path = malloc(cap);
    if (!a->tmp_path) return fail_with(a, ENOMEM);
    /* keep the name under NAME_MAX whatever the target's length */
    snprintf(a->tmp_path, cap, "%.*s.%.200s.hvsim-XXXXXX", dir_len, a->path, base);
    sigset_t old;
    block_cleanup_signals(&old);
    int fd = mkstemp(a->tmp_path);
    int e = errno;
    if (fd >= 0 && track(a->tmp_path) != 0) {
        unlink(a->tmp_path);
        close(fd);
        fd = -1;
        e = EMFILE;
    }
    if (fd >= 0) install_handlers();
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (fd < 0) {
        free(a->tmp_path);
        a->tmp_path = NULL;
        return fail_with(a, e);
    }
    a->f = fdopen(fd, "w");
    if (!a->f) {
        e = errno;
        unlink(a->tmp_path);
        close(fd);
        return fail_with(a, e);
    }
    return 0;
}

/* A character device or FIFO, opened without O_CREAT so that a path that
 * changed under us is never created as a regular file. */
static int open_in_place(cli_afile *a)
{
    int fd = open(a->path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return fail_with(a, errno);
    struct stat st;
    if (fstat(fd, &st) != 0 || !(S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))) {
        close(fd);
        return refuse(a, "it changed while it was being opened");
    }
    a->f = fdopen(fd, "w");
    if (!a->f) {
        int e = errno;
        close(fd);
        return fail_with(a, e);
    }
    a->in_place = 1;
    return 0;
}

static int new_file_mode(void)
{
    mode_t mask = umask(0);
    umask(mask);
    return (int)(0666 & ~mask);
}

int cli_afile_open(cli_afile *a, const char *path)
{
    memset(a, 0, sizeof *a);
    if (strcmp(path, "-") == 0) {
        a->path = dup_string(path);
        if (!a->path) return fail_with(a, ENOMEM);
        a->f = stdout;
        a->in_place = a->is_stdout = 1;
        return 0;
    }
    struct stat st;
    if (path[0] == '\0') return fail_with(a, ENOENT);
    if (lstat(path, &st) != 0) {
        if (errno != ENOENT) return fail_with(a, errno);
        a->path = dup_string(path);
        if (!a->path) return fail_with(a, ENOMEM);
        a->mode = new_file_mode();
        return open_temp(a);
    }
    if (S_ISLNK(st.st_mode)) {
        if (stat(path, &st) != 0) /* dangling or a loop */
            return refuse(a, "a symbolic link to nothing (hvsim does not create files "
                             "through symbolic links)");
        a->path = S_ISREG(st.st_mode) ? realpath(path, NULL) : dup_string(path);
    } else {
        a->path = dup_string(path);
    }
    if (!a->path) return fail_with(a, errno ? errno : ENOMEM);
    if (S_ISREG(st.st_mode)) {
        a->mode = (int)(st.st_mode & 07777);
        return open_temp(a);
    }
    if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) return open_in_place(a);
    if (S_ISDIR(st.st_mode)) return refuse(a, "it is a directory");
    return refuse(a, S_ISBLK(st.st_mode)
                         ? "it is a block device (outputs replace regular files, or are written "
                           "in place to a character device, a FIFO or '-')"
                         : "it is not a regular file, a character device or a FIFO");
}

const char *cli_afile_why(const cli_afile *a, int err)
{
    return a->refused ? a->refused : strerror(err);
}

/* --- finishing ------------------------------------------------------------- */

int cli_afile_finish(cli_afile *a)
{
    if (!a->f || a->finished) {
        errno = EBADF;
        return -1;
    }
    errno = 0;
    int failed = fflush(a->f) != 0 || ferror(a->f);
    int e = errno ? errno : EIO;
    if (!failed && a->tmp_path && fchmod(fileno(a->f), (mode_t)a->mode) != 0) {
        failed = 1;
        e = errno;
    }
    if (!a->is_stdout && fclose(a->f) != 0 && !failed) {
        failed = 1;
        e = errno;
    }
    a->f = NULL;
    a->finished = 1;
    if (failed) {
        if (a->tmp_path) unlink(a->tmp_path);
        release(a);
        errno = e;
        return -1;
    }
    return 0;
}

int cli_afile_publish(cli_afile *a)
{
    if (!a->finished) {
        errno = EBADF;
        return -1;
    }
    int rc = 0, e = 0;
    if (a->tmp_path && rename(a->tmp_path, a->path) != 0) {
        e = errno;
        unlink(a->tmp_path);
        rc = -1;
    }
    release(a);
    if (rc) errno = e;
    return rc;
}

int cli_afile_commit(cli_afile *a)
{
    if (cli_afile_finish(a) != 0) return -1;
    return cli_afile_publish(a);
}

void cli_afile_abort(cli_afile *a)
{
    if (a->f && !a->is_stdout) fclose(a->f);
    if (a->f && a->is_stdout) fflush(stdout);
    if (a->tmp_path) unlink(a->tmp_path);
    release(a);
}
