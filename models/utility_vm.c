/* utility_vm.c: the WSL2 utility VM and its distro (model "uvm").
 *
 * A command (`start` = an interactive shell, `run duration=D` = a command)
 * needs a running distro, which needs a running VM.  From cold:
 *   request -> hv creates a partition -> create_vm (HCS: VMBus channels,
 *   memory backing, no fixed reservation) -> kernel_boot (direct kernel boot:
 *   no firmware, no emulated devices) -> init -> vm_ready -> distro_start ->
 *   distro_ready -> process_start (prompt_latency = request to here).
 * Idle life: the last process gone starts the distro timer (15 s); when it
 * fires the distro stops and the VM timer starts (vmIdleTimeout, 60 s); when
 * that fires the VM stops, gives its memory back to Windows and its
 * partition is destroyed.  Models that live and die with the VM subscribe
 * (utility_vm.h) and hear "started" when the partition exists (HCS sets up
 * network and memory before the kernel boots) and "stopped" when it is gone.  A new command
 * cancels a running timer (the timers' seqs are kept in state).
 * `shutdown` (wsl --shutdown) stops everything at once; a Windows restart
 * (the host's boot news) kills the VM on the spot.  vmIdleTimeout is honoured
 * only where the installed WSL reads it (not by the inbox WSL of builds
 * before 20190).
 * Simplified: one distro; memory is a flat idle footprint (the host holds
 * host_idle_footprint while the VM runs, the guest uses guest_idle_used) --
 * demand growth, page cache and reclaim belong to the memory model; distro
 * stop is instantaneous.  Numbers: timeouts from the WSL source
 * (WslCoreConfig.h), footprints from #6252, durations are estimates whose sum
 * matches "boots in under two seconds" (docs/calibration.md). */
#include "utility_vm.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "host.h"
#include "hypervisor.h"
#include "procs.h"
#include "release.h"
#include "stages.h"

typedef struct uvm_state {
    /* parameters */
    int64_t create_vm_ns;              /* HCS sets the VM up once the partition exists, ns */
    int64_t kernel_boot_ns;            /* direct kernel boot, ns */
    int64_t init_ns;                   /* WSL init in the VM, ns */
    int64_t distro_start_ns;           /* distro start in the running VM, ns */
    int64_t process_create_ns;         /* wsl.exe to a process in a running distro, ns */
    int64_t vm_stop_ns;                /* VM stop to memory back on the host, ns */
    int64_t host_idle_footprint_bytes; /* Vmmem on the host while the VM runs, bytes */
    int64_t guest_idle_used_bytes;     /* used inside the idle guest, bytes */
    int64_t distro_idle_timeout_ns;    /* last process gone -> distro stops, ns */
    int64_t vm_idle_timeout_ns;        /* last distro stopped -> VM stops, ns */
    double jitter;                     /* stage duration spread, ratio */
    int64_t idle_timeout_min_build;    /* inbox WSL reads vmIdleTimeout from this build */
    /* metrics */
    int64_t state;                     /* HV_UVM_STOPPED .. HV_UVM_STOPPING */
    int64_t distro_state;              /* HV_DISTRO_* */
    int64_t boots;                     /* VM boots started, count */
    int64_t host_bytes;                /* Vmmem: held on the host, bytes */
    int64_t guest_used_bytes;          /* used inside the guest, bytes */
    int64_t prompt_latency_ns;         /* last request to its process start, ns */
    int64_t last_boot_ns;              /* last boot: request to VM running, ns */
    int64_t idle_timeout_in_force_ns;  /* the VM idle timeout this release uses, ns */
    /* private */
    hv_release rel;                    /* installed releases (boot news) */
    int64_t host_id, hyp_id;           /* model ids, -1 if absent */
    int64_t partition;                 /* partition id from hv, 0 = none */
    int64_t create_cookie;             /* matches hv's reply to the current create */
    int64_t boot_started_ns;           /* when the current boot began, ns */
    uint64_t stage_seq;                /* pending stage event, 0 = none */
    uint64_t distro_timer_seq;         /* pending distro idle timer, 0 = none */
    uint64_t vm_timer_seq;             /* pending VM idle timer, 0 = none */
    hv_procs procs;                    /* processes; procs.live is a metric */
    int64_t n_subs;                    /* VM start/stop subscribers, count */
    int64_t sub_who[HV_UVM_MAX_SUBSCRIBERS];        /* their model ids */
    int64_t sub_kind[HV_UVM_MAX_SUBSCRIBERS][2];    /* their kinds: [0] start, [1] stop */
    int64_t unregistered;              /* bool: wsl --unregister removed the distro */
    int64_t reply_model, reply_kind;   /* where workload shells are announced (sys) */
} uvm_state;

static const char *const uvm_kinds[] = {
    "start", "exit", "run", "shutdown", "create_vm", "kernel_boot", "init", "vm_ready",
    "distro_start", "distro_ready", "process_start", "process_exit", "distro_idle_timeout",
    "vm_idle_timeout", "vm_stopped", "boot_news", "subscribe", "workload", "workload_done",
    "registered"};

static const char *const uvm_state_names[] = {"stopped", "creating", "booting", "init",
                                              "running", "stopping", NULL};
static const char *const uvm_distro_names[] = {"stopped", "starting", "running", "idle", NULL};

#define UVM_DUR(nm, field, def_ns, text)                                                    \
    {.name = nm, .type = SIM_T_DURATION, .unit = "ns", .def = {.i = def_ns},              \
     .min = {.i = 0}, .max = {.i = SIM_H}, .offset = offsetof(uvm_state, field),         \
     .doc = text, .source = "uvm." nm}
#define UVM_BYTES(nm, field, def_b, text)                                                 \
    {.name = nm, .type = SIM_T_BYTES, .unit = "bytes", .def = {.i = def_b},               \
     .min = {.i = 0}, .max = {.i = 4 * SIM_TiB}, .offset = offsetof(uvm_state, field),   \
     .doc = text, .source = "uvm." nm}

static const sim_param_def uvm_params[] = {
    UVM_DUR("create_vm", create_vm_ns, 300 * SIM_MS,
            "HCS sets up the VM (VMBus channels, memory backing) once the partition exists"),
    UVM_DUR("kernel_boot", kernel_boot_ns, 600 * SIM_MS,
            "direct kernel boot: kernel and initrd loaded by the host, no firmware"),
    UVM_DUR("init", init_ns, 300 * SIM_MS, "WSL init in the VM: mounts, network, hvsocket"),
    UVM_DUR("distro_start", distro_start_ns, 400 * SIM_MS,
            "a distro starts in the running VM (own namespaces, its init)"),
    UVM_DUR("process_create", process_create_ns, 50 * SIM_MS,
            "wsl.exe to a running process in a running distro"),
    UVM_DUR("vm_stop", vm_stop_ns, 500 * SIM_MS,
            "VM stop until its memory is back on the host"),
    UVM_BYTES("host_idle_footprint", host_idle_footprint_bytes, 400 * SIM_MiB,
              "Vmmem on the host while the idle VM runs"),
    UVM_BYTES("guest_idle_used", guest_idle_used_bytes, 60 * SIM_MiB,
              "memory the idle guest itself uses"),
    UVM_DUR("distro_idle_timeout", distro_idle_timeout_ns, 15 * SIM_S,
            "a distro stops this long after its last process"),
    UVM_DUR("vm_idle_timeout", vm_idle_timeout_ns, 60 * SIM_S,
            "the VM stops this long after its last distro"),
    {.name = "jitter", .type = SIM_T_RATIO, .unit = "ratio", .def = {.r = 0.1},
     .min = {.r = 0.0}, .max = {.r = 0.9}, .offset = offsetof(uvm_state, jitter),
     .doc = "spread of every stage duration, +/- this fraction", .source = "uvm.jitter"},
    {.name = "idle_timeout_min_build", .type = SIM_T_COUNT, .unit = "", .def = {.i = 20190},
     .min = {.i = 0}, .max = {.i = 99999}, .offset = offsetof(uvm_state, idle_timeout_min_build),
     .doc = "the inbox WSL (wsl_version 0.0.0) reads vmIdleTimeout from this Windows build",
     .source = "uvm.idle_timeout_min_build"},
};

static const sim_arg_def uvm_run_args[] = {
    {.name = "duration", .type = SIM_T_DURATION, .required = 1, .min = {.i = 0},
     .max = {.i = 365 * 24 * SIM_H}, .doc = "how long the command runs"},
};

static const sim_action_def uvm_actions[] = {
    {.name = "start", .kind = HV_UVM_START,
     .doc = "open an interactive shell (boots the VM and distro if needed)"},
    {.name = "exit", .kind = HV_UVM_EXIT, .doc = "every interactive shell exits"},
    {.name = "run", .kind = HV_UVM_RUN, .args = uvm_run_args,
     .n_args = SIM_COUNTOF(uvm_run_args), .doc = "run a command for `duration`, then exit"},
    {.name = "shutdown", .kind = HV_UVM_SHUTDOWN,
     .doc = "wsl --shutdown: every process, the distro and the VM stop at once"},
};

static const sim_metric_def uvm_metrics[] = {
    {.name = "state", .type = SIM_T_ENUM, .unit = "", .offset = offsetof(uvm_state, state),
     .enum_names = uvm_state_names, .doc = "the VM's state"},
    {.name = "distro_state", .type = SIM_T_ENUM, .unit = "",
     .offset = offsetof(uvm_state, distro_state), .enum_names = uvm_distro_names,
     .doc = "the distro's state (idle: no process, stop timer running)"},
    {.name = "processes", .type = SIM_T_COUNT, .unit = "",
     .offset = offsetof(uvm_state, procs.live), .doc = "running Linux processes we started"},
    {.name = "boots", .type = SIM_T_COUNT, .unit = "", .offset = offsetof(uvm_state, boots),
     .doc = "VM boots so far"},
    {.name = "host_bytes", .type = SIM_T_BYTES, .unit = "bytes",
     .offset = offsetof(uvm_state, host_bytes), .doc = "Vmmem: memory held on the host"},
    {.name = "guest_used_bytes", .type = SIM_T_BYTES, .unit = "bytes",
     .offset = offsetof(uvm_state, guest_used_bytes), .doc = "memory used inside the VM"},
    {.name = "prompt_latency", .type = SIM_T_DURATION, .unit = "ns",
     .offset = offsetof(uvm_state, prompt_latency_ns),
     .doc = "last command: from the request to its process running (- before the first)"},
    {.name = "last_boot", .type = SIM_T_DURATION, .unit = "ns",
     .offset = offsetof(uvm_state, last_boot_ns),
     .doc = "last VM boot: from the request to the VM running (- before the first)"},
    {.name = "idle_timeout_in_force", .type = SIM_T_DURATION, .unit = "ns",
     .offset = offsetof(uvm_state, idle_timeout_in_force_ns),
     .doc = "the VM idle timeout the installed WSL applies"},
};

#define UVM_STAGE(k, field_state, st, field, next, text)                                  \
    {.kind = k, .state_offset = offsetof(uvm_state, field_state), .state_value = st,      \
     .base_offset = offsetof(uvm_state, field), .next_kind = next, .what = text}

static const hv_stage_def uvm_stages[] = {
    UVM_STAGE(HV_UVM_CREATE_VM, state, HV_UVM_CREATING, create_vm_ns, HV_UVM_KERNEL_BOOT,
              "HCS sets up the utility VM: VMBus channels, memory backing, no fixed reservation"),
    UVM_STAGE(HV_UVM_KERNEL_BOOT, state, HV_UVM_BOOTING, kernel_boot_ns, HV_UVM_INIT,
              "direct kernel boot: no firmware, no emulated devices"),
    UVM_STAGE(HV_UVM_INIT, state, HV_UVM_S_INIT, init_ns, HV_UVM_VM_READY,
              "WSL init: mounts, network, hvsocket to the host"),
    UVM_STAGE(HV_UVM_DISTRO_START, distro_state, HV_DISTRO_STARTING, distro_start_ns,
              HV_UVM_DISTRO_READY, "distro starts: its own PID/mount/user namespaces, its init"),
};

static void uvm_init(void *state, sim_ctx *ctx)
{
    uvm_state *s = state;
    s->state = HV_UVM_STOPPED;
    s->distro_state = HV_DISTRO_STOPPED;
    s->boots = s->host_bytes = s->guest_used_bytes = 0;
    s->prompt_latency_ns = s->last_boot_ns = SIM_NEVER; /* "-" until it happens */
    s->host_id = sim_lookup(ctx, HV_HOST_NAME);
    s->hyp_id = sim_lookup(ctx, HV_HYP_NAME);
    s->partition = s->create_cookie = s->boot_started_ns = 0;
    s->stage_seq = s->distro_timer_seq = s->vm_timer_seq = 0;
    memset(&s->procs, 0, sizeof s->procs);
    memset(&s->rel, 0, sizeof s->rel);
    s->n_subs = 0;
    s->unregistered = 0;
    s->reply_model = -1;
    s->idle_timeout_in_force_ns = s->vm_idle_timeout_ns;
    hv_host_subscribe_boot(ctx, (int)s->host_id, HV_UVM_BOOT_NEWS);
}

/* The configured vmIdleTimeout, unless this WSL does not read the key (then
 * the parameter's default, WSL's built-in 60 s). */
static int64_t vm_idle_timeout(const uvm_state *s)
{
    int inbox = s->rel.windows_build && s->rel.wsl_version == 0;
    if (inbox && s->rel.windows_build < s->idle_timeout_min_build)
        return uvm_params[sim_model_find_param(&hv_uvm_ops, "vm_idle_timeout")].def.i;
    return s->vm_idle_timeout_ns;
}

/* --- who follows the VM --------------------------------------------------- */

static void uvm_subscribe(uvm_state *s, sim_ctx *ctx, const sim_event *ev)
{
    const int64_t who = ev->p.w[HV_UVM_SUB_WHO];
    const char *name = sim_model_name(ctx, (int)who);
    if (!name || s->n_subs == HV_UVM_MAX_SUBSCRIBERS) {
        sim_note(ctx, "ignored: subscription from %s", name ? "one model too many" : "no model");
        return;
    }
    s->sub_who[s->n_subs] = who;
    s->sub_kind[s->n_subs][0] = ev->p.w[HV_UVM_SUB_START_KIND];
    s->sub_kind[s->n_subs][1] = ev->p.w[HV_UVM_SUB_STOP_KIND];
    s->n_subs++;
    sim_note(ctx, "%s follows the VM's start and stop", name);
}

/* Tells every subscriber, now, that the VM started (stopped = 0) or
 * stopped (1). */
static void uvm_announce(const uvm_state *s, sim_ctx *ctx, int stopped)
{
    for (int64_t i = 0; i < s->n_subs; i++)
        sim_schedule(ctx, 0, (int)s->sub_who[i], (int)s->sub_kind[i][stopped], NULL);
}

uint64_t hv_uvm_subscribe(sim_ctx *ctx, int uvm, int start_kind, int stop_kind)
{
    sim_payload p = {.w = {[HV_UVM_SUB_WHO] = sim_self(ctx), [HV_UVM_SUB_START_KIND] = start_kind,
                           [HV_UVM_SUB_STOP_KIND] = stop_kind}};
    return uvm < 0 ? 0 : sim_schedule_prio(ctx, 0, HV_UVM_SUBSCRIBE_PRIO, uvm, HV_UVM_SUBSCRIBE, &p);
}

/* --- the VM's life -------------------------------------------------------- */

/* Asks the hypervisor for a partition; the VM is now being created. */
static void uvm_begin_create(uvm_state *s, sim_ctx *ctx)
{
    s->state = HV_UVM_CREATING;
    s->boots++;
    s->boot_started_ns = sim_now(ctx);
    s->create_cookie++;
    hv_hyp_create_partition(ctx, (int)s->hyp_id, HV_UVM_CREATE_VM, s->create_cookie);
}

static void uvm_begin_stop(uvm_state *s, sim_ctx *ctx)
{
    s->state = HV_UVM_STOPPING;
    s->stage_seq = hv_stage_after(ctx, hv_stage_draw(ctx, s->vm_stop_ns, s->jitter),
                                  HV_UVM_VM_STOPPED, 0);
}

/* The hypervisor's reply: the partition exists; HCS sets the VM up. */
static void uvm_partition_ready(uvm_state *s, sim_ctx *ctx, const sim_event *ev)
{
    if (s->state != HV_UVM_CREATING || s->partition != 0 || ev->p.w[1] != s->create_cookie) {
        hv_hyp_destroy_partition(ctx, (int)s->hyp_id, ev->p.w[0]);
        sim_note(ctx, "partition #%lld arrived after wsl --shutdown: destroyed",
                 (long long)ev->p.w[0]);
        return;
    }
    if (ev->p.w[0] == 0) { /* no hypervisor */
        int64_t dropped = hv_procs_kill_all(&s->procs);
        s->state = HV_UVM_STOPPED;
        sim_note(ctx, "WSL2 cannot start: no hypervisor (\"Please enable the Virtual Machine "
                 "Platform Windows feature\"); %lld request%s fail", (long long)dropped,
                 dropped == 1 ? "" : "s");
        return;
    }
    s->partition = ev->p.w[0];
    s->host_bytes = s->host_idle_footprint_bytes;
    hv_host_reserve(ctx, (int)s->host_id, s->host_bytes);
    uvm_announce(s, ctx, 0);
    s->stage_seq = hv_stage_begin(ctx, s, &uvm_stages[0], s->jitter);
}

static void uvm_vm_ready(uvm_state *s, sim_ctx *ctx)
{
    s->stage_seq = 0;
    s->state = HV_UVM_RUNNING;
    s->guest_used_bytes = s->guest_idle_used_bytes;
    s->last_boot_ns = sim_now(ctx) - s->boot_started_ns;
    if (s->procs.n_waiting > 0) {
        s->distro_state = HV_DISTRO_STARTING;
        s->stage_seq = hv_stage_after(ctx, 0, HV_UVM_DISTRO_START, 0);
        sim_note(ctx, "utility VM running: boot #%lld took %s; Vmmem %s, guest uses %s",
                 (long long)s->boots, hv_fmt_duration(s->last_boot_ns).s,
                 hv_fmt_bytes(s->host_bytes).s, hv_fmt_bytes(s->guest_used_bytes).s);
        return;
    }
    s->idle_timeout_in_force_ns = vm_idle_timeout(s);
    s->vm_timer_seq = hv_stage_after(ctx, s->idle_timeout_in_force_ns, HV_UVM_VM_IDLE, 0);
    sim_note(ctx, "utility VM running after %s, but no command waits: it stops in %s",
             hv_fmt_duration(s->last_boot_ns).s, hv_fmt_duration(s->idle_timeout_in_force_ns).s);
}

static void uvm_vm_stopped(uvm_state *s, sim_ctx *ctx)
{
    s->stage_seq = 0;
    hv_host_release(ctx, (int)s->host_id, s->host_bytes);
    hv_hyp_destroy_partition(ctx, (int)s->hyp_id, s->partition);
    uvm_announce(s, ctx, 1);
    int64_t freed = s->host_bytes;
    s->host_bytes = s->guest_used_bytes = 0;
    s->partition = 0;
    s->state = HV_UVM_STOPPED;
    if (s->procs.n_waiting > 0) {
        uvm_begin_create(s, ctx);
        sim_note(ctx, "VM stopped, %s back to Windows; a command waits: boot #%lld begins",
                 hv_fmt_bytes(freed).s, (long long)s->boots);
        return;
    }
    sim_note(ctx, "VM stopped: %s back to Windows, partition destroyed", hv_fmt_bytes(freed).s);
}

/* --- the distro and its processes ---------------------------------------- */

/* Starts the distro idle timer if nothing runs any more.  Returns 1 if so. */
static int uvm_maybe_idle(uvm_state *s, sim_ctx *ctx)
{
    if (s->distro_state != HV_DISTRO_RUNNING || !hv_procs_idle(&s->procs)) return 0;
    s->distro_state = HV_DISTRO_IDLE;
    s->distro_timer_seq = hv_stage_after(ctx, s->distro_idle_timeout_ns, HV_UVM_DISTRO_IDLE, 0);
    return 1;
}

static void uvm_distro_ready(uvm_state *s, sim_ctx *ctx)
{
    s->stage_seq = 0;
    s->distro_state = HV_DISTRO_RUNNING;
    int64_t n = hv_procs_launch_waiting(&s->procs, ctx, HV_UVM_PROCESS_START,
                                        s->process_create_ns, s->jitter);
    if (uvm_maybe_idle(s, ctx))
        sim_note(ctx, "distro running, no command waits any more: it stops in %s",
                 hv_fmt_duration(s->distro_idle_timeout_ns).s);
    else
        sim_note(ctx, "distro running: %lld waiting command%s", (long long)n,
                 n == 1 ? " starts" : "s start");
}

static void uvm_distro_idle(uvm_state *s, sim_ctx *ctx)
{
    s->distro_timer_seq = 0;
    s->distro_state = HV_DISTRO_STOPPED;
    s->idle_timeout_in_force_ns = vm_idle_timeout(s);
    s->vm_timer_seq = hv_stage_after(ctx, s->idle_timeout_in_force_ns, HV_UVM_VM_IDLE, 0);
    sim_note(ctx, "distro stopped: no process for %s; the VM stops in %s (vmIdleTimeout%s)",
             hv_fmt_duration(s->distro_idle_timeout_ns).s,
             hv_fmt_duration(s->idle_timeout_in_force_ns).s,
             s->idle_timeout_in_force_ns != s->vm_idle_timeout_ns
                 ? "; this inbox WSL ignores the configured value" : "");
}

static void uvm_vm_idle(uvm_state *s, sim_ctx *ctx)
{
    s->vm_timer_seq = 0;
    uvm_begin_stop(s, ctx);
    sim_note(ctx, "no distro for %s (vmIdleTimeout): the utility VM stops",
             hv_fmt_duration(s->idle_timeout_in_force_ns).s);
}

static void uvm_process_start(uvm_state *s, sim_ctx *ctx, const sim_event *ev)
{
    int64_t latency = 0;
    if (!hv_procs_on_start(&s->procs, ctx, ev, HV_UVM_PROCESS_EXIT, &latency)) {
        int idle = uvm_maybe_idle(s, ctx);
        sim_note(ctx, "void: the shell was closed or the VM shut down before it started%s",
                 idle ? "; distro idle" : "");
        return;
    }
    s->prompt_latency_ns = latency;
    if (ev->p.w[4] > 0 && s->reply_model >= 0) { /* a workload's shell: its processes may run */
        sim_payload p = {{ev->p.w[4] - 1, 1, s->procs.epoch, s->procs.shell_gen}};
        sim_schedule(ctx, 0, (int)s->reply_model, (int)s->reply_kind, &p);
        sim_note(ctx, "workload shell up %s after the request: its processes run in the VM",
                 hv_fmt_duration(latency).s);
        return;
    }
    if (ev->p.w[1] < 0)
        sim_note(ctx, "shell prompt %s after the request; %lld process%s", hv_fmt_duration(latency).s,
                 (long long)s->procs.live, s->procs.live == 1 ? "" : "es");
    else
        sim_note(ctx, "command runs for %s, started %s after the request",
                 hv_fmt_duration(ev->p.w[1]).s, hv_fmt_duration(latency).s);
}

static void uvm_process_exit(uvm_state *s, sim_ctx *ctx, const sim_event *ev)
{
    if (!hv_procs_on_exit(&s->procs, ev)) {
        sim_note(ctx, "void: the process was already gone (wsl --shutdown)");
        return;
    }
    if (uvm_maybe_idle(s, ctx))
        sim_note(ctx, "command finished; last process gone: the distro stops in %s",
                 hv_fmt_duration(s->distro_idle_timeout_ns).s);
    else
        sim_note(ctx, "command finished; %lld process%s left", (long long)s->procs.live,
                 s->procs.live == 1 ? "" : "es");
}

/* --- actions -------------------------------------------------------------- */

/* A shell or command asks to run (run_ns < 0: a shell); tag > 0: a
 * workload's shell (cookie + 1). */
static void uvm_request(uvm_state *s, sim_ctx *ctx, int64_t run_ns, int64_t tag)
{
    const int64_t now = sim_now(ctx);
    const char *what = tag > 0 ? "workload" : run_ns < 0 ? "shell" : "command";
    if (s->unregistered) {
        sim_note(ctx, "%s refused: no distro is registered (wsl --unregister)", what);
        return;
    }
    if (s->state == HV_UVM_RUNNING && (s->distro_state == HV_DISTRO_RUNNING ||
                                       s->distro_state == HV_DISTRO_IDLE)) {
        int cancelled = hv_stage_cancel(ctx, &s->distro_timer_seq);
        s->distro_state = HV_DISTRO_RUNNING;
        hv_procs_launch_tagged(&s->procs, ctx, HV_UVM_PROCESS_START,
                               hv_stage_draw(ctx, s->process_create_ns, s->jitter), now, run_ns,
                               tag);
        sim_note(ctx, "%s: distro running, no boot needed%s", what,
                 cancelled ? "; distro stop timer cancelled" : "");
        return;
    }
    if (s->hyp_id < 0) {
        sim_note(ctx, "%s refused: no hypervisor model in this run", what);
        return;
    }
    if (hv_procs_wait_tagged(&s->procs, now, run_ns, tag) != 0) {
        sim_note(ctx, "%s refused: %d requests already wait", what, HV_PROCS_MAX_WAITING);
        return;
    }
    if (s->state == HV_UVM_RUNNING && s->distro_state == HV_DISTRO_STOPPED) {
        int cancelled = hv_stage_cancel(ctx, &s->vm_timer_seq);
        s->distro_state = HV_DISTRO_STARTING;
        s->stage_seq = hv_stage_after(ctx, 0, HV_UVM_DISTRO_START, 0);
        sim_note(ctx, "%s: VM running, distro stopped: start it%s", what,
                 cancelled ? "; VM stop timer cancelled" : "");
    } else if (s->state == HV_UVM_STOPPED) {
        uvm_begin_create(s, ctx);
        sim_note(ctx, "%s: no VM running: ask the hypervisor for a partition (boot #%lld)",
                 what, (long long)s->boots);
    } else {
        sim_note(ctx, "%s waits: VM %s, distro %s", what, uvm_state_names[s->state],
                 uvm_distro_names[s->distro_state]);
    }
}

static void uvm_exit(uvm_state *s, sim_ctx *ctx)
{
    int64_t closed = hv_procs_exit_shells(&s->procs);
    if (uvm_maybe_idle(s, ctx))
        sim_note(ctx, "exit: %lld shell%s closed; last process gone: the distro stops in %s",
                 (long long)closed, closed == 1 ? "" : "s",
                 hv_fmt_duration(s->distro_idle_timeout_ns).s);
    else
        sim_note(ctx, "exit: %lld shell%s closed; %lld process%s left", (long long)closed,
                 closed == 1 ? "" : "s", (long long)s->procs.live,
                 s->procs.live == 1 ? "" : "es");
}

static void uvm_shutdown(uvm_state *s, sim_ctx *ctx)
{
    if (s->state == HV_UVM_STOPPED || s->state == HV_UVM_STOPPING) {
        int64_t dropped = s->procs.n_waiting;
        hv_procs_kill_all(&s->procs);
        sim_note(ctx, "wsl --shutdown: the VM is already %s%s", uvm_state_names[s->state],
                 dropped ? "; waiting commands dropped" : "");
        return;
    }
    int64_t killed = hv_procs_kill_all(&s->procs);
    hv_stage_cancel(ctx, &s->stage_seq);
    hv_stage_cancel(ctx, &s->distro_timer_seq);
    hv_stage_cancel(ctx, &s->vm_timer_seq);
    s->distro_state = HV_DISTRO_STOPPED;
    if (s->partition == 0) {           /* still waiting for the hypervisor */
        s->state = HV_UVM_STOPPED;
        sim_note(ctx, "wsl --shutdown: VM creation abandoned before its partition existed");
        return;
    }
    uvm_begin_stop(s, ctx);
    sim_note(ctx, "wsl --shutdown: %lld process%s killed, distro stopped, VM stopping",
             (long long)killed, killed == 1 ? "" : "es");
}

/* The host's boot news: keep the releases; after a Windows restart the VM
 * (if any) is gone at once, with no orderly stop. */
static void uvm_boot_news(uvm_state *s, sim_ctx *ctx, const sim_event *ev)
{
    s->rel = hv_release_from_news(ev);
    if (s->rel.boots <= 1) return;
    int64_t killed = hv_procs_kill_all(&s->procs);
    hv_stage_cancel(ctx, &s->stage_seq);
    hv_stage_cancel(ctx, &s->distro_timer_seq);
    hv_stage_cancel(ctx, &s->vm_timer_seq);
    s->distro_state = HV_DISTRO_STOPPED;
    if (s->state == HV_UVM_STOPPED) return;
    s->create_cookie++; /* a partition still on its way is destroyed when it arrives */
    if (s->partition != 0) {
        hv_host_release(ctx, (int)s->host_id, s->host_bytes);
        hv_hyp_destroy_partition(ctx, (int)s->hyp_id, s->partition);
        uvm_announce(s, ctx, 1);
    }
    s->host_bytes = s->guest_used_bytes = 0;
    s->partition = 0;
    s->state = HV_UVM_STOPPED;
    sim_note(ctx, "Windows restarted: the utility VM is gone, %lld process%s with it",
             (long long)killed, killed == 1 ? "" : "es");
}

/* sys asks for a shell to run a workload in, as wsl.exe does. */
static void uvm_workload(uvm_state *s, sim_ctx *ctx, const sim_event *ev)
{
    s->reply_model = ev->p.w[0];
    s->reply_kind = ev->p.w[1];
    if (s->unregistered) {
        sim_payload p = {{ev->p.w[2], 0, 0, 0}};
        sim_schedule(ctx, 0, (int)s->reply_model, (int)s->reply_kind, &p);
        sim_note(ctx, "workload refused: no distro is registered (wsl --unregister)");
        return;
    }
    uvm_request(s, ctx, HV_PROCS_SHELL, ev->p.w[2] + 1);
}

/* vdisk: the distro was unregistered (its processes end, it stops) or is
 * back (import, install). */
static void uvm_registered(uvm_state *s, sim_ctx *ctx, int64_t yes)
{
    s->unregistered = !yes;
    if (yes) {
        sim_note(ctx, "a distro is registered again");
        return;
    }
    int64_t killed = hv_procs_kill_all(&s->procs);
    hv_stage_cancel(ctx, &s->distro_timer_seq);
    int was = s->distro_state != HV_DISTRO_STOPPED;
    s->distro_state = HV_DISTRO_STOPPED;
    if (s->state == HV_UVM_RUNNING && s->vm_timer_seq == 0)
        s->vm_timer_seq = hv_stage_after(ctx, vm_idle_timeout(s), HV_UVM_VM_IDLE, 0);
    sim_note(ctx, "wsl --unregister: the distro is gone%s (%lld process%s ended)",
             was ? " and stops" : "", (long long)killed, killed == 1 ? "" : "es");
}

static void uvm_handle(void *state, sim_ctx *ctx, const sim_event *ev)
{
    uvm_state *s = state;
    switch (ev->kind) {
    case HV_UVM_START: uvm_request(s, ctx, HV_PROCS_SHELL, 0); return;
    case HV_UVM_RUN: uvm_request(s, ctx, ev->p.w[0], 0); return;
    case HV_UVM_WORKLOAD: uvm_workload(s, ctx, ev); return;
    case HV_UVM_WORKLOAD_DONE:
        if (hv_procs_end_shell(&s->procs, ev->p.w[0], ev->p.w[1]))
            sim_note(ctx, "workload done: its shell exits%s",
                     uvm_maybe_idle(s, ctx) ? "; last process gone: the distro stops soon" : "");
        else
            sim_note(ctx, "void: the workload's shell was already gone");
        return;
    case HV_UVM_REGISTERED: uvm_registered(s, ctx, ev->p.w[0]); return;
    case HV_UVM_EXIT: uvm_exit(s, ctx); return;
    case HV_UVM_SHUTDOWN: uvm_shutdown(s, ctx); return;
    case HV_UVM_CREATE_VM: uvm_partition_ready(s, ctx, ev); return;
    case HV_UVM_KERNEL_BOOT:
    case HV_UVM_INIT:
    case HV_UVM_DISTRO_START:
        s->stage_seq = hv_stage_begin(
            ctx, s, hv_stage_find(uvm_stages, SIM_COUNTOF(uvm_stages), ev->kind), s->jitter);
        return;
    case HV_UVM_VM_READY: uvm_vm_ready(s, ctx); return;
    case HV_UVM_DISTRO_READY: uvm_distro_ready(s, ctx); return;
    case HV_UVM_PROCESS_START: uvm_process_start(s, ctx, ev); return;
    case HV_UVM_PROCESS_EXIT: uvm_process_exit(s, ctx, ev); return;
    case HV_UVM_DISTRO_IDLE: uvm_distro_idle(s, ctx); return;
    case HV_UVM_VM_IDLE: uvm_vm_idle(s, ctx); return;
    case HV_UVM_VM_STOPPED: uvm_vm_stopped(s, ctx); return;
    case HV_UVM_BOOT_NEWS: uvm_boot_news(s, ctx, ev); return;
    case HV_UVM_SUBSCRIBE: uvm_subscribe(s, ctx, ev); return;
    default: sim_note(ctx, "ignored: unknown event kind %d", (int)ev->kind);
    }
}

static void uvm_snapshot(const void *state, sim_snapshot *out)
{
    const uvm_state *s = state;
    memset(out, 0, sizeof *out);
    snprintf(out->status, sizeof out->status, "VM %s, distro %s, %lld proc",
             uvm_state_names[s->state], uvm_distro_names[s->distro_state],
             (long long)s->procs.live);
}

/* Drawn as a column beside the host (a child partition), holding memory,
 * disk and NIC; the 9P channel joins it to the host. */
static const sim_view_strip uvm_strips[] = {
    {.metric = "state", .label = "VM"},
    {.metric = "distro_state", .label = "distro"},
};
static const sim_view_item uvm_items[] = {
    {.metric = "processes", .label = "processes"},
    {.metric = "prompt_latency", .label = "last prompt after", .zero = "not yet"},
    {.metric = "host_bytes", .label = "Vmmem idle footprint"},
};
static const sim_view_def uvm_view = {
    .title = "WSL2 utility VM (child partition)",
    .place = SIM_PLACE_COLUMN,
    .strips = uvm_strips, .n_strips = SIM_COUNTOF(uvm_strips),
    .items = uvm_items, .n_items = SIM_COUNTOF(uvm_items),
    .link_label = "9P /mnt/c",
};
const sim_model_ops hv_uvm_ops = {
    .version = SIM_MODEL_ABI_VERSION,
    .name = HV_UVM_NAME,
    .doc = "the WSL2 utility VM: direct kernel boot on the hypervisor, idle timeouts",
    .state_size = sizeof(uvm_state),
    .params = uvm_params, .n_params = SIM_COUNTOF(uvm_params),
    .actions = uvm_actions, .n_actions = SIM_COUNTOF(uvm_actions),
    .metrics = uvm_metrics, .n_metrics = SIM_COUNTOF(uvm_metrics),
    .event_kinds = uvm_kinds, .n_event_kinds = SIM_COUNTOF(uvm_kinds),
    .init = uvm_init,
    .handle_event = uvm_handle,
    .snapshot = uvm_snapshot,
    .fini = NULL,
    .view = &uvm_view,
};
