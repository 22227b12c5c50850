/* test_engine.c: the kernel's contract -- run control, cancellation, causes,
 * checkpoints, per-model random streams, fingerprints and the director. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "director.h"
#include "engine.h"

/* A ticking model: every tick draws a delay from its stream, notes it and
 * schedules the next tick, until `count` ticks have run.  extra_draws lets a
 * test make it consume more random numbers without changing its schedule's
 * shape. */
typedef struct tick_state {
    int64_t period_ns;
    int64_t count;
    int64_t extra_draws;
    int64_t ticks;       /* metric */
    int64_t last_delay_ns;
    uint64_t cancel_me;  /* seq of a timer the next tick cancels */
} tick_state;

enum { TICK, DOOMED };
static const char *const tick_kinds[] = {"tick", "doomed"};
static const sim_param_def tick_params[] = {
    {.name = "period", .type = SIM_T_DURATION, .unit = "ns", .def = {.i = 1000},
     .min = {.i = 1}, .max = {.i = SIM_H}, .offset = offsetof(tick_state, period_ns),
     .doc = "mean tick period", .source = "test"},
    {.name = "count", .type = SIM_T_COUNT, .def = {.i = 50}, .min = {.i = 0},
     .max = {.i = 1000000}, .offset = offsetof(tick_state, count), .doc = "ticks", .source = "test"},
    {.name = "extra_draws", .type = SIM_T_COUNT, .def = {.i = 0}, .min = {.i = 0},
     .max = {.i = 100}, .offset = offsetof(tick_state, extra_draws), .doc = "", .source = "test"},
};
static const sim_metric_def tick_metrics[] = {
    {.name = "ticks", .type = SIM_T_COUNT, .unit = "", .offset = offsetof(tick_state, ticks)},
};

static void tick_init(void *state, sim_ctx *ctx)
{
    tick_state *s = state;
    if (s->count > 0) sim_schedule(ctx, s->period_ns, sim_self(ctx), TICK, NULL);
}

static void tick_handle(void *state, sim_ctx *ctx, const sim_event *ev)
{
    tick_state *s = state;
    if (ev->kind == DOOMED) {
        sim_note(ctx, "doomed timer ran");
        return;
    }
    s->ticks++;
    if (s->cancel_me) {
        sim_cancel(ctx, s->cancel_me);
        s->cancel_me = 0;
    }
    for (int64_t i = 0; i < s->extra_draws; i++) sim_rng_next(sim_rng_of(ctx));
    s->last_delay_ns = sim_rng_range(sim_rng_of(ctx), 1, 2 * s->period_ns);
    sim_note(ctx, "tick %lld, next in %lld ns", (long long)s->ticks, (long long)s->last_delay_ns);
    if (s->ticks < s->count) {
        sim_schedule(ctx, s->last_delay_ns, sim_self(ctx), TICK, NULL);
        if (s->ticks % 3 == 0) s->cancel_me = sim_schedule(ctx, s->last_delay_ns + 1, sim_self(ctx), DOOMED, NULL);
    }
}

static sim_model_ops tick_ops(const char *name)
{
    sim_model_ops o = {
        .version = SIM_MODEL_ABI_VERSION, .name = name, .doc = "test ticker",
        .state_size = sizeof(tick_state), .params = tick_params, .n_params = 3,
        .metrics = tick_metrics, .n_metrics = 1, .event_kinds = tick_kinds, .n_event_kinds = 2,
        .init = tick_init, .handle_event = tick_handle};
    return o;
}

static sim_model_ops ops_a, ops_b;

static int setup(void **st)
{
    (void)st;
    ops_a = tick_ops("alpha");
    ops_b = tick_ops("beta");
    return 0;
}

/* Records a digest of every record, and of one model's records alone. */
typedef struct recorder {
    uint64_t all, only;
    int only_model;
    uint64_t n, n_doomed;
} recorder;

static void record(void *user, const sim_engine *eng, const sim_trace_record *r)
{
    (void)eng;
    recorder *rc = user;
    uint64_t x[4] = {(uint64_t)r->time_ns, r->seq, r->cause, (uint64_t)r->model};
    rc->all = sim_fnv1a(rc->all, x, sizeof x);
    rc->all = sim_fnv1a(rc->all, r->note, strlen(r->note));
    if (r->model == rc->only_model) {
        rc->only = sim_fnv1a(rc->only, &r->time_ns, sizeof r->time_ns);
        rc->only = sim_fnv1a(rc->only, r->note, strlen(r->note));
    }
    if (strcmp(r->kind_name, "doomed") == 0) rc->n_doomed++;
    rc->n++;
}

static sim_engine *build(uint64_t seed, int64_t extra_draws_a, recorder *rc)
{
    sim_engine *e = sim_engine_new(seed);
    int a = sim_engine_add_model(e, &ops_a, 0);
    int b = sim_engine_add_model(e, &ops_b, 0);
    assert_int_equal(a, 0);
    assert_int_equal(b, 1);
    sim_engine_set_param(e, a, sim_model_find_param(&ops_a, "extra_draws"), (sim_value){.i = extra_draws_a});
    sim_engine_set_param(e, b, sim_model_find_param(&ops_b, "period"), (sim_value){.i = 1700});
    if (rc) {
        memset(rc, 0, sizeof *rc);
        rc->all = rc->only = SIM_FNV_OFFSET;
        rc->only_model = b;
        sim_engine_set_observer(e, record, rc);
    }
    sim_engine_start(e);
    return e;
}

static void test_engine_same_seed_same_fingerprint_other_seed_differs(void **st)
{
    (void)st;
    sim_engine *e1 = build(7, 0, NULL), *e2 = build(7, 0, NULL), *e3 = build(8, 0, NULL);
    sim_engine_run(e1);
    sim_engine_run(e2);
    sim_engine_run(e3);
    assert_int_equal(sim_engine_fingerprint(e1), sim_engine_fingerprint(e2));
    assert_int_not_equal(sim_engine_fingerprint(e1), sim_engine_fingerprint(e3));
    assert_int_equal(sim_engine_events_processed(e1), sim_engine_events_processed(e2));
    sim_engine_free(e1);
    sim_engine_free(e2);
    sim_engine_free(e3);
}

static void test_engine_cancelled_timers_never_run(void **st)
{
    (void)st;
    recorder rc;
    sim_engine *e = build(3, 0, &rc);
    sim_engine_run(e);
    /* Every doomed timer is cancelled by the next tick, which always comes
     * first (it is due 1 ns earlier), except after the last tick. */
    assert_int_equal(rc.n_doomed, 0);
    assert_int_equal(sim_engine_pending(e), 0);
    sim_engine_free(e);
}

static void test_engine_checkpoint_restore_replays_identical_trace(void **st)
{
    (void)st;
    recorder rc;
    sim_engine *e = build(11, 0, &rc);
    sim_engine_run_until_event(e, 37);
    sim_checkpoint *cp = sim_checkpoint_save(e);
    assert_non_null(cp);
    assert_int_equal(sim_checkpoint_events_processed(cp), 37);
    recorder at_cp = rc;
    sim_engine_run(e);
    recorder first = rc;
    uint64_t fp1 = sim_engine_fingerprint(e);
    int64_t end1 = sim_engine_now(e);
    assert_int_equal(sim_checkpoint_restore(e, cp), 0);
    assert_int_equal(sim_engine_events_processed(e), 37);
    rc = at_cp;
    sim_engine_run(e);
    assert_int_equal(rc.all, first.all);
    assert_int_equal(rc.n, first.n);
    assert_int_equal(sim_engine_fingerprint(e), fp1);
    assert_int_equal(sim_engine_now(e), end1);
    sim_checkpoint_free(cp);
    sim_engine_free(e);
}

static void test_engine_streams_are_independent_per_model(void **st)
{
    (void)st;
    recorder r1, r2;
    sim_engine *e1 = build(5, 0, &r1), *e2 = build(5, 9, &r2);
    sim_engine_run(e1);
    sim_engine_run(e2);
    /* alpha draws 9 extra numbers per tick in e2: its own trace changes ... */
    assert_int_not_equal(r1.all, r2.all);
    /* ... but beta's stream, and so beta's whole trace, does not. */
    assert_int_equal(r1.only, r2.only);
    sim_engine_free(e1);
    sim_engine_free(e2);
}

static int is_beta(void *user, const sim_engine *eng, const sim_event *next)
{
    (void)eng;
    return next->target == *(int *)user;
}

static void test_engine_run_control_stops_where_asked(void **st)
{
    (void)st;
    sim_engine *e = build(1, 0, NULL);
    assert_int_equal(sim_engine_step(e), 1);
    assert_int_equal(sim_engine_events_processed(e), 1);
    sim_engine_run_until_event(e, 10);
    assert_int_equal(sim_engine_events_processed(e), 10);
    sim_engine_run_until_time(e, 20000);
    assert_true(sim_engine_now(e) == 20000);
    assert_true(sim_engine_peek(e)->time_ns > 20000);
    int beta = 1;
    sim_engine_run_until(e, is_beta, &beta);
    assert_int_equal(sim_engine_peek(e)->target, 1);
    sim_engine_run(e);
    assert_int_equal(sim_engine_step(e), 0);
    assert_int_equal(sim_engine_pending(e), 0);
    sim_engine_free(e);
}

static void cause_check(void *user, const sim_engine *eng, const sim_trace_record *r)
{
    (void)eng;
    uint64_t *prev_tick = user;
    /* Every tick after the first was scheduled by the previous tick of the same model. */
    if (r->model == 0 && strcmp(r->kind_name, "tick") == 0) {
        if (*prev_tick) assert_int_equal(r->cause, *prev_tick);
        else assert_int_equal(r->cause, 0);
        *prev_tick = r->seq;
    }
}

static void test_engine_events_carry_their_cause(void **st)
{
    (void)st;
    sim_engine *e = build(2, 0, NULL);
    uint64_t prev = 0;
    sim_engine_set_observer(e, cause_check, &prev);
    sim_engine_run(e);
    assert_int_not_equal(prev, 0);
    sim_engine_free(e);
}

static void test_engine_a_rejected_event_ends_the_run_with_an_error(void **st)
{
    (void)st;
    sim_engine *e = build(2, 0, NULL);
    sim_engine_run_until_time(e, 5000);
    assert_int_not_equal(sim_engine_schedule_at(e, 5000, 0, 0, TICK, NULL), 0);
    assert_int_equal(sim_engine_status(e), SIM_OK);
    assert_string_equal(sim_engine_error(e), "");
    assert_int_equal(sim_engine_schedule_at(e, 4999, 0, 0, TICK, NULL), 0);
    assert_int_equal(sim_engine_status(e), SIM_EINVAL);
    assert_non_null(strstr(sim_engine_error(e), "at 5000 ns, the scenario: an event for 'alpha' in the past (at 4999 ns)"));
    /* nothing more runs: the trace cannot go on without the lost event */
    uint64_t done = sim_engine_events_processed(e);
    assert_null(sim_engine_peek(e));
    assert_int_equal(sim_engine_step(e), 0);
    assert_int_equal(sim_engine_run(e), 0);
    assert_int_equal(sim_engine_events_processed(e), done);
    assert_int_equal(sim_engine_schedule_at(e, 6000, 0, 0, TICK, NULL), 0);
    sim_engine_free(e);
    e = build(2, 0, NULL);
    assert_int_equal(sim_engine_schedule_at(e, 6000, 0, 99, TICK, NULL), 0);
    assert_non_null(strstr(sim_engine_error(e), "an event for unknown model 99"));
    sim_engine_free(e);
}

/* A model that, at its third event, asks for a priority outside int16. */
static void bad_prio_handle(void *state, sim_ctx *ctx, const sim_event *ev)
{
    int64_t *n = state;
    (void)ev;
    if (++*n == 3) sim_schedule_prio(ctx, 1, 40000, sim_self(ctx), 0, NULL);
    else sim_schedule(ctx, 1, sim_self(ctx), 0, NULL);
}

static void test_engine_a_model_asking_the_impossible_stops_the_run_where_it_asked(void **st)
{
    (void)st;
    static const char *const kinds[] = {"go"};
    const sim_model_ops bad = {.version = SIM_MODEL_ABI_VERSION, .name = "bad",
                               .state_size = sizeof(int64_t), .event_kinds = kinds,
                               .n_event_kinds = 1, .handle_event = bad_prio_handle};
    sim_engine *e = sim_engine_new(1);
    assert_int_equal(sim_engine_add_model(e, &bad, 0), 0);
    assert_int_equal(sim_engine_start(e), SIM_OK);
    assert_int_not_equal(sim_engine_schedule_at(e, 10, 0, 0, 0, NULL), 0);
    assert_int_equal(sim_engine_run(e), 3);
    assert_int_equal(sim_engine_status(e), SIM_EINVAL);
    assert_string_equal(sim_engine_error(e),
                        "at 12 ns, model 'bad': an event for 'bad' with priority 40000 (not within int16)");
    sim_engine_free(e);
}

static void test_director_checks_timed_and_final_expectations(void **st)
{
    (void)st;
    sim_engine *e = sim_engine_new(1);
    int a = sim_engine_add_model(e, &ops_a, 0);
    sim_expect_def defs[3] = {0};
    defs[0] = (sim_expect_def){.model = a, .metric = 0, .op = SIM_CMP_GE, .rhs = {.i = 1}, .at_ns = 5000};
    defs[1] = (sim_expect_def){.model = a, .metric = 0, .op = SIM_CMP_EQ, .rhs = {.i = 50}, .at_end = 1};
    defs[2] = (sim_expect_def){.model = a, .metric = 0, .op = SIM_CMP_LT, .rhs = {.i = 10}, .at_end = 1};
    int d = sim_director_add(e, defs, 3, NULL, 0);
    assert_true(d > 0);
    sim_engine_start(e);
    sim_engine_run(e);
    assert_int_equal(sim_director_finish(e, d), 1);
    assert_true(sim_director_result(e, d, 0)->passed);
    assert_int_equal(sim_director_result(e, d, 0)->checked_at_ns, 5000);
    assert_true(sim_director_result(e, d, 1)->passed);
    assert_false(sim_director_result(e, d, 2)->passed);
    assert_int_equal(sim_director_result(e, d, 2)->observed.i, 50);
    sim_engine_free(e);
}

/* Collects the director's say lines: time and cause. */
typedef struct said_log {
    int director;
    int n;
    int64_t t[8];
    uint64_t cause[8];
} said_log;

static void collect_said(void *user, const sim_engine *eng, const sim_trace_record *r)
{
    (void)eng;
    said_log *l = user;
    if (r->model == l->director && r->kind == SIM_DIRECTOR_SAY && l->n < 8) {
        l->t[l->n] = r->time_ns;
        l->cause[l->n++] = r->cause;
    }
}

static void test_director_when_fires_once_when_the_condition_turns_true(void **st)
{
    (void)st;
    sim_engine *e = sim_engine_new(1);
    int a = sim_engine_add_model(e, &ops_a, 0);
    int64_t text = sim_engine_intern(e, "three ticks");
    sim_when_def w[2] = {0};
    /* ticks >= 3: false at the start, true after the third tick, and stays true */
    w[0] = (sim_when_def){.model = a, .metric = 0, .op = SIM_CMP_GE, .rhs = {.i = 3}, .say = text,
                          .action_model = -1};
    /* ticks >= 0 holds from the start: it never turns true, so never fires */
    w[1] = (sim_when_def){.model = a, .metric = 0, .op = SIM_CMP_GE, .rhs = {.i = 0}, .say = text,
                          .action_model = -1};
    int d = sim_director_add(e, NULL, 0, w, 2);
    assert_true(d > 0);
    said_log log = {.director = d};
    sim_engine_set_observer(e, collect_said, &log);
    sim_engine_start(e);
    sim_engine_run(e);
    assert_int_equal(log.n, 1);
    const sim_when_result *r0 = sim_director_when_result(e, d, 0);
    assert_true(r0->fired);
    assert_int_equal(log.t[0], r0->fired_at_ns);
    assert_true(log.cause[0] != 0); /* caused by the third tick */
    assert_false(sim_director_when_result(e, d, 1)->fired);
    assert_int_equal(sim_director_when_result(e, d, 1)->fired_at_ns, -1);
    sim_engine_free(e);
}

static void test_director_when_replays_identically_from_a_checkpoint(void **st)
{
    (void)st;
    sim_engine *e = sim_engine_new(3);
    int a = sim_engine_add_model(e, &ops_a, 0);
    int64_t text = sim_engine_intern(e, "five ticks");
    sim_when_def w = {.model = a, .metric = 0, .op = SIM_CMP_EQ, .rhs = {.i = 5}, .say = text,
                      .action_model = -1};
    int d = sim_director_add(e, NULL, 0, &w, 1);
    sim_engine_start(e);
    sim_engine_run_until_event(e, 2);
    sim_checkpoint *cp = sim_checkpoint_save(e);
    assert_non_null(cp);
    sim_engine_run(e);
    uint64_t fp = sim_engine_fingerprint(e);
    int64_t at = sim_director_when_result(e, d, 0)->fired_at_ns;
    assert_true(at > 0);
    assert_int_equal(sim_checkpoint_restore(e, cp), 0);
    assert_false(sim_director_when_result(e, d, 0)->fired);
    sim_engine_run(e);
    assert_int_equal(sim_engine_fingerprint(e), fp);
    assert_int_equal(sim_director_when_result(e, d, 0)->fired_at_ns, at);
    sim_checkpoint_free(cp);
    sim_engine_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_engine_same_seed_same_fingerprint_other_seed_differs),
        cmocka_unit_test(test_engine_cancelled_timers_never_run),
        cmocka_unit_test(test_engine_checkpoint_restore_replays_identical_trace),
        cmocka_unit_test(test_engine_streams_are_independent_per_model),
        cmocka_unit_test(test_engine_run_control_stops_where_asked),
        cmocka_unit_test(test_engine_events_carry_their_cause),
        cmocka_unit_test(test_engine_a_rejected_event_ends_the_run_with_an_error),
        cmocka_unit_test(test_engine_a_model_asking_the_impossible_stops_the_run_where_it_asked),
        cmocka_unit_test(test_director_checks_timed_and_final_expectations),
        cmocka_unit_test(test_director_when_fires_once_when_the_condition_turns_true),
        cmocka_unit_test(test_director_when_replays_identically_from_a_checkpoint),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
