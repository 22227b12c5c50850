/* host.c: the Windows host (model "host").
 *
 * Keeps the memory ledger of the physical machine: RAM, what Windows and its
 * apps use, and what each virtual machine holds (per requester, so a release
 * can never free more than that requester reserved).  free = ram -
 * windows_used - vm_reserved and may go negative: that is memory pressure,
 * which a later memory model turns into paging; here it is only reported.
 * It also says which Windows and which WSL release are installed
 * (windows_build, wsl_version): models whose behaviour changed over time
 * subscribe to the host's boot news and gate on them.  `reboot` restarts
 * Windows: every subscriber hears that the machine booted again (VMs die,
 * non-persistent networks vanish, the next WSL start is a cold one).
 * Simplified: no paging, no NUMA, cores are recorded for later CPU models;
 * a reboot is an instant (the minutes Windows takes are not modelled).
 * Defaults: 32 GiB RAM is the source article's example machine and 8 cores
 * the design's example -- scenario choices, not facts; windows_demand is an
 * estimate (see docs/calibration.md). */
#include "host.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "stages.h"

typedef struct host_state {
    /* parameters */
    int64_t ram_bytes;            /* physical RAM, bytes */
    int64_t cores;                /* logical processors, count */
    int64_t windows_demand_bytes; /* Windows + apps' own use at start, bytes */
    int64_t windows_build;        /* Windows build number, e.g. 26100 */
    int64_t wsl_version;          /* installed WSL release, SIM_T_VERSION */
    /* metrics */
    int64_t ram_metric_bytes;     /* = ram_bytes, exposed as a metric */
    int64_t windows_used_bytes;   /* Windows' current use, bytes */
    int64_t vm_reserved_bytes;    /* sum of held_bytes[], bytes */
    int64_t free_bytes;           /* ram - windows - vms; may be negative */
    int64_t boots;                /* Windows boots so far (1 at the start), count */
    /* private */
    int64_t held_bytes[SIM_MAX_MODELS]; /* per requester model id, bytes */
    int64_t n_subscribers;
    int64_t sub_model[HV_HOST_MAX_SUBSCRIBERS]; /* model id */
    int64_t sub_kind[HV_HOST_MAX_SUBSCRIBERS];  /* its event kind for the news */
    int64_t sub_topic[HV_HOST_MAX_SUBSCRIBERS]; /* HV_HOST_TOPIC_* */
} host_state;

static const char *const host_kinds[] = {"windows_demand", "reserve", "release", "subscribe",
                                         "reboot"};

static const sim_param_def host_params[] = {
    {.name = "ram", .type = SIM_T_BYTES, .unit = "bytes", .def = {.i = 32 * SIM_GiB},
     .min = {.i = 256 * SIM_MiB}, .max = {.i = 64 * SIM_TiB},
     .offset = offsetof(host_state, ram_bytes),
     .doc = "physical RAM of the Windows machine", .source = "host.ram",
     .when = SIM_PARAM_AT_INIT},
    {.name = "cores", .type = SIM_T_COUNT, .unit = "", .def = {.i = 8}, .min = {.i = 1},
     .max = {.i = 1024}, .offset = offsetof(host_state, cores),
     .doc = "logical processors", .source = "host.cores", .when = SIM_PARAM_AT_INIT},
    {.name = "windows_demand", .type = SIM_T_BYTES, .unit = "bytes", .def = {.i = 6 * SIM_GiB},
     .min = {.i = 0}, .max = {.i = 64 * SIM_TiB},
     .offset = offsetof(host_state, windows_demand_bytes),
     .doc = "memory Windows and its apps use at the start", .source = "host.windows_demand",
     .when = SIM_PARAM_AT_INIT},
    {.name = "windows_build", .type = SIM_T_COUNT, .unit = "", .def = {.i = 26100},
     .min = {.i = 17763}, .max = {.i = 99999}, .offset = offsetof(host_state, windows_build),
     .doc = "Windows build: 19045 = Windows 10 22H2, 22621 = 11 22H2, 26100 = 11 24H2",
     .source = "host.windows_build"},
    {.name = "wsl_version", .type = SIM_T_VERSION, .unit = "", .def = {.i = SIM_VERSION(2, 6, 1)},
     .min = {.i = SIM_VERSION(0, 0, 0)}, .max = {.i = SIM_VERSION(99, 0, 0)},
     .offset = offsetof(host_state, wsl_version),
     .doc = "installed WSL release (Store package; 0.0.0 = the inbox WSL of Windows 10)",
     .source = "host.wsl_version"},
};

static const sim_arg_def host_demand_args[] = {
    {.name = "size", .type = SIM_T_BYTES, .required = 1, .min = {.i = 0},
     .max = {.i = 64 * SIM_TiB}, .doc = "Windows' new total use"},
};

static const sim_action_def host_actions[] = {
    {.name = "windows_demand", .kind = HV_HOST_WINDOWS_DEMAND, .args = host_demand_args,
     .n_args = SIM_COUNTOF(host_demand_args),
     .doc = "Windows apps now use this much memory in total"},
    {.name = "reboot", .kind = HV_HOST_REBOOT,
     .doc = "Windows restarts: every VM stops, non-persistent networks vanish"},
};

static const sim_metric_def host_metrics[] = {
    {.name = "ram", .type = SIM_T_BYTES, .unit = "bytes",
     .offset = offsetof(host_state, ram_metric_bytes), .doc = "physical RAM"},
    {.name = "windows_used", .type = SIM_T_BYTES, .unit = "bytes",
     .offset = offsetof(host_state, windows_used_bytes), .doc = "used by Windows and its apps"},
    {.name = "vm_reserved", .type = SIM_T_BYTES, .unit = "bytes",
     .offset = offsetof(host_state, vm_reserved_bytes),
     .doc = "held on the host by virtual machines and WSL"},
    {.name = "free", .type = SIM_T_BYTES, .unit = "bytes",
     .offset = offsetof(host_state, free_bytes),
     .doc = "ram - windows_used - vm_reserved; negative means memory pressure"},
    {.name = "windows_boots", .type = SIM_T_COUNT, .unit = "", .offset = offsetof(host_state, boots),
     .doc = "Windows boots so far (the run starts with Windows booted once)"},
};

static void host_recompute(host_state *s)
{
    s->free_bytes = s->ram_bytes - s->windows_used_bytes - s->vm_reserved_bytes;
}

static void host_init(void *state, sim_ctx *ctx)
{
    host_state *s = state;
    (void)ctx;
    s->ram_metric_bytes = s->ram_bytes;
    s->windows_used_bytes = s->windows_demand_bytes;
    s->vm_reserved_bytes = 0;
    memset(s->held_bytes, 0, sizeof s->held_bytes);
    s->n_subscribers = 0;
    s->boots = 1;
    host_recompute(s);
}

static const char *host_requester_name(sim_ctx *ctx, int64_t id)
{
    const char *name = sim_model_name(ctx, (int)id);
    return name ? name : "?";
}

/* Sends a topic's news to one subscriber (only >= 0) or to all of the topic's. */
static void publish_topic(const host_state *s, sim_ctx *ctx, int64_t topic, int64_t only)
{
    sim_payload ledger = {.w = {s->ram_bytes, s->cores, s->windows_used_bytes,
                                s->vm_reserved_bytes, s->free_bytes}};
    sim_payload boot = {.w = {s->windows_build, s->wsl_version, s->boots}};
    const sim_payload *p = topic == HV_HOST_TOPIC_BOOT ? &boot : &ledger;
    for (int64_t i = 0; i < s->n_subscribers; i++)
        if (s->sub_topic[i] == topic && (only < 0 || i == only))
            sim_schedule_prio(ctx, 0, HV_HOST_LEDGER_PRIO, (int)s->sub_model[i], (int)s->sub_kind[i],
                              p);
}

static void publish(const host_state *s, sim_ctx *ctx, int64_t only)
{
    publish_topic(s, ctx, HV_HOST_TOPIC_LEDGER, only);
}

static void host_subscribe(host_state *s, sim_ctx *ctx, int64_t kind, int64_t who, int64_t topic)
{
    if (s->n_subscribers == HV_HOST_MAX_SUBSCRIBERS) {
        sim_note(ctx, "ignored: at most %d subscribers", HV_HOST_MAX_SUBSCRIBERS);
        return;
    }
    s->sub_model[s->n_subscribers] = who;
    s->sub_kind[s->n_subscribers] = kind;
    s->sub_topic[s->n_subscribers] = topic;
    publish_topic(s, ctx, topic, s->n_subscribers++);
    if (topic == HV_HOST_TOPIC_BOOT) {
        char v[32];
        sim_value_format(SIM_T_VERSION, (sim_value){.i = s->wsl_version}, NULL, v, sizeof v);
        sim_note(ctx, "%s learns the installed release: Windows build %lld, WSL %s",
                 host_requester_name(ctx, who), (long long)s->windows_build, v);
    } else {
        sim_note(ctx, "%s follows the host's memory ledger", host_requester_name(ctx, who));
    }
}

static void host_reboot(host_state *s, sim_ctx *ctx)
{
    s->boots++;
    publish_topic(s, ctx, HV_HOST_TOPIC_BOOT, -1);
    sim_note(ctx, "Windows restarts (boot #%lld): every VM stops, HNS forgets its "
             "non-persistent networks, the next WSL start is a cold one", (long long)s->boots);
}

static void host_reserve(host_state *s, sim_ctx *ctx, int64_t bytes, int64_t who)
{
    s->held_bytes[who] += bytes;
    s->vm_reserved_bytes += bytes;
    host_recompute(s);
    sim_note(ctx, "%s reserves %s on the host (VMs hold %s, free %s)",
             host_requester_name(ctx, who), hv_fmt_bytes(bytes).s,
             hv_fmt_bytes(s->vm_reserved_bytes).s, hv_fmt_bytes(s->free_bytes).s);
}

static void host_release(host_state *s, sim_ctx *ctx, int64_t bytes, int64_t who)
{
    int64_t give = bytes < s->held_bytes[who] ? bytes : s->held_bytes[who];
    s->held_bytes[who] -= give;
    s->vm_reserved_bytes -= give;
    host_recompute(s);
    sim_note(ctx, "%s releases %s to Windows (VMs hold %s, free %s)%s",
             host_requester_name(ctx, who), hv_fmt_bytes(give).s,
             hv_fmt_bytes(s->vm_reserved_bytes).s, hv_fmt_bytes(s->free_bytes).s,
             give < bytes ? "; it held less than it released" : "");
}

static void host_handle(void *state, sim_ctx *ctx, const sim_event *ev)
{
    host_state *s = state;
    const int64_t bytes = ev->p.w[0], who = ev->p.w[1];
    switch (ev->kind) {
    case HV_HOST_WINDOWS_DEMAND:
        s->windows_used_bytes = bytes;
        host_recompute(s);
        sim_note(ctx, "Windows apps now use %s (free %s)", hv_fmt_bytes(bytes).s,
                 hv_fmt_bytes(s->free_bytes).s);
        publish(s, ctx, -1);
        return;
    case HV_HOST_SUBSCRIBE:
        if (who < 0 || who >= SIM_MAX_MODELS || !sim_model_name(ctx, (int)who)) {
            sim_note(ctx, "ignored: subscribe from unknown model %lld", (long long)who);
            return;
        }
        host_subscribe(s, ctx, bytes, who, ev->p.w[2]);
        return;
    case HV_HOST_REBOOT: host_reboot(s, ctx); return;
    case HV_HOST_RESERVE:
    case HV_HOST_RELEASE:
        if (bytes < 0 || who < 0 || who >= SIM_MAX_MODELS) {
            sim_note(ctx, "ignored: bad request (%lld bytes from model %lld)",
                     (long long)bytes, (long long)who);
            return;
        }
        if (ev->kind == HV_HOST_RESERVE) host_reserve(s, ctx, bytes, who);
        else host_release(s, ctx, bytes, who);
        publish(s, ctx, -1);
        return;
    default:
        sim_note(ctx, "ignored: unknown event kind %d", (int)ev->kind);
    }
}

static void host_snapshot(const void *state, sim_snapshot *out)
{
    const host_state *s = state;
    memset(out, 0, sizeof *out);
    snprintf(out->status, sizeof out->status, "%s%s free", s->free_bytes < 0 ? "pressure: " : "",
             hv_fmt_bytes(s->free_bytes).s);
}

uint64_t hv_host_reserve(sim_ctx *ctx, int host, int64_t bytes)
{
    sim_payload p = {.w = {bytes, sim_self(ctx)}};
    return host < 0 ? 0 : sim_schedule(ctx, 0, host, HV_HOST_RESERVE, &p);
}

uint64_t hv_host_release(sim_ctx *ctx, int host, int64_t bytes)
{
    sim_payload p = {.w = {bytes, sim_self(ctx)}};
    return host < 0 ? 0 : sim_schedule(ctx, 0, host, HV_HOST_RELEASE, &p);
}

static uint64_t subscribe(sim_ctx *ctx, int host, int reply_kind, int64_t topic)
{
    sim_payload p = {.w = {reply_kind, sim_self(ctx), topic}};
    return host < 0 ? 0 : sim_schedule_prio(ctx, 0, HV_HOST_LEDGER_PRIO, host, HV_HOST_SUBSCRIBE, &p);
}

uint64_t hv_host_subscribe(sim_ctx *ctx, int host, int reply_kind)
{
    return subscribe(ctx, host, reply_kind, HV_HOST_TOPIC_LEDGER);
}

uint64_t hv_host_subscribe_boot(sim_ctx *ctx, int host, int reply_kind)
{
    return subscribe(ctx, host, reply_kind, HV_HOST_TOPIC_BOOT);
}

/* Drawn as a column (the root partition) holding WSL1 and the classic VM;
 * its RAM as one bar: Windows' own, held by VMs, free (or a shortfall). */
static const sim_view_seg host_ram_segs[] = {
    {.metric = "windows_used", .label = "Windows & apps", .style = SIM_STYLE_DARK},
    {.metric = "vm_reserved", .label = "held by VMs/WSL", .style = SIM_STYLE_HATCHED},
    {.metric = NULL, .label = "free", .style = SIM_STYLE_EMPTY},
};
static const sim_view_bar host_bars[] = {
    {.total = "ram", .segs = host_ram_segs, .n_segs = SIM_COUNTOF(host_ram_segs)},
};
static const sim_view_def host_view = {
    .title = "Windows host (root partition)",
    .place = SIM_PLACE_COLUMN,
    .bars = host_bars, .n_bars = SIM_COUNTOF(host_bars),
};
const sim_model_ops hv_host_ops = {
    .version = SIM_MODEL_ABI_VERSION,
    .name = HV_HOST_NAME,
    .doc = "the Windows host: RAM, cores, Windows' own demand, memory held by VMs, releases",
    .state_size = sizeof(host_state),
    .params = host_params, .n_params = SIM_COUNTOF(host_params),
    .actions = host_actions, .n_actions = SIM_COUNTOF(host_actions),
    .metrics = host_metrics, .n_metrics = SIM_COUNTOF(host_metrics),
    .event_kinds = host_kinds, .n_event_kinds = SIM_COUNTOF(host_kinds),
    .init = host_init,
    .handle_event = host_handle,
    .snapshot = host_snapshot,
    .fini = NULL,
    .view = &host_view,
};
