/* sweep_pool.c: fork-per-job workers with a clean Ctrl-C (see
 * sweep_pool.h).  The only process-wide state is the interrupt flag a
 * signal handler must set; it is reset on every call. */
#include "sweep_pool.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

typedef struct pool {
    pid_t *pid;          /* per worker slot: its child while it runs, else 0 */
    size_t *job;         /* per worker slot: the job its child runs */
    size_t n_slots;
    size_t n_jobs, started, ended, failed;
    int tty;
} pool;

static void progress(const pool *p)
{
    if (!p->tty) return;
    enum { WIDTH = 30 };
    size_t fill = p->n_jobs ? p->ended * WIDTH / p->n_jobs : WIDTH;
    char bar[WIDTH + 1];
    for (size_t i = 0; i < WIDTH; i++) bar[i] = i < fill ? '#' : '.';
    bar[WIDTH] = '\0';
    fprintf(stderr, "\rhvsim sweep: [%s] %zu/%zu runs", bar, p->ended, p->n_jobs);
    if (p->failed) fprintf(stderr, ", %zu failed", p->failed);
    fflush(stderr);
}

static int start_job(pool *p, size_t j, sweep_job_fn job, void *user)
{
    fflush(NULL); /* the child must not write the parent's buffered output again */
    pid_t pid = fork();
    if (pid < 0) {
        cli_error("cannot start a worker: %s", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        int status = job(user, j);
        fflush(NULL);
        _exit(status & 0xFF);
    }
    for (size_t k = 0; k < p->n_slots; k++)
        if (p->pid[k] == 0) {
            p->pid[k] = pid;
            p->job[k] = j;
            break;
        }
    p->started++;
    return 0;
}

/* Waits for one child.  Returns its job index and status, or -1 when
 * interrupted (or no child is left). */
static long reap_one(pool *p, int *status)
{
    int st;
    pid_t pid = waitpid(-1, &st, 0);
    if (pid < 0) return -1;
    for (size_t k = 0; k < p->n_slots; k++) {
        if (p->pid[k] != pid) continue;
        p->pid[k] = 0;
        *status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
        /* A child killed by the Ctrl-C meant for the sweep did not finish. */
        if (WIFSIGNALED(st) && (WTERMSIG(st) == SIGINT || WTERMSIG(st) == SIGTERM) && interrupted)
            return -2;
        return (long)p->job[k];
    }
    return -2; /* not one of ours */
}

static void stop_all(pool *p)
{
    for (size_t k = 0; k < p->n_slots; k++)
        if (p->pid[k] > 0) kill(p->pid[k], SIGTERM);
    for (size_t k = 0; k < p->n_slots; k++)
        if (p->pid[k] > 0) {
            waitpid(p->pid[k], NULL, 0);
            p->pid[k] = 0;
        }
}

int sweep_pool_run(size_t n_jobs, int workers, sweep_job_fn job, sweep_done_fn done, void *user)
{
    if (workers < 1) workers = 1;
    pool p = {calloc((size_t)workers, sizeof(pid_t)), calloc((size_t)workers, sizeof(size_t)),
              (size_t)workers, n_jobs, 0, 0, 0, isatty(STDERR_FILENO)};
    if (!p.pid || !p.job) {
        free(p.pid);
        free(p.job);
        cli_error("out of memory");
        return SWEEP_POOL_ERROR;
    }
    struct sigaction sa, old_int, old_term;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: waitpid returns EINTR */
    interrupted = 0;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    int rc = SWEEP_POOL_OK;
    progress(&p);
    while (p.ended < n_jobs) {
        while (!interrupted && p.started < n_jobs && p.started - p.ended < (size_t)workers)
            if (start_job(&p, p.started, job, user) != 0) {
                rc = SWEEP_POOL_ERROR;
                break;
            }
        if (interrupted || rc != SWEEP_POOL_OK) break;
        int status = 0;
        long j = reap_one(&p, &status);
        if (j == -1 && errno == EINTR) continue;
        if (j == -1) break;
        if (j == -2) continue;
        p.ended++;
        if (status != 0) p.failed++;
        done(user, (size_t)j, status);
        progress(&p);
    }
    if (interrupted) rc = SWEEP_POOL_INTERRUPTED;
    stop_all(&p);
    if (p.tty) fputc('\n', stderr);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    free(p.pid);
    free(p.job);
    return rc;
}
