/* replay.h: a workload's processes running on a machine -- the engine
 * inside model "sys" (syscall_path.c owns the actions, metrics and notes).
 *
 * A run replays one hv_program (syscalls/program.h) on one path.  Each of
 * its threads holds a slot while it lives; a slot computes for the entry's
 * user-mode time, then makes the entry's calls at the path's staged cost
 * (syscall_cost.h), on a CPU of its machine: native Linux's cores, the
 * utility VM's processors, or the host's cores (WSL1 pico processes and
 * Windows processes).  A thread that finds every CPU busy queues (FIFO);
 * one that runs longer than a scheduling slice while others queue goes to
 * the back of the queue.  Threads wait for each other as the trace says:
 * a child starts when its parent's fork returns (a vfork parent waits for
 * the child's exec or exit), wait4 returns when the child has exited, a
 * read on a traced pipe or socketpair waits for the write that fills it;
 * calls that wait for the outside world keep their traced duration, off
 * the CPU.  Calls that cross the VM boundary to a 9P server (WSL2 /mnt/c,
 * Windows on \\wsl$) leave the CPU and queue for one of the server's
 * workers.  Plain calls between such points run as one burst: one event
 * per burst, not per call.
 *
 * All of it is plain data inside the sys state block (fixed arrays: at most
 * HV_RP_SLOTS live threads and HV_RP_CHANS live channels over all runs); the
 * program is reached by its shared-block index.  A run that needs more
 * slots fails with a note instead of being priced.
 *
 * What it simplifies: user-mode time is the same on every path (UnixBench
 * finds CPU-bound work equal); the CPU queue is FIFO with a fixed slice; a
 * blocked call's traced duration keeps the wait the trace saw; page faults
 * and memory are not modelled here. */
#ifndef HVSIM_MODELS_REPLAY_H
#define HVSIM_MODELS_REPLAY_H

#include <stdint.h>

#include "engine.h"
#include "syscall_cost.h"

#define HV_RP_RUNS 4    /* runs at once */
#define HV_RP_SLOTS 128 /* live threads (zombies included) over all runs */
#define HV_RP_CHANS 64  /* live pipe/socketpair channels over all runs */

typedef enum hv_rp_machine {
    HV_RP_NATIVE, /* a Linux machine of its own */
    HV_RP_VM,     /* the utility VM's processors */
    HV_RP_HOST,   /* the Windows host's cores: WSL1 and Windows processes */
    HV_RP_MACHINES
} hv_rp_machine;

/* Event kinds the replay schedules for its own model, relative to base. */
enum {
    HV_RP_EV_START,   /* a thread starts: w = run, thread, parent slot */
    HV_RP_EV_RETURN,  /* a waiting call returns: w = slot, gen */
    HV_RP_EV_WAKE,    /* a thread off the CPU may run again: w = slot, gen */
    HV_RP_EV_P9_SEND, /* the guest's part is done: the call goes to the 9P server */
    HV_RP_EV_COUNT
};

typedef struct hv_rp_params {
    int64_t strace_overhead_ns; /* what strace adds per traced call, ns */
    int64_t strace_in_call_ns;  /* of which inside the call's -T, ns */
    int64_t keep_overhead;      /* bool: replay as traced, strace's overhead kept */
    int64_t slice_ns;           /* scheduling slice, ns */
    int64_t p9_workers;         /* 9P server threads, count */
    int64_t cores;              /* native machine and host: logical processors */
    int64_t vm_processors;      /* utility VM's processors (0: all the host's cores) */
} hv_rp_params;

/* What one run did: what `hvsim compare` prints and the metrics show. */
typedef struct hv_rp_stats {
    int64_t wall_ns;                     /* first thread start to last exit, ns */
    int64_t user_ns;                     /* user-mode time of all threads, ns */
    int64_t sys_ns;                      /* time in system calls (the staged cost), ns */
    int64_t stage_ns[HV_STAGE_COUNT];    /* sys_ns by stage, ns */
    int64_t class_ns[HV_SYS_CLASS_COUNT];/* sys_ns by class, ns */
    int64_t class_calls[HV_SYS_CLASS_COUNT];
    int64_t blocked_ns;                  /* threads off the CPU, waiting, ns (summed) */
    int64_t cpu_queue_ns;                /* threads waiting for a CPU, ns (summed) */
    int64_t p9_queue_ns;                 /* calls waiting for a 9P worker, ns (summed) */
    int64_t messages;                    /* round trips across the VM boundary, count */
    int64_t inexact;                     /* calls whose Linux semantics were not kept, count */
    int64_t calls;                       /* count */
    int64_t threads;                     /* threads started, count */
    int64_t ext4_written;                /* bytes written to own files in the .vhdx, bytes */
    int64_t failed;                      /* 1: a call this path cannot run; 2: too many threads */
    int64_t fail_entry;                  /* the failing entry, -1 none */
} hv_rp_stats;

typedef struct hv_rp_run {
    int64_t active;      /* 0 free, 1 running */
    int64_t program;     /* shared-block index */
    int64_t path;        /* hv_path */
    int64_t on_windows;  /* own files on the Windows drive */
    int64_t tag;         /* the caller's (sys) job data */
    int64_t started_ns;
    int64_t live;        /* slots held, count */
    int64_t pending;     /* thread starts scheduled, not yet run, count */
    hv_rp_stats st;
} hv_rp_run;

typedef struct hv_rp_slot {
    int32_t run;        /* -1: free */
    int32_t thread;     /* program thread index */
    int32_t entry;      /* entry it is at, -1: exits */
    int32_t state;      /* HV_RP_S_* (replay.c) */
    int32_t next_q;     /* next in a FIFO, -1 */
    int32_t parent;     /* slot of the spawning thread, -1 */
    int32_t user_done;  /* the entry's user-mode time is behind it */
    int32_t gen;        /* bumped when the slot is freed: older events are void */
    int32_t wait_kind;  /* HV_RP_W_*: what a thread in state WAIT waits for */
    int32_t waits_for;  /* W_CHILD / W_VFORK: a thread index; W_CHAN: a channel index */
    int64_t since_ns;   /* when it entered its state, ns */
    int64_t hold_ns;    /* 9P: the server's time for the call, ns */
    int64_t burst_calls;/* the last burst: calls made inline, count */
    int64_t burst_ns;   /* the last burst: its length, ns */
} hv_rp_slot;

enum { HV_RP_W_NONE, HV_RP_W_CHILD, HV_RP_W_VFORK, HV_RP_W_CHAN, HV_RP_W_TIMED };

typedef struct hv_rp_chan {
    int32_t run, chan;  /* run -1: free */
    int64_t written;    /* bytes its writers wrote so far */
    int64_t consumed;   /* bytes its readers took */
} hv_rp_chan;

typedef struct hv_rp_pool {
    int64_t units;      /* CPUs or workers, count */
    int64_t busy;       /* count */
    int32_t head, tail; /* FIFO of slots, -1 empty */
} hv_rp_pool;

typedef struct hv_replay {
    hv_rp_run runs[HV_RP_RUNS];
    hv_rp_slot slots[HV_RP_SLOTS];
    hv_rp_chan chans[HV_RP_CHANS];
    hv_rp_pool cpu[HV_RP_MACHINES];
    hv_rp_pool p9;
    /* what runs now, over all runs (metrics for the viewer) */
    int64_t running, queued, blocked, p9_busy, p9_queued;
    int64_t vm_running, host_running; /* running on the VM's / the host's CPUs */
} hv_replay;

/* What the replay needs from its model. */
typedef struct hv_rp_env {
    const hv_cost_table *costs;
    const hv_rp_params *par;
    int kind_base;      /* own event kind of HV_RP_EV_START */
    int kind_stage0;    /* own event kind of stage 0 (a burst ends: w = slot, gen) */
} hv_rp_env;

void hv_replay_init(hv_replay *r);

/* Starts a run of program `program` on `path` now.  Its index, or -1 when
 * every run slot is taken. */
int hv_replay_begin(hv_replay *r, const hv_rp_env *env, sim_ctx *ctx, int64_t program,
                    hv_path path, int on_windows, int64_t tag);

/* Handles one of the replay's events (HV_RP_EV_* at kind_base, or a stage
 * kind).  Returns the index of a run that has just ended (stats final), or
 * -1.  The caller frees the run with hv_replay_release once it has read it. */
int hv_replay_handle(hv_replay *r, const hv_rp_env *env, sim_ctx *ctx, const sim_event *ev);

void hv_replay_release(hv_replay *r, int run);

/* The machine a path runs on. */
hv_rp_machine hv_replay_machine(hv_path path);

#endif
