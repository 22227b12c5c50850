/* hypervisor.c: the Type-1 hypervisor (model "hv").
 *
 * Hyper-V's hypervisor is loaded by the Windows boot loader and runs below
 * Windows from host boot on, whenever a feature needs it (Virtual Machine
 * Platform for WSL2, Hyper-V, VBS).  WSL2 uses the hypervisor and two of
 * Hyper-V's host services -- the Host Compute Service (HCS) that builds the
 * utility VM and the Host Network Service (HNS) that builds its network --
 * but not the Hyper-V Virtual Machine Management service (VMMS) behind
 * Hyper-V Manager, no firmware and no emulated devices.  With `enabled`
 * (the default) the model is "on" from time 0: its init schedules a RUNNING
 * event that says so.  It creates and destroys partitions on request and
 * counts them; a request to a hypervisor that is not loaded is answered with
 * partition 0 (WSL2 cannot start; a classic VM uses its own driver).
 * Simplified: partition creation is one jittered delay (partition_create,
 * an estimate: no published figure). */
#include "hypervisor.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "stages.h"

typedef struct hyp_state {
    /* parameters */
    int64_t partition_create_ns; /* time to create one partition, ns */
    double jitter;               /* stage duration spread, ratio */
    int64_t enabled;             /* bool: loaded at boot (a feature needs it) */
    /* metrics */
    int64_t partitions;          /* live partitions, count */
    int64_t partitions_created;  /* created since host boot, count (also the last id) */
} hyp_state;

static const char *const hyp_kinds[] = {"running", "create_partition", "destroy_partition"};

static const sim_param_def hyp_params[] = {
    {.name = "partition_create", .type = SIM_T_DURATION, .unit = "ns",
     .def = {.i = 50 * SIM_MS}, .min = {.i = 0}, .max = {.i = 10 * SIM_MIN},
     .offset = offsetof(hyp_state, partition_create_ns),
     .doc = "time for the hypervisor to create a partition",
     .source = "hv.partition_create"},
    {.name = "jitter", .type = SIM_T_RATIO, .unit = "ratio", .def = {.r = 0.1},
     .min = {.r = 0.0}, .max = {.r = 0.9}, .offset = offsetof(hyp_state, jitter),
     .doc = "spread of every stage duration, +/- this fraction", .source = "hv.jitter"},
    {.name = "enabled", .type = SIM_T_BOOL, .unit = "", .def = {.i = 1}, .min = {.i = 0},
     .max = {.i = 1}, .offset = offsetof(hyp_state, enabled),
     .doc = "the hypervisor is loaded (Virtual Machine Platform, Hyper-V or VBS is on)",
     .source = "hv.enabled"},
};

static const sim_metric_def hyp_metrics[] = {
    {.name = "partitions", .type = SIM_T_COUNT, .unit = "",
     .offset = offsetof(hyp_state, partitions), .doc = "live partitions"},
    {.name = "partitions_created", .type = SIM_T_COUNT, .unit = "",
     .offset = offsetof(hyp_state, partitions_created), .doc = "partitions created so far"},
};

static void hyp_init(void *state, sim_ctx *ctx)
{
    hyp_state *s = state;
    s->partitions = 0;
    s->partitions_created = 0;
    /* before anything else at time 0, narration included: it was there first */
    sim_schedule_prio(ctx, 0, SIM_PRIO_NARRATION - 1, sim_self(ctx), HV_HYP_RUNNING, NULL);
}

static const char *hyp_model_name(sim_ctx *ctx, int64_t id)
{
    const char *name = sim_model_name(ctx, (int)id);
    return name ? name : "?";
}

static void hyp_create(hyp_state *s, sim_ctx *ctx, const sim_event *ev)
{
    const int64_t who = ev->p.w[0];
    if (!sim_model_name(ctx, (int)who)) {
        sim_note(ctx, "ignored: partition request from unknown model %lld", (long long)who);
        return;
    }
    if (!s->enabled) {
        sim_payload no = {.w = {0, ev->p.w[2]}};
        sim_schedule(ctx, 0, (int)who, (int)ev->p.w[1], &no);
        sim_note(ctx, "no partition for %s: the hypervisor is not loaded (Virtual Machine "
                 "Platform and Hyper-V are off)", hyp_model_name(ctx, who));
        return;
    }
    int64_t d = hv_stage_draw(ctx, s->partition_create_ns, s->jitter);
    s->partitions++;
    s->partitions_created++;
    sim_payload reply = {.w = {s->partitions_created, ev->p.w[2]}};
    sim_schedule(ctx, d, (int)who, (int)ev->p.w[1], &reply);
    sim_note(ctx, "create partition #%lld for %s (%s); %lld live",
             (long long)s->partitions_created, hyp_model_name(ctx, who),
             hv_fmt_duration(d).s, (long long)s->partitions);
}

static void hyp_destroy(hyp_state *s, sim_ctx *ctx, const sim_event *ev)
{
    if (s->partitions <= 0 || ev->p.w[1] == 0) {
        sim_note(ctx, "ignored: destroy partition #%lld, none is live", (long long)ev->p.w[1]);
        return;
    }
    s->partitions--;
    sim_note(ctx, "destroy partition #%lld of %s; %lld live", (long long)ev->p.w[1],
             hyp_model_name(ctx, ev->p.w[0]), (long long)s->partitions);
}

static void hyp_handle(void *state, sim_ctx *ctx, const sim_event *ev)
{
    hyp_state *s = state;
    switch (ev->kind) {
    case HV_HYP_RUNNING:
        sim_note(ctx, s->enabled ? "hypervisor running since host boot (Type 1, below Windows)"
                                 : "no hypervisor: Windows runs on the bare hardware");
        return;
    case HV_HYP_CREATE_PARTITION: hyp_create(s, ctx, ev); return;
    case HV_HYP_DESTROY_PARTITION: hyp_destroy(s, ctx, ev); return;
    default: sim_note(ctx, "ignored: unknown event kind %d", (int)ev->kind);
    }
}

static void hyp_snapshot(const void *state, sim_snapshot *out)
{
    const hyp_state *s = state;
    memset(out, 0, sizeof *out);
    snprintf(out->status, sizeof out->status, "running, %lld partition%s",
             (long long)s->partitions, s->partitions == 1 ? "" : "s");
}

uint64_t hv_hyp_create_partition(sim_ctx *ctx, int hyp, int reply_kind, int64_t cookie)
{
    sim_payload p = {.w = {sim_self(ctx), reply_kind, cookie}};
    return hyp < 0 ? 0 : sim_schedule(ctx, 0, hyp, HV_HYP_CREATE_PARTITION, &p);
}

uint64_t hv_hyp_destroy_partition(sim_ctx *ctx, int hyp, int64_t partition)
{
    sim_payload p = {.w = {sim_self(ctx), partition}};
    return hyp < 0 ? 0 : sim_schedule(ctx, 0, hyp, HV_HYP_DESTROY_PARTITION, &p);
}

/* Drawn as the bar everything else stands on. */
static const sim_view_item hyp_items[] = {
    {.metric = "partitions", .label = "child partitions"},
    {.metric = "partitions_created", .label = "created"},
};
static const sim_view_def hyp_view = {
    .title = "Hyper-V hypervisor (Type 1, below Windows since boot)",
    .place = SIM_PLACE_BASE,
    .items = hyp_items, .n_items = SIM_COUNTOF(hyp_items),
};
const sim_model_ops hv_hyp_ops = {
    .version = SIM_MODEL_ABI_VERSION,
    .name = HV_HYP_NAME,
    .doc = "the Type-1 hypervisor below Windows, on since host boot; creates partitions",
    .state_size = sizeof(hyp_state),
    .params = hyp_params, .n_params = SIM_COUNTOF(hyp_params),
    .actions = NULL, .n_actions = 0,
    .metrics = hyp_metrics, .n_metrics = SIM_COUNTOF(hyp_metrics),
    .event_kinds = hyp_kinds, .n_event_kinds = SIM_COUNTOF(hyp_kinds),
    .init = hyp_init,
    .handle_event = hyp_handle,
    .snapshot = hyp_snapshot,
    .fini = NULL,
    .view = &hyp_view,
};
