/* stages.c: jittered stage durations, self-scheduling and note formatting
 * for the machine models (see stages.h).  The jitter ratio is a parameter of
 * each model (default 0.1, an estimate documented in docs/calibration.md);
 * the draw goes through sim_rng_jitter, so it is reproducible per seed. */
#include "stages.h"

#include <string.h>

#include "rng.h"
#include "value.h"

hv_text hv_fmt_duration(int64_t ns)
{
    hv_text t;
    sim_value v = {.i = ns};
    sim_value_format(SIM_T_DURATION, v, NULL, t.s, sizeof t.s);
    return t;
}

hv_text hv_fmt_bytes(int64_t bytes)
{
    hv_text t;
    sim_value v = {.i = bytes};
    sim_value_format(SIM_T_BYTES, v, NULL, t.s, sizeof t.s);
    return t;
}

int64_t hv_stage_draw(sim_ctx *ctx, int64_t base_ns, double jitter)
{
    return sim_rng_jitter(sim_rng_of(ctx), base_ns, jitter);
}

uint64_t hv_stage_after(sim_ctx *ctx, int64_t delay_ns, int kind, int64_t tag)
{
    sim_payload p;
    memset(&p, 0, sizeof p);
    p.w[0] = tag;
    return sim_schedule(ctx, delay_ns, sim_self(ctx), kind, &p);
}

int hv_stage_cancel(sim_ctx *ctx, uint64_t *seq)
{
    int was = 0;
    if (*seq != 0) was = sim_cancel(ctx, *seq) == 0;
    *seq = 0;
    return was;
}

const hv_stage_def *hv_stage_find(const hv_stage_def *seq, size_t n, int kind)
{
    for (size_t i = 0; i < n; i++)
        if (seq[i].kind == kind) return &seq[i];
    return NULL;
}

uint64_t hv_stage_begin(sim_ctx *ctx, void *state, const hv_stage_def *st, double jitter)
{
    char *base = state;
    int64_t base_ns;
    memcpy(&base_ns, base + st->base_offset, sizeof base_ns);
    memcpy(base + st->state_offset, &st->state_value, sizeof st->state_value);
    int64_t d = hv_stage_draw(ctx, base_ns, jitter);
    sim_note(ctx, "%s (%s)", st->what, hv_fmt_duration(d).s);
    return hv_stage_after(ctx, d, st->next_kind, 0);
}
