/* classic_vm.c: a classic Type-2 VM (model "t2vm").
 *
 * Power-on reserves the VM's whole memory on the host at once (a fixed
 * reservation: the host loses it whether the guest uses it or not), then the
 * guest walks five stages, each its own event: firmware POST, boot loader,
 * emulated device set-up, kernel boot, init; then a login shell (the prompt).
 * Type-1.5: at power-on the VM asks the hypervisor for a partition.  With
 * the hypervisor loaded (Hyper-V, the Virtual Machine Platform WSL2 needs,
 * or VBS), VirtualBox and VMware cannot use their own ring-0 driver and run
 * as a partition of Hyper-V through the Windows Hypervisor Platform (WHP):
 * every VM exit then goes hypervisor -> root partition -> the user-mode VMM
 * and back (QEMU docs, whpx).  Without it they use their own driver.  The
 * difference shows where exits dominate: device set-up, each emulated
 * device access an exit (device_exits x the exit cost in force).
 * Simplified: device set-up is one stage between boot loader and kernel
 * boot (in a real guest the kernel probes emulated devices during its own
 * boot; keeping it apart shows its cost); exits during the other stages and
 * at run time are not priced; shutdown is instantaneous.
 * Numbers: every duration and the guest's idle use are estimates (no
 * published figure in shared/domain/wsl-facts.md); docs/calibration.md says
 * how each was reasoned. */
#include "classic_vm.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "host.h"
#include "hypervisor.h"
#include "stages.h"

typedef struct t2vm_state {
    /* parameters */
    int64_t memory_bytes;          /* fixed guest memory, reserved in full, bytes */
    int64_t post_ns;               /* firmware POST, ns */
    int64_t boot_loader_ns;        /* boot loader, ns */
    int64_t device_exits;          /* VM exits of emulated device set-up, count */
    int64_t exit_own_ns;           /* one exit with the VMM's own driver, ns */
    int64_t exit_whp_ns;           /* one exit through WHP, ns */
    int64_t kernel_boot_ns;        /* kernel boot, ns */
    int64_t init_ns;               /* init up to a login shell, ns */
    int64_t guest_idle_used_bytes; /* what the idle guest really uses, bytes */
    double jitter;                 /* stage duration spread, ratio */
    /* metrics */
    int64_t state;                 /* HV_T2VM_OFF .. HV_T2VM_RUNNING */
    int64_t reserved_bytes;        /* held on the host, bytes */
    int64_t guest_used_bytes;      /* used inside the guest, bytes */
    int64_t prompt_latency_ns;     /* last `start` to its prompt, ns */
    int64_t boots;                 /* power-ons, count */
    int64_t on_hypervisor;         /* bool: a partition of Hyper-V (WHP) */
    int64_t exit_ns;               /* the exit cost in force, ns */
    /* private */
    int64_t device_setup_ns;       /* this boot's device set-up = exits x exit cost, ns */
    int64_t hyp_id;                /* hv model id, or -1 */
    int64_t partition;             /* partition id, 0 = none */
    int64_t host_id;               /* host model id, or -1 */
    int64_t started_ns;            /* time of the last power-on, ns */
    uint64_t stage_seq;            /* pending stage event, 0 = none */
} t2vm_state;

static const char *const t2vm_kinds[] = {"start", "shutdown", "post", "boot_loader",
                                         "device_setup", "kernel_boot", "init", "prompt",
                                         "boot_news", "partition"};

static const char *const t2vm_state_names[] = {"off", "post", "boot_loader", "devices",
                                               "kernel", "init", "running", NULL};

#define T2_DUR(nm, field, def_ns, text)                                                   \
    {.name = nm, .type = SIM_T_DURATION, .unit = "ns", .def = {.i = def_ns},              \
     .min = {.i = 0}, .max = {.i = SIM_H}, .offset = offsetof(t2vm_state, field),        \
     .doc = text, .source = "t2vm." nm}

static const sim_param_def t2vm_params[] = {
    {.name = "memory", .type = SIM_T_BYTES, .unit = "bytes", .def = {.i = 4 * SIM_GiB},
     .min = {.i = 256 * SIM_MiB}, .max = {.i = 4 * SIM_TiB},
     .offset = offsetof(t2vm_state, memory_bytes),
     .doc = "guest memory, fixed and reserved in full at power-on", .source = "t2vm.memory"},
    T2_DUR("post", post_ns, 2 * SIM_S, "firmware POST (emulated BIOS/UEFI)"),
    T2_DUR("boot_loader", boot_loader_ns, 1 * SIM_S, "boot loader loads kernel and initrd"),
    {.name = "device_exits", .type = SIM_T_COUNT, .unit = "", .def = {.i = 600000},
     .min = {.i = 0}, .max = {.i = 1000000000}, .offset = offsetof(t2vm_state, device_exits),
     .doc = "VM exits while emulated devices are probed (disk controller, NIC, display)",
     .source = "t2vm.device_exits"},
    T2_DUR("exit_own", exit_own_ns, 3 * SIM_US, "one VM exit handled by the VMM's own driver"),
    T2_DUR("exit_whp", exit_whp_ns, 10 * SIM_US,
           "one VM exit through WHP: hypervisor, root partition, user-mode VMM and back"),
    T2_DUR("kernel_boot", kernel_boot_ns, 4 * SIM_S, "Linux kernel boot on emulated hardware"),
    T2_DUR("init", init_ns, 8 * SIM_S, "init (systemd) up to a login shell"),
    {.name = "guest_idle_used", .type = SIM_T_BYTES, .unit = "bytes",
     .def = {.i = 400 * SIM_MiB}, .min = {.i = 0}, .max = {.i = 4 * SIM_TiB},
     .offset = offsetof(t2vm_state, guest_idle_used_bytes),
     .doc = "memory the booted, idle guest actually uses", .source = "t2vm.guest_idle_used"},
    {.name = "jitter", .type = SIM_T_RATIO, .unit = "ratio", .def = {.r = 0.1},
     .min = {.r = 0.0}, .max = {.r = 0.9}, .offset = offsetof(t2vm_state, jitter),
     .doc = "spread of every stage duration, +/- this fraction", .source = "t2vm.jitter"},
};

static const sim_action_def t2vm_actions[] = {
    {.name = "start", .kind = HV_T2VM_START, .doc = "power on and boot to a login shell"},
    {.name = "shutdown", .kind = HV_T2VM_SHUTDOWN, .doc = "power off; memory back to Windows"},
};

static const sim_metric_def t2vm_metrics[] = {
    {.name = "state", .type = SIM_T_ENUM, .unit = "", .offset = offsetof(t2vm_state, state),
     .enum_names = t2vm_state_names, .doc = "power state / boot stage"},
    {.name = "reserved_bytes", .type = SIM_T_BYTES, .unit = "bytes",
     .offset = offsetof(t2vm_state, reserved_bytes), .doc = "memory reserved on the host"},
    /* The same field under the name the other machines use, so summaries and
     * the viewer can line the three up: for a classic VM, held = reserved. */
    {.name = "host_bytes", .type = SIM_T_BYTES, .unit = "bytes",
     .offset = offsetof(t2vm_state, reserved_bytes),
     .doc = "memory held on the host (= reserved_bytes: all of it, from power-on)"},
    {.name = "guest_used_bytes", .type = SIM_T_BYTES, .unit = "bytes",
     .offset = offsetof(t2vm_state, guest_used_bytes), .doc = "memory used inside the guest"},
    {.name = "prompt_latency", .type = SIM_T_DURATION, .unit = "ns",
     .offset = offsetof(t2vm_state, prompt_latency_ns),
     .doc = "from the last start to its login shell (- before the first)"},
    {.name = "boots", .type = SIM_T_COUNT, .unit = "", .offset = offsetof(t2vm_state, boots),
     .doc = "power-ons so far"},
    {.name = "on_hypervisor", .type = SIM_T_BOOL, .unit = "",
     .offset = offsetof(t2vm_state, on_hypervisor),
     .doc = "runs as a partition of Hyper-V through WHP (not its own driver)"},
    {.name = "exit_cost", .type = SIM_T_DURATION, .unit = "ns", .offset = offsetof(t2vm_state, exit_ns),
     .doc = "cost of one VM exit in force"},
};

#define T2_STAGE(k, st, field, next, text)                                                \
    {.kind = k, .state_offset = offsetof(t2vm_state, state), .state_value = st,           \
     .base_offset = offsetof(t2vm_state, field), .next_kind = next, .what = text}

static const hv_stage_def t2vm_stages[] = {
    T2_STAGE(HV_T2VM_POST, HV_T2VM_S_POST, post_ns, HV_T2VM_BOOT_LOADER,
             "firmware POST: emulated BIOS/UEFI checks the virtual hardware"),
    T2_STAGE(HV_T2VM_BOOT_LOADER, HV_T2VM_S_BOOT_LOADER, boot_loader_ns, HV_T2VM_DEVICE_SETUP,
             "boot loader reads kernel and initrd from the emulated disk"),
    T2_STAGE(HV_T2VM_DEVICE_SETUP, HV_T2VM_S_DEVICES, device_setup_ns, HV_T2VM_KERNEL_BOOT,
             "emulated devices: disk controller, NIC, display probed through trapped I/O, "
             "each access a VM exit"),
    T2_STAGE(HV_T2VM_KERNEL_BOOT, HV_T2VM_S_KERNEL, kernel_boot_ns, HV_T2VM_INIT,
             "kernel boot on emulated hardware"),
    T2_STAGE(HV_T2VM_INIT, HV_T2VM_S_INIT, init_ns, HV_T2VM_PROMPT,
             "init: systemd starts services up to a login shell"),
};

static void t2vm_init(void *state, sim_ctx *ctx)
{
    t2vm_state *s = state;
    s->state = HV_T2VM_OFF;
    s->reserved_bytes = s->guest_used_bytes = s->boots = 0;
    s->prompt_latency_ns = SIM_NEVER; /* "-" until a login prompt appears */
    s->host_id = sim_lookup(ctx, HV_HOST_NAME);
    s->hyp_id = sim_lookup(ctx, HV_HYP_NAME);
    s->partition = s->on_hypervisor = 0;
    s->exit_ns = s->exit_own_ns;
    s->started_ns = 0;
    s->stage_seq = 0;
    hv_host_subscribe_boot(ctx, (int)s->host_id, HV_T2VM_BOOT_NEWS);
}

static void t2vm_start(t2vm_state *s, sim_ctx *ctx)
{
    if (s->state != HV_T2VM_OFF) {
        sim_note(ctx, "start ignored: the VM is already %s", t2vm_state_names[s->state]);
        return;
    }
    s->boots++;
    s->started_ns = sim_now(ctx);
    s->reserved_bytes = s->memory_bytes;
    hv_host_reserve(ctx, (int)s->host_id, s->memory_bytes);
    s->state = HV_T2VM_S_POST;
    if (s->hyp_id >= 0) {
        hv_hyp_create_partition(ctx, (int)s->hyp_id, HV_T2VM_PARTITION, s->boots);
    } else {
        s->stage_seq = hv_stage_after(ctx, 0, HV_T2VM_POST, 0);
    }
    sim_note(ctx, "power on: %s reserved in full on the host before the guest runs",
             hv_fmt_bytes(s->memory_bytes).s);
}

/* hv's answer: a partition (the hypervisor is loaded: run through WHP) or
 * none (use the VMM's own ring-0 driver).  Then the firmware starts. */
static void t2vm_partition(t2vm_state *s, sim_ctx *ctx, const sim_event *ev)
{
    if (s->state != HV_T2VM_S_POST || ev->p.w[1] != s->boots || s->stage_seq) {
        hv_hyp_destroy_partition(ctx, (int)s->hyp_id, ev->p.w[0]);
        return;
    }
    s->partition = ev->p.w[0];
    s->on_hypervisor = s->partition != 0;
    s->exit_ns = s->on_hypervisor ? s->exit_whp_ns : s->exit_own_ns;
    s->device_setup_ns = s->device_exits * s->exit_ns;
    s->stage_seq = hv_stage_after(ctx, 0, HV_T2VM_POST, 0);
    sim_note(ctx, s->on_hypervisor
                      ? "Hyper-V is on: the VM runs as partition #%lld through the Windows "
                        "Hypervisor Platform; each VM exit costs %s"
                      : "no hypervisor below Windows: the VMM's own driver runs the VM%.0lld; "
                        "each VM exit costs %s",
             (long long)s->partition, hv_fmt_duration(s->exit_ns).s);
}

static void t2vm_shutdown(t2vm_state *s, sim_ctx *ctx)
{
    if (s->state == HV_T2VM_OFF) {
        sim_note(ctx, "shutdown ignored: the VM is off");
        return;
    }
    hv_stage_cancel(ctx, &s->stage_seq);
    hv_host_release(ctx, (int)s->host_id, s->reserved_bytes);
    if (s->partition) hv_hyp_destroy_partition(ctx, (int)s->hyp_id, s->partition);
    s->partition = s->on_hypervisor = 0;
    sim_note(ctx, "power off: %s back to Windows", hv_fmt_bytes(s->reserved_bytes).s);
    s->reserved_bytes = s->guest_used_bytes = 0;
    s->state = HV_T2VM_OFF;
}

static void t2vm_prompt(t2vm_state *s, sim_ctx *ctx)
{
    s->stage_seq = 0;
    s->state = HV_T2VM_RUNNING;
    s->guest_used_bytes = s->guest_idle_used_bytes;
    s->prompt_latency_ns = sim_now(ctx) - s->started_ns;
    sim_note(ctx, "login shell after %s; guest uses %s of the %s it holds",
             hv_fmt_duration(s->prompt_latency_ns).s, hv_fmt_bytes(s->guest_used_bytes).s,
             hv_fmt_bytes(s->reserved_bytes).s);
}

static void t2vm_handle(void *state, sim_ctx *ctx, const sim_event *ev)
{
    t2vm_state *s = state;
    const hv_stage_def *st = hv_stage_find(t2vm_stages, SIM_COUNTOF(t2vm_stages), ev->kind);
    if (st) {
        s->stage_seq = hv_stage_begin(ctx, s, st, s->jitter);
        return;
    }
    switch (ev->kind) {
    case HV_T2VM_START: t2vm_start(s, ctx); return;
    case HV_T2VM_SHUTDOWN: t2vm_shutdown(s, ctx); return;
    case HV_T2VM_PROMPT: t2vm_prompt(s, ctx); return;
    case HV_T2VM_PARTITION: t2vm_partition(s, ctx, ev); return;
    case HV_T2VM_BOOT_NEWS:
        if (ev->p.w[HV_BOOT_COUNT] > 1 && s->state != HV_T2VM_OFF) t2vm_shutdown(s, ctx);
        return;
    default: sim_note(ctx, "ignored: unknown event kind %d", (int)ev->kind);
    }
}

static void t2vm_snapshot(const void *state, sim_snapshot *out)
{
    const t2vm_state *s = state;
    memset(out, 0, sizeof *out);
    snprintf(out->status, sizeof out->status, "%s, %s reserved", t2vm_state_names[s->state],
             hv_fmt_bytes(s->reserved_bytes).s);
}

/* Drawn inside the host (it is a Windows program): its boot stages, its
 * prompt, and what it reserves against what its guest uses. */
static const sim_view_strip t2vm_strips[] = {{.metric = "state"}};
static const sim_view_item t2vm_items[] = {
    {.metric = "prompt_latency", .label = "login prompt after", .zero = "not yet"},
};
static const sim_view_seg t2vm_mem_segs[] = {
    {.metric = "reserved_bytes", .label = "reserved", .style = SIM_STYLE_HATCHED},
    {.metric = "guest_used_bytes", .label = "guest uses", .style = SIM_STYLE_SOLID},
};
static const sim_view_bar t2vm_bars[] = {
    {.layered = 1, .segs = t2vm_mem_segs, .n_segs = SIM_COUNTOF(t2vm_mem_segs)},
};
static const sim_view_def t2vm_view = {
    .title = "Classic Type-2 VM (a Windows app)",
    .place = SIM_PLACE_INSIDE,
    .parent = "host",
    .strips = t2vm_strips, .n_strips = SIM_COUNTOF(t2vm_strips),
    .bars = t2vm_bars, .n_bars = SIM_COUNTOF(t2vm_bars),
    .items = t2vm_items, .n_items = SIM_COUNTOF(t2vm_items),
};
const sim_model_ops hv_t2vm_ops = {
    .version = SIM_MODEL_ABI_VERSION,
    .name = HV_T2VM_NAME,
    .doc = "a classic Type-2 VM: firmware, emulated devices, memory reserved in full; WHP under Hyper-V",
    .state_size = sizeof(t2vm_state),
    .params = t2vm_params, .n_params = SIM_COUNTOF(t2vm_params),
    .actions = t2vm_actions, .n_actions = SIM_COUNTOF(t2vm_actions),
    .metrics = t2vm_metrics, .n_metrics = SIM_COUNTOF(t2vm_metrics),
    .event_kinds = t2vm_kinds, .n_event_kinds = SIM_COUNTOF(t2vm_kinds),
    .init = t2vm_init,
    .handle_event = t2vm_handle,
    .snapshot = t2vm_snapshot,
    .fini = NULL,
    .view = &t2vm_view,
};
