/* strace.h: import of real `strace -f -tt -T [-y|-yy]` output into an
 * hv_workload (workload.h).
 *
 * The importer is streaming: feed it one line at a time (or a whole file or
 * buffer); it keeps, per traced pid, the call left `<unfinished ...>` and a
 * small fd -> place table, and nothing else, so memory does not grow with
 * the trace.  No allocation per line, no regular expressions.
 *
 * What it understands (strace 4.x-6.x line forms):
 *   [pid  123] / "123 " prefixes (-f with or without -o) or none;
 *   -t / -tt / -ttt / -r timestamps; -T durations `<0.000012>`;
 *   `name(args) = ret ...`; `= -1 ENOENT (No such file or directory)`; `= ?`;
 *   `name(args <unfinished ...>` + `<... name resumed>rest` (matched by pid);
 *   `<detached ...>`; `--- SIGCHLD {...} ---`; `+++ exited with 0 +++`,
 *   `+++ killed by SIGKILL +++`, `+++ superseded by process N +++`;
 *   `strace: ...` and `[ Process PID=... ]` notices (ignored), also when
 *   strace (writing to a terminal) cuts a call's line with "strace: Process
 *   N attached" -- the two halves are joined; lines without a pid while
 *   only one process is traced; -n `[  59]` and -i `[00007f...]` columns;
 *   -k stack frames (` > ...`, ignored); a `strace -c` summary is refused;
 *   quoted strings with escapes and `...` truncation; -y / -yy decorations
 *   (`3</home/u/x.c>`, `AT_FDCWD</tmp>`, `5<pipe:[123]>`, `3<TCP:[...]>`,
 *   `0</dev/null<char 1:3>>`, paths with `\76`-style escapes).
 *
 * Where a call's file lives (hv_place_of_path): path arguments; for *at()
 * calls a relative path takes the place of its directory fd; fd-based calls
 * (read, write, fstat, getdents64, close ...) take the place from the -y
 * decoration, else from an fd table built from earlier open/openat/dup
 * results of that pid (a child starts with a copy of its parent's table at
 * clone/fork), else NONE.  Pipes, sockets and other non-path fds are NONE.
 * Only file classes (read, write, open, close, stat, dir, meta, name) get a
 * place; other classes are NONE.  clone/clone3 with CLONE_NEW* flags and
 * any file call under /sys/fs/cgroup count as HV_SYS_NS.
 * Failed calls count like successful ones (a failed lookup costs a round
 * trip too); read/write-class calls add their return value as bytes.
 *
 * Errors: a malformed line is an error at file:line:col (sim_diag_list),
 * and the import stops; with `lenient` it is skipped, counted in
 * hv_workload.skipped, and only the first one is reported, as a warning.
 * A trace with no system call at all is an error either way. */
#ifndef HVSIM_MODELS_STRACE_H
#define HVSIM_MODELS_STRACE_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "workload.h"

typedef struct hv_strace_stats {
    int64_t lines;              /* lines read, count */
    int64_t calls;              /* system calls added to the workload, count */
    int64_t unfinished;         /* `<unfinished ...>` lines, count */
    int64_t resumed;            /* `<... resumed>` lines matched, count */
    int64_t never_resumed;      /* unfinished calls ended by an exit or the end of the trace, count */
    int64_t signals;            /* `--- SIG... ---` lines, count */
    int64_t exits;              /* `+++ ... +++` lines, count */
    int64_t failed;             /* calls that returned -1, count */
    int64_t pids;               /* distinct pids (0 = no pid prefix), count */
    int64_t skipped;            /* malformed lines skipped (lenient), count */
    int64_t first_skipped_line; /* 1-based, 0 if none */
    int64_t call_time_ns;       /* sum of the -T durations, ns */
    int64_t span_ns;            /* last timestamp minus first (-t/-tt/-ttt), ns; 0 without */
} hv_strace_stats;

/* An importer.  `file` names the input in diagnostics (copied); `w` must
 * stay alive until hv_strace_finish; it is added to, not reset.  NULL if
 * memory runs out. */
typedef struct hv_strace hv_strace;
hv_strace *hv_strace_new(const char *file, int lenient, hv_workload *w);
/* One line, without its newline (a trailing '\r' is ignored); need not be
 * NUL-terminated.  0 if it was taken (or skipped, lenient), -1 on an error
 * (reported in diags; the importer should then be freed). */
int hv_strace_feed(hv_strace *st, const char *line, size_t len, sim_diag_list *diags);
/* Ends the trace: calls still unfinished are counted; fills *stats (may be
 * NULL).  0, or -1 if the trace held no system call. */
int hv_strace_finish(hv_strace *st, hv_strace_stats *stats, sim_diag_list *diags);
void hv_strace_free(hv_strace *st);

/* What the replay needs of one finished call (import/program_build.c):
 * valid only during the sink callback. */
typedef struct hv_strace_call {
    int pid;
    int64_t line;          /* 1-based line of the call's start */
    int has_time;          /* a -t/-tt/-ttt timestamp was on the start line */
    int64_t start_ns;      /* that timestamp, ns */
    int has_dur;           /* a -T duration closed the call */
    int64_t dur_ns;        /* -T, ns */
    hv_sys_class cls;
    hv_place place;
    int64_t bytes;         /* read/write: bytes moved */
    int has_ret;
    long long ret;
    const char *name;      /* as traced */
    int spawns;            /* fork, vfork, clone, clone3: ret is the child's pid */
    int vfork;             /* vfork, or clone with CLONE_VFORK */
    int spawns_thread;     /* clone with CLONE_THREAD */
    int waits_child;       /* wait4: ret is the child reaped */
    int waits_outside;     /* may block on something a trace does not show (hv_sys_may_wait) */
    int64_t chan;          /* read/write on a pipe (-y pipe:[N]) or a socketpair end
                            * (-yy UNIX-STREAM:[a->b]): the channel's key; 0 none */
    int wsl1_fails;        /* WSL1 cannot run it */
    int is_exec;           /* execve, execveat */
    int adopts_zero;       /* not a call: the process traced without a "[pid N]" prefix
                            * (pid 0 so far) is pid `pid` from now on */
} hv_strace_call;

typedef void (*hv_strace_sink)(void *user, const hv_strace_call *call);
/* Every finished call (also those never resumed) is passed to fn. */
void hv_strace_set_sink(hv_strace *st, hv_strace_sink fn, void *user);

/* Whole inputs: hv_workload_init(w, <file's base name>), then feed every
 * line and finish.  0 or -1 (diagnostics in diags). */
int hv_strace_import_file(const char *path, int lenient, hv_workload *w, hv_strace_stats *stats,
                          sim_diag_list *diags);
/* The same, handing every finished call to sink (may be NULL). */
int hv_strace_import_file_to(const char *path, int lenient, hv_workload *w,
                             hv_strace_stats *stats, sim_diag_list *diags, hv_strace_sink sink,
                             void *sink_user);
int hv_strace_import_buffer(const char *name, const char *buf, size_t len, int lenient,
                            hv_workload *w, hv_strace_stats *stats, sim_diag_list *diags);

#endif
