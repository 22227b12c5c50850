/* program.h: a workload as the simulation receives it -- loaded before the
 * run by import/ (a built-in profile, a .wl file or a strace trace) and
 * immutable from then on.
 *
 * The "sys" model gets it as a shared block (sim/shared.h): an action's
 * event carries the block's index, never a pointer, so the model's state
 * stays plain data and a checkpoint does not copy the workload.  Nothing
 * in a model reads a file.
 *
 * Structure: threads (one per traced pid/tid; a profile is one thread),
 * each a chain of call entries linked by `next`.  An entry is one traced
 * call, or for a profile a batch of `count` calls of one class and place.
 * Before an entry the thread computes in user mode for `gap_ns` (as
 * traced: strace's own overhead is still in it; the replay takes it out).
 * `sync` says how the entry waits for other threads:
 *   SPAWN   fork/vfork/clone: thread `link` starts when this call returns
 *           (VFORK: this thread then waits until the child execs or exits)
 *   WAIT    wait4: returns when thread `link` has exited
 *   READ    a read on channel `link` (a pipe or socketpair end) waits until
 *           the channel's writers have written its bytes (0 bytes: EOF,
 *           every write of the trace done)
 *   WRITE   a write on channel `link`: wakes its reader
 *   BLOCK   waits for something outside the trace (poll, futex, epoll,
 *           sockets, a pipe whose writer was not traced): keeps its traced
 *           duration
 *   NONE    only the path's cost.
 * Memory: 56 bytes per entry; the replay's own state grows with the live
 * threads only. */
#ifndef HVSIM_SYSCALLS_PROGRAM_H
#define HVSIM_SYSCALLS_PROGRAM_H

#include <stdint.h>

#include "workload.h"

typedef enum hv_program_source {
    HV_PROGRAM_PROFILE, /* a *.wl profile (built-in or a file) */
    HV_PROGRAM_TRACE    /* a `strace -f -tt -T` trace */
} hv_program_source;

typedef enum hv_sync {
    HV_SYNC_NONE,
    HV_SYNC_SPAWN,
    HV_SYNC_WAIT,
    HV_SYNC_READ,
    HV_SYNC_WRITE,
    HV_SYNC_BLOCK,
    HV_SYNC_COUNT
} hv_sync;

enum {
    HV_CALL_WSL1_FAILS = 1, /* WSL1 cannot run it: the run fails there */
    HV_CALL_VFORK = 2,      /* SPAWN: the parent waits for the child's exec or exit */
    HV_CALL_EXEC = 4        /* execve: releases a vfork parent */
};

typedef struct hv_call {
    int64_t gap_ns;    /* user-mode time before the entry, as traced (profiles: their cpu share), ns */
    int64_t traced_ns; /* its -T durations, ns (0: none) */
    int64_t bytes;     /* moved by read/write, bytes */
    int64_t count;     /* calls in the entry (1 for a trace line) */
    int64_t chunks;    /* 9P-sized messages, max(1, ceil(bytes / msize)) per call */
    int32_t link;      /* SPAWN/WAIT: a thread index; READ/WRITE: a channel index; else -1 */
    int32_t next;      /* the thread's next entry, -1 = the thread exits */
    uint8_t cls;       /* hv_sys_class */
    uint8_t place;     /* hv_place */
    uint8_t sync;      /* hv_sync */
    uint8_t flags;     /* HV_CALL_* */
} hv_call;

typedef struct hv_thread {
    int32_t first;     /* first entry, -1 = none */
    int32_t parent;    /* the thread that spawned it, -1 = started by the user */
    int32_t pid;       /* as traced (for notes) */
    int16_t is_thread; /* 1: CLONE_THREAD (not a process: nobody waits for it) */
    int16_t reaped;    /* 1: a wait4 of the trace reaps it (it stays a zombie until then) */
    int64_t start_ns;  /* threads started by the user: offset from the trace's start, ns */
} hv_thread;

typedef struct hv_program {
    hv_workload totals;         /* calls, bytes and 9P chunks per class and place */
    hv_program_source source;
    int64_t cpu_ns;             /* profiles: user-mode time outside system calls, ns */
    int64_t trace_span_ns;      /* traces: last timestamp minus first, ns; 0 = unknown */
    int64_t trace_call_ns;      /* traces: sum of the -T durations, ns */
    hv_call *calls;             /* n_calls entries (owned) */
    int32_t n_calls;
    hv_thread *threads;         /* n_threads (owned) */
    int32_t n_threads;
    int64_t *chan_written;      /* per channel: bytes its writers write in the whole trace (owned) */
    int32_t n_chans;
    int32_t max_live;           /* most threads alive at once in the trace, count */
} hv_program;

/* A zeroed program named `name`. */
void hv_program_init(hv_program *p, const char *name, hv_program_source source);
/* Frees a heap program and its arrays (the shared block's destroy function);
 * NULL is ignored. */
void hv_program_free(void *p);
/* Appends an entry to the arrays (growing them); its index, or -1 when
 * memory or the int32 index runs out. */
int32_t hv_program_add_call(hv_program *p, const hv_call *c);
int32_t hv_program_add_thread(hv_program *p, const hv_thread *t);
int32_t hv_program_add_chan(hv_program *p);

/* The profile form: one thread whose entries are the workload's (class,
 * place) cells in class order, the cpu time spread over them by their
 * share of the calls.  0, or -1 when memory runs out. */
int hv_program_from_totals(hv_program *p);

#endif
