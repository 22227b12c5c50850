/* director.c: narration and expectations as events (see director.h).
 *
 * State block layout: a header with the counts, then n sim_expect_def, n
 * sim_expect_result, n_when sim_when_def and n_when sim_when_result, all
 * plain data.  The defs never change after sim_director_add; the results
 * change when an expectation is checked or a `when` fires, and travel with
 * checkpoints like any model state. */
#include "director.h"
#include "kernel.h"

#include <stdio.h>
#include <string.h>

typedef struct director_state {
    uint64_t n;          /* number of expectations */
    uint64_t failed;     /* checked and failed so far */
    uint64_t n_when;     /* number of `when`s */
    /* followed by sim_expect_def defs[n]; sim_expect_result results[n];
     * sim_when_def whens[n_when]; sim_when_result when_results[n_when]; */
} director_state;

static sim_expect_def *defs_of(director_state *d) { return (sim_expect_def *)(d + 1); }

static sim_expect_result *results_of(director_state *d)
{
    return (sim_expect_result *)(defs_of(d) + d->n);
}

static sim_when_def *whens_of(director_state *d)
{
    return (sim_when_def *)(results_of(d) + d->n);
}

static sim_when_result *when_results_of(director_state *d)
{
    return (sim_when_result *)(whens_of(d) + d->n_when);
}

static const director_state *cstate(const sim_engine *eng, int director)
{
    return sim_engine_model_state_const(eng, director);
}

size_t sim_director_state_size(size_t n, size_t n_when)
{
    return sizeof(director_state) + n * (sizeof(sim_expect_def) + sizeof(sim_expect_result)) +
           n_when * (sizeof(sim_when_def) + sizeof(sim_when_result));
}

const char *sim_cmp_name(sim_cmp op)
{
    static const char *const names[] = {"<", "<=", ">", ">=", "==", "!="};
    return (unsigned)op < 6 ? names[op] : "?";
}

int sim_cmp_holds(sim_type t, sim_value lhs, sim_cmp op, sim_value rhs)
{
    /* "never happened" is not smaller than 2 s: like NaN, only != holds */
    if (sim_value_is_never(t, lhs) || sim_value_is_never(t, rhs)) return op == SIM_CMP_NE;
    int c = sim_value_compare(t, lhs, rhs);
    switch (op) {
    case SIM_CMP_LT: return c < 0;
    case SIM_CMP_LE: return c <= 0;
    case SIM_CMP_GT: return c > 0;
    case SIM_CMP_GE: return c >= 0;
    case SIM_CMP_EQ: return c == 0;
    case SIM_CMP_NE: return c != 0;
    }
    return 0;
}

/* Checks expectation i against the engine's current state. */
static int check(const sim_engine *eng, director_state *d, uint64_t i)
{
    const sim_expect_def *def = &defs_of(d)[i];
    sim_expect_result *res = &results_of(d)[i];
    const sim_model_ops *ops = sim_engine_model_ops(eng, def->model);
    sim_type t = ops->metrics[def->metric].type;
    res->observed = sim_engine_metric(eng, def->model, def->metric);
    res->passed = sim_cmp_holds(t, res->observed, def->op, def->rhs);
    res->evaluated = 1;
    res->checked_at_ns = sim_engine_now(eng);
    if (!res->passed) d->failed++;
    return res->passed;
}

static int when_holds(const sim_engine *eng, const sim_when_def *w)
{
    sim_type t = sim_engine_model_ops(eng, w->model)->metrics[w->metric].type;
    return sim_cmp_holds(t, sim_engine_metric(eng, w->model, w->metric), w->op, w->rhs);
}

/* Records which conditions hold once every model has started. */
static void director_init(void *state, sim_ctx *ctx)
{
    director_state *d = state;
    const sim_engine *eng = sim_kernel_engine(ctx);
    for (uint64_t i = 0; i < d->n_when; i++) {
        when_results_of(d)[i].held = when_holds(eng, &whens_of(d)[i]);
        when_results_of(d)[i].fired = 0;
        when_results_of(d)[i].fired_at_ns = -1;
    }
}

/* The engine's watcher: checks the `when`s on the metrics of the model that
 * just handled ev, and fires those that turned true. */
static void watch(void *state, sim_ctx *ctx, const sim_event *ev)
{
    director_state *d = state;
    const sim_engine *eng = sim_kernel_engine(ctx);
    for (uint64_t i = 0; i < d->n_when; i++) {
        const sim_when_def *w = &whens_of(d)[i];
        sim_when_result *r = &when_results_of(d)[i];
        if (w->model != ev->target || r->fired) continue;
        int now = when_holds(eng, w);
        if (now && !r->held) {
            r->fired = 1;
            r->fired_at_ns = sim_now(ctx);
            if (w->say >= 0) {
                sim_payload p = {{w->say}};
                sim_schedule_prio(ctx, 0, SIM_PRIO_NARRATION, sim_self(ctx), SIM_DIRECTOR_SAY, &p);
            }
            if (w->action_model >= 0) sim_schedule(ctx, 0, w->action_model, w->action_kind, &w->action);
        }
        r->held = now;
    }
}

static void handle(void *state, sim_ctx *ctx, const sim_event *ev)
{
    director_state *d = state;
    if (ev->kind == SIM_DIRECTOR_SAY) {
        sim_note(ctx, "%s", sim_string(ctx, ev->p.w[0]));
        return;
    }
    if (ev->kind != SIM_DIRECTOR_EXPECT || (uint64_t)ev->p.w[0] >= d->n) return;
    uint64_t i = (uint64_t)ev->p.w[0];
    const sim_engine *eng = sim_kernel_engine(ctx);
    int ok = check(eng, d, i);
    const sim_expect_def *def = &defs_of(d)[i];
    const sim_metric_def *m = &sim_engine_model_ops(eng, def->model)->metrics[def->metric];
    char seen[64];
    sim_value_format(m->type, results_of(d)[i].observed, m->enum_names, seen, sizeof seen);
    sim_note(ctx, "expect %s: %s (observed %s)", def->text, ok ? "pass" : "FAIL", seen);
}

static void snapshot(const void *state, sim_snapshot *out)
{
    const director_state *d = state;
    snprintf(out->status, sizeof out->status, "%llu expectations, %llu failed",
             (unsigned long long)d->n, (unsigned long long)d->failed);
}

static const char *const kinds[] = {"say", "expect"};

const sim_model_ops sim_director_ops = {
    .version = SIM_MODEL_ABI_VERSION,
    .name = SIM_DIRECTOR_NAME,
    .doc = "the scenario itself: narration and expectations",
    .state_size = sizeof(director_state),
    .event_kinds = kinds,
    .n_event_kinds = 2,
    .init = director_init,
    .handle_event = handle,
    .snapshot = snapshot,
};

int sim_director_add(sim_engine *eng, const sim_expect_def *defs, size_t n,
                     const sim_when_def *whens, size_t n_when)
{
    int id = sim_engine_add_model(eng, &sim_director_ops, sim_director_state_size(n, n_when));
    if (id < 0) return id;
    director_state *d = sim_engine_model_state(eng, id);
    d->n = n;
    d->n_when = n_when;
    if (n) memcpy(defs_of(d), defs, n * sizeof *defs);
    if (n_when) {
        memcpy(whens_of(d), whens, n_when * sizeof *whens);
        int rc = sim_engine_set_watch(eng, id, watch);
        if (rc < 0) return rc;
    }
    for (size_t i = 0; i < n; i++) {
        if (defs[i].at_end) continue;
        sim_payload p = {{(int64_t)i}};
        if (!sim_engine_schedule_at(eng, defs[i].at_ns, SIM_PRIO_EXPECT, id, SIM_DIRECTOR_EXPECT, &p))
            return SIM_ENOMEM;
    }
    return id;
}

size_t sim_director_finish(sim_engine *eng, int director)
{
    director_state *d = sim_engine_model_state(eng, director);
    size_t bad = 0;
    for (uint64_t i = 0; i < d->n; i++) {
        if (defs_of(d)[i].at_end && !results_of(d)[i].evaluated) check(eng, d, i);
        if (!results_of(d)[i].evaluated || !results_of(d)[i].passed) bad++;
    }
    return bad;
}

size_t sim_director_count(const sim_engine *eng, int director)
{
    return (size_t)cstate(eng, director)->n;
}

const sim_expect_def *sim_director_def(const sim_engine *eng, int director, size_t i)
{
    return &defs_of((director_state *)cstate(eng, director))[i];
}

const sim_expect_result *sim_director_result(const sim_engine *eng, int director, size_t i)
{
    return &results_of((director_state *)cstate(eng, director))[i];
}

size_t sim_director_when_count(const sim_engine *eng, int director)
{
    return (size_t)cstate(eng, director)->n_when;
}

const sim_when_def *sim_director_when(const sim_engine *eng, int director, size_t i)
{
    return &whens_of((director_state *)cstate(eng, director))[i];
}

const sim_when_result *sim_director_when_result(const sim_engine *eng, int director, size_t i)
{
    return &when_results_of((director_state *)cstate(eng, director))[i];
}
