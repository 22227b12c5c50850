/* syscall_path.c: model "sys" -- workloads run as processes on the native,
 * WSL2, WSL1 and Windows (\\wsl$) paths (see syscall_path.h).
 *
 * The model owns the actions, parameters, metrics and notes; the replay
 * engine (replay.c) runs the processes.  A run's workload arrives as data
 * (program.h), loaded before the run by import/ and reached by its
 * shared-block index; the model reads no file.  No randomness: the same
 * workload on the same path takes the same time on every seed.
 * Simplified: see replay.h; costs and their sources: syscall_cost.h and
 * docs/calibration.md; strace's overhead: docs/calibration.md
 * (sys.strace_overhead, measured by scripts/strace-overhead.sh). */
#include "syscall_path.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "engine.h"
#include "program.h"
#include "utility_vm.h"
#include "vdisk.h"
#include "stages.h"
#include "workload.h"


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

typedef struct sys_state {
    /* parameters */
    hv_cost_table costs;
    hv_rp_params par;
    /* metrics */
    int64_t running;           /* bool: a run is in progress */
    int64_t runs;              /* finished runs, count */
    int64_t last_path;         /* winner_names index (path + 1) */
    int64_t last_time_ns;      /* the last run's wall time, ns */
    int64_t path_time_ns[HV_PATH_COUNT]; /* the last run on each path, ns */
    int64_t calls;             /* calls the last run made, count */
    int64_t messages;          /* round trips across the VM boundary, last run, count */
    int64_t inexact;           /* calls whose semantics were not kept, last run, count */
    int64_t failed;            /* bool: the last run hit a call its path cannot run */
    int64_t wsl1_failed;       /* bool: the last WSL1 run failed */
    int64_t last_errno;        /* errno_names */
    int64_t stage_path;        /* winner_names: path of the run whose stage ran last */
    int64_t winner;            /* winner_names: the faster of WSL2 and WSL1 in the last compare */
    double wsl2_over_native, wsl1_over_native, wsl1_over_wsl2; /* ratios of the last runs */
    int64_t refused;           /* WSL2 runs refused: no distro registered, count */
    /* private */
    hv_rp_stats path_stats[HV_PATH_COUNT]; /* the last finished run on each path */
    hv_replay rp;
    int64_t uvm_id, vdisk_id;  /* model ids, -1 if absent */
    struct {
        int64_t asked;         /* bool: waiting for the VM's shell */
        int64_t program, tag;
    } vm_wait[HV_RP_RUNS];
    struct {
        int64_t attached;      /* bool: the run holds a shell in the VM */
        int64_t epoch, gen;    /* to hand back to uvm when it ends */
    } vm_run[HV_RP_RUNS];
} sys_state;

/* A run's tag: its fs enum, for a compare the path to run next (hv_path +
 * 1, 0 none), and whether it is a compare's last run. */
#define TAG(fs, next, last) ((fs) | ((int64_t)(next) << 8) | ((int64_t)(last) << 16))
#define TAG_FS(t) ((t) & 0xff)
#define TAG_NEXT(t) (((t) >> 8) & 0xff)
#define TAG_LAST(t) (((t) >> 16) & 1)

static const char *const sys_kinds[HV_SYSP_KIND_COUNT] = {
    "run", "compare", "syscall", "guest_kernel", "vmbus", "host", "trap", "intercept",
    "translate", "nt_execute", "map_back", "win_io", "start", "return", "wake", "p9_send",
    "vm_ready",
};

#define COST_OFF(f) (offsetof(sys_state, costs) + offsetof(hv_cost_table, f))
#define COST_MAX(ty) ((ty) == SIM_T_DURATION ? SIM_H : (ty) == SIM_T_BYTES ? SIM_TB : 1000)
#define COST_PARAM(f, nm, ty, d, u, dc, src)                                                 \
    {.name = nm, .type = ty, .unit = u, .def = {.i = d}, .min = {.i = (ty) == SIM_T_BYTES},    \
     .max = {.i = COST_MAX(ty)}, .offset = COST_OFF(f), .doc = dc, .source = src},

#define RP_PARAM(nm, ty, u, field, d, lo, hi, dc)                                           \
    {.name = nm, .type = ty, .unit = u, .def = {.i = d}, .min = {.i = lo}, .max = {.i = hi},    \
     .offset = offsetof(sys_state, par) + offsetof(hv_rp_params, field), .doc = dc,             \
     .source = "sys." nm}

static const sim_param_def sys_params[] = {
    HV_COST_FIELDS(COST_PARAM)
    RP_PARAM("strace_overhead", SIM_T_DURATION, "ns", strace_overhead_ns, 95000, 0, SIM_S,
             "what strace -f -tt -T adds per traced call (measured here)"),
    RP_PARAM("strace_overhead_in_call", SIM_T_DURATION, "ns", strace_in_call_ns, 8000, 0, SIM_S,
             "of it, the part inside the call's -T duration"),
    RP_PARAM("keep_strace_overhead", SIM_T_BOOL, "", keep_overhead, 0, 0, 1,
             "replay a trace as traced, strace's overhead kept (the native self-check)"),
    RP_PARAM("sched_slice", SIM_T_DURATION, "ns", slice_ns, 3 * SIM_MS, SIM_US, SIM_S,
             "a thread runs this long before a queued one gets its CPU"),
    RP_PARAM("p9_workers", SIM_T_COUNT, "", p9_workers, 4, 1, 1024,
             "requests the 9P server on Windows serves at once"),
    RP_PARAM("cores", SIM_T_COUNT, "", cores, 8, 1, 1024,
             "logical processors of the native machine and of the Windows host"),
    RP_PARAM("vm_processors", SIM_T_COUNT, "", vm_processors, 0, 0, 1024,
             "the utility VM's processors (0: all the host's, WSL's default)"),
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
    M_ENUM("stage_path", stage_path, winner_names, "path of the latest call's stage (its lane)"),
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
    M("procs_running", SIM_T_COUNT, "", rp.running, "threads on a CPU now"),
    M("procs_queued", SIM_T_COUNT, "", rp.queued, "threads waiting for a CPU now"),
    M("procs_blocked", SIM_T_COUNT, "", rp.blocked, "threads off the CPU, waiting now"),
    M("vm_procs", SIM_T_COUNT, "", rp.vm_running, "threads on the utility VM's processors now"),
    M("host_procs", SIM_T_COUNT, "", rp.host_running,
      "threads on the host's or the native machine's cores now"),
    M("p9_in_flight", SIM_T_COUNT, "", rp.p9_busy, "9P requests a server worker serves now"),
    M("p9_queued", SIM_T_COUNT, "", rp.p9_queued, "9P requests waiting for a worker now"),
    M("refused", SIM_T_COUNT, "", refused, "WSL2 runs refused: no distro registered"),
};

/* The workload a run names (never NULL for a run the scenario loader built). */
static const hv_program *program_of(const sim_ctx *ctx, int64_t idx)
{
    static const hv_program none = {.totals = {.name = "(no workload)"}};
    const hv_program *p = sim_shared_at(ctx, idx);
    return p ? p : &none;
}

static hv_rp_env env_of(const sys_state *s)
{
    return (hv_rp_env){.costs = &s->costs, .par = &s->par, .kind_base = HV_SYSP_REPLAY0,
                       .kind_stage0 = HV_SYSP_STAGE0};
}

/* Starts the replay now; the run's index or -1. */
static int begin_run(sys_state *s, sim_ctx *ctx, int64_t wl, int64_t path, int64_t tag)
{
    hv_rp_env env = env_of(s);
    const hv_program *prog = program_of(ctx, wl);
    int run = hv_replay_begin(&s->rp, &env, ctx, wl, (hv_path)path, on_windows(TAG_FS(tag)), tag);
    if (run < 0) {
        sim_note(ctx, "ignored: %s cannot start (%d runs already run, or no workload)",
                 prog->totals.name, HV_RP_RUNS);
        return -1;
    }
    s->running = 1;
    s->vm_run[run].attached = 0;
    const hv_fs_info *own = hv_fs_describe(
        hv_fs_for((hv_path)path, HV_PLACE_OWN, HV_SYS_STAT, on_windows(TAG_FS(tag))));
    sim_note(ctx, "%s on %s: %d thread%s, %lld calls; own files on %s (%s, %s%s%s)",
             prog->totals.name, path_names[path], prog->n_threads,
             prog->n_threads == 1 ? "" : "s", (long long)hv_workload_total(&prog->totals),
             own->name, own->case_sensitive ? "case-sensitive" : "case-insensitive",
             own->unix_permissions ? "Linux modes kept" : "chmod not stored",
             own->symlinks ? "" : ", no Linux symlinks", own->hard_links ? "" : ", no hard links");
    return run;
}

/* A run on a path: on WSL2 with a utility VM in the engine, first a shell
 * in the VM (HV_SYSP_VM_READY comes back when it is up). */
static void start_run(sys_state *s, sim_ctx *ctx, int64_t wl, int64_t path, int64_t tag)
{
    if (path != HV_PATH_WSL2 || s->uvm_id < 0) {
        begin_run(s, ctx, wl, path, tag);
        return;
    }
    int w = 0;
    while (w < HV_RP_RUNS && s->vm_wait[w].asked) w++;
    if (w == HV_RP_RUNS) {
        sim_note(ctx, "ignored: %d runs already wait for the VM", HV_RP_RUNS);
        return;
    }
    s->vm_wait[w].asked = 1;
    s->vm_wait[w].program = wl;
    s->vm_wait[w].tag = tag;
    s->running = 1;
    sim_payload p = {{sim_self(ctx), HV_SYSP_VM_READY, w}};
    sim_schedule(ctx, 0, (int)s->uvm_id, HV_UVM_WORKLOAD, &p);
    sim_note(ctx, "%s on wsl2: wsl.exe asks the utility VM for a shell first",
             program_of(ctx, wl)->totals.name);
}

/* uvm's answer: the shell is up (the processes start now) or refused. */
static void on_vm_ready(sys_state *s, sim_ctx *ctx, const sim_event *ev)
{
    int64_t w = ev->p.w[HV_UVM_REPLY_COOKIE];
    if (w < 0 || w >= HV_RP_RUNS || !s->vm_wait[w].asked) return;
    s->vm_wait[w].asked = 0;
    int64_t wl = s->vm_wait[w].program, tag = s->vm_wait[w].tag;
    if (!ev->p.w[HV_UVM_REPLY_OK]) {
        s->refused++;
        s->runs++;
        s->failed = 1;
        s->last_path = 1 + HV_PATH_WSL2;
        int any = 0;
        for (int i = 0; i < HV_RP_RUNS; i++) any |= s->rp.runs[i].active || s->vm_wait[i].asked;
        s->running = any;
        sim_note(ctx, "%s cannot run on wsl2: no distro is registered",
                 program_of(ctx, wl)->totals.name);
        return;
    }
    int run = begin_run(s, ctx, wl, HV_PATH_WSL2, tag);
    if (run < 0) return;
    s->vm_run[run].attached = 1;
    s->vm_run[run].epoch = ev->p.w[HV_UVM_REPLY_EPOCH];
    s->vm_run[run].gen = ev->p.w[HV_UVM_REPLY_GEN];
}

/* A WSL2 run is over: its shell exits, what it wrote to ext4 reaches the vhdx. */
static void leave_vm(sys_state *s, sim_ctx *ctx, int run)
{
    if (!s->vm_run[run].attached) return;
    s->vm_run[run].attached = 0;
    sim_payload done = {{s->vm_run[run].epoch, s->vm_run[run].gen}};
    sim_schedule(ctx, 0, (int)s->uvm_id, HV_UVM_WORKLOAD_DONE, &done);
    int64_t bytes = s->rp.runs[run].st.ext4_written;
    if (bytes > 0 && s->vdisk_id >= 0) {
        sim_payload wr = {{bytes}};
        sim_schedule(ctx, 0, (int)s->vdisk_id, HV_VDISK_GUEST_WRITE, &wr);
    }
}

static void on_run(sys_state *s, sim_ctx *ctx, const sim_event *ev)
{
    start_run(s, ctx, ev->p.w[0], ev->p.w[1], TAG(ev->p.w[2], 0, 0));
}

static void on_compare(sys_state *s, sim_ctx *ctx, const sim_event *ev)
{
    start_run(s, ctx, ev->p.w[0], HV_PATH_NATIVE, TAG(ev->p.w[1], 1 + HV_PATH_WSL2, 0));
}

static int64_t errno_index(const char *e)
{
    for (int64_t i = 1; errno_names[i]; i++)
        if (e && strcmp(errno_names[i], e) == 0) return i;
    return ERRNO_OTHER;
}

/* A run has ended: metrics, the note, and a compare's next path. */
static void finished(sys_state *s, sim_ctx *ctx, int run)
{
    const hv_rp_run *ru = &s->rp.runs[run];
    const hv_program *prog = program_of(ctx, ru->program);
    const hv_rp_stats *st = &ru->st;
    int64_t path = ru->path, t = st->wall_ns, wl = ru->program, tag = ru->tag;
    s->path_stats[path] = *st;
    s->runs++;
    s->last_path = path + 1;
    s->last_time_ns = s->path_time_ns[path] = t;
    s->calls = st->calls;
    s->messages = st->messages;
    s->inexact = st->inexact;
    s->failed = st->failed != 0;
    s->last_errno = 0;
    if (st->failed == 1) {
        const char *err = "ENOSYS";
        hv_sys_wsl1_unsupported(prog->totals.wsl1_blocker, &err);
        s->last_errno = errno_index(err);
    }
    if (path == HV_PATH_WSL1) s->wsl1_failed = s->failed;
    leave_vm(s, ctx, run);
    int64_t *pt = s->path_time_ns;
    if (pt[HV_PATH_NATIVE] > 0) {
        s->wsl2_over_native = (double)pt[HV_PATH_WSL2] / (double)pt[HV_PATH_NATIVE];
        s->wsl1_over_native = (double)pt[HV_PATH_WSL1] / (double)pt[HV_PATH_NATIVE];
    }
    if (pt[HV_PATH_WSL2] > 0)
        s->wsl1_over_wsl2 = (double)pt[HV_PATH_WSL1] / (double)pt[HV_PATH_WSL2];
    hv_replay_release(&s->rp, run);
    int any = 0;
    for (int i = 0; i < HV_RP_RUNS; i++) any |= s->rp.runs[i].active || s->vm_wait[i].asked;
    s->running = any;
    const char *how = st->failed == 1 ? "failed" : st->failed ? "not modelled (too many threads)"
                                                              : "done";
    if (TAG_NEXT(tag) == 1 + HV_PATH_WSL2)
        start_run(s, ctx, wl, HV_PATH_WSL2, TAG(TAG_FS(tag), 1 + HV_PATH_WSL1, 0));
    else if (TAG_NEXT(tag) == 1 + HV_PATH_WSL1)
        start_run(s, ctx, wl, HV_PATH_WSL1, TAG(TAG_FS(tag), 0, 1));
    if (TAG_LAST(tag)) {
        int wsl1_wins = !s->wsl1_failed && pt[HV_PATH_WSL1] < pt[HV_PATH_WSL2];
        s->winner = 1 + (wsl1_wins ? HV_PATH_WSL1 : HV_PATH_WSL2);
    }
    sim_note(ctx, "%s on %s: %s in %s (user %s, calls %s, blocked %s, %lld boundary round trips)",
             prog->totals.name, path_names[path], how, hv_fmt_duration(t).s,
             hv_fmt_duration(st->user_ns).s, hv_fmt_duration(st->sys_ns).s,
             hv_fmt_duration(st->blocked_ns).s, (long long)st->messages);
}

static void sys_handle(void *state, sim_ctx *ctx, const sim_event *ev)
{
    sys_state *s = state;
    switch (ev->kind) {
    case HV_SYSP_RUN: on_run(s, ctx, ev); return;
    case HV_SYSP_COMPARE: on_compare(s, ctx, ev); return;
    case HV_SYSP_VM_READY: on_vm_ready(s, ctx, ev); return;
    default: {
        if (ev->kind >= HV_SYSP_STAGE0 && ev->kind < HV_SYSP_REPLAY0 && ev->p.w[0] >= 0 &&
            ev->p.w[0] < HV_RP_SLOTS) {
            int32_t run = s->rp.slots[ev->p.w[0]].run;
            if (run >= 0 && run < HV_RP_RUNS) s->stage_path = s->rp.runs[run].path + 1;
        }
        hv_rp_env env = env_of(s);
        int run = hv_replay_handle(&s->rp, &env, ctx, ev);
        if (run >= 0) finished(s, ctx, run);
    }
    }
}

static void sys_init(void *state, sim_ctx *ctx)
{
    sys_state *s = state;
    hv_replay_init(&s->rp);
    s->uvm_id = sim_lookup(ctx, HV_UVM_NAME);
    s->vdisk_id = sim_lookup(ctx, HV_VDISK_NAME);
}

static void sys_snapshot(const void *state, sim_snapshot *out)
{
    const sys_state *s = state;
    if (s->running)
        snprintf(out->status, sizeof out->status, "%lld running, %lld queued, %lld blocked",
                 (long long)s->rp.running, (long long)s->rp.queued, (long long)s->rp.blocked);
    else
        snprintf(out->status, sizeof out->status, "idle (%lld runs)", (long long)s->runs);
}

const hv_cost_table *hv_sys_costs(const void *state)
{
    return &((const sys_state *)state)->costs;
}

const hv_rp_stats *hv_sys_path_stats(const void *state, hv_path path)
{
    return &((const sys_state *)state)->path_stats[path];
}

/* Drawn as a band of lanes, one per path, each the stages hv_path_stages
 * gives that path (tests/test_viewer.c checks they agree); the stage of the
 * latest event is marked in the lane of its run's path (stage_path: runs on
 * several paths may race). */
#define STAGE_KIND(st) (HV_SYSP_STAGE0 + (st))
static const int lane_native[] = {STAGE_KIND(HV_STAGE_SYSCALL)};
static const int lane_wsl2[] = {STAGE_KIND(HV_STAGE_GUEST), STAGE_KIND(HV_STAGE_VMBUS),
                                STAGE_KIND(HV_STAGE_HOST)};
static const int lane_wsl1[] = {STAGE_KIND(HV_STAGE_TRAP), STAGE_KIND(HV_STAGE_INTERCEPT),
                                STAGE_KIND(HV_STAGE_TRANSLATE), STAGE_KIND(HV_STAGE_NT),
                                STAGE_KIND(HV_STAGE_MAPBACK)};
static const int lane_windows[] = {STAGE_KIND(HV_STAGE_WIN_IO), STAGE_KIND(HV_STAGE_VMBUS),
                                   STAGE_KIND(HV_STAGE_GUEST)};
#define LANE(lbl, metric, arr, p)                                                         \
    {.label = lbl, .time_metric = metric, .kinds = arr, .n_kinds = SIM_COUNTOF(arr),      \
     .active_metric = "stage_path", .active_value = (p) + 1}
static const sim_view_lane sys_lanes[HV_PATH_COUNT] = {
    LANE("native", "native_time", lane_native, HV_PATH_NATIVE),
    LANE("WSL2", "wsl2_time", lane_wsl2, HV_PATH_WSL2),
    LANE("WSL1", "wsl1_time", lane_wsl1, HV_PATH_WSL1),
    LANE("\\\\wsl$", "windows_time", lane_windows, HV_PATH_WINDOWS),
};
static const char *const sys_kind_labels[HV_SYSP_KIND_COUNT] = {
    [STAGE_KIND(HV_STAGE_SYSCALL)] = "Linux kernel",
    [STAGE_KIND(HV_STAGE_GUEST)] = "guest Linux kernel",
    [STAGE_KIND(HV_STAGE_VMBUS)] = "VMBus / 9P exit",
    [STAGE_KIND(HV_STAGE_HOST)] = "Windows host",
    [STAGE_KIND(HV_STAGE_TRAP)] = "trap to NT",
    [STAGE_KIND(HV_STAGE_INTERCEPT)] = "lxcore intercept",
    [STAGE_KIND(HV_STAGE_TRANSLATE)] = "translate",
    [STAGE_KIND(HV_STAGE_NT)] = "NT executes",
    [STAGE_KIND(HV_STAGE_MAPBACK)] = "map back",
    [STAGE_KIND(HV_STAGE_WIN_IO)] = "Win32 I/O",
};
static const sim_view_item sys_items[] = {
    {.metric = "procs_running", .label = "threads running"},
    {.metric = "procs_queued", .label = "queued for a CPU"},
    {.metric = "procs_blocked", .label = "blocked"},
    {.metric = "p9_in_flight", .label = "9P in flight"},
    {.metric = "calls", .label = "calls (last run)"},
    {.metric = "messages", .label = "VM-boundary messages"},
    {.metric = "last_errno", .label = "last error"},
};
static const sim_view_def sys_view = {
    .title = "syscall paths",
    .place = SIM_PLACE_BAND,
    .items = sys_items, .n_items = SIM_COUNTOF(sys_items),
    .lanes = sys_lanes, .n_lanes = SIM_COUNTOF(sys_lanes),
    .kind_labels = sys_kind_labels,
};

const sim_model_ops hv_sys_ops = {
    .version = SIM_MODEL_ABI_VERSION,
    .name = HV_SYSP_MODEL_NAME,
    .doc = "workloads run as processes on the native, WSL2, WSL1 and \\\\wsl$ paths",
    .state_size = sizeof(sys_state),
    .params = sys_params, .n_params = SIM_COUNTOF(sys_params),
    .actions = sys_actions, .n_actions = SIM_COUNTOF(sys_actions),
    .metrics = sys_metrics, .n_metrics = SIM_COUNTOF(sys_metrics),
    .event_kinds = sys_kinds, .n_event_kinds = HV_SYSP_KIND_COUNT,
    .init = sys_init,
    .handle_event = sys_handle,
    .snapshot = sys_snapshot,
    .view = &sys_view,
};
