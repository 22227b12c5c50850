/* strace.c: a hand-written scanner for `strace -f -tt -T [-y]` output
 * (see strace.h for the line forms and the placement rules): line
 * prefixes, calls, unfinished/resumed pairs, exits, pids and their fd
 * tables.  The arguments are scanned by strace_scan.c (strace_int.h).
 *
 * Invariants: each line is scanned once, left to right, with a nesting
 * depth over () [] {} that skips quoted strings (with backslash escapes) and
 * -y decorations (`<...>` right after an fd number or AT_FDCWD, nested for
 * `<char 1:3>`); only top-level arguments of interest are looked at.  Per
 * pid the importer keeps one pending call (a thread has at most one syscall
 * in flight) and a byte per fd (fds >= HV_FD_TRACK fall back to the
 * trace-wide table of the last open of that number).  Names are classified
 * through a per-importer cache in front of hv_sys_classify, so the table's
 * binary search runs once per distinct name, not once per line.
 *
 * Simplified: a trace that runs past midnight has a wrong -tt span (it is
 * reported, not used for pricing); the cwd is not tracked, so a relative path with no -y dirfd
 * decoration is the workload's own; fcntl(F_DUPFD) does not copy an fd's
 * place (dup/dup2/dup3 do); threads get a copy of the fd table at clone
 * instead of sharing it. */
#include "strace.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checked.h"
#include "input_file.h"
#include "strace_int.h"
#include "syscalls.h"

typedef struct shape_row {
    const char *name;
    unsigned char shape, effect;
} shape_row;

/* Sorted by strcmp (a test checks a sample of each shape). */
static const shape_row shape_rows[] = {
    {"accept", SH_NONE, EFF_OPEN},         {"accept4", SH_NONE, EFF_OPEN},
    {"access", SH_PATH0, EFF_NONE},        {"chmod", SH_PATH0, EFF_NONE},
    {"chown", SH_PATH0, EFF_NONE},         {"clone", SH_NONE, EFF_FORK},
    {"clone3", SH_NONE, EFF_FORK},         {"close", SH_FD0, EFF_CLOSE},
    {"copy_file_range", SH_FD2, EFF_NONE}, {"creat", SH_PATH0, EFF_OPEN},
    {"dup", SH_NONE, EFF_DUP},             {"dup2", SH_NONE, EFF_DUP},
    {"dup3", SH_NONE, EFF_DUP},            {"epoll_create", SH_NONE, EFF_OPEN},
    {"epoll_create1", SH_NONE, EFF_OPEN},  {"eventfd", SH_NONE, EFF_OPEN},
    {"eventfd2", SH_NONE, EFF_OPEN},       {"faccessat", SH_AT01, EFF_NONE},
    {"faccessat2", SH_AT01, EFF_NONE},     {"fallocate", SH_FD0, EFF_NONE},
    {"fchmod", SH_FD0, EFF_NONE},          {"fchmodat", SH_AT01, EFF_NONE},
    {"fchown", SH_FD0, EFF_NONE},          {"fchownat", SH_AT01, EFF_NONE},
    {"fdatasync", SH_FD0, EFF_NONE},       {"fgetxattr", SH_FD0, EFF_NONE},
    {"flistxattr", SH_FD0, EFF_NONE},      {"fork", SH_NONE, EFF_FORK},
    {"fremovexattr", SH_FD0, EFF_NONE},    {"fsetxattr", SH_FD0, EFF_NONE},
    {"fstat", SH_FD0, EFF_NONE},           {"fstatfs", SH_FD0, EFF_NONE},
    {"fsync", SH_FD0, EFF_NONE},           {"ftruncate", SH_FD0, EFF_NONE},
    {"futimesat", SH_AT01, EFF_NONE},      {"getdents", SH_FD0, EFF_NONE},
    {"getdents64", SH_FD0, EFF_NONE},      {"getxattr", SH_PATH0, EFF_NONE},
    {"inotify_init", SH_NONE, EFF_OPEN},   {"inotify_init1", SH_NONE, EFF_OPEN},
    {"lchown", SH_PATH0, EFF_NONE},        {"lgetxattr", SH_PATH0, EFF_NONE},
    {"link", SH_PATH0, EFF_NONE},          {"linkat", SH_AT01, EFF_NONE},
    {"listxattr", SH_PATH0, EFF_NONE},     {"llistxattr", SH_PATH0, EFF_NONE},
    {"lremovexattr", SH_PATH0, EFF_NONE},  {"lsetxattr", SH_PATH0, EFF_NONE},
    {"lstat", SH_PATH0, EFF_NONE},         {"memfd_create", SH_NONE, EFF_OPEN},
    {"mkdir", SH_PATH0, EFF_NONE},         {"mkdirat", SH_AT01, EFF_NONE},
    {"mknod", SH_PATH0, EFF_NONE},         {"mknodat", SH_AT01, EFF_NONE},
    {"name_to_handle_at", SH_AT01, EFF_NONE}, {"newfstatat", SH_AT01, EFF_NONE},
    {"open", SH_PATH0, EFF_OPEN},          {"openat", SH_AT01, EFF_OPEN},
    {"openat2", SH_AT01, EFF_OPEN},        {"pipe", SH_NONE, EFF_PIPE},
    {"pipe2", SH_NONE, EFF_PIPE},          {"pread64", SH_FD0, EFF_NONE},
    {"preadv", SH_FD0, EFF_NONE},          {"preadv2", SH_FD0, EFF_NONE},
    {"pwrite64", SH_FD0, EFF_NONE},        {"pwritev", SH_FD0, EFF_NONE},
    {"pwritev2", SH_FD0, EFF_NONE},        {"read", SH_FD0, EFF_NONE},
    {"readlink", SH_PATH0, EFF_NONE},      {"readlinkat", SH_AT01, EFF_NONE},
    {"readv", SH_FD0, EFF_NONE},           {"removexattr", SH_PATH0, EFF_NONE},
    {"rename", SH_PATH0, EFF_NONE},        {"renameat", SH_AT01, EFF_NONE},
    {"renameat2", SH_AT01, EFF_NONE},      {"rmdir", SH_PATH0, EFF_NONE},
    {"sendfile", SH_FD0, EFF_NONE},        {"setxattr", SH_PATH0, EFF_NONE},
    {"signalfd", SH_NONE, EFF_OPEN},       {"signalfd4", SH_NONE, EFF_OPEN},
    {"socket", SH_NONE, EFF_OPEN},         {"socketpair", SH_NONE, EFF_PIPE},
    {"stat", SH_PATH0, EFF_NONE},          {"statfs", SH_PATH0, EFF_NONE},
    {"statx", SH_AT01, EFF_NONE},          {"symlink", SH_PATH1, EFF_NONE},
    {"symlinkat", SH_AT12, EFF_NONE},      {"sync_file_range", SH_FD0, EFF_NONE},
    {"syncfs", SH_FD0, EFF_NONE},          {"timerfd_create", SH_NONE, EFF_OPEN},
    {"truncate", SH_PATH0, EFF_NONE},      {"unlink", SH_PATH0, EFF_NONE},
    {"unlinkat", SH_AT01, EFF_NONE},       {"utime", SH_PATH0, EFF_NONE},
    {"utimensat", SH_AT01, EFF_NONE},      {"utimes", SH_PATH0, EFF_NONE},
    {"vfork", SH_NONE, EFF_FORK},          {"write", SH_FD0, EFF_NONE},
    {"writev", SH_FD0, EFF_NONE},
};

/* Reports a problem at column p.  Returns -1 (an error) or 0 (lenient:
 * skipped and counted). */
static int bad(hv_strace *st, const char *p, sim_diag_list *diags, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static int bad(hv_strace *st, const char *p, sim_diag_list *diags, const char *fmt, ...)
{
    char src[256];
    size_t n = st->line_len < sizeof src - 1 ? st->line_len : sizeof src - 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)st->line[i];
        src[i] = (c < 0x20 && c != '\t') || c == 0x7f ? '?' : (char)c;
    }
    src[n] = '\0';
    int col = p ? (int)(p - st->line) + 1 : 1;
    if (col < 1) col = 1;
    int line = (int)st->stats.lines;
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (memchr(st->line, '\0', st->line_len)) snprintf(msg, sizeof msg, "binary data (a NUL byte): not strace output");
    if (!st->lenient) {
        sim_diag_add(diags, SIM_SEV_ERROR, st->file, line, col, src, "%s", msg);
        return -1;
    }
    if (st->stats.skipped == 0) {
        st->stats.first_skipped_line = st->stats.lines;
        sim_diag_add(diags, SIM_SEV_WARNING, st->file, line, col, src,
                     "%s (skipped: --lenient; later malformed lines are only counted)", msg);
    }
    st->stats.skipped++;
    st->w->skipped++;
    return 0;
}

/* ---- the name cache ---- */

static const shape_row *find_shape(const char *name)
{
    size_t lo = 0, hi = sizeof shape_rows / sizeof shape_rows[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(name, shape_rows[mid].name);
        if (c == 0) return &shape_rows[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

static const name_ent *lookup_name(hv_strace *st, const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    for (size_t probe = 0; probe < CACHE_SLOTS; probe++) {
        name_ent *ne = &st->cache[(h + probe) & (CACHE_SLOTS - 1)];
        if (ne->name[0] == '\0') {
            memcpy(ne->name, s, n);
            ne->name[n] = '\0';
            int known = 0;
            hv_sys_class c = hv_sys_classify(ne->name, &known);
            const shape_row *sr = find_shape(ne->name);
            ne->cls = (unsigned char)c;
            ne->known = (unsigned char)known;
            ne->shape = sr ? sr->shape : SH_NONE;
            ne->effect = sr ? sr->effect : EFF_NONE;
            ne->blocks_wsl1 = (unsigned char)hv_sys_wsl1_unsupported(ne->name, NULL);
            ne->file_class = (unsigned char)hv_sys_is_file_class(c);
            ne->clone_like = strcmp(ne->name, "clone") == 0 || strcmp(ne->name, "clone3") == 0;
            ne->may_wait = (unsigned char)hv_sys_may_wait(ne->name);
            ne->is_wait4 = strcmp(ne->name, "wait4") == 0;
            ne->is_exec = strcmp(ne->name, "execve") == 0 || strcmp(ne->name, "execveat") == 0;
            ne->is_vfork = strcmp(ne->name, "vfork") == 0;
            return ne;
        }
        if (memcmp(ne->name, s, n) == 0 && ne->name[n] == '\0') return ne; /* n <= NAME_MAX_LEN */
    }
    return NULL; /* more than CACHE_SLOTS distinct names: the caller classifies directly */
}

/* ---- pids ---- */

static size_t hash_pid(int pid, size_t cap) { return ((uint32_t)pid * 2654435761u) & (cap - 1); }

static int index_grow(hv_strace *st)
{
    size_t cap = st->index_cap ? st->index_cap * 2 : 64;
    int *ix = calloc(cap, sizeof *ix);
    if (!ix) return -1;
    for (size_t i = 0; i < st->index_cap; i++) {
        int v = st->index[i];
        if (!v) continue;
        size_t j = hash_pid(st->slots[v - 1]->pid, cap);
        while (ix[j]) j = (j + 1) & (cap - 1);
        ix[j] = v;
    }
    free(st->index);
    st->index = ix;
    st->index_cap = cap;
    return 0;
}

static pid_slot *find_pid(hv_strace *st, int pid)
{
    if (!st->index_cap) return NULL;
    size_t j = hash_pid(pid, st->index_cap);
    while (st->index[j]) {
        pid_slot *s = st->slots[st->index[j] - 1];
        if (s->pid == pid) return s;
        j = (j + 1) & (st->index_cap - 1);
    }
    return NULL;
}

/* The pid's slot, created (with an empty fd table) if new.  Slot addresses
 * never change.  NULL: no memory. */
static pid_slot *get_pid(hv_strace *st, int pid)
{
    pid_slot *s = find_pid(st, pid);
    if (s) return s;
    if ((st->n_slots - st->n_free + 1) * 2 > st->index_cap && index_grow(st) != 0) return NULL;
    int si;
    if (st->n_free) {
        si = st->free_slots[--st->n_free];
    } else {
        if (st->n_slots == st->cap_slots) {
            size_t cap = st->cap_slots ? st->cap_slots * 2 : 16;
            pid_slot **ns = realloc(st->slots, cap * sizeof *ns);
            if (ns) st->slots = ns;
            int *nf = realloc(st->free_slots, cap * sizeof *nf);
            if (nf) st->free_slots = nf;
            if (!ns || !nf) return NULL;
            st->cap_slots = cap;
        }
        pid_slot *fresh = malloc(sizeof *fresh);
        if (!fresh) return NULL;
        si = (int)st->n_slots++;
        st->slots[si] = fresh;
    }
    s = st->slots[si];
    memset(s, 0, sizeof *s);
    s->pid = pid;
    s->self = si;
    s->live = 1;
    size_t j = hash_pid(pid, st->index_cap);
    while (st->index[j]) j = (j + 1) & (st->index_cap - 1);
    st->index[j] = si + 1;
    st->stats.pids++;
    return s;
}

/* Takes a slot out of the index: backward-shift deletion keeps probing exact. */
static void index_remove(hv_strace *st, pid_slot *s)
{
    int si = s->self;
    size_t cap = st->index_cap, j = hash_pid(s->pid, cap);
    while (st->index[j] != si + 1) j = (j + 1) & (cap - 1);
    st->index[j] = 0;
    for (size_t k = (j + 1) & (cap - 1); st->index[k]; k = (k + 1) & (cap - 1)) {
        size_t home = hash_pid(st->slots[st->index[k] - 1]->pid, cap);
        /* move k into the hole j if its home is not in (j, k] */
        if ((k > j && (home <= j || home > k)) || (k < j && (home <= j && home > k))) {
            st->index[j] = st->index[k];
            st->index[k] = 0;
            j = k;
        }
    }
}

/* Forgets a pid (it exited). */
static void drop_pid(hv_strace *st, pid_slot *s)
{
    index_remove(st, s);
    s->live = 0;
    st->free_slots[st->n_free++] = s->self;
}

/* strace prints no "[pid N]" while it traces a single process.  Lines
 * without one belong to that process: pid 0 until a prefixed line names it
 * (the first unknown pid seen while pid 0 lives takes over its slot), or
 * the one process still alive when the prefixes stop again. */
static int resolve_unprefixed(hv_strace *st)
{
    if (find_pid(st, 0) || st->n_slots - st->n_free != 1) return 0;
    if (st->solo < st->n_slots && st->slots[st->solo]->live) return st->slots[st->solo]->pid;
    for (size_t i = 0; i < st->n_slots; i++)
        if (st->slots[i]->live) {
            st->solo = i; /* remembered: the scan runs once per change of survivor */
            return st->slots[i]->pid;
        }
    return 0;
}

static void adopt_unprefixed(hv_strace *st, int pid)
{
    pid_slot *zero = find_pid(st, 0);
    if (!zero || find_pid(st, pid)) return;
    index_remove(st, zero);
    zero->pid = pid;
    if (st->sink) {
        hv_strace_call c;
        memset(&c, 0, sizeof c);
        c.pid = pid;
        c.adopts_zero = 1;
        st->sink(st->sink_user, &c);
    }
    size_t j = hash_pid(pid, st->index_cap);
    while (st->index[j]) j = (j + 1) & (st->index_cap - 1);
    st->index[j] = zero->self + 1;
}

/* ---- calls ---- */

/* Hands a finished call to the sink (the replay builder). */
static void emit(hv_strace *st, const pid_slot *ps, const call_ctx *cc, hv_sys_class cls,
                 hv_place place, int64_t bytes, int has_ret, long long ret, int fails)
{
    const name_ent *ne = cc->ne;
    hv_strace_call c;
    memset(&c, 0, sizeof c);
    c.pid = ps ? ps->pid : 0;
    c.line = cc->line;
    c.has_time = cc->has_start;
    c.start_ns = cc->start_ns;
    c.has_dur = has_ret && st->cur_has_dur;
    c.dur_ns = st->cur_dur_ns;
    c.cls = cls;
    c.place = place;
    c.bytes = bytes;
    c.has_ret = has_ret;
    c.ret = ret;
    c.name = ne->name;
    c.spawns = ne->effect == EFF_FORK;
    c.vfork = ne->is_vfork || cc->clone_vfork;
    c.spawns_thread = cc->clone_thread;
    c.waits_child = ne->is_wait4;
    c.waits_outside = ne->may_wait;
    if (cls == HV_SYS_READ) c.chan = cc->chan_own;
    if (cls == HV_SYS_WRITE) c.chan = cc->chan_peer;
    c.wsl1_fails = fails;
    c.is_exec = ne->is_exec;
    st->sink(st->sink_user, &c);
}

static void add_call(hv_strace *st, pid_slot *ps, call_ctx *cc, int has_ret, long long ret,
                     const char *ret_deco, const char *ret_deco_end)
{
    const name_ent *ne = cc->ne;
    hv_sys_class cls = (hv_sys_class)ne->cls;
    const char *blocker = ne->blocks_wsl1 ? ne->name : NULL;
    hv_place place = HV_PLACE_NONE;
    unsigned char code = cc->place_code;
    unsigned char ret_code = FD_UNKNOWN;
    if (ret_deco && (ne->effect == EFF_OPEN || ne->effect == EFF_DUP))
        ret_code = hv_strace_decoration_code(st, ret_deco, ret_deco_end);
    if (ne->effect == EFF_OPEN && ret_code != FD_UNKNOWN) code = ret_code;
    if (code == FD_CGROUP) {
        /* Changing the cgroup tree (mkdir, write, chown ...) is what a
         * container engine does and WSL1 had no cgroups; reading a limit
         * (node reads memory.max) fails softly with ENOENT and programs go on. */
        if (cls == HV_SYS_WRITE || cls == HV_SYS_NAME || cls == HV_SYS_META) {
            cls = HV_SYS_NS;
            blocker = "cgroup(/sys/fs/cgroup)";
        } else if (ne->file_class) {
            place = HV_PLACE_SYSTEM;
        }
    } else if (ne->file_class && code != FD_UNKNOWN) {
        place = (hv_place)(code - 1);
    }
    if (ne->clone_like && cc->clone_new) {
        cls = HV_SYS_NS;
        blocker = "clone(CLONE_NEW*)";
    }
    int64_t bytes = 0;
    if (has_ret && ret > 0 && (cls == HV_SYS_READ || cls == HV_SYS_WRITE)) bytes = ret;
    if (!ne->known) st->w->unknown_calls++;
    hv_workload_add(st->w, cls, place, bytes);
    st->stats.calls++;
    if (has_ret && ret < 0) st->stats.failed++;
    if (st->sink) emit(st, ps, cc, cls, place, bytes, has_ret, ret, blocker != NULL);
    if (blocker && st->w->wsl1_blocker[0] == '\0') {
        snprintf(st->w->wsl1_blocker, sizeof st->w->wsl1_blocker, "%s", blocker);
        st->w->wsl1_blocker_line = cc->line;
    }
    /* fd bookkeeping */
    if (!has_ret || ret < 0 || !ps) return;
    unsigned char keep = code != FD_UNKNOWN ? code : (unsigned char)(1 + HV_PLACE_NONE);
    switch (ne->effect) {
    case EFF_OPEN:
    case EFF_DUP:
        if (ne->effect == EFF_DUP) keep = ret_code != FD_UNKNOWN ? ret_code : cc->place_code;
        if (ret < HV_FD_TRACK) {
            ps->fd[ret] = keep;
            st->last_fd[ret] = keep;
        }
        break;
    case EFF_CLOSE:
        if (cc->fd0 >= 0 && cc->fd0 < HV_FD_TRACK) ps->fd[cc->fd0] = st->last_fd[cc->fd0] = FD_UNKNOWN;
        break;
    case EFF_PIPE:
        for (int k = 0; k < 2; k++)
            if (cc->pipe_fd[k] >= 0 && cc->pipe_fd[k] < HV_FD_TRACK)
                ps->fd[cc->pipe_fd[k]] = st->last_fd[cc->pipe_fd[k]] = 1 + HV_PLACE_NONE;
        break;
    case EFF_FORK:
        if (ret > 0 && ret < 0x7fffffff) {
            /* the child may have printed lines (and opened files) already */
            pid_slot *child = get_pid(st, (int)ret);
            if (child && child != ps)
                for (size_t i = 0; i < HV_FD_TRACK; i++)
                    if (!child->fd[i]) child->fd[i] = ps->fd[i];
        }
        break;
    default:
        break;
    }
}

/* Parses "= RET ..." after a call's closing parenthesis at p.  0 or -1. */
static int finish_call(hv_strace *st, pid_slot *ps, call_ctx *cc, const char *p, const char *e,
                       sim_diag_list *diags)
{
    p = skip_spaces(p, e);
    if (p >= e || *p != '=') return bad(st, p, diags, "expected '= <return value>' after the arguments");
    p = skip_spaces(p + 1, e);
    int has_ret = 0;
    long long ret = 0;
    const char *deco = NULL, *deco_end = NULL;
    if (p >= e || *p != '?') { /* "?": no result (exit_group, execve in a dying thread) */
        int neg = p < e && *p == '-';
        const char *d = p + neg;
        const char *q = d;
        if (starts(q, e, "0x")) {
            q += 2;
            const char *h = q;
            while (q < e && (is_digit(*q) || ((*q | 32) >= 'a' && (*q | 32) <= 'f'))) q++;
            if (q == h) return bad(st, p, diags, "bad hexadecimal return value");
            ret = 1; /* an address: success, not a byte count */
        } else {
            while (q < e && is_digit(*q)) {
                if (ret < 100000000000000000LL) ret = ret * 10 + (*q - '0'); /* capped: fuzz_strace */
                q++;
            }
            if (q == d) return bad(st, p, diags, "expected a return value after '='");
            if (neg) ret = -ret;
        }
        has_ret = 1;
        if (q < e && *q == '<') {
            const char *r = hv_strace_skip_decoration(q, e);
            if (!r) return bad(st, q, diags, "unterminated '<' decoration on the return value");
            deco = q;
            deco_end = r;
            q = r;
        }
        if (q < e && *q != ' ') return bad(st, q, diags, "unexpected text after the return value");
    }
    add_call(st, ps, cc, has_ret, ret, deco, deco_end);
    cc->active = 0;
    return 0;
}

/* Counts a call that never got its result (its process exited, or the trace ended). */
static void add_unresolved(hv_strace *st, pid_slot *ps, call_ctx *cc)
{
    add_call(st, ps, cc, 0, 0, NULL, NULL);
    st->stats.never_resumed++;
    cc->active = 0;
}

static void start_ctx(call_ctx *cc, const name_ent *ne, int64_t line)
{
    memset(cc, 0, sizeof *cc);
    cc->active = 1;
    cc->line = line;
    cc->ne = ne;
    cc->depth = 1;
    cc->fd0 = -1;
    cc->pipe_fd[0] = cc->pipe_fd[1] = -1;
    cc->at_start = 1;
}

void hv_strace_set_sink(hv_strace *st, hv_strace_sink fn, void *user)
{
    st->sink = fn;
    st->sink_user = user;
}

/* ---- lines ---- */

static int on_exit_line(hv_strace *st, int pid, const char *p, const char *e, sim_diag_list *diags)
{
    /* p after "+++ " */
    if (!ends_with(p, e, "+++")) return bad(st, p, diags, "expected '+++' at the end of an exit line");
    st->stats.exits++;
    pid_slot *ps = find_pid(st, pid);
    if (starts(p, e, "superseded by process ")) {
        /* execve in a thread: the thread takes over the leader's pid */
        const char *q = p + 22;
        long other = 0;
        while (q < e && is_digit(*q)) other = other * 10 + (*q++ - '0');
        pid_slot *th = find_pid(st, (int)other);
        if (ps && ps->pending.active) add_unresolved(st, ps, &ps->pending);
        if (th && th != ps) {
            if (!ps) ps = get_pid(st, pid);
            th = find_pid(st, (int)other);
            if (ps && th) {
                ps->pending = th->pending;
                th->pending.active = 0;
                memcpy(ps->fd, th->fd, sizeof ps->fd);
                drop_pid(st, th);
            }
        }
        return 0;
    }
    if (!starts(p, e, "exited with ") && !starts(p, e, "killed by "))
        return bad(st, p, diags, "unknown exit line (expected 'exited with', 'killed by' or 'superseded by')");
    if (ps) {
        if (ps->pending.active) add_unresolved(st, ps, &ps->pending);
        drop_pid(st, ps);
    }
    return 0;
}

static int on_call(hv_strace *st, int pid, const char *p, const char *e, int resumed,
                   sim_diag_list *diags)
{
    const char *name = p;
    while (p < e && is_name_char(*p)) p++;
    size_t n = (size_t)(p - name);
    if (n == 0 || n > NAME_MAX_LEN)
        return bad(st, name, diags, n ? "system call name too long" : "expected a system call name");
    const name_ent *ne = lookup_name(st, name, n);
    if (!ne) ne = &st->overflow; /* more distinct names than the cache holds: not real strace output */
    pid_slot *ps = get_pid(st, pid);
    if (!ps) return bad(st, name, diags, "out of memory");
    call_ctx local, *cc;
    if (resumed) {
        /* "<... NAME resumed>" */
        if (!starts(p, e, " resumed>")) return bad(st, p, diags, "expected ' resumed>'");
        p += 9;
        cc = &ps->pending;
        if (!cc->active)
            return bad(st, name, diags, "'%.*s resumed' with no unfinished call for pid %d", (int)n, name, pid);
        if (strcmp(cc->ne->name, ne->name) != 0)
            return bad(st, name, diags, "'%.*s resumed' but pid %d's unfinished call is '%s'", (int)n, name,
                       pid, cc->ne->name);
        st->stats.resumed++;
    } else {
        if (p >= e || *p != '(') return bad(st, p, diags, "expected '(' after the system call name");
        p++;
        if (ps->pending.active)
            return bad(st, name, diags, "pid %d starts '%.*s' while '%s' is unfinished", pid, (int)n, name,
                       ps->pending.ne->name);
        cc = &local;
        start_ctx(cc, ne, st->stats.lines);
        cc->has_start = st->cur_has_ts;
        cc->start_ns = st->cur_ts_ns;
    }
    /* the end of the arguments: " <unfinished ...>" / " <detached ...>" or ") = ..." */
    const char *args_end = e;
    int unfinished = 0, detached = 0;
    const char *t = e;
    while (t > p && t[-1] == ' ') t--;
    if (ends_with(p, t, "<unfinished ...>")) {
        unfinished = 1;
        args_end = t - 16;
    } else if (ends_with(p, t, "<detached ...>")) {
        detached = 1;
        args_end = t - 14;
    }
    if (unfinished && resumed) return bad(st, args_end, diags, "a resumed call cannot be unfinished again");
    const char *why = NULL, *at = NULL;
    if (ne->clone_like && find_lit(p, args_end, "CLONE_NEW")) cc->clone_new = 1;
    if (ne->clone_like && find_lit(p, args_end, "CLONE_THREAD")) cc->clone_thread = 1;
    if (ne->clone_like && find_lit(p, args_end, "CLONE_VFORK")) cc->clone_vfork = 1;
    const char *q = hv_strace_scan_args(st, ps, cc, p, args_end, &why, &at);
    if (!q) {
        if (resumed) cc->active = 0;
        return bad(st, at, diags, "%s", why);
    }
    if (unfinished || detached) {
        if (cc->depth == 0) return bad(st, args_end, diags, "'<unfinished ...>' after the closing ')'");
        if (detached) {
            add_unresolved(st, ps, cc);
            return 0;
        }
        ps->pending = *cc;
        st->stats.unfinished++;
        return 0;
    }
    if (cc->depth != 0) {
        if (resumed) cc->active = 0;
        return bad(st, q, diags, "missing ')' (and no '<unfinished ...>')");
    }
    int rc = finish_call(st, ps, cc, q, e, diags);
    if (resumed) cc->active = 0;
    return rc;
}

/* strace writing to a terminal or a pipe (no -o) cuts a call's line with
 * its own notice: "...SIGCHLDstrace: Process 20092 attached\n, child_tidptr=...)".
 * Such a line is kept and joined with the next one.  1 if it was cut. */
static int cut_by_notice(hv_strace *st, const char *line, size_t len)
{
    const char *e = line + len;
    if (!ends_with(line, e, " attached") && !ends_with(line, e, " detached")) return 0;
    const char *n = find_lit(line + 1, e, "strace: Process ");
    if (!n) return 0;
    size_t keep = (size_t)(n - line);
    if (st->carry_len + keep > st->carry_cap) {
        size_t cap = (st->carry_len + keep) * 2 + 256;
        char *c = realloc(st->carry, cap);
        if (!c) return 0;
        st->carry = c;
        st->carry_cap = cap;
    }
    memcpy(st->carry + st->carry_len, line, keep);
    st->carry_len += keep;
    return 1;
}

static int feed_line(hv_strace *st, const char *line, size_t len, sim_diag_list *diags);

int hv_strace_feed(hv_strace *st, const char *line, size_t len, sim_diag_list *diags)
{
    if (len && line[len - 1] == '\r') len--;
    if (len > 8 && line[len - 1] == 'd' && cut_by_notice(st, line, len)) {
        st->stats.lines++;
        st->w->lines++;
        return 0;
    }
    if (st->carry_len == 0) return feed_line(st, line, len, diags);
    size_t n = st->carry_len + len;
    if (n > st->carry_cap) {
        char *c = realloc(st->carry, n);
        if (!c) {
            st->carry_len = 0;
            return feed_line(st, line, len, diags);
        }
        st->carry = c;
        st->carry_cap = n;
    }
    memcpy(st->carry + st->carry_len, line, len);
    st->carry_len = 0;
    return feed_line(st, st->carry, n, diags);
}

static int feed_line(hv_strace *st, const char *line, size_t len, sim_diag_list *diags)
{
    st->stats.lines++;
    st->w->lines++;
    st->line = line;
    st->line_len = len;
    st->cur_has_ts = st->cur_has_dur = 0;
    const char *p = line, *e = line + len;
    /* -T duration at the end: " <0.000123>" */
    const char *t = e;
    while (t > p && t[-1] == ' ') t--;
    if (t > p && t[-1] == '>') {
        const char *lt = t - 1;
        while (lt > p && (is_digit(lt[-1]) || lt[-1] == '.')) lt--;
        if (lt > p && lt[-1] == '<' && lt < t - 1) {
            int64_t ns = 0;
            const char *after = NULL;
            const char *d = lt;
            int64_t s = 0;
            int fits = 1;
            for (; d < t - 1 && is_digit(*d); d++) /* d moves on even once s no longer fits */
                fits &= sim_mul_i64(s, 10, &s) == 0 && sim_add_i64(s, *d - '0', &s) == 0;
            if (d < t - 1 && *d == '.') {
                d++;
                int64_t frac = 0;
                int k = 0;
                while (d < t - 1 && is_digit(*d)) {
                    if (k < 9) frac = frac * 10 + (*d - '0'), k++;
                    d++;
                }
                for (; k < 9; k++) frac *= 10;
                if (d == t - 1) after = d;
                fits &= sim_mul_i64(s, 1000000000LL, &ns) == 0 && sim_add_i64(ns, frac, &ns) == 0;
            }
            if (after && (!fits || sim_add_i64(st->stats.call_time_ns, ns,
                                               &st->stats.call_time_ns) != 0))
                return bad(st, lt - 1, diags,
                           fits ? "the calls' total time passes 2^63-1 ns (about 292 years)"
                                : "call duration too large (more than 2^63-1 ns, about 292 years)");
            if (after) {
                st->cur_has_dur = 1;
                st->cur_dur_ns = ns;
                e = lt - 1;
                while (e > p && e[-1] == ' ') e--;
            }
        } else if (ends_with(p, t, " <unavailable>")) {
            e = t - 14;
        }
    }
    p = skip_spaces(p, e);
    if (p == e) return 0; /* blank line */
    if (starts(p, e, "strace: ") || starts(p, e, "[ Process PID=")) return 0;
    if (starts(p, e, "> ")) return 0; /* -k: a stack frame of the call above */
    if (starts(p, e, "% time")) return bad(st, p, diags, "this is a `strace -c` summary, not a trace: record with `strace -f -tt -T -o FILE`");
    int pid = 0;
    if (starts(p, e, "[pid")) {
        const char *q = skip_spaces(p + 4, e);
        const char *d = q;
        long v = 0;
        while (q < e && is_digit(*q) && v < 100000000) v = v * 10 + (*q++ - '0');
        if (q == d || q >= e || *q != ']') return bad(st, q, diags, "expected '[pid N]'");
        pid = (int)v;
        adopt_unprefixed(st, pid);
        p = skip_spaces(q + 1, e);
    } else if (is_digit(*p)) {
        const char *q = p;
        long v = 0;
        while (q < e && is_digit(*q) && v < 100000000) v = v * 10 + (*q++ - '0');
        if (q < e && (*q == ' ' || *q == '\t')) {
            pid = (int)v;
            p = skip_spaces(q, e);
        } else {
            pid = resolve_unprefixed(st);
        }
    } else {
        pid = resolve_unprefixed(st);
    }
    if (p < e && is_digit(*p)) {
        int64_t ts = 0;
        const char *q = hv_strace_parse_time(p, e, &ts);
        if (!q || q >= e || *q != ' ') return bad(st, p, diags, "malformed timestamp");
        if (!st->have_ts || ts < st->first_ts_ns) st->first_ts_ns = ts;
        if (!st->have_ts || ts > st->last_ts_ns) st->last_ts_ns = ts;
        st->have_ts = 1;
        st->cur_has_ts = 1;
        st->cur_ts_ns = ts;
        p = skip_spaces(q, e);
    }
    if (p >= e) return bad(st, p, diags, "a line with a pid or a time but no event");
    if (starts(p, e, "[ Process PID=")) return 0; /* "[ Process PID=N runs in 32 bit mode. ]" */
    for (int k = 0; k < 2 && p < e && *p == '['; k++) {
        /* -n "[  59] " syscall number, -i "[00007f5c0a1b2c3d] " instruction pointer */
        const char *q = skip_spaces(p + 1, e), *d = q;
        while (q < e && (is_digit(*q) || ((*q | 32) >= 'a' && (*q | 32) <= 'f') || *q == 'x' || *q == '?')) q++;
        if (q == d || q >= e || *q != ']') break;
        p = skip_spaces(q + 1, e);
    }
    if (p >= e) return bad(st, p, diags, "a line with a pid, a time or a [column] but no event");
    if (starts(p, e, "--- ")) {
        if (!ends_with(p + 4, e, "---")) return bad(st, p, diags, "expected '---' at the end of a signal line");
        st->stats.signals++;
        return 0;
    }
    if (starts(p, e, "+++ ")) return on_exit_line(st, pid, p + 4, e, diags);
    if (starts(p, e, "<... ")) return on_call(st, pid, p + 5, e, 1, diags);
    if (is_alpha(*p) || *p == '_') return on_call(st, pid, p, e, 0, diags);
    return bad(st, p, diags,
               "expected a system call, '<... resumed>', a signal ('--- ... ---') or an exit ('+++ ... +++')");
}

hv_strace *hv_strace_new(const char *file, int lenient, hv_workload *w)
{
    hv_strace *st = calloc(1, sizeof *st);
    if (!st) return NULL;
    snprintf(st->file, sizeof st->file, "%s", file ? file : "");
    st->lenient = lenient;
    st->w = w;
    st->overflow.name[0] = '?';
    st->overflow.cls = HV_SYS_OTHER;
    if (index_grow(st) != 0) {
        free(st);
        return NULL;
    }
    return st;
}

int hv_strace_finish(hv_strace *st, hv_strace_stats *stats, sim_diag_list *diags)
{
    for (size_t i = 0; i < st->n_slots; i++) {
        pid_slot *s = st->slots[i];
        if (s->live && s->pending.active) add_unresolved(st, s, &s->pending);
    }
    if (st->have_ts) st->stats.span_ns = st->last_ts_ns - st->first_ts_ns;
    if (stats) *stats = st->stats;
    if (st->stats.calls == 0) {
        sim_diag_add(diags, SIM_SEV_ERROR, st->file, st->stats.lines ? (int)st->stats.lines : 1, 1, NULL,
                     "no system call in %lld line%s: is this `strace -f -tt -T` output?",
                     (long long)st->stats.lines, st->stats.lines == 1 ? "" : "s");
        return -1;
    }
    return 0;
}

void hv_strace_free(hv_strace *st)
{
    if (!st) return;
    for (size_t i = 0; i < st->n_slots; i++) free(st->slots[i]);
    free(st->carry);
    free(st->slots);
    free(st->index);
    free(st->free_slots);
    free(st);
}

static const char *base_name(const char *path)
{
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

int hv_strace_import_buffer(const char *name, const char *buf, size_t len, int lenient,
                            hv_workload *w, hv_strace_stats *stats, sim_diag_list *diags)
{
    hv_workload_init(w, base_name(name));
    hv_strace *st = hv_strace_new(name, lenient, w);
    if (!st) {
        sim_diag_add(diags, SIM_SEV_ERROR, name, 0, 0, NULL, "out of memory");
        return -1;
    }
    int rc = 0;
    const char *p = buf, *e = buf + len;
    while (p < e && rc == 0) {
        const char *nl = memchr(p, '\n', (size_t)(e - p));
        const char *end = nl ? nl : e;
        rc = hv_strace_feed(st, p, (size_t)(end - p), diags);
        p = nl ? nl + 1 : e;
    }
    if (rc == 0)
        rc = hv_strace_finish(st, stats, diags);
    else if (stats)
        *stats = st->stats;
    hv_strace_free(st);
    return rc;
}

int hv_strace_import_file(const char *path, int lenient, hv_workload *w, hv_strace_stats *stats,
                          sim_diag_list *diags)
{
    return hv_strace_import_file_to(path, lenient, w, stats, diags, NULL, NULL);
}

int hv_strace_import_file_to(const char *path, int lenient, hv_workload *w,
                             hv_strace_stats *stats, sim_diag_list *diags, hv_strace_sink sink,
                             void *sink_user)
{
    char why[256];
    int regular;
    int64_t size;
    int fd = sim_input_open(path, SIM_INPUT_ANY, &regular, &size, why, sizeof why);
    FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
    if (!f) {
        if (fd >= 0) close(fd);
        sim_diag_add(diags, SIM_SEV_ERROR, path, 0, 0, NULL, "cannot open: %s",
                     fd >= 0 ? strerror(errno) : why);
        return -1;
    }
    /* a regular file is as long as it is; a pipe or device is cut off */
    uint64_t stream_left = regular ? UINT64_MAX : STRACE_MAX_STREAM_BYTES;
    hv_workload_init(w, base_name(path));
    hv_strace *st = hv_strace_new(path, lenient, w);
    if (st) hv_strace_set_sink(st, sink, sink_user);
    size_t cap = READ_CHUNK * 2, have = 0;
    char *buf = st ? malloc(cap) : NULL;
    if (!buf) {
        sim_diag_add(diags, SIM_SEV_ERROR, path, 0, 0, NULL, "out of memory");
        hv_strace_free(st);
        fclose(f);
        return -1;
    }
    int rc = 0, eof = 0;
    while (rc == 0 && !eof) {
        if (cap - have < READ_CHUNK) {
            if (cap >= LINE_MAX_BYTES) {
                sim_diag_add(diags, SIM_SEV_ERROR, path, (int)st->stats.lines + 1, 1, NULL,
                             "line longer than %u bytes", LINE_MAX_BYTES);
                rc = -1;
                break;
            }
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                sim_diag_add(diags, SIM_SEV_ERROR, path, 0, 0, NULL, "out of memory");
                rc = -1;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + have, 1, cap - have, f);
        if (got > stream_left) {
            sim_diag_add(diags, SIM_SEV_ERROR, path, 0, 0, NULL,
                         "more than %llu bytes from a pipe or device: save the trace to a file",
                         (unsigned long long)STRACE_MAX_STREAM_BYTES);
            rc = -1;
            break;
        }
        stream_left -= got;
        if (got == 0) {
            if (ferror(f)) {
                sim_diag_add(diags, SIM_SEV_ERROR, path, 0, 0, NULL, "read error: %s", strerror(errno));
                rc = -1;
                break;
            }
            eof = 1;
        }
        have += got;
        char *p = buf, *e = buf + have;
        for (;;) {
            char *nl = memchr(p, '\n', (size_t)(e - p));
            if (!nl) break;
            rc = hv_strace_feed(st, p, (size_t)(nl - p), diags);
            p = nl + 1;
            if (rc != 0) break;
        }
        if (rc == 0 && eof && p < e) { /* a last line without a newline */
            rc = hv_strace_feed(st, p, (size_t)(e - p), diags);
            p = e;
        }
        have = (size_t)(e - p);
        memmove(buf, p, have);
    }
    fclose(f);
    free(buf);
    if (rc == 0)
        rc = hv_strace_finish(st, stats, diags);
    else if (stats)
        *stats = st->stats;
    hv_strace_free(st);
    return rc;
}
