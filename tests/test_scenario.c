/* test_scenario.c: every statement of the scenario language, the time
 * cursor, substitution, --set, includes, error reporting, and
 * scn_instantiate, against two small fake models defined here (so the test
 * does not move when the real models change). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "director.h"
#include "engine.h"
#include "scenario.h"

/* --- fake models ---------------------------------------------------------- */
typedef struct box_state {
    int64_t mem_bytes, wait_ns, n, mode, flag, ip;
    double frac;
    char label[32];
    int64_t state, used_bytes, lat_ns; /* metrics */
} box_state;

static const char *const box_modes[] = {"nat", "mirrored", NULL};
static const char *const box_states[] = {"off", "on", NULL};
static const sim_param_def box_params[] = {
    {.name = "mem", .type = SIM_T_BYTES, .def = {.i = SIM_GiB}, .min = {.i = 256 * SIM_MiB},
     .max = {.i = SIM_TiB}, .offset = offsetof(box_state, mem_bytes)},
    {.name = "wait", .type = SIM_T_DURATION, .def = {.i = SIM_S}, .min = {.i = 0},
     .max = {.i = SIM_H}, .offset = offsetof(box_state, wait_ns)},
    {.name = "n", .type = SIM_T_COUNT, .def = {.i = 1}, .min = {.i = 0}, .max = {.i = 1000},
     .offset = offsetof(box_state, n)},
    {.name = "frac", .type = SIM_T_RATIO, .def = {.r = 0.1}, .min = {.r = 0}, .max = {.r = 0.9},
     .offset = offsetof(box_state, frac)},
    {.name = "mode", .type = SIM_T_ENUM, .enum_names = box_modes,
     .offset = offsetof(box_state, mode)},
    {.name = "flag", .type = SIM_T_BOOL, .offset = offsetof(box_state, flag)},
    {.name = "ip", .type = SIM_T_ADDRESS, .offset = offsetof(box_state, ip)},
    {.name = "label", .type = SIM_T_STRING, .def = {.s = "none"},
     .offset = offsetof(box_state, label), .str_cap = sizeof(((box_state *)0)->label)},
};
static const sim_arg_def write_args[] = {
    {.name = "path", .type = SIM_T_STRING, .required = 1},
    {.name = "size", .type = SIM_T_BYTES, .required = 1, .min = {.i = 1}, .max = {.i = SIM_TiB}},
    {.name = "files", .type = SIM_T_COUNT, .def = {.i = 7}, .min = {.i = 1}, .max = {.i = 1000000}},
    {.name = "frac", .type = SIM_T_RATIO, .def = {.r = 0.5}, .min = {.r = 0}, .max = {.r = 1}},
};
enum { BOX_START, BOX_WRITE };
static const sim_action_def box_actions[] = {
    {.name = "start", .kind = BOX_START},
    {.name = "write", .kind = BOX_WRITE, .args = write_args, .n_args = 4},
};
static const sim_metric_def box_metrics[] = {
    {.name = "state", .type = SIM_T_ENUM, .enum_names = box_states, .offset = offsetof(box_state, state)},
    {.name = "used", .type = SIM_T_BYTES, .offset = offsetof(box_state, used_bytes)},
    {.name = "lat", .type = SIM_T_DURATION, .offset = offsetof(box_state, lat_ns)},
};
static const char *const box_kinds[] = {"start", "write"};

static void box_handle(void *state, sim_ctx *ctx, const sim_event *ev)
{
    box_state *b = state;
    if (ev->kind == BOX_START) b->state = 1;
    if (ev->kind == BOX_WRITE) b->used_bytes += ev->p.w[1];
    sim_note(ctx, "%s", box_kinds[ev->kind]);
}

static const sim_model_ops box_ops = {
    .version = SIM_MODEL_ABI_VERSION, .name = "box", .state_size = sizeof(box_state),
    .params = box_params, .n_params = SIM_COUNTOF(box_params),
    .actions = box_actions, .n_actions = SIM_COUNTOF(box_actions),
    .metrics = box_metrics, .n_metrics = SIM_COUNTOF(box_metrics),
    .event_kinds = box_kinds, .n_event_kinds = 2, .handle_event = box_handle,
};

typedef struct host_state { int64_t ram_bytes; } host_state;
static const sim_param_def host_params[] = {
    {.name = "ram", .type = SIM_T_BYTES, .def = {.i = 32 * SIM_GiB}, .min = {.i = 256 * SIM_MiB},
     .max = {.i = 64 * SIM_TiB}, .offset = offsetof(host_state, ram_bytes)},
};
static const sim_metric_def host_metrics[] = {
    {.name = "ram", .type = SIM_T_BYTES, .offset = offsetof(host_state, ram_bytes)},
};
static const sim_model_ops host_ops = {
    .version = SIM_MODEL_ABI_VERSION, .name = "host", .state_size = sizeof(host_state),
    .params = host_params, .n_params = 1, .metrics = host_metrics, .n_metrics = 1,
};

static const sim_model_ops *const models[] = {&host_ops, &box_ops};
enum { HOST, BOX, DIRECTOR };

/* --- a statement added from outside the language (scenario_ext.h) -------- */
/* `limits KEY=VALUE ...` with its own key names for box's parameters, and
 * `limits tight`, which sets box.mem to a typed value of its own. */
static int resolve_limit(scn_stmt *st, const sim_token *key, const char *name, int *model,
                         int *param, const void *data)
{
    (void)data;
    *model = BOX;
    if (strcmp(name, "memory") == 0) *param = 0;
    else if (strcmp(name, "idle") == 0) *param = 1;
    else return scn_stmt_error(st, key, "no limit '%s'", name);
    return 0;
}

static int st_limits(scn_stmt *st, const void *data)
{
    sim_value v = {.i = 512 * SIM_MiB};
    const sim_token *t = scn_stmt_peek(st);
    assert_string_equal((const char *)data, "limits data");
    if (!scn_stmt_take_if(st, "tight")) return scn_stmt_pairs(st, resolve_limit, NULL);
    if (scn_stmt_end(st) != 0) return -1;
    return scn_stmt_set(st, t, BOX, 0, v);
}

static const scn_keyword added[] = {
    {.name = "limits", .parse = st_limits, .data = "limits data"},
    {.name = "title", .parse = st_limits, .data = "never called: built-ins come first"},
};

/* --- helpers ---------------------------------------------------------------- */
static scn_scenario *load_sets(const char *text, const char *const *sets, size_t n_sets,
                               sim_diag_list *d)
{
    scn_options opt = {.models = models, .n_models = 2, .sets = sets, .n_sets = n_sets,
                       .keywords = added, .n_keywords = SIM_COUNTOF(added)};
    scn_scenario *s = NULL;
    sim_diag_list_init(d);
    scn_load_text("t.hvs", text, strlen(text), &opt, &s, d);
    return s;
}

static scn_scenario *load_ok(const char *text)
{
    sim_diag_list d;
    scn_scenario *s = load_sets(text, NULL, 0, &d);
    if (!s) {
        char buf[1024];
        sim_diag_format(&d.items[0], buf, sizeof buf);
        fail_msg("unexpected error: %s", buf);
    }
    assert_int_equal(d.n_errors, 0);
    sim_diag_list_free(&d);
    return s;
}

/* Loads text expecting failure; checks the first error's line, column and
 * message substring. */
static void load_err(const char *text, int line, int col, const char *msg)
{
    sim_diag_list d;
    scn_scenario *s = load_sets(text, NULL, 0, &d);
    assert_null(s);
    assert_true(d.n_errors >= 1);
    if (!strstr(d.items[0].msg, msg)) fail_msg("message '%s' lacks '%s'", d.items[0].msg, msg);
    assert_int_equal(d.items[0].line, line);
    assert_int_equal(d.items[0].col, col);
    assert_string_equal(d.items[0].file, "t.hvs");
    sim_diag_list_free(&d);
}

typedef struct seen {
    int n;
    int64_t t[64];
    int model[64], kind[64];
    sim_event ev[64];
    char note[64][64];
} seen;

static void observe(void *user, const sim_engine *eng, const sim_trace_record *r)
{
    seen *s = user;
    (void)eng;
    if (s->n >= 64) return;
    s->t[s->n] = r->time_ns;
    s->model[s->n] = r->model;
    s->kind[s->n] = r->kind;
    s->ev[s->n] = *r->event;
    snprintf(s->note[s->n], sizeof s->note[0], "%s", r->note);
    s->n++;
}

static sim_engine *run(const scn_scenario *s, seen *out, int *director)
{
    sim_engine *eng = NULL;
    sim_diag_list d;
    sim_diag_list_init(&d);
    memset(out, 0, sizeof *out);
    assert_int_equal(scn_instantiate(s, NULL, &eng, director, &d), 0);
    assert_int_equal(*director, DIRECTOR);
    sim_engine_set_observer(eng, observe, out);
    sim_engine_run(eng);
    sim_diag_list_free(&d);
    return eng;
}

/* --- statements --------------------------------------------------------------- */
static void test_scenario_header_statements_set_title_about_seed_end(void **state)
{
    scn_scenario *s = load_ok("# comment\ntitle \"Boot \\\"race\\\"\"  # trailing\n"
                              "about \"three machines\"\nseed 9223372036854775807\nend 2min\n"
                              "at 0s box.start\n");
    (void)state;
    assert_string_equal(scn_title(s), "Boot \"race\"");
    assert_string_equal(scn_about(s), "three machines");
    assert_true(scn_seed(s) == 9223372036854775807ULL);
    assert_int_equal(scn_end_ns(s), 2 * SIM_MIN);
    scn_free(s);
}

static void test_scenario_defaults_without_header(void **state)
{
    scn_scenario *s = load_ok("at 1s box.start\n");
    (void)state;
    assert_string_equal(scn_title(s), "");
    assert_string_equal(scn_about(s), "");
    assert_int_equal(scn_seed(s), 1);
    assert_int_equal(scn_end_ns(s), -1);
    scn_free(s);
}

static void test_scenario_set_writes_every_type(void **state)
{
    scn_scenario *s = load_ok("set box.mem = 1.5GiB\nset box.wait=90s\nset box.n = 12\n"
                              "set box.frac = 25%\nset box.mode = Mirrored\nset box.flag = true\n"
                              "set box.ip = 172.30.96.1\nset box.label = ~/proj/node_modules\n"
                              "at 0s box.start\n");
    sim_engine *eng = NULL;
    sim_diag_list d;
    int dir;
    (void)state;
    sim_diag_list_init(&d);
    assert_int_equal(scn_instantiate(s, NULL, &eng, &dir, &d), 0);
    assert_int_equal(sim_engine_param(eng, BOX, 0).i, 3 * SIM_GiB / 2);
    assert_int_equal(sim_engine_param(eng, BOX, 1).i, 90 * SIM_S);
    assert_int_equal(sim_engine_param(eng, BOX, 2).i, 12);
    assert_true(sim_engine_param(eng, BOX, 3).r == 0.25);
    assert_int_equal(sim_engine_param(eng, BOX, 4).i, 1);
    assert_int_equal(sim_engine_param(eng, BOX, 5).i, 1);
    assert_int_equal(sim_engine_param(eng, BOX, 6).i, (172LL << 24) | (30 << 16) | (96 << 8) | 1);
    assert_string_equal(((box_state *)sim_engine_model_state(eng, BOX))->label, "~/proj/node_modules");
    sim_engine_free(eng);
    sim_diag_list_free(&d);
    scn_free(s);
}

static void test_scenario_model_name_statement_and_added_statements_are_sugar_for_set(void **state)
{
    scn_scenario *s = load_ok("title \"t\"\nhost ram=16GB\nbox mode=mirrored\n"
                              "limits memory=4GB idle=30s\nat 0s box.start\n");
    sim_engine *eng = NULL;
    sim_diag_list d;
    int dir;
    (void)state;
    sim_diag_list_init(&d);
    assert_int_equal(scn_instantiate(s, NULL, &eng, &dir, &d), 0);
    assert_int_equal(sim_engine_param(eng, HOST, 0).i, 16 * SIM_GB);
    assert_int_equal(sim_engine_param(eng, BOX, 0).i, 4 * SIM_GB);
    assert_int_equal(sim_engine_param(eng, BOX, 1).i, 30 * SIM_S);
    assert_int_equal(sim_engine_param(eng, BOX, 4).i, 1);
    sim_engine_free(eng);
    sim_diag_list_free(&d);
    scn_free(s);
    s = load_ok("box mem=2GB\nlimits tight\n");
    sim_diag_list_init(&d);
    assert_int_equal(scn_instantiate(s, NULL, &eng, &dir, &d), 0);
    assert_int_equal(sim_engine_param(eng, BOX, 0).i, 512 * SIM_MiB); /* the later line wins */
    sim_engine_free(eng);
    sim_diag_list_free(&d);
    scn_free(s);
}

static void test_scenario_overrides_apply_after_the_file_and_before_set(void **state)
{
    static const char *const sets[] = {"box.n=9"};
    const scn_override over[] = {
        {.model = BOX, .param = 0, .v = {.i = 3 * SIM_GiB}, .origin = "x.cfg:1"},
        {.model = BOX, .param = 2, .v = {.i = 5}, .origin = "x.cfg:2"},
    };
    scn_options opt = {.models = models, .n_models = 2, .sets = sets, .n_sets = 1,
                       .overrides = over, .n_overrides = 2};
    scn_scenario *s = NULL;
    sim_engine *eng = NULL;
    sim_diag_list d;
    int dir;
    const char text[] = "box mem=1GB n=1\n";
    (void)state;
    sim_diag_list_init(&d);
    assert_int_equal(scn_load_text("t.hvs", text, sizeof text - 1, &opt, &s, &d), 0);
    assert_int_equal(scn_instantiate(s, NULL, &eng, &dir, &d), 0);
    assert_int_equal(sim_engine_param(eng, BOX, 0).i, 3 * SIM_GiB); /* the override */
    assert_int_equal(sim_engine_param(eng, BOX, 2).i, 9);           /* --set wins */
    sim_engine_free(eng);
    scn_free(s);
    /* an override out of range is an error that names where it came from */
    const scn_override bad = {.model = BOX, .param = 0, .v = {.i = 1}, .origin = "x.cfg:7"};
    opt.overrides = &bad;
    opt.n_overrides = 1;
    assert_int_equal(scn_load_text("t.hvs", text, sizeof text - 1, &opt, &s, &d), -1);
    assert_non_null(strstr(d.items[d.len - 1].msg, "x.cfg:7: value out of range: 1 B is below"));
    sim_diag_list_free(&d);
}

static void test_scenario_at_schedules_actions_with_args_and_defaults(void **state)
{
    scn_scenario *s = load_ok("at 1s box.write path=\"/a b\" size=2KiB frac=0.25\n"
                              "at +500ms box.write size=1KB path=x files=3\n");
    seen ev;
    int dir;
    sim_engine *eng = run(s, &ev, &dir);
    (void)state;
    assert_int_equal(ev.n, 2);
    assert_int_equal(ev.t[0], SIM_S);
    assert_int_equal(ev.model[0], BOX);
    assert_int_equal(ev.kind[0], BOX_WRITE);
    assert_string_equal(sim_engine_string(eng, ev.ev[0].p.w[0]), "/a b");
    assert_int_equal(ev.ev[0].p.w[1], 2048);
    assert_int_equal(ev.ev[0].p.w[2], 7); /* default */
    assert_true(sim_payload_ratio(&ev.ev[0].p, 3) == 0.25);
    assert_int_equal(ev.t[1], 1500 * SIM_MS);
    assert_string_equal(sim_engine_string(eng, ev.ev[1].p.w[0]), "x");
    assert_int_equal(ev.ev[1].p.w[2], 3);
    assert_true(sim_payload_ratio(&ev.ev[1].p, 3) == 0.5);
    assert_int_equal(sim_engine_metric(eng, BOX, 1).i, 3048);
    sim_engine_free(eng);
    scn_free(s);
}

static void test_scenario_say_runs_before_the_action_it_explains(void **state)
{
    scn_scenario *s = load_ok("at 2s box.start say \"starting\"\nat 3s say \"just words\"\n");
    seen ev;
    int dir;
    sim_engine *eng = run(s, &ev, &dir);
    (void)state;
    assert_int_equal(ev.n, 3);
    assert_int_equal(ev.model[0], DIRECTOR);
    assert_int_equal(ev.kind[0], SIM_DIRECTOR_SAY);
    assert_string_equal(ev.note[0], "starting");
    assert_int_equal(ev.model[1], BOX);
    assert_int_equal(ev.t[2], 3 * SIM_S);
    assert_string_equal(ev.note[2], "just words");
    sim_engine_free(eng);
    scn_free(s);
}

static void test_scenario_equal_times_run_in_source_order(void **state)
{
    scn_scenario *s = load_ok("at 1s box.write path=a size=1B\nat 1s box.start\n"
                              "at 1s box.write path=b size=2B\n");
    seen ev;
    int dir;
    sim_engine *eng = run(s, &ev, &dir);
    (void)state;
    assert_int_equal(ev.n, 3);
    assert_int_equal(ev.kind[0], BOX_WRITE);
    assert_int_equal(ev.kind[1], BOX_START);
    assert_int_equal(ev.ev[2].p.w[1], 2);
    sim_engine_free(eng);
    scn_free(s);
}

static void test_scenario_every_expands_until_exclusive_and_keeps_the_cursor(void **state)
{
    scn_scenario *s = load_ok("at 10s box.start\nevery 2s from +1s until 17s say \"tick\"\n"
                              "expect box.state == on\n");
    seen ev;
    int dir;
    sim_engine *eng = run(s, &ev, &dir);
    (void)state;
    /* start@10, tick@11,13,15 (17 excluded), expect at the cursor (10 s) */
    assert_int_equal(ev.n, 5);
    assert_int_equal(ev.t[0], 10 * SIM_S);
    assert_int_equal(ev.kind[1], SIM_DIRECTOR_EXPECT);
    assert_int_equal(ev.t[1], 10 * SIM_S);
    assert_int_equal(ev.t[2], 11 * SIM_S);
    assert_int_equal(ev.t[3], 13 * SIM_S);
    assert_int_equal(ev.t[4], 15 * SIM_S);
    assert_int_equal(sim_director_result(eng, dir, 0)->passed, 1);
    sim_engine_free(eng);
    scn_free(s);
}

static void test_scenario_every_with_an_action_repeats_it(void **state)
{
    scn_scenario *s = load_ok("every 1s from 0s until 3s box.write path=p size=1KB\n"
                              "expect at end box.used == 3KB\n");
    seen ev;
    int dir;
    sim_engine *eng = run(s, &ev, &dir);
    (void)state;
    assert_int_equal(ev.n, 3);
    assert_int_equal(sim_director_finish(eng, dir), 0);
    assert_int_equal(sim_director_result(eng, dir, 0)->passed, 1);
    sim_engine_free(eng);
    scn_free(s);
}

static void test_scenario_expect_forms_build_the_table(void **state)
{
    scn_scenario *s = load_ok("at 5s box.start\nexpect box.lat < 2s\nexpect at +1s box.used >= 1GiB\n"
                              "expect at 30s box.state != off\nexpect at end box.state == on\n");
    sim_engine *eng = NULL;
    sim_diag_list d;
    int dir;
    const sim_expect_def *e;
    (void)state;
    sim_diag_list_init(&d);
    assert_int_equal(scn_instantiate(s, NULL, &eng, &dir, &d), 0);
    assert_int_equal(sim_director_count(eng, dir), 4);
    e = sim_director_def(eng, dir, 0);
    assert_int_equal(e->model, BOX);
    assert_int_equal(e->metric, 2);
    assert_int_equal(e->op, SIM_CMP_LT);
    assert_int_equal(e->rhs.i, 2 * SIM_S);
    assert_int_equal(e->at_ns, 5 * SIM_S);
    assert_int_equal(e->at_end, 0);
    assert_string_equal(e->text, "box.lat < 2s");
    assert_string_equal(e->file, "t.hvs");
    assert_int_equal(e->line, 2);
    e = sim_director_def(eng, dir, 1);
    assert_int_equal(e->at_ns, 6 * SIM_S);
    assert_int_equal(e->op, SIM_CMP_GE);
    assert_int_equal(e->rhs.i, SIM_GiB);
    e = sim_director_def(eng, dir, 2);
    assert_int_equal(e->at_ns, 30 * SIM_S);
    assert_int_equal(e->op, SIM_CMP_NE);
    e = sim_director_def(eng, dir, 3);
    assert_int_equal(e->at_end, 1);
    assert_int_equal(e->rhs.i, 1);
    sim_engine_free(eng);
    sim_diag_list_free(&d);
    scn_free(s);
}

static void test_scenario_param_substitutes_everywhere_a_value_goes(void **state)
{
    scn_scenario *s = load_ok("param t = 2\nparam sz = ${t}KiB\nparam who = \"the box\"\n"
                              "at ${t}s box.write path=${who} size=${sz} say \"writing ${sz}\"\n");
    seen ev;
    int dir;
    sim_engine *eng = run(s, &ev, &dir);
    (void)state;
    assert_int_equal(ev.n, 2);
    assert_int_equal(ev.t[0], 2 * SIM_S);
    assert_string_equal(ev.note[0], "writing 2KiB");
    assert_string_equal(sim_engine_string(eng, ev.ev[1].p.w[0]), "the box");
    assert_int_equal(ev.ev[1].p.w[1], 2048);
    sim_engine_free(eng);
    scn_free(s);
}

static void test_scenario_set_option_overrides_params_and_model_params(void **state)
{
    const char *const sets[] = {"t=5", "box.n=3", "t=7"};
    sim_diag_list d;
    scn_scenario *s = load_sets("param t = 2\nset box.n = 100\nat ${t}s box.start\n", sets, 3, &d);
    seen ev;
    int dir;
    sim_engine *eng;
    (void)state;
    assert_non_null(s);
    eng = run(s, &ev, &dir);
    assert_int_equal(ev.t[0], 7 * SIM_S); /* the last --set wins */
    assert_int_equal(sim_engine_param(eng, BOX, 2).i, 3);
    sim_engine_free(eng);
    scn_free(s);
    sim_diag_list_free(&d);
}

static void test_scenario_set_option_errors_have_no_location(void **state)
{
    const char *const unknown[] = {"tt=5"};
    const char *const bad_model[] = {"bx.n=3"};
    const char *const bad_shape[] = {"=3"};
    const char *const range[] = {"box.n=5000"};
    sim_diag_list d;
    (void)state;
    assert_null(load_sets("param t = 2\nat 1s box.start\n", unknown, 1, &d));
    assert_string_equal(d.items[0].msg, "unknown parameter 'tt' in --set tt=5; did you mean 't'?");
    assert_int_equal(d.items[0].line, 0);
    assert_string_equal(d.items[0].file, "");
    sim_diag_list_free(&d);
    assert_null(load_sets("at 1s box.start\n", bad_model, 1, &d));
    assert_string_equal(d.items[0].msg, "unknown model 'bx'; did you mean 'box'?");
    sim_diag_list_free(&d);
    assert_null(load_sets("at 1s box.start\n", bad_shape, 1, &d));
    assert_non_null(strstr(d.items[0].msg, "bad --set '=3'"));
    sim_diag_list_free(&d);
    assert_null(load_sets("at 1s box.start\n", range, 1, &d));
    assert_non_null(strstr(d.items[0].msg, "value out of range: 5000 is above the maximum 1000 for box.n"));
    sim_diag_list_free(&d);
}

/* --- errors ------------------------------------------------------------------ */
static void test_scenario_errors_point_at_the_offending_token(void **state)
{
    (void)state;
    load_err("", 1, 1, "empty scenario: no statements");
    load_err("# nothing\n", 1, 1, "empty scenario: no statements");
    load_err("tilte \"x\"\n", 1, 1, "unknown keyword 'tilte'; did you mean 'title'?");
    load_err("at 1s box.strat\n", 1, 7, "unknown action 'box.strat'; did you mean 'box.start'?");
    load_err("at 1s bx.start\n", 1, 7, "unknown model 'bx'; did you mean 'box'?");
    load_err("at 1s box.write path=a size=1B fils=2\n", 1, 32,
             "unknown argument 'fils' for box.write; did you mean 'files'?");
    load_err("at 1s box.start n=2\n", 1, 17, "box.start takes no arguments");
    load_err("at 1s box.write size=1B\n", 1, 7, "missing required argument 'path' for box.write");
    load_err("at 1s box.write path=a path=b size=1B\n", 1, 24, "argument 'path' given twice");
    load_err("set box.mme = 1GB\n", 1, 5, "unknown parameter 'box.mme'; did you mean 'box.mem'?");
    load_err("set box.mem 1GB\n", 1, 13, "expected '=' after 'box.mem'");
    load_err("at 10 box.start\n", 1, 4, "missing unit: expected a duration such as 10s");
    load_err("set box.wait = 5GB\n", 1, 16, "wrong unit kind: 'GB' is a size, expected a duration");
    load_err("set box.mem = -1GB\n", 1, 15, "negative size: '-1GB'");
    load_err("set box.mem = 0B\n", 1, 15,
             "value out of range: 0 B is below the minimum 256 MiB for box.mem");
    load_err("at 1s box.write path=a size=0B\n", 1, 29,
             "value out of range: 0 B is below the minimum 1 B for size of box.write");
    load_err("set box.mode = nta\n", 1, 16, "unknown value 'nta'; did you mean 'nat'? (one of: nat, mirrored)");
    load_err("set box.flag = yes\n", 1, 16, "expected true or false, got 'yes'");
    load_err("set box.ip = 1.2.3.256\n", 1, 14, "expected an IPv4 address");
    load_err("set box.n = 1.5\n", 1, 13, "expected a whole number, got '1.5'");
    load_err("at 30s box.start\nat 10s box.start\n", 2, 4,
             "time goes backwards (cursor is 30 s); use +10s");
    load_err("param a = 1\nparam a = 2\n", 2, 7, "duplicate param 'a' (first declared at t.hvs:1)");
    load_err("param 9a = 1\n", 1, 7, "bad param name '9a'");
    load_err("expect box.stat == on\n", 1, 8, "unknown metric 'box.stat'; did you mean 'box.state'?");
    load_err("expect box.state = on\n", 1, 18, "bad comparison operator '='");
    load_err("expect box.state on\n", 1, 18, "bad comparison operator 'on'");
    load_err("expect box.state == of\n", 1, 21, "unknown value 'of'; did you mean 'off'?");
    load_err("every 0s from 0s until 1s box.start\n", 1, 7, "the period of 'every' must be greater than 0");
    load_err("every 1s from 5s until 5s box.start\n", 1, 24, "'until' (5 s) must be after 'from' (5 s)");
    load_err("every 1s from 0s to 5s box.start\n", 1, 18, "expected 'until', got 'to'");
    load_err("every 1ns from 0s until 1ms box.start\n", 1, 7, "'every' would make 1000000 events");
    load_err("seed abc\n", 1, 6, "seed must be an integer from 0 to 9223372036854775807, got 'abc'");
    load_err("seed -1\n", 1, 6, "seed must be an integer");
    load_err("seed 9223372036854775808\n", 1, 6, "seed must be an integer");
    load_err("at ${t} box.start\n", 1, 4, "unknown substitution '${t}'");
    load_err("param tt = 1s\nat 2s box.write path=x${t} size=1B\n", 2, 23,
             "unknown substitution '${t}': no param 't' declared before this line; did you mean '${tt}'?");
    load_err("at ${t box.start\n", 1, 4, "unterminated '${'");
    load_err("seed 1 2\n", 1, 8, "unexpected '2' after the statement");
    load_err("at 1s box.start say \"x\" y\n", 1, 25, "unexpected 'y' after the statement");
    load_err("at 1s say\n", 1, 10, "expected a quoted string after 'say'");
    load_err("title \"a\"\ntitle \"b\"\n", 2, 1, "duplicate 'title' (first at t.hvs:1)");
    load_err("seed 1\nseed 2\n", 2, 1, "duplicate 'seed'");
    load_err("end 1s\nend 2s\n", 2, 1, "duplicate 'end'");
    load_err("title x\n", 1, 7, "expected a quoted string after 'title', got 'x'");
    load_err("box mme=1GB\n", 1, 5, "unknown parameter 'box.mme'; did you mean 'box.mem'?");
    load_err("hots ram=1GB\n", 1, 1, "unknown keyword 'hots'; did you mean 'host'?");
    load_err("limits memroy=1GB\n", 1, 8, "no limit 'memroy'");
    load_err("limits tight 1\n", 1, 14, "unexpected '1' after the statement");
    load_err("limits\n", 1, 7, "expected KEY=VALUE after 'limits'");
    load_err("host\n", 1, 5, "expected KEY=VALUE after 'host'");
    load_err("host ram=1KB\n", 1, 10, "value out of range");
    load_err("include \"/nonexistent/x.hvs\"\n", 1, 9, "cannot open include '/nonexistent/x.hvs'");
    load_err("= 1\n", 1, 1, "expected a keyword, got '='");
    load_err("at 1s start\n", 1, 7, "expected an action such as uvm.start, or say, got 'start'");
}

static void test_scenario_lexical_errors_are_reported_with_location(void **state)
{
    (void)state;
    load_err("title \"abc\n", 1, 7, "unterminated string");
    load_err("title \"a\\qc\"\n", 1, 9, "unknown escape '\\q'");
    load_err("seed 1\nat 1s bo\x01x.start\n", 2, 9, "not a text file (byte 0x01 at line 2, column 9)");
}

static void test_scenario_nul_byte_means_not_a_text_file(void **state)
{
    const char text[] = "seed 1\n\0\0binary";
    scn_options opt = {.models = models, .n_models = 2};
    scn_scenario *s = NULL;
    sim_diag_list d;
    (void)state;
    sim_diag_list_init(&d);
    assert_int_equal(scn_load_text("t.hvs", text, sizeof text - 1, &opt, &s, &d), -1);
    assert_null(s);
    assert_string_equal(d.items[0].msg, "not a text file (byte 0x00 at line 2, column 1)");
    assert_int_equal(d.items[0].line, 2);
    sim_diag_list_free(&d);
}

static void test_scenario_long_line_is_an_error_and_parsing_goes_on(void **state)
{
    size_t n = 5000;
    char *text = malloc(n + 64);
    sim_diag_list d;
    (void)state;
    memcpy(text, "# ", 2);
    memset(text + 2, 'x', n);
    strcpy(text + 2 + n, "\nat 1s box.strat\n");
    assert_null(load_sets(text, NULL, 0, &d));
    assert_int_equal(d.n_errors, 2);
    assert_non_null(strstr(d.items[0].msg, "line too long (5002 bytes; the limit is 4096)"));
    assert_int_equal(d.items[0].col, 4097);
    assert_int_equal(d.items[1].line, 2);
    sim_diag_list_free(&d);
    free(text);
}

static void test_scenario_reports_every_bad_statement_up_to_twenty(void **state)
{
    char text[2048] = "";
    sim_diag_list d;
    int i;
    (void)state;
    assert_null(load_sets("at 1s box.strat\nseed x\nat 2s box.start\nexpect box.nope < 1s\n", NULL, 0, &d));
    assert_int_equal(d.n_errors, 3);
    assert_int_equal(d.items[0].line, 1);
    assert_int_equal(d.items[1].line, 2);
    assert_int_equal(d.items[2].line, 4);
    sim_diag_list_free(&d);
    for (i = 0; i < 30; i++) strcat(text, "at 1s box.strat\n");
    assert_null(load_sets(text, NULL, 0, &d));
    assert_int_equal(d.n_errors, 20);
    assert_int_equal(d.items[20].severity, SIM_SEV_NOTE);
    assert_non_null(strstr(d.items[20].msg, "too many errors"));
    sim_diag_list_free(&d);
}

static void test_scenario_diag_keeps_the_source_line(void **state)
{
    sim_diag_list d;
    char buf[512];
    (void)state;
    assert_null(load_sets("seed 1\n  at 1s box.strat   # typo\n", NULL, 0, &d));
    assert_string_equal(d.items[0].source_line, "  at 1s box.strat   # typo");
    sim_diag_format(&d.items[0], buf, sizeof buf);
    assert_non_null(strstr(buf, "t.hvs:2:9: error: unknown action"));
    assert_non_null(strstr(buf, "\n            ^\n"));
    sim_diag_list_free(&d);
}

/* --- includes ------------------------------------------------------------------ */
static char tmpdir[64];

static void write_file(const char *name, const char *text)
{
    char path[256];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int load_path(const char *name, scn_scenario **s, sim_diag_list *d)
{
    char path[256];
    scn_options opt = {.models = models, .n_models = 2};
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    sim_diag_list_init(d);
    return scn_load(path, &opt, s, d);
}

static int setup_dir(void **state)
{
    (void)state;
    strcpy(tmpdir, "/tmp/hvsim-scn-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown_dir(void **state)
{
    char cmd[128];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_scenario_include_is_relative_to_the_including_file_and_shares_the_cursor(void **state)
{
    char sub[256];
    scn_scenario *s = NULL;
    sim_diag_list d;
    seen ev;
    int dir;
    sim_engine *eng;
    (void)state;
    snprintf(sub, sizeof sub, "%s/sub", tmpdir);
    mkdir(sub, 0700);
    write_file("main.hvs", "param p = 4\nat 10s box.start\ninclude \"sub/part.inc\"\nat +1s say \"after\"\n");
    write_file("sub/part.inc", "include \"leaf.inc\"\n");
    write_file("sub/leaf.inc", "at +${p}s say \"from leaf\"\n");
    assert_int_equal(load_path("main.hvs", &s, &d), 0);
    eng = run(s, &ev, &dir);
    assert_int_equal(ev.n, 3);
    assert_int_equal(ev.t[1], 14 * SIM_S);
    assert_string_equal(ev.note[1], "from leaf");
    assert_int_equal(ev.t[2], 15 * SIM_S);
    sim_engine_free(eng);
    scn_free(s);
    sim_diag_list_free(&d);
}

static void test_scenario_errors_in_an_include_name_that_file(void **state)
{
    scn_scenario *s = NULL;
    sim_diag_list d;
    char want[256];
    (void)state;
    write_file("outer.hvs", "seed 1\ninclude \"inner.inc\"\n");
    write_file("inner.inc", "\nat 1s box.strat\n");
    assert_int_equal(load_path("outer.hvs", &s, &d), -1);
    snprintf(want, sizeof want, "%s/inner.inc", tmpdir);
    assert_string_equal(d.items[0].file, want);
    assert_int_equal(d.items[0].line, 2);
    assert_int_equal(d.items[1].severity, SIM_SEV_NOTE);
    assert_int_equal(d.items[1].line, 2);
    assert_int_equal(d.items[1].col, 9);
    sim_diag_list_free(&d);
}

static void test_scenario_include_cycle_is_reported_at_the_first_include(void **state)
{
    scn_scenario *s = NULL;
    sim_diag_list d;
    (void)state;
    write_file("a.hvs", "seed 1\ninclude \"b.inc\"\n");
    write_file("b.inc", "include \"a.hvs\"\n");
    assert_int_equal(load_path("a.hvs", &s, &d), -1);
    assert_non_null(strstr(d.items[0].msg, "include cycle: "));
    assert_non_null(strstr(d.items[0].msg, "a.hvs -> "));
    assert_non_null(strstr(d.items[0].file, "a.hvs"));
    assert_int_equal(d.items[0].line, 2);
    assert_int_equal(d.items[0].col, 9);
    sim_diag_list_free(&d);
    write_file("self.hvs", "seed 1\ninclude \"self.hvs\"\n");
    assert_int_equal(load_path("self.hvs", &s, &d), -1);
    assert_non_null(strstr(d.items[0].msg, "include cycle"));
    sim_diag_list_free(&d);
}

static void test_scenario_include_depth_is_limited_to_sixteen(void **state)
{
    char name[32], text[64];
    scn_scenario *s = NULL;
    sim_diag_list d;
    int i;
    (void)state;
    for (i = 0; i < 18; i++) {
        snprintf(name, sizeof name, "d%d.hvs", i);
        snprintf(text, sizeof text, "at +1s say \"%d\"\ninclude \"d%d.hvs\"\n", i, i + 1);
        write_file(name, text);
    }
    write_file("d18.hvs", "seed 1\n");
    assert_int_equal(load_path("d0.hvs", &s, &d), -1);
    assert_non_null(strstr(d.items[0].msg, "includes nested too deeply (more than 16 levels)"));
    assert_non_null(strstr(d.items[0].file, "d16.hvs"));
    sim_diag_list_free(&d);
    write_file("d16.hvs", "seed 1\n");
    assert_int_equal(load_path("d0.hvs", &s, &d), 0);
    scn_free(s);
    sim_diag_list_free(&d);
}

static void test_scenario_missing_top_file_is_an_error_without_line(void **state)
{
    scn_scenario *s = NULL;
    sim_diag_list d;
    (void)state;
    assert_int_equal(load_path("nope.hvs", &s, &d), -1);
    assert_null(s);
    assert_int_equal(d.items[0].line, 0);
    assert_non_null(strstr(d.items[0].msg, "cannot open"));
    sim_diag_list_free(&d);
}

/* --- values and instantiation ---------------------------------------------------- */
static void test_scenario_parse_value_handles_every_type(void **state)
{
    sim_value v;
    char why[200];
    const char *const e[] = {"a", "b", NULL};
    (void)state;
    assert_int_equal(scn_parse_value("20GB", SIM_T_BYTES, NULL, &v, why, sizeof why), 0);
    assert_int_equal(v.i, 20 * SIM_GB);
    assert_int_equal(scn_parse_value("1.5s", SIM_T_DURATION, NULL, &v, why, sizeof why), 0);
    assert_int_equal(v.i, 1500 * SIM_MS);
    assert_int_equal(scn_parse_value("25%", SIM_T_RATIO, NULL, &v, why, sizeof why), 0);
    assert_true(v.r == 0.25);
    assert_int_equal(scn_parse_value("TRUE", SIM_T_BOOL, NULL, &v, why, sizeof why), 0);
    assert_int_equal(v.i, 1);
    assert_int_equal(scn_parse_value("B", SIM_T_ENUM, e, &v, why, sizeof why), 0);
    assert_int_equal(v.i, 1);
    assert_int_equal(scn_parse_value("10.0.0.1", SIM_T_ADDRESS, NULL, &v, why, sizeof why), 0);
    assert_int_equal(v.i, 0x0a000001);
    assert_int_equal(scn_parse_value("1.2.3", SIM_T_ADDRESS, NULL, &v, why, sizeof why), -1);
    assert_int_equal(scn_parse_value("1.2.3.4.5", SIM_T_ADDRESS, NULL, &v, why, sizeof why), -1);
    assert_int_equal(scn_parse_value("hello", SIM_T_STRING, NULL, &v, why, sizeof why), 0);
    assert_string_equal(v.s, "hello");
    assert_int_equal(scn_parse_value("c", SIM_T_ENUM, e, &v, why, sizeof why), -1);
    assert_non_null(strstr(why, "unknown value 'c'"));
    /* releases compare as numbers: 2.0.9 < 2.0.14 < 2.6.1 */
    int64_t r9, r14, r261;
    assert_int_equal(scn_parse_value("2.0.9", SIM_T_VERSION, NULL, &v, why, sizeof why), 0);
    r9 = v.i;
    assert_int_equal(scn_parse_value("2.0.14.0", SIM_T_VERSION, NULL, &v, why, sizeof why), 0);
    r14 = v.i;
    assert_int_equal(scn_parse_value("2.6.1", SIM_T_VERSION, NULL, &v, why, sizeof why), 0);
    r261 = v.i;
    assert_int_equal(r261, SIM_VERSION(2, 6, 1));
    assert_true(r9 < r14 && r14 < r261);
    char buf[32];
    assert_string_equal(sim_value_format(SIM_T_VERSION, v, NULL, buf, sizeof buf), "2.6.1");
    assert_int_equal(scn_parse_value("2", SIM_T_VERSION, NULL, &v, why, sizeof why), -1);
    assert_int_equal(scn_parse_value("2.x.1", SIM_T_VERSION, NULL, &v, why, sizeof why), -1);
    assert_int_equal(scn_parse_value("2.1000.0", SIM_T_VERSION, NULL, &v, why, sizeof why), -1);
    assert_int_equal(scn_parse_value("1.2.3.4.5", SIM_T_VERSION, NULL, &v, why, sizeof why), -1);
    assert_non_null(strstr(why, "release number"));
}

static void test_scenario_instantiate_twice_gives_identical_runs(void **state)
{
    scn_scenario *s = load_ok("seed 5\nat 1s box.start\nevery 1s from 2s until 9s box.write path=p size=1B\n");
    seen a, b;
    int dir;
    sim_engine *e1 = run(s, &a, &dir), *e2 = run(s, &b, &dir);
    sim_engine *e3 = NULL;
    sim_diag_list d;
    uint64_t other = 6;
    (void)state;
    assert_int_equal(a.n, 8);
    assert_true(sim_engine_fingerprint(e1) == sim_engine_fingerprint(e2));
    assert_int_equal(sim_engine_seed(e1), 5);
    sim_diag_list_init(&d);
    assert_int_equal(scn_instantiate(s, &other, &e3, &dir, &d), 0);
    assert_int_equal(sim_engine_seed(e3), 6);
    sim_engine_free(e1);
    sim_engine_free(e2);
    sim_engine_free(e3);
    scn_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scenario_header_statements_set_title_about_seed_end),
        cmocka_unit_test(test_scenario_defaults_without_header),
        cmocka_unit_test(test_scenario_set_writes_every_type),
        cmocka_unit_test(test_scenario_model_name_statement_and_added_statements_are_sugar_for_set),
        cmocka_unit_test(test_scenario_overrides_apply_after_the_file_and_before_set),
        cmocka_unit_test(test_scenario_at_schedules_actions_with_args_and_defaults),
        cmocka_unit_test(test_scenario_say_runs_before_the_action_it_explains),
        cmocka_unit_test(test_scenario_equal_times_run_in_source_order),
        cmocka_unit_test(test_scenario_every_expands_until_exclusive_and_keeps_the_cursor),
        cmocka_unit_test(test_scenario_every_with_an_action_repeats_it),
        cmocka_unit_test(test_scenario_expect_forms_build_the_table),
        cmocka_unit_test(test_scenario_param_substitutes_everywhere_a_value_goes),
        cmocka_unit_test(test_scenario_set_option_overrides_params_and_model_params),
        cmocka_unit_test(test_scenario_set_option_errors_have_no_location),
        cmocka_unit_test(test_scenario_errors_point_at_the_offending_token),
        cmocka_unit_test(test_scenario_lexical_errors_are_reported_with_location),
        cmocka_unit_test(test_scenario_nul_byte_means_not_a_text_file),
        cmocka_unit_test(test_scenario_long_line_is_an_error_and_parsing_goes_on),
        cmocka_unit_test(test_scenario_reports_every_bad_statement_up_to_twenty),
        cmocka_unit_test(test_scenario_diag_keeps_the_source_line),
        cmocka_unit_test(test_scenario_include_is_relative_to_the_including_file_and_shares_the_cursor),
        cmocka_unit_test(test_scenario_errors_in_an_include_name_that_file),
        cmocka_unit_test(test_scenario_include_cycle_is_reported_at_the_first_include),
        cmocka_unit_test(test_scenario_include_depth_is_limited_to_sixteen),
        cmocka_unit_test(test_scenario_missing_top_file_is_an_error_without_line),
        cmocka_unit_test(test_scenario_parse_value_handles_every_type),
        cmocka_unit_test(test_scenario_instantiate_twice_gives_identical_runs),
    };
    return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
