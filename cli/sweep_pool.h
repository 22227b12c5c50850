/* sweep_pool.h: runs N jobs in forked worker processes, at most J at a
 * time, on this machine.
 *
 * Each job runs in a child of its own (fork, no exec: the scenario
 * language, the models and the run all come with the process image, so a
 * job costs a fork, not a program start); the child's exit status is the
 * job's.  A crash in one job kills only its child: the job's status is
 * 128 + the signal.  Jobs start in index order; `done` is called in the
 * parent as each one ends, in the order they end.
 *
 * Ctrl-C (SIGINT, or SIGTERM) stops the pool cleanly: no new job starts,
 * the running children are sent SIGTERM and reaped, and the call returns
 * SWEEP_POOL_INTERRUPTED; jobs that had ended were reported through `done`
 * and their results stand.  The handlers are restored before returning.
 *
 * A progress bar goes to stderr only when stderr is a terminal. */
#ifndef HVSIM_CLI_SWEEP_POOL_H
#define HVSIM_CLI_SWEEP_POOL_H

#include <stddef.h>

enum { SWEEP_POOL_OK = 0, SWEEP_POOL_INTERRUPTED = 1, SWEEP_POOL_ERROR = -1 };

/* Runs in the child; returns its exit status (0..255). */
typedef int (*sweep_job_fn)(void *user, size_t job);
/* Runs in the parent when job ended with status (128 + signal if killed). */
typedef void (*sweep_done_fn)(void *user, size_t job, int status);

/* Returns SWEEP_POOL_OK, SWEEP_POOL_INTERRUPTED or SWEEP_POOL_ERROR (fork
 * failed: reported; the jobs already started were waited for). */
int sweep_pool_run(size_t n_jobs, int workers, sweep_job_fn job, sweep_done_fn done, void *user);

#endif
