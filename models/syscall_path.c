/* syscall_path.c: model "sys" -- workloads run through the native, WSL2,
 * WSL1 and Windows (\\wsl$) system-call paths, stage by stage (see
 * syscall_path.h).
 *
 * A run's workload arrives as data (program.h), loaded before the run by
 * import/ and reached by its shared-block index; the model reads no file.
 * A run walks the workload's (class, place)
 * cells in class order.  For each cell it prices the batch once per stage
 * event (hv_cost_price, syscall_cost.c -- the same function `hvsim
 * compare` adds up, so the log and the table always agree) and schedules
 * the next stage that much later; stages that cost nothing in a batch
 * (no I/O left the VM) are skipped, so a WSL2 run on ext4 shows no vmbus
 * events at all.  The note of each stage says what happened, how many
 * calls, where the file lives and how long the batch took there; places
 * whose Linux semantics cannot be kept (chmod on DrvFs or 9P) say so.
 *
 * No randomness: the same workload costs the same on every seed, and
 * exactly what `hvsim compare` prints.
 * Simplified: a profile has no order, so calls run grouped by class; the
 * WSL1 failure happens at the batch of the blocking call's class, after the
 * batches before it.  No other model is involved: the VM is assumed
 * running (boot costs are the uvm model's business).  Costs: the
 * parameters, docs/calibration.md. */
#include "syscall_path.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "engine.h"
#include "program.h"
#include "stages.h"
#include "workload.h"

#define SYS_QUEUE 16
#define SYS_CELLS (HV_SYS_CLASS_COUNT * HV_PLACE_COUNT)

/* File places as on the command line: ext4 / ~ (the path's own Linux fs),
 * mntc / /mnt/c (the Windows drive). */
enum { FS_EXT4, FS_MNTC, FS_SLASH_MNT_C, FS_HOME };
static const char *const fs_names[] = {"ext4", "mntc", "/mnt/c", "~", NULL};
static int on_windows(int64_t fs) { return fs == FS_MNTC || fs == FS_SLASH_MNT_C; }
static const char *const path_names[] = {"native", "wsl2", "wsl1", "windows", NULL};
static const char *const winner_names[] = {"none", "native", "wsl2", "wsl1", "windows", NULL};
enum { ERRNO_OTHER = 7 };
static const char *const errno_names[] = {"none", "EINVAL", "ENOSYS", "ENODEV", "ENOENT",
                                          "EPERM", "EOPNOTSUPP", "other", NULL};

typedef struct sys_job {
    int64_t workload;           /* shared-block index of the hv_program */
    int64_t path, fs;           /* enum indices */
    int64_t ends_compare;       /* 1: the last run of a compare */
} sys_job;

typedef struct sys_state {
    /* parameters */
    hv_cost_table costs;
    /* metrics */
    int64_t running;           /* bool */
    int64_t runs;              /* finished runs, count */
    int64_t last_path;         /* winner_names index (path + 1) */
    int64_t last_time_ns;      /* the last run's simulated time, ns */
    int64_t path_time_ns[HV_PATH_COUNT]; /* the last run on each path, ns */
    int64_t calls;             /* calls the last run made, count */
    int64_t messages;          /* round trips across the VM boundary, last run, count */
    int64_t inexact;           /* calls whose semantics were not kept, last run, count */
    int64_t failed;            /* bool: the last run hit a call its path cannot run */
    int64_t wsl1_failed;       /* bool: the last WSL1 run failed */
    int64_t last_errno;        /* errno_names */
    int64_t winner;            /* winner_names: the faster of WSL2 and WSL1 in the last compare */
    double wsl2_over_native, wsl1_over_native, wsl1_over_wsl2; /* ratios of the last runs */
    /* private: the run in progress */
    hv_workload wl;
    int64_t cpu_ns;            /* the profile's user-mode time, ns */
    sys_job job;
    int64_t started_ns;
    int64_t blocker_class;     /* class of the WSL1 blocker, -1 none */
    int64_t batches;           /* count, this run */
    int64_t run_messages, run_inexact, run_failed, run_errno; /* this run, copied at the end */
    int64_t q_len;
    sys_job q[SYS_QUEUE];
} sys_state;

static const char *const sys_kinds[HV_SYSP_KIND_COUNT] = {
    "run", "compare", "begin", "syscall", "guest_kernel", "vmbus", "host", "trap",
    "intercept", "translate", "nt_execute", "map_back", "win_io", "cpu", "done",
};

#define COST_OFF(f) (offsetof(sys_state, costs) + offsetof(hv_cost_table, f))
#define COST_MAX(ty) ((ty) == SIM_T_DURATION ? SIM_H : (ty) == SIM_T_BYTES ? SIM_TB : 1000)
#define COST_PARAM(f, nm, ty, d, u, dc, src)                                                 \
    {.name = nm, .type = ty, .unit = u, .def = {.i = d}, .min = {.i = (ty) == SIM_T_BYTES},    \
     .max = {.i = COST_MAX(ty)}, .offset = COST_OFF(f), .doc = dc, .source = src},

static const sim_param_def sys_params[] = {
    HV_COST_FIELDS(COST_PARAM)
    {.name = "page_cache_miss", .type = SIM_T_RATIO, .unit = "", .def = {.r = 0.0},
     .min = {.r = 0.0}, .max = {.r = 1.0}, .offset = COST_OFF(page_cache_miss),
     .doc = "share of read messages that miss the page cache (0: warm, as traced)",
     .source = "sys.page_cache_miss"},
};

static const sim_arg_def run_args[] = {
    {.name = "workload", .type = SIM_T_STRING, .required = 1, .shared_kind = "workload",
     .doc = "a built-in profile name, a .wl file or a strace -f -tt -T trace"},
    {.name = "path", .type = SIM_T_ENUM, .required = 1, .enum_names = path_names,
     .min = {.i = 0}, .max = {.i = 3}, .doc = "native, wsl2, wsl1 or windows (\\\\wsl$)"},
    {.name = "fs", .type = SIM_T_ENUM, .required = 0, .def = {.i = FS_EXT4},
     .enum_names = fs_names, .min = {.i = 0}, .max = {.i = 3},
     .doc = "the workload's own files: ext4 or ~ (the path's Linux fs), /mnt/c or mntc (Windows)"},
};
static const sim_arg_def compare_args[] = {
    {.name = "workload", .type = SIM_T_STRING, .required = 1, .shared_kind = "workload",
     .doc = "a built-in profile name, a .wl file or a strace -f -tt -T trace"},
    {.name = "fs", .type = SIM_T_ENUM, .required = 0, .def = {.i = FS_EXT4},
     .enum_names = fs_names, .min = {.i = 0}, .max = {.i = 3},
     .doc = "ext4 or ~ (each path's own Linux fs), /mnt/c or mntc (the Windows drive)"},
};
static const sim_action_def sys_actions[] = {
    {.name = "run", .kind = HV_SYSP_RUN, .args = run_args, .n_args = 3,
     .doc = "run a workload on one path, stage by stage"},
    {.name = "compare", .kind = HV_SYSP_COMPARE, .args = compare_args, .n_args = 2,
     .doc = "run a workload on native, WSL2 and WSL1 in turn and name the winner"},
};

#define M(nm, ty, u, field, d) \
    {.name = nm, .type = ty, .unit = u, .offset = offsetof(sys_state, field), .doc = d}
#define M_ENUM(nm, field, names, d)                                                    \
    {.name = nm, .type = SIM_T_ENUM, .unit = "", .offset = offsetof(sys_state, field), \
     .enum_names = names, .doc = d}
static const sim_metric_def sys_metrics[] = {
    M("running", SIM_T_BOOL, "", running, "a run is in progress"),
    M("runs", SIM_T_COUNT, "", runs, "runs finished"),
    M_ENUM("last_path", last_path, winner_names, "path of the last finished run"),
    M("last_time", SIM_T_DURATION, "ns", last_time_ns, "time the last run took"),
    M("native_time", SIM_T_DURATION, "ns", path_time_ns[HV_PATH_NATIVE], "last native run"),
    M("wsl2_time", SIM_T_DURATION, "ns", path_time_ns[HV_PATH_WSL2], "last WSL2 run"),
    M("wsl1_time", SIM_T_DURATION, "ns", path_time_ns[HV_PATH_WSL1], "last WSL1 run"),
    M("windows_time", SIM_T_DURATION, "ns", path_time_ns[HV_PATH_WINDOWS],
      "last Windows-process run"),
    M("calls", SIM_T_COUNT, "", calls, "system calls of the last run"),
    M("messages", SIM_T_COUNT, "", messages, "round trips across the VM boundary, last run"),
    M("inexact", SIM_T_COUNT, "", inexact, "calls whose Linux semantics were not kept"),
    M("failed", SIM_T_BOOL, "", failed, "the last run hit a call its path cannot run"),
    M("wsl1_failed", SIM_T_BOOL, "", wsl1_failed, "the last WSL1 run failed"),
    M_ENUM("last_errno", last_errno, errno_names, "errno of the failing call"),
    M_ENUM("winner", winner, winner_names, "faster of WSL2 and WSL1 in the last compare"),
    M("wsl2_over_native", SIM_T_RATIO, "", wsl2_over_native, "last WSL2 / last native time"),
    M("wsl1_over_native", SIM_T_RATIO, "", wsl1_over_native, "last WSL1 / last native time"),
    M("wsl1_over_wsl2", SIM_T_RATIO, "", wsl1_over_wsl2, "last WSL1 / last WSL2 time"),
};

static void after(sim_ctx *ctx, int64_t delay_ns, int kind, int64_t w0, int64_t w1)
{
    sim_payload p = {{w0, w1}};
    sim_schedule(ctx, delay_ns, sim_self(ctx), kind, &p);
}

static void enqueue(sys_state *s, sim_ctx *ctx, sys_job job)
{
    if (s->q_len == SYS_QUEUE) {
        sim_note(ctx, "ignored: %d runs are already queued", SYS_QUEUE);
        return;
    }
    s->q[s->q_len++] = job;
    if (!s->running && s->q_len == 1) after(ctx, 0, HV_SYSP_BEGIN, 0, 0);
}

/* The workload a job names (never NULL for a job the scenario loader built). */
static const hv_program *program_of(const sim_ctx *ctx, int64_t idx)
{
    static const hv_program none = {.totals = {.name = "(no workload)"}};
    const hv_program *p = sim_shared_at(ctx, idx);
    return p ? p : &none;
}

static void on_run(sys_state *s, sim_ctx *ctx, const sim_event *ev)
{
    sys_job j = {ev->p.w[0], ev->p.w[1], ev->p.w[2], 0};
    sim_note(ctx, "queue %s on %s, own files on %s", program_of(ctx, j.workload)->totals.name,
             path_names[j.path], on_windows(j.fs) ? "the Windows drive" : "Linux's own fs");
    enqueue(s, ctx, j);
}

static void on_compare(sys_state *s, sim_ctx *ctx, const sim_event *ev)
{
    int64_t wl = ev->p.w[0], fs = ev->p.w[1];
    sim_note(ctx, "compare %s on native, wsl2, wsl1 (own files on %s)",
             program_of(ctx, wl)->totals.name,
             on_windows(fs) ? "the Windows drive" : "each path's Linux fs");
    for (int64_t p = HV_PATH_NATIVE; p <= HV_PATH_WSL1; p++)
        enqueue(s, ctx, (sys_job){wl, p, fs, p == HV_PATH_WSL1});
}

static hv_fs cell_fs(const sys_state *s, int64_t cell)
{
    return hv_fs_for((hv_path)s->job.path, (hv_place)(cell % HV_PLACE_COUNT),
                     (hv_sys_class)(cell / HV_PLACE_COUNT), on_windows(s->job.fs));
}

static int blocked(const sys_state *s, int64_t cell)
{
    return s->job.path == HV_PATH_WSL1 && cell / HV_PLACE_COUNT == s->blocker_class;
}

/* Prices a cell on the current path (the failing batch is its first call). */
static void price_cell(const sys_state *s, int64_t cell, hv_cost_split *out)
{
    int c = (int)(cell / HV_PLACE_COUNT), p = (int)(cell % HV_PLACE_COUNT);
    int64_t n = s->wl.calls[c][p], bytes = s->wl.bytes[c][p], chunks = s->wl.chunks[c][p];
    if (blocked(s, cell)) n = 1, bytes = 0, chunks = 1;
    hv_cost_price(&s->costs, (hv_path)s->job.path, cell_fs(s, cell), (hv_sys_class)c, n, bytes,
                  chunks, out);
}

static int64_t next_cell(const sys_state *s, int64_t from)
{
    for (int64_t cell = from; cell < SYS_CELLS; cell++)
        if (s->wl.calls[cell / HV_PLACE_COUNT][cell % HV_PLACE_COUNT] > 0) return cell;
    return -1;
}

/* The next stage (index into the path's list) at or after i with a cost,
 * or -1.  A batch always shows its first stage. */
static int64_t next_stage(const sys_state *s, int64_t cell, int64_t i)
{
    const hv_stage *st;
    size_t n = hv_path_stages((hv_path)s->job.path, &st);
    hv_cost_split c;
    price_cell(s, cell, &c);
    for (; i < (int64_t)n; i++) {
        if (i == 0 || c.stage_ns[st[i]] > 0) return i;
        if (blocked(s, cell) && st[i] == HV_STAGE_MAPBACK) return i;
    }
    return -1;
}

static void schedule_stage(sys_state *s, sim_ctx *ctx, int64_t delay, int64_t cell, int64_t i)
{
    const hv_stage *st;
    hv_path_stages((hv_path)s->job.path, &st);
    after(ctx, delay, HV_SYSP_STAGE0 + st[i], cell, i);
}

static int64_t errno_index(const char *e)
{
    for (int64_t i = 1; errno_names[i]; i++)
        if (e && strcmp(errno_names[i], e) == 0) return i;
    return ERRNO_OTHER;
}

static void on_begin(sys_state *s, sim_ctx *ctx)
{
    if (s->q_len == 0) return;
    s->job = s->q[0];
    memmove(s->q, s->q + 1, (size_t)(--s->q_len) * sizeof s->q[0]);
    const hv_program *prog = program_of(ctx, s->job.workload);
    s->wl = prog->totals;
    s->cpu_ns = prog->cpu_ns;
    int known = 0;
    s->blocker_class = -1;
    if (s->wl.wsl1_blocker[0]) {
        hv_sys_class bc = hv_sys_classify(s->wl.wsl1_blocker, &known);
        s->blocker_class = bc;
    }
    s->running = 1;
    s->started_ns = sim_now(ctx);
    s->batches = 0;
    s->run_messages = s->run_inexact = s->run_failed = s->run_errno = 0;
    int64_t first = next_cell(s, 0);
    const hv_fs_info *own = hv_fs_describe(
        hv_fs_for((hv_path)s->job.path, HV_PLACE_OWN, HV_SYS_STAT, on_windows(s->job.fs)));
    sim_note(ctx, "%s on %s: %lld calls; own files on %s (%s, %s%s%s)", s->wl.name,
             path_names[s->job.path], (long long)hv_workload_total(&s->wl), own->name,
             own->case_sensitive ? "case-sensitive" : "case-insensitive",
             own->unix_permissions ? "Linux modes kept" : "chmod not stored",
             own->symlinks ? "" : ", no Linux symlinks", own->hard_links ? "" : ", no hard links");
    schedule_stage(s, ctx, 0, first, next_stage(s, first, 0));
}

static void finish(sys_state *s, sim_ctx *ctx)
{
    int64_t t = sim_now(ctx) - s->started_ns;
    int64_t path = s->job.path;
    s->running = 0;
    s->runs++;
    s->last_path = path + 1;
    s->last_time_ns = s->path_time_ns[path] = t;
    s->calls = hv_workload_total(&s->wl);
    s->messages = s->run_messages;
    s->inexact = s->run_inexact;
    s->failed = s->run_failed;
    s->last_errno = s->run_errno;
    if (path == HV_PATH_WSL1) s->wsl1_failed = s->failed;
    int64_t *pt = s->path_time_ns;
    if (pt[HV_PATH_NATIVE] > 0) {
        s->wsl2_over_native = (double)pt[HV_PATH_WSL2] / (double)pt[HV_PATH_NATIVE];
        s->wsl1_over_native = (double)pt[HV_PATH_WSL1] / (double)pt[HV_PATH_NATIVE];
    }
    if (pt[HV_PATH_WSL2] > 0)
        s->wsl1_over_wsl2 = (double)pt[HV_PATH_WSL1] / (double)pt[HV_PATH_WSL2];
    if (s->job.ends_compare) {
        int wsl1_wins = !s->wsl1_failed && pt[HV_PATH_WSL1] < pt[HV_PATH_WSL2];
        s->winner = 1 + (wsl1_wins ? HV_PATH_WSL1 : HV_PATH_WSL2);
        sim_note(ctx, "%s on %s: %s in %s; compare: %s wins (wsl2 %s, wsl1 %s)", s->wl.name,
                 path_names[path], s->failed ? "failed" : "done", hv_fmt_duration(t).s,
                 winner_names[s->winner], hv_fmt_duration(pt[HV_PATH_WSL2]).s,
                 s->wsl1_failed ? "failed" : hv_fmt_duration(pt[HV_PATH_WSL1]).s);
    } else {
        sim_note(ctx, "%s on %s: %s in %s (%lld calls, %lld boundary round trips)", s->wl.name,
                 path_names[path], s->failed ? "failed" : "done", hv_fmt_duration(t).s,
                 (long long)s->calls, (long long)s->messages);
    }
    if (s->q_len) after(ctx, 0, HV_SYSP_BEGIN, 0, 0);
}

static void on_stage(sys_state *s, sim_ctx *ctx, const sim_event *ev)
{
    int64_t cell = ev->p.w[0], i = ev->p.w[1];
    int c = (int)(cell / HV_PLACE_COUNT), p = (int)(cell % HV_PLACE_COUNT);
    hv_stage stage = (hv_stage)(ev->kind - HV_SYSP_STAGE0);
    hv_cost_split split;
    price_cell(s, cell, &split);
    hv_fs fs = cell_fs(s, cell);
    const hv_fs_info *fi = hv_fs_describe(fs);
    int64_t d = split.stage_ns[stage];
    static const char *const place_names[HV_PLACE_COUNT] = {"", "system", "own", "windows"};
    int is_block = blocked(s, cell);
    if (i == 0) {
        s->batches++;
        s->run_messages += split.messages;
        s->run_inexact += is_block ? 0 : split.inexact;
    }
    char what[96];
    if (p == HV_PLACE_NONE || fs == HV_FS_NONE)
        snprintf(what, sizeof what, "%s x%lld", hv_sys_class_name((hv_sys_class)c),
                 (long long)s->wl.calls[c][p]);
    else
        snprintf(what, sizeof what, "%s x%lld (%s files on %s)",
                 hv_sys_class_name((hv_sys_class)c), (long long)s->wl.calls[c][p],
                 place_names[p], fi->name);
    if (is_block && stage == HV_STAGE_TRAP) {
        sim_note(ctx, "%s traps into NT: the first call WSL1 cannot translate (%s)",
                 s->wl.wsl1_blocker, hv_fmt_duration(d).s);
    } else if (is_block && stage == HV_STAGE_INTERCEPT) {
        const char *err = "ENOSYS";
        hv_sys_wsl1_unsupported(s->wl.wsl1_blocker, &err);
        sim_note(ctx, "%s: lxcore has no translation for it (profile line %lld) -> %s",
                 s->wl.wsl1_blocker, (long long)s->wl.wsl1_blocker_line, err);
    } else if (is_block && stage == HV_STAGE_MAPBACK) {
        const char *err = "ENOSYS";
        hv_sys_wsl1_unsupported(s->wl.wsl1_blocker, &err);
        s->run_failed = 1;
        s->run_errno = errno_index(err);
        sim_note(ctx, "%s returns -1 %s: the program stops here (%s)", s->wl.wsl1_blocker, err,
                 hv_fmt_duration(d).s);
        after(ctx, d, HV_SYSP_DONE, 0, 0);
        return;
    } else if (split.inexact && (stage == HV_STAGE_NT || stage == HV_STAGE_HOST)) {
        sim_note(ctx, "%s: %s -- inexact: %s", what, hv_fmt_duration(d).s,
                 fi->inexact ? fi->inexact : "semantics differ");
    } else {
        sim_note(ctx, "%s: %s (%s)", what, hv_fmt_duration(d).s, hv_stage_doc(stage));
    }
    int64_t ni = next_stage(s, cell, i + 1);
    if (ni >= 0) {
        schedule_stage(s, ctx, d, cell, ni);
        return;
    }
    int64_t nc = next_cell(s, cell + 1);
    if (nc < 0) {
        after(ctx, d, s->cpu_ns > 0 ? HV_SYSP_CPU : HV_SYSP_DONE, 0, 0);
        return;
    }
    schedule_stage(s, ctx, d, nc, next_stage(s, nc, 0));
}

static void sys_handle(void *state, sim_ctx *ctx, const sim_event *ev)
{
    sys_state *s = state;
    switch (ev->kind) {
    case HV_SYSP_RUN: on_run(s, ctx, ev); break;
    case HV_SYSP_COMPARE: on_compare(s, ctx, ev); break;
    case HV_SYSP_BEGIN: on_begin(s, ctx); break;
    case HV_SYSP_CPU:
        sim_note(ctx, "user-mode code between the calls: %s (the same on every path)",
                 hv_fmt_duration(s->cpu_ns).s);
        after(ctx, s->cpu_ns, HV_SYSP_DONE, 0, 0);
        break;
    case HV_SYSP_DONE: finish(s, ctx); break;
    default: on_stage(s, ctx, ev); break;
    }
}

static void sys_init(void *state, sim_ctx *ctx)
{
    (void)ctx;
    sys_state *s = state;
    s->blocker_class = -1;
}

static void sys_snapshot(const void *state, sim_snapshot *out)
{
    const sys_state *s = state;
    if (s->running)
        snprintf(out->status, sizeof out->status, "%.40s on %s", s->wl.name,
                 path_names[s->job.path]);
    else
        snprintf(out->status, sizeof out->status, "idle (%lld runs)", (long long)s->runs);
    out->phase = (int)s->job.path;
    out->progress_ppm = 0;
}

const hv_cost_table *hv_sys_costs(const void *state)
{
    return &((const sys_state *)state)->costs;
}

const sim_model_ops hv_sys_ops = {
    .version = SIM_MODEL_ABI_VERSION,
    .name = HV_SYSP_MODEL_NAME,
    .doc = "workloads on the native, WSL2, WSL1 and \\\\wsl$ syscall paths, stage by stage",
    .state_size = sizeof(sys_state),
    .params = sys_params, .n_params = SIM_COUNTOF(sys_params),
    .actions = sys_actions, .n_actions = SIM_COUNTOF(sys_actions),
    .metrics = sys_metrics, .n_metrics = SIM_COUNTOF(sys_metrics),
    .event_kinds = sys_kinds, .n_event_kinds = HV_SYSP_KIND_COUNT,
    .init = sys_init,
    .handle_event = sys_handle,
    .snapshot = sys_snapshot,
};
