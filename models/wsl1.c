/* wsl1.c: WSL1 (model "wsl1").
 *
 * No VM, no partition, no kernel boot: the first command creates the
 * distro's instance (LxssManager sets up the Linux environment on NT), then
 * each command is a pico process, created by the Windows kernel.  The host
 * holds a small footprint for the instance, nothing like a VM's memory.
 * WSL1 stops too: when the last process started through wsl.exe is gone, the
 * instance terminates instance_idle_timeout later (15 s, Src
 * WslCoreConfig.h InstanceIdleTimeout, the same timer as a WSL2 distro's;
 * introduced in build 18267, inbox release notes -- before it the instance
 * stayed).  The docs' "8 second rule" is this timer, loosely worded.  A new
 * command cancels the timer; a Windows restart ends the instance.
 * Simplified: shutdown is instantaneous; syscall translation costs come with
 * the syscall model.  Numbers: docs/calibration.md. */
#include "wsl1.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "host.h"
#include "procs.h"
#include "release.h"
#include "stages.h"

typedef struct wsl1_state {
    /* parameters */
    int64_t instance_create_ns;   /* instance creation, ns */
    int64_t pico_create_ns;       /* one pico process, ns */
    int64_t host_footprint_bytes; /* held on the host while the instance runs, bytes */
    double jitter;                /* stage duration spread, ratio */
    int64_t instance_idle_timeout_ns; /* last process gone -> instance ends, ns */
    int64_t idle_timeout_min_build;   /* Windows build that added the timer */
    /* metrics */
    int64_t state;                /* HV_WSL1_STOPPED .. HV_WSL1_RUNNING */
    int64_t host_bytes;           /* held on the host, bytes */
    int64_t prompt_latency_ns;    /* last request to its process start, ns */
    /* private */
    hv_release rel;               /* installed releases (boot news) */
    uint64_t idle_seq;            /* pending idle timer, 0 = none */
    int64_t host_id;              /* host model id, or -1 */
    uint64_t stage_seq;           /* pending stage event, 0 = none */
    hv_procs procs;               /* processes; procs.live is a metric */
} wsl1_state;

static const char *const wsl1_kinds[] = {"start",           "exit",           "run",
                                         "shutdown",        "instance_create", "instance_ready",
                                         "process_start",   "process_exit",   "boot_news",
                                         "instance_idle"};

static const char *const wsl1_state_names[] = {"stopped", "creating", "running", NULL};

static const sim_param_def wsl1_params[] = {
    {.name = "instance_create", .type = SIM_T_DURATION, .unit = "ns",
     .def = {.i = 400 * SIM_MS}, .min = {.i = 0}, .max = {.i = SIM_H},
     .offset = offsetof(wsl1_state, instance_create_ns),
     .doc = "LxssManager creates the distro's instance on NT", .source = "wsl1.instance_create"},
    {.name = "pico_create", .type = SIM_T_DURATION, .unit = "ns", .def = {.i = 50 * SIM_MS},
     .min = {.i = 0}, .max = {.i = SIM_H}, .offset = offsetof(wsl1_state, pico_create_ns),
     .doc = "the NT kernel creates one pico process", .source = "wsl1.pico_create"},
    {.name = "host_footprint", .type = SIM_T_BYTES, .unit = "bytes",
     .def = {.i = 40 * SIM_MiB}, .min = {.i = 0}, .max = {.i = 4 * SIM_TiB},
     .offset = offsetof(wsl1_state, host_footprint_bytes),
     .doc = "held on the host while the instance runs", .source = "wsl1.host_footprint"},
    {.name = "jitter", .type = SIM_T_RATIO, .unit = "ratio", .def = {.r = 0.1},
     .min = {.r = 0.0}, .max = {.r = 0.9}, .offset = offsetof(wsl1_state, jitter),
     .doc = "spread of every stage duration, +/- this fraction", .source = "wsl1.jitter"},
    {.name = "instance_idle_timeout", .type = SIM_T_DURATION, .unit = "ns",
     .def = {.i = 15 * SIM_S}, .min = {.i = 0}, .max = {.i = SIM_H},
     .offset = offsetof(wsl1_state, instance_idle_timeout_ns),
     .doc = "the instance ends this long after its last process", .source = "wsl1.instance_idle_timeout"},
    {.name = "idle_timeout_min_build", .type = SIM_T_COUNT, .unit = "", .def = {.i = 18267},
     .min = {.i = 0}, .max = {.i = 99999}, .offset = offsetof(wsl1_state, idle_timeout_min_build),
     .doc = "Windows build that added the idle timer (before it the instance stayed)",
     .source = "wsl1.idle_timeout_min_build"},
};

static const sim_arg_def wsl1_run_args[] = {
    {.name = "duration", .type = SIM_T_DURATION, .required = 1, .min = {.i = 0},
     .max = {.i = 365 * 24 * SIM_H}, .doc = "how long the command runs"},
};

static const sim_action_def wsl1_actions[] = {
    {.name = "start", .kind = HV_WSL1_START, .doc = "open an interactive shell"},
    {.name = "exit", .kind = HV_WSL1_EXIT, .doc = "every interactive shell exits"},
    {.name = "run", .kind = HV_WSL1_RUN, .args = wsl1_run_args,
     .n_args = SIM_COUNTOF(wsl1_run_args), .doc = "run a command for `duration`, then exit"},
    {.name = "shutdown", .kind = HV_WSL1_SHUTDOWN,
     .doc = "wsl --shutdown: the instance and its processes end"},
};

static const sim_metric_def wsl1_metrics[] = {
    {.name = "state", .type = SIM_T_ENUM, .unit = "", .offset = offsetof(wsl1_state, state),
     .enum_names = wsl1_state_names, .doc = "the instance's state"},
    {.name = "processes", .type = SIM_T_COUNT, .unit = "",
     .offset = offsetof(wsl1_state, procs.live), .doc = "running pico processes we started"},
    {.name = "prompt_latency", .type = SIM_T_DURATION, .unit = "ns",
     .offset = offsetof(wsl1_state, prompt_latency_ns),
     .doc = "last command: from the request to its process running (- before the first)"},
    {.name = "host_bytes", .type = SIM_T_BYTES, .unit = "bytes",
     .offset = offsetof(wsl1_state, host_bytes), .doc = "memory held on the host"},
};

static const hv_stage_def wsl1_create_stage = {
    .kind = HV_WSL1_INSTANCE_CREATE, .state_offset = offsetof(wsl1_state, state),
    .state_value = HV_WSL1_CREATING, .base_offset = offsetof(wsl1_state, instance_create_ns),
    .next_kind = HV_WSL1_INSTANCE_READY,
    .what = "LxssManager creates the instance on NT: no VM, no kernel boot, no partition"};

static void wsl1_init(void *state, sim_ctx *ctx)
{
    wsl1_state *s = state;
    s->state = HV_WSL1_STOPPED;
    s->host_bytes = 0;
    s->prompt_latency_ns = SIM_NEVER; /* "-" until a process starts */
    s->host_id = sim_lookup(ctx, HV_HOST_NAME);
    s->stage_seq = s->idle_seq = 0;
    memset(&s->procs, 0, sizeof s->procs);
    memset(&s->rel, 0, sizeof s->rel);
    hv_host_subscribe_boot(ctx, (int)s->host_id, HV_WSL1_BOOT_NEWS);
}

/* The last process is gone: start the instance's idle timer (if this
 * Windows has one).  Returns 1 if it started. */
static int wsl1_maybe_idle(wsl1_state *s, sim_ctx *ctx)
{
    if (s->state != HV_WSL1_RUNNING || !hv_procs_idle(&s->procs) || s->idle_seq) return 0;
    if (!hv_release_at_least(s->rel, s->idle_timeout_min_build, 0)) return 0;
    s->idle_seq = hv_stage_after(ctx, s->instance_idle_timeout_ns, HV_WSL1_INSTANCE_IDLE, 0);
    return 1;
}

/* Ends the instance: its processes, its footprint on the host. */
static int64_t wsl1_terminate(wsl1_state *s, sim_ctx *ctx)
{
    int64_t killed = hv_procs_kill_all(&s->procs);
    hv_stage_cancel(ctx, &s->stage_seq);
    hv_stage_cancel(ctx, &s->idle_seq);
    hv_host_release(ctx, (int)s->host_id, s->host_bytes);
    s->host_bytes = 0;
    s->state = HV_WSL1_STOPPED;
    return killed;
}

static void wsl1_request(wsl1_state *s, sim_ctx *ctx, int64_t run_ns)
{
    const char *what = run_ns < 0 ? "shell" : "command";
    if (s->state == HV_WSL1_RUNNING) {
        hv_stage_cancel(ctx, &s->idle_seq);
        hv_procs_launch(&s->procs, ctx, HV_WSL1_PROCESS_START,
                        hv_stage_draw(ctx, s->pico_create_ns, s->jitter), sim_now(ctx), run_ns);
        sim_note(ctx, "%s: instance running, a pico process is created", what);
        return;
    }
    if (hv_procs_wait(&s->procs, sim_now(ctx), run_ns) != 0) {
        sim_note(ctx, "%s refused: %d requests already wait", what, HV_PROCS_MAX_WAITING);
        return;
    }
    if (s->state == HV_WSL1_CREATING) {
        sim_note(ctx, "%s waits for the instance", what);
        return;
    }
    s->state = HV_WSL1_CREATING;
    s->host_bytes = s->host_footprint_bytes;
    hv_host_reserve(ctx, (int)s->host_id, s->host_bytes);
    s->stage_seq = hv_stage_after(ctx, 0, HV_WSL1_INSTANCE_CREATE, 0);
    sim_note(ctx, "%s: no instance yet: create one (no VM to boot)", what);
}

static void wsl1_ready(wsl1_state *s, sim_ctx *ctx)
{
    s->stage_seq = 0;
    s->state = HV_WSL1_RUNNING;
    int64_t n = hv_procs_launch_waiting(&s->procs, ctx, HV_WSL1_PROCESS_START, s->pico_create_ns,
                                        s->jitter);
    sim_note(ctx, "instance running, %s on the host: %lld waiting command%s",
             hv_fmt_bytes(s->host_bytes).s, (long long)n, n == 1 ? " starts" : "s start");
}

static void wsl1_process_start(wsl1_state *s, sim_ctx *ctx, const sim_event *ev)
{
    int64_t latency = 0;
    if (!hv_procs_on_start(&s->procs, ctx, ev, HV_WSL1_PROCESS_EXIT, &latency)) {
        sim_note(ctx, "void: the shell was closed or the instance shut down first");
        return;
    }
    s->prompt_latency_ns = latency;
    sim_note(ctx, "%s (a pico process) %s after the request",
             ev->p.w[1] < 0 ? "shell prompt" : "command starts", hv_fmt_duration(latency).s);
}

static void wsl1_shutdown(wsl1_state *s, sim_ctx *ctx)
{
    if (s->state == HV_WSL1_STOPPED) {
        hv_procs_kill_all(&s->procs);
        sim_note(ctx, "wsl --shutdown: no WSL1 instance running");
        return;
    }
    int64_t killed = wsl1_terminate(s, ctx);
    sim_note(ctx, "wsl --shutdown: instance terminated, %lld process%s killed", (long long)killed,
             killed == 1 ? "" : "es");
}

static void wsl1_exited(wsl1_state *s, sim_ctx *ctx, const char *what)
{
    if (wsl1_maybe_idle(s, ctx))
        sim_note(ctx, "%s; no process left: the instance ends in %s", what,
                 hv_fmt_duration(s->instance_idle_timeout_ns).s);
    else
        sim_note(ctx, "%s; %lld process%s left%s", what, (long long)s->procs.live,
                 s->procs.live == 1 ? "" : "es",
                 s->procs.live == 0 ? " (this Windows has no idle timer: the instance stays)" : "");
}

static void wsl1_handle(void *state, sim_ctx *ctx, const sim_event *ev)
{
    wsl1_state *s = state;
    switch (ev->kind) {
    case HV_WSL1_START: wsl1_request(s, ctx, HV_PROCS_SHELL); return;
    case HV_WSL1_RUN: wsl1_request(s, ctx, ev->p.w[0]); return;
    case HV_WSL1_EXIT: {
        int64_t closed = hv_procs_exit_shells(&s->procs);
        char what[48];
        snprintf(what, sizeof what, "exit: %lld shell%s closed", (long long)closed,
                 closed == 1 ? "" : "s");
        wsl1_exited(s, ctx, what);
        return;
    }
    case HV_WSL1_SHUTDOWN: wsl1_shutdown(s, ctx); return;
    case HV_WSL1_INSTANCE_CREATE:
        s->stage_seq = hv_stage_begin(ctx, s, &wsl1_create_stage, s->jitter);
        return;
    case HV_WSL1_INSTANCE_READY: wsl1_ready(s, ctx); return;
    case HV_WSL1_PROCESS_START: wsl1_process_start(s, ctx, ev); return;
    case HV_WSL1_PROCESS_EXIT:
        if (hv_procs_on_exit(&s->procs, ev))
            wsl1_exited(s, ctx, "command finished");
        else
            sim_note(ctx, "void: the process was already gone (wsl --shutdown)");
        return;
    case HV_WSL1_INSTANCE_IDLE: {
        s->idle_seq = 0;
        wsl1_terminate(s, ctx);
        sim_note(ctx, "no process for %s: the WSL1 instance terminates, %s back to Windows",
                 hv_fmt_duration(s->instance_idle_timeout_ns).s, hv_fmt_bytes(s->host_footprint_bytes).s);
        return;
    }
    case HV_WSL1_BOOT_NEWS:
        s->rel = hv_release_from_news(ev);
        if (s->rel.boots > 1 && s->state != HV_WSL1_STOPPED) {
            wsl1_terminate(s, ctx);
            sim_note(ctx, "Windows restarted: the WSL1 instance is gone");
        }
        return;
    default: sim_note(ctx, "ignored: unknown event kind %d", (int)ev->kind);
    }
}

static void wsl1_snapshot(const void *state, sim_snapshot *out)
{
    const wsl1_state *s = state;
    memset(out, 0, sizeof *out);
    snprintf(out->status, sizeof out->status, "%s, %lld pico process%s",
             wsl1_state_names[s->state], (long long)s->procs.live,
             s->procs.live == 1 ? "" : "es");
}

/* Drawn inside the host: WSL1 is a layer of NT, no VM. */
static const sim_view_strip wsl1_strips[] = {{.metric = "state"}};
static const sim_view_item wsl1_items[] = {
    {.metric = "prompt_latency", .label = "prompt after", .zero = "not yet"},
    {.metric = "host_bytes", .label = "held on the host"},
};
static const sim_view_def wsl1_view = {
    .title = "WSL1 (no VM: pico processes on NT)",
    .place = SIM_PLACE_INSIDE,
    .parent = "host",
    .strips = wsl1_strips, .n_strips = SIM_COUNTOF(wsl1_strips),
    .items = wsl1_items, .n_items = SIM_COUNTOF(wsl1_items),
};
const sim_model_ops hv_wsl1_ops = {
    .version = SIM_MODEL_ABI_VERSION,
    .name = HV_WSL1_NAME,
    .doc = "WSL1: no VM; Linux processes are NT pico processes",
    .state_size = sizeof(wsl1_state),
    .params = wsl1_params, .n_params = SIM_COUNTOF(wsl1_params),
    .actions = wsl1_actions, .n_actions = SIM_COUNTOF(wsl1_actions),
    .metrics = wsl1_metrics, .n_metrics = SIM_COUNTOF(wsl1_metrics),
    .event_kinds = wsl1_kinds, .n_event_kinds = SIM_COUNTOF(wsl1_kinds),
    .init = wsl1_init,
    .handle_event = wsl1_handle,
    .snapshot = wsl1_snapshot,
    .fini = NULL,
    .view = &wsl1_view,
};
