/* strace_int.h: the strace importer's private state and the argument
 * scanner's interface, shared by strace.c (lines, pids, calls) and
 * strace_scan.c (arguments, strings, -y decorations, timestamps).  Not for
 * use outside the importer: the public interface is strace.h. */
#ifndef HVSIM_MODELS_STRACE_INT_H
#define HVSIM_MODELS_STRACE_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "strace.h"
#include "syscalls.h"

#define HV_FD_TRACK 1024       /* fds with their own table entry per pid */
#define NAME_MAX_LEN 31        /* longest syscall name kept */
#define PATH_BUF 4096          /* unescaped path arguments, bytes */
#define PLACE_PREFIX 20        /* bytes of a path that decide its place (longest rule: "/sys/fs/cgroup/", 15) */
#define CACHE_SLOTS 1024       /* name cache, power of two (the table has 464 names) */
#define LINE_MAX_BYTES (64u << 20) /* longest accepted line, bytes */
#define READ_CHUNK (1u << 20)  /* file read size, bytes */
#define STRACE_MAX_STREAM_BYTES (256ull << 20) /* read from a pipe or device at most, bytes */

/* fd table values: 0 unknown, else 1 + hv_place, or FD_CGROUP */
enum { FD_UNKNOWN = 0, FD_CGROUP = 0x80 };

/* How strace prints the argument that says where a call's file is. */
typedef enum arg_shape {
    SH_NONE,
    SH_FD0,   /* fd is argument 0 */
    SH_FD2,   /* fd is argument 2 (copy_file_range's output) */
    SH_PATH0, /* path is argument 0 */
    SH_PATH1, /* path is argument 1 (symlink's new name) */
    SH_AT01,  /* dirfd argument 0, path argument 1 */
    SH_AT12,  /* dirfd argument 1, path argument 2 (symlinkat) */
} arg_shape;

/* What a successful call does to the fd table. */
enum {
    EFF_NONE,
    EFF_OPEN,  /* the return value is a new fd (open, openat, socket, eventfd ...) */
    EFF_CLOSE, /* argument 0 is no longer open */
    EFF_DUP,   /* the return value is a copy of argument 0 */
    EFF_FORK,  /* the return value is a child pid that inherits the table */
    EFF_PIPE,  /* argument 0 is an array of two new fds (pipe, pipe2, socketpair's 3) */
};

/* One distinct syscall name, classified once. */
typedef struct name_ent {
    char name[NAME_MAX_LEN + 1]; /* "" = free slot */
    unsigned char cls, shape, effect, known, blocks_wsl1, file_class, clone_like;
    unsigned char may_wait, is_wait4, is_exec, is_vfork;
} name_ent;

/* Where an fd or path argument pointed, as found while scanning. */
typedef struct call_ctx {
    int active;
    int64_t line;                /* line of the call's start */
    const name_ent *ne;
    int argi;                    /* next top-level argument index */
    int depth;                   /* nesting depth at the end of the text seen */
    unsigned char place_code;    /* 0 unknown, 1 + hv_place, FD_CGROUP */
    unsigned char dir_code;      /* the *at() dirfd's code */
    int dir_is_cwd;              /* dirfd was AT_FDCWD */
    long fd0;                    /* numeric fd of argument 0 (close, dup), -1 unknown */
    long pipe_fd[2];             /* pipe, pipe2, socketpair: the two new fds, -1 unknown */
    int at_start;                /* the text seen so far ended at the start of an argument */
    int clone_new;               /* CLONE_NEW* seen in the arguments */
    int clone_thread, clone_vfork; /* CLONE_THREAD, CLONE_VFORK seen */
    int has_start;               /* the start line had a timestamp */
    int64_t start_ns;            /* that timestamp, ns */
    int64_t chan_own, chan_peer; /* argument 0's pipe / socketpair channel (see hv_strace_call) */
} call_ctx;

typedef struct pid_slot {
    int pid;
    int self; /* index in hv_strace.slots */
    int live;
    call_ctx pending;
    unsigned char fd[HV_FD_TRACK];
} pid_slot;

struct hv_strace {
    char file[256];
    int lenient;
    hv_workload *w;
    hv_strace_stats stats;
    name_ent cache[CACHE_SLOTS];
    name_ent overflow;                  /* "?": names past a full cache, unknown OTHER */
    unsigned char last_fd[HV_FD_TRACK]; /* trace-wide: last open of each fd number */
    pid_slot **slots;                   /* one allocation per pid slot (stable addresses), array grown by doubling */
    size_t n_slots, cap_slots;
    size_t solo;                        /* the last lone survivor's slot (resolve_unprefixed) */
    int *index;                         /* open addressing: pid -> slot + 1, 0 empty */
    size_t index_cap;                   /* power of two */
    int *free_slots;                    /* slots of exited pids, reused */
    size_t n_free;
    int64_t first_ts_ns, last_ts_ns;
    int have_ts;
    char path[PATH_BUF];                /* scratch: an unescaped path */
    char *carry;                        /* a line cut by "strace: Process N attached" (rare) */
    size_t carry_len, carry_cap;
    /* the line being scanned, for diagnostics */
    const char *line;
    size_t line_len;
    int cur_has_ts, cur_has_dur;        /* this line's timestamp and -T */
    int64_t cur_ts_ns, cur_dur_ns;
    hv_strace_sink sink;                /* NULL: none */
    void *sink_user;
};

/* ---- small helpers ---- */

static inline int is_digit(int c) { return c >= '0' && c <= '9'; }
static inline int is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static inline int is_name_char(int c) { return is_alpha(c) || is_digit(c) || c == '_'; }

/* [p, e) starts / ends with a string literal (sizeof: no strlen per line). */
#define starts(p, e, lit) ((size_t)((e) - (p)) >= sizeof lit - 1 && memcmp((p), lit, sizeof lit - 1) == 0)
#define ends_with(p, e, lit) \
    ((size_t)((e) - (p)) >= sizeof lit - 1 && memcmp((e) - (sizeof lit - 1), lit, sizeof lit - 1) == 0)

static inline const char *find_lit(const char *p, const char *e, const char *lit)
{
    size_t n = strlen(lit);
    for (; (size_t)(e - p) >= n; p++)
        if (*p == lit[0] && memcmp(p, lit, n) == 0) return p;
    return NULL;
}

static inline const char *skip_spaces(const char *p, const char *e)
{
    while (p < e && (*p == ' ' || *p == '\t')) p++;
    return p;
}

/* ---- strace_scan.c ---- */

/* Scans arguments from p with cc->depth (>= 1) until the call's closing
 * parenthesis (returns the position after it; depth 0) or e (returns e,
 * depth >= 1), looking at the arguments cc's shape names.  NULL on a
 * malformed argument list (*why, *at set). */
const char *hv_strace_scan_args(hv_strace *st, const pid_slot *ps, call_ctx *cc, const char *p,
                                const char *e, const char **why, const char **at);
/* A -y decoration starting at p ('<'): the position after its closing
 * '>', or NULL if it does not close on this line. */
const char *hv_strace_skip_decoration(const char *p, const char *e);
/* The place code (0 unknown, 1 + hv_place, FD_CGROUP) of the decoration [p, q). */
unsigned char hv_strace_decoration_code(hv_strace *st, const char *p, const char *q);
/* A timestamp (HH:MM:SS[.frac], SECS.frac) at p: the position after it,
 * *ns set; NULL if p does not start one. */
const char *hv_strace_parse_time(const char *p, const char *e, int64_t *ns);

#endif
