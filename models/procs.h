/* procs.h: the processes of a Linux instance (WSL2 distro or WSL1 instance),
 * shared by the uvm and wsl1 models.
 *
 * A request is `start` (an interactive shell that stays until `exit`) or
 * `run duration=D` (a command that exits after D).  If the instance is not
 * ready, the request waits in a fixed list (plain data, so a checkpoint is a
 * copy); when it is ready each waiting request is launched: a process-start
 * event is scheduled after the model's process-creation time.
 *
 * Process events carry w[0] = time asked (ns), w[1] = run time (ns, < 0 for
 * a shell), w[2] = epoch, w[3] = shell generation, w[4] = the requester's tag.  wsl --shutdown bumps the
 * epoch and `exit` bumps the shell generation, so events scheduled before
 * become void instead of having to be found and cancelled one by one. */
#ifndef HVSIM_MODELS_PROCS_H
#define HVSIM_MODELS_PROCS_H

#include <stdint.h>

#include "engine.h"

#define HV_PROCS_MAX_WAITING 32
#define HV_PROCS_SHELL (-1)  /* run_ns of an interactive shell */

typedef struct hv_request {
    int64_t asked_ns;  /* when the request was made, ns */
    int64_t run_ns;    /* how long it runs, ns; HV_PROCS_SHELL: until exit */
    int64_t tag;       /* the requester's mark, carried in the start event's w[4]; 0 none */
} hv_request;

typedef struct hv_procs {
    int64_t live;       /* running processes, count (exposed as a metric) */
    int64_t shells;     /* of which interactive shells, count */
    int64_t inflight;   /* process starts scheduled and not yet run, count */
    int64_t epoch;      /* bumped by kill_all */
    int64_t shell_gen;  /* bumped by exit_shells */
    int64_t n_waiting;  /* entries in waiting[] */
    int64_t dropped;    /* requests refused: waiting list full, count */
    hv_request waiting[HV_PROCS_MAX_WAITING];
} hv_procs;

/* Queues a request until the instance is ready.  0, or -1 if the list is
 * full (the request is dropped and counted). */
int hv_procs_wait(hv_procs *p, int64_t asked_ns, int64_t run_ns);
/* The same with a tag (w[4] of the process-start event: who asked). */
int hv_procs_wait_tagged(hv_procs *p, int64_t asked_ns, int64_t run_ns, int64_t tag);

/* Schedules a process start (event kind_start for the calling model) after
 * delay_ns. */
void hv_procs_launch(hv_procs *p, sim_ctx *ctx, int kind_start, int64_t delay_ns,
                     int64_t asked_ns, int64_t run_ns);
void hv_procs_launch_tagged(hv_procs *p, sim_ctx *ctx, int kind_start, int64_t delay_ns,
                            int64_t asked_ns, int64_t run_ns, int64_t tag);
/* Ends one shell started with epoch/shell_gen (a workload that is done).
 * 1 if it ended, 0 if void (a shutdown or an `exit` came first). */
int hv_procs_end_shell(hv_procs *p, int64_t epoch, int64_t shell_gen);

/* Launches every waiting request, each after its own jittered draw of
 * create_ns, in the order they were made.  Returns how many. */
int64_t hv_procs_launch_waiting(hv_procs *p, sim_ctx *ctx, int kind_start, int64_t create_ns,
                                double jitter);

/* Handles a process-start event.  Returns 1 if the process started (*latency_ns
 * = now - asked; a command's exit is scheduled as kind_exit), 0 if the event
 * was void (a shutdown or an `exit` came first). */
int hv_procs_on_start(hv_procs *p, sim_ctx *ctx, const sim_event *ev, int kind_exit,
                      int64_t *latency_ns);

/* Handles a process-exit event: 1 if a process ended, 0 if void. */
int hv_procs_on_exit(hv_procs *p, const sim_event *ev);

/* `exit`: every shell closes, also those waiting or about to start.
 * Returns how many shells were running or waiting. */
int64_t hv_procs_exit_shells(hv_procs *p);

/* wsl --shutdown: every process and request is gone.  Returns how many
 * processes were running. */
int64_t hv_procs_kill_all(hv_procs *p);

/* 1 when nothing runs, waits or is about to start. */
int hv_procs_idle(const hv_procs *p);

#endif
