/* engine.c: the simulation kernel (see engine.h for the contract).
 *
 * Invariants:
 *  - now_ns never decreases; every pending event has time_ns >= now_ns.
 *  - next_seq is the seq of the last event scheduled; seqs start at 1.
 *  - Each model slot owns one state block of `size` bytes; nothing else in
 *    the engine points into a block, so a checkpoint copies blocks whole.
 *  - The fingerprint folds, per dispatched event, the time, the target model
 *    id, the event kind and the handler's note.  Model ids are registry
 *    order, so reordering models changes fingerprints (by design).
 *  - status is SIM_OK until the first failed schedule; after that nothing
 *    is dispatched (engine.h).  Checked with assert (the sanitizer build
 *    keeps asserts on): the clock never goes backwards, next_seq stays
 *    below 2^48 (the queue's key holds 48 bits of seq).
 *
 * Cost: one heap pop and push per event, no allocation per event; the note
 * is formatted only when a handler writes one. */
#include "engine.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checked.h"
#include "kernel.h"
#include "queue.h"
#include "shared.h"

typedef struct model_slot {
    void (*handle_event)(void *state, sim_ctx *ctx, const sim_event *ev); /* = ops->handle_event */
    const sim_model_ops *ops;
    void *state;
    size_t size;
    sim_rng rng;
} model_slot;

struct sim_engine {
    uint64_t seed;
    int64_t now_ns;
    uint64_t next_seq;
    uint64_t processed;
    uint64_t fingerprint;
    sim_queue queue;
    int n_models;
    model_slot models[SIM_MAX_MODELS];
    char **strings;
    size_t n_strings, cap_strings;
    sim_shared **shared;   /* immutable blocks, one reference each */
    size_t n_shared, cap_shared;
    sim_observer_fn observer;
    void *observer_user;
    sim_watch_fn watch;    /* the kernel's watcher (the director's `when`), or NULL */
    int watch_model;
    uint64_t current_seq;  /* event being handled; 0 outside a handler */
    int current_model;     /* its target (the model scheduling), -1 outside */
    int status;            /* SIM_OK, or the first failure's code */
    char error[256];       /* that failure, as a sentence */
    int note_len;
    char note[SIM_NOTE_MAX];
};

struct sim_ctx {
    sim_engine *eng;
    int self;
};

struct sim_checkpoint {
    int64_t now_ns;
    uint64_t next_seq, processed, fingerprint;
    sim_queue queue;
    int n_models;
    sim_rng rngs[SIM_MAX_MODELS];
    size_t states_bytes;
    unsigned char *states; /* every model's block, back to back */
};

/* --- lifetime and set-up ------------------------------------------------ */

sim_engine *sim_engine_new(uint64_t seed)
{
    sim_engine *eng = calloc(1, sizeof *eng);
    if (!eng) return NULL;
    eng->seed = seed;
    eng->current_model = -1;
    sim_queue_init(&eng->queue);
    return eng;
}

void sim_engine_free(sim_engine *eng)
{
    if (!eng) return;
    for (int i = 0; i < eng->n_models; i++) {
        model_slot *m = &eng->models[i];
        if (m->ops->fini) m->ops->fini(m->state);
        free(m->state);
    }
    for (size_t i = 0; i < eng->n_strings; i++) free(eng->strings[i]);
    free(eng->strings);
    for (size_t i = 0; i < eng->n_shared; i++) sim_shared_unref(eng->shared[i]);
    free(eng->shared);
    sim_queue_free(&eng->queue);
    free(eng);
}

int sim_engine_add_model(sim_engine *eng, const sim_model_ops *ops, size_t state_size)
{
    if (!ops || ops->version != SIM_MODEL_ABI_VERSION) return SIM_EINVAL;
    if (eng->n_models >= SIM_MAX_MODELS) return SIM_ELIMIT;
    if (state_size < ops->state_size) state_size = ops->state_size;
    void *state = calloc(1, state_size ? state_size : 1);
    if (!state) return SIM_ENOMEM;
    int id = eng->n_models++;
    model_slot *m = &eng->models[id];
    m->ops = ops;
    m->handle_event = ops->handle_event;
    m->state = state;
    m->size = state_size;
    sim_rng_seed(&m->rng, eng->seed, ops->name);
    for (size_t i = 0; i < ops->n_params; i++)
        sim_model_write_param(ops, state, (int)i, ops->params[i].def);
    return id;
}

int sim_engine_start(sim_engine *eng)
{
    for (int i = 0; i < eng->n_models && eng->status == SIM_OK; i++) {
        model_slot *m = &eng->models[i];
        sim_ctx ctx = {eng, i};
        eng->current_model = i;
        if (m->ops->init) m->ops->init(m->state, &ctx);
    }
    eng->current_model = -1;
    return eng->status;
}

int sim_engine_model_count(const sim_engine *eng) { return eng->n_models; }

int sim_engine_find_model(const sim_engine *eng, const char *name)
{
    for (int i = 0; i < eng->n_models; i++)
        if (strcmp(eng->models[i].ops->name, name) == 0) return i;
    return -1;
}

static int valid_model(const sim_engine *eng, int id) { return id >= 0 && id < eng->n_models; }

const sim_model_ops *sim_engine_model_ops(const sim_engine *eng, int id)
{
    return valid_model(eng, id) ? eng->models[id].ops : NULL;
}

void *sim_engine_model_state(sim_engine *eng, int id)
{
    return valid_model(eng, id) ? eng->models[id].state : NULL;
}

const void *sim_engine_model_state_const(const sim_engine *eng, int id)
{
    return valid_model(eng, id) ? eng->models[id].state : NULL;
}

uint64_t sim_engine_seed(const sim_engine *eng) { return eng->seed; }

int64_t sim_engine_intern(sim_engine *eng, const char *s)
{
    if (eng->n_strings == eng->cap_strings) {
        size_t cap = eng->cap_strings ? eng->cap_strings * 2 : 16;
        char **t = realloc(eng->strings, cap * sizeof *t);
        if (!t) return SIM_ENOMEM;
        eng->strings = t;
        eng->cap_strings = cap;
    }
    size_t n = strlen(s);
    char *copy = malloc(n + 1);
    if (!copy) return SIM_ENOMEM;
    memcpy(copy, s, n + 1);
    eng->strings[eng->n_strings] = copy;
    return (int64_t)eng->n_strings++;
}

int64_t sim_engine_add_shared(sim_engine *eng, sim_shared *block)
{
    if (!block) return SIM_EINVAL;
    if (eng->n_shared == eng->cap_shared) {
        size_t cap = eng->cap_shared ? eng->cap_shared * 2 : 4;
        sim_shared **t = realloc(eng->shared, cap * sizeof *t);
        if (!t) return SIM_ENOMEM;
        eng->shared = t;
        eng->cap_shared = cap;
    }
    sim_shared_ref(block);
    eng->shared[eng->n_shared] = block;
    return (int64_t)eng->n_shared++;
}

const void *sim_engine_shared(const sim_engine *eng, int64_t idx)
{
    return idx >= 0 && (size_t)idx < eng->n_shared ? sim_shared_data(eng->shared[idx]) : NULL;
}

const char *sim_engine_string(const sim_engine *eng, int64_t id)
{
    return id >= 0 && (size_t)id < eng->n_strings ? eng->strings[id] : "";
}

int sim_engine_status(const sim_engine *eng) { return eng->status; }
const char *sim_engine_error(const sim_engine *eng) { return eng->error; }

/* Records the first failure (the run ends there) and returns 0, the
 * failed schedule's seq. */
static uint64_t fail(sim_engine *eng, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static uint64_t fail(sim_engine *eng, int code, const char *fmt, ...)
{
    if (eng->status != SIM_OK) return 0;
    int who = eng->current_model;
    int n = snprintf(eng->error, sizeof eng->error, "at %lld ns, %s%s%s: ", (long long)eng->now_ns,
                     who >= 0 ? "model '" : "the scenario", who >= 0 ? eng->models[who].ops->name : "",
                     who >= 0 ? "'" : "");
    if (n > 0 && (size_t)n < sizeof eng->error) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(eng->error + n, sizeof eng->error - (size_t)n, fmt, ap);
        va_end(ap);
    }
    eng->status = code;
    return 0;
}

static uint64_t schedule(sim_engine *eng, int64_t time_ns, int32_t priority, int target,
                         int kind, const sim_payload *p, uint64_t cause)
{
    if (eng->status != SIM_OK) return 0;
    if (!valid_model(eng, target))
        return fail(eng, SIM_EINVAL, "an event for unknown model %d", target);
    const char *name = eng->models[target].ops->name;
    if (time_ns < eng->now_ns)
        return fail(eng, SIM_EINVAL, "an event for '%s' in the past (at %lld ns)", name,
                    (long long)time_ns);
    if (kind < 0 || kind > UINT16_MAX)
        return fail(eng, SIM_EINVAL, "an event for '%s' of kind %d (not 0..65535)", name, kind);
    if (priority < INT16_MIN || priority > INT16_MAX)
        return fail(eng, SIM_EINVAL, "an event for '%s' with priority %ld (not within int16)",
                    name, (long)priority);
    if (eng->next_seq + 1 >= SIM_SEQ_LIMIT)
        return fail(eng, SIM_ELIMIT, "more than 2^48 events scheduled in one run");
    sim_event *ev = sim_queue_reserve(&eng->queue);
    if (!ev)
        return fail(eng, SIM_ENOMEM, "out of memory scheduling an event for '%s' (%zu pending)",
                    name, sim_queue_size(&eng->queue));
    ev->time_ns = time_ns;
    ev->priority = priority;
    ev->target = (uint16_t)target;
    ev->kind = (uint16_t)kind;
    ev->seq = eng->next_seq + 1;
    ev->cause = cause;
    if (p) ev->p = *p;
    else memset(&ev->p, 0, sizeof ev->p);
    sim_queue_commit(&eng->queue);
    return ++eng->next_seq;
}

uint64_t sim_engine_schedule_at(sim_engine *eng, int64_t time_ns, int32_t priority, int target,
                                int kind, const sim_payload *p)
{
    return schedule(eng, time_ns, priority, target, kind, p, 0);
}

int sim_engine_cancel(sim_engine *eng, uint64_t seq)
{
    return sim_queue_cancel(&eng->queue, seq) == 0 ? SIM_OK : SIM_ENOTFOUND;
}

int sim_engine_set_watch(sim_engine *eng, int model, sim_watch_fn fn)
{
    if (model < 0 || model >= eng->n_models) return SIM_EINVAL;
    eng->watch = fn;
    eng->watch_model = model;
    return SIM_OK;
}

void sim_engine_set_observer(sim_engine *eng, sim_observer_fn fn, void *user)
{
    eng->observer = fn;
    eng->observer_user = user;
}

/* --- dispatch ------------------------------------------------------------ */

/* One multiply-rotate round per word: cheap enough for the hot path, and
 * any change of a folded word or of the order of words changes the hash. */
static uint64_t mix64(uint64_t h, uint64_t x)
{
    h = (h ^ x) * 0x9e3779b97f4a7c15ULL;
    return (h << 29) | (h >> 35);
}

static void fold_fingerprint(sim_engine *eng, const sim_event *ev)
{
    uint64_t h = eng->fingerprint;
    h = mix64(h, (uint64_t)ev->time_ns);
    h = mix64(h, ((uint64_t)ev->target << 16) | ev->kind);
    if (eng->note_len) h = mix64(h, sim_fnv1a(SIM_FNV_OFFSET, eng->note, (size_t)eng->note_len));
    eng->fingerprint = h;
}

static const char *kind_name(const sim_model_ops *ops, int kind)
{
    return (size_t)kind < ops->n_event_kinds ? ops->event_kinds[kind] : "?";
}

int sim_engine_step(sim_engine *eng)
{
    if (eng->status != SIM_OK) return 0;
    /* The event stays in the queue's slab (no copy) until released below;
     * the observer sees it before it is released. */
    const sim_event *ev = sim_queue_pop_ref(&eng->queue);
    if (!ev) return 0;
    assert(ev->time_ns >= eng->now_ns && valid_model(eng, ev->target));
    eng->now_ns = ev->time_ns;
    eng->processed++;
    eng->current_seq = ev->seq;
    eng->current_model = ev->target;
    eng->note_len = 0;
    eng->note[0] = '\0';
    model_slot *m = &eng->models[ev->target];
    sim_ctx ctx = {eng, ev->target};
    m->handle_event(m->state, &ctx, ev);
    if (eng->watch) { /* still inside the event: what it schedules has it as cause */
        sim_ctx wctx = {eng, eng->watch_model};
        eng->watch(eng->models[eng->watch_model].state, &wctx, ev);
    }
    eng->current_seq = 0;
    eng->current_model = -1;
    fold_fingerprint(eng, ev);
    if (eng->observer) {
        sim_trace_record rec = {
            .time_ns = ev->time_ns, .seq = ev->seq, .cause = ev->cause,
            .index = eng->processed, .model = ev->target, .model_name = m->ops->name,
            .kind = ev->kind, .kind_name = kind_name(m->ops, ev->kind), .note = eng->note,
            .event = ev};
        eng->observer(eng->observer_user, eng, &rec);
    }
    sim_queue_release(&eng->queue);
    return 1;
}

uint64_t sim_engine_run_until_time(sim_engine *eng, int64_t t_ns)
{
    uint64_t n = 0;
    const sim_event *next;
    while ((next = sim_queue_peek(&eng->queue)) && next->time_ns <= t_ns) n += sim_engine_step(eng);
    if (t_ns > eng->now_ns) eng->now_ns = t_ns;
    return n;
}

uint64_t sim_engine_run_until_event(sim_engine *eng, uint64_t target)
{
    uint64_t n = 0;
    while (eng->processed < target && sim_engine_step(eng)) n++;
    return n;
}

uint64_t sim_engine_run_until(sim_engine *eng, sim_event_pred pred, void *user)
{
    uint64_t n = 0;
    const sim_event *next;
    while ((next = sim_queue_peek(&eng->queue)) && !pred(user, eng, next)) n += sim_engine_step(eng);
    return n;
}

uint64_t sim_engine_run(sim_engine *eng)
{
    uint64_t n = 0;
    while (sim_engine_step(eng)) n++;
    return n;
}

int64_t sim_engine_now(const sim_engine *eng) { return eng->now_ns; }

uint64_t sim_engine_events_processed(const sim_engine *eng) { return eng->processed; }
size_t sim_engine_pending(const sim_engine *eng) { return sim_queue_size(&eng->queue); }
const sim_event *sim_engine_peek(sim_engine *eng)
{
    return eng->status == SIM_OK ? sim_queue_peek(&eng->queue) : NULL;
}
uint64_t sim_engine_fingerprint(const sim_engine *eng) { return eng->fingerprint; }

sim_value sim_engine_metric(const sim_engine *eng, int model, int metric)
{
    const model_slot *m = &eng->models[model];
    return sim_model_read_metric(m->ops, m->state, metric);
}

sim_value sim_engine_param(const sim_engine *eng, int model, int param)
{
    const model_slot *m = &eng->models[model];
    return sim_model_read_param(m->ops, m->state, param);
}

void sim_engine_set_param(sim_engine *eng, int model, int param, sim_value v)
{
    model_slot *m = &eng->models[model];
    sim_model_write_param(m->ops, m->state, param, v);
}

/* --- checkpoints --------------------------------------------------------- */

sim_checkpoint *sim_checkpoint_save(const sim_engine *eng)
{
    sim_checkpoint *cp = calloc(1, sizeof *cp);
    if (!cp) return NULL;
    size_t total = 0;
    for (int i = 0; i < eng->n_models; i++) total += eng->models[i].size;
    cp->states = malloc(total ? total : 1);
    if (!cp->states || sim_queue_copy(&cp->queue, &eng->queue) != 0) {
        free(cp->states);
        free(cp);
        return NULL;
    }
    cp->now_ns = eng->now_ns;
    cp->next_seq = eng->next_seq;
    cp->processed = eng->processed;
    cp->fingerprint = eng->fingerprint;
    cp->n_models = eng->n_models;
    cp->states_bytes = total;
    size_t off = 0;
    for (int i = 0; i < eng->n_models; i++) {
        cp->rngs[i] = eng->models[i].rng;
        memcpy(cp->states + off, eng->models[i].state, eng->models[i].size);
        off += eng->models[i].size;
    }
    return cp;
}

int sim_checkpoint_restore(sim_engine *eng, const sim_checkpoint *cp)
{
    if (cp->n_models != eng->n_models) return SIM_EINVAL;
    size_t total = 0;
    for (int i = 0; i < eng->n_models; i++) total += eng->models[i].size;
    if (total != cp->states_bytes) return SIM_EINVAL;
    sim_queue q;
    if (sim_queue_copy(&q, &cp->queue) != 0) return SIM_ENOMEM;
    sim_queue_free(&eng->queue);
    eng->queue = q;
    eng->now_ns = cp->now_ns;
    eng->next_seq = cp->next_seq;
    eng->processed = cp->processed;
    eng->fingerprint = cp->fingerprint;
    size_t off = 0;
    for (int i = 0; i < eng->n_models; i++) {
        eng->models[i].rng = cp->rngs[i];
        memcpy(eng->models[i].state, cp->states + off, eng->models[i].size);
        off += eng->models[i].size;
    }
    return SIM_OK;
}

void sim_checkpoint_free(sim_checkpoint *cp)
{
    if (!cp) return;
    sim_queue_free(&cp->queue);
    free(cp->states);
    free(cp);
}

size_t sim_checkpoint_bytes(const sim_checkpoint *cp)
{
    return sizeof *cp + cp->states_bytes + sim_queue_bytes(&cp->queue);
}

uint64_t sim_checkpoint_events_processed(const sim_checkpoint *cp) { return cp->processed; }
int64_t sim_checkpoint_time(const sim_checkpoint *cp) { return cp->now_ns; }

/* --- the model's view ----------------------------------------------------- */

int64_t sim_now(const sim_ctx *ctx) { return ctx->eng->now_ns; }
int sim_self(const sim_ctx *ctx) { return ctx->self; }

uint64_t sim_schedule_prio(sim_ctx *ctx, int64_t delay_ns, int32_t priority, int target,
                           int kind, const sim_payload *p)
{
    if (delay_ns < 0) return 0;
    sim_engine *eng = ctx->eng;
    int64_t when;
    if (sim_add_i64(eng->now_ns, delay_ns, &when) != 0)
        return fail(eng, SIM_ELIMIT, "an event %lld ns later passes the largest simulated time "
                    "(2^63-1 ns, about 292 years)", (long long)delay_ns);
    return schedule(eng, when, priority, target, kind, p, eng->current_seq);
}

uint64_t sim_schedule(sim_ctx *ctx, int64_t delay_ns, int target, int kind, const sim_payload *p)
{
    return sim_schedule_prio(ctx, delay_ns, SIM_PRIO_NORMAL, target, kind, p);
}

int sim_cancel(sim_ctx *ctx, uint64_t seq) { return sim_engine_cancel(ctx->eng, seq); }

int sim_lookup(const sim_ctx *ctx, const char *model_name)
{
    return sim_engine_find_model(ctx->eng, model_name);
}

sim_rng *sim_rng_of(sim_ctx *ctx) { return &ctx->eng->models[ctx->self].rng; }

void sim_note(sim_ctx *ctx, const char *fmt, ...)
{
    sim_engine *eng = ctx->eng;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(eng->note, sizeof eng->note, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    eng->note_len = n < (int)sizeof eng->note ? n : (int)sizeof eng->note - 1;
}

const char *sim_string(const sim_ctx *ctx, int64_t id) { return sim_engine_string(ctx->eng, id); }
const void *sim_shared_at(const sim_ctx *ctx, int64_t idx)
{
    return sim_engine_shared(ctx->eng, idx);
}
uint64_t sim_current_seq(const sim_ctx *ctx) { return ctx->eng->current_seq; }

const char *sim_model_name(const sim_ctx *ctx, int id)
{
    return valid_model(ctx->eng, id) ? ctx->eng->models[id].ops->name : NULL;
}

const sim_engine *sim_kernel_engine(const sim_ctx *ctx) { return ctx->eng; }
