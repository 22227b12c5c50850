/* test_viewer.c: the viewer, under SDL's offscreen video driver.
 *
 * Keys and clicks map to the intended runner commands (and the runner then
 * does what they say); stepping forward N events then back N restores the
 * identical snapshot (every model's status, metrics and parameters, the
 * fingerprint, the narration and the log); a step back costs one restore
 * and at most K replayed events wherever it lands; headless PNGs are
 * written, are PNGs and are not blank; the viewer's fingerprint equals the
 * CLI's for the same scenario and seed, both from the runner and from
 * `hvsim view --headless`.  Real inputs: the canned scenarios. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "cli_harness.h"
#include "common.h"
#include "registry.h"
#include "syscall_cost.h"
#include "syscall_path.h"
#include "view_model.h"
#include "view_runner.h"

/* Every name in every registered model's view resolves in that model's own
 * tables: a renamed metric fails here, not silently in the picture. */
static void test_every_model_view_names_its_own_metrics_and_kinds(void **state)
{
    (void)state;
    size_t n = 0;
    const sim_model_ops *const *models = hv_registry(&n);
    int with_view = 0;
    for (size_t i = 0; i < n; i++) {
        char why[256] = "";
        if (vr_view_check(models[i], why, sizeof why) != 0) fail_msg("%s", why);
        with_view += models[i]->view != NULL;
    }
    assert_true(with_view >= 8);
}

/* The syscall model's lanes are the stages hv_path_stages gives each path
 * (the cost model's own order), in the same order. */
static void test_the_syscall_lanes_are_the_paths_stages(void **state)
{
    (void)state;
    const sim_model_ops *sys = &hv_sys_ops;
    assert_non_null(sys->view);
    assert_int_equal(sys->view->n_lanes, HV_PATH_COUNT);
    for (int p = 0; p < HV_PATH_COUNT; p++) {
        const hv_stage *st;
        size_t k = hv_path_stages((hv_path)p, &st);
        const sim_view_lane *ln = &sys->view->lanes[p];
        assert_int_equal(ln->n_kinds, k);
        assert_int_equal(ln->active_value, p + 1);
        for (size_t j = 0; j < k; j++) {
            assert_int_equal(ln->kinds[j], HV_SYSP_STAGE0 + (int)st[j]);
            assert_string_equal(sys->event_kinds[ln->kinds[j]], hv_stage_name(st[j]));
        }
    }
}

#ifdef HVSIM_HAVE_VIEWER
#include <SDL.h>
#include <SDL_image.h>

#include "app.h"
#include "input.h"
#include "layout.h"

#define BOOT_RACE HVSIM_SOURCE_DIR "/scenarios/boot-race.hvs"
#define IDLE HVSIM_SOURCE_DIR "/scenarios/idle-shutdown.hvs"

typedef struct fixture {
    scn_scenario *scn[2];
    vr_runner *r;
} fixture;

/* boot-race has no `end`: the utility VM keeps running (and polling), so
 * it is viewed, and run, until 30 s, where its story ends. */
#define BOOT_UNTIL_NS 30000000000LL
#define BOOT_UNTIL "30s"

static int64_t stop_for(const char *path)
{
    return strcmp(path, BOOT_RACE) == 0 ? BOOT_UNTIL_NS : -1;
}

static vr_runner *open_runner(fixture *fx, const char *path, const char *const *vs_sets,
                              size_t n_vs, const uint64_t *seed, uint64_t every)
{
    memset(fx, 0, sizeof *fx);
    assert_int_equal(cli_load_scenario(path, NULL, 0, &fx->scn[0]), 0);
    vr_options o;
    memset(&o, 0, sizeof o);
    o.scn[0] = fx->scn[0];
    o.n_panes = 1;
    if (vs_sets) {
        assert_int_equal(cli_load_scenario(path, vs_sets, n_vs, &fx->scn[1]), 0);
        o.scn[1] = fx->scn[1];
        o.n_panes = 2;
    }
    o.path = path;
    o.seed = seed;
    o.stop_ns = stop_for(path);
    o.checkpoint_every = every;
    sim_diag_list d;
    sim_diag_list_init(&d);
    int rc = vr_open(&o, &fx->r, &d);
    sim_diag_list_free(&d);
    assert_int_equal(rc, 0);
    return fx->r;
}

static void close_runner(fixture *fx)
{
    vr_free(fx->r);
    scn_free(fx->scn[0]);
    scn_free(fx->scn[1]);
}

static SDL_Event key(SDL_Keycode k, Uint16 mod)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = k;
    e.key.keysym.mod = mod;
    return e;
}

static SDL_Event click(int x, int y)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_MOUSEBUTTONDOWN;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.x = x;
    e.button.y = y;
    return e;
}

/* The layout a 1600x900 window gives f (fonts included). */
static void layout_1600(vz_layout *l, const vz_frame *f)
{
    char err[256] = "";
    vz_headless *hl = vz_headless_open(1600, 900, err, sizeof err);
    if (!hl) fail_msg("%s", err);
    assert_int_equal(vz_headless_layout(hl, f, l), 0);
    vz_headless_close(hl);
}

static vz_cmd map(const SDL_Event *e, const vz_frame *f, const vz_layout *l)
{
    vz_cmd c;
    memset(&c, 0, sizeof c);
    if (!vz_input_map(e, f, l, &c)) c.kind = VZ_CMD_NONE;
    return c;
}

static void test_keys_map_to_the_intended_runner_commands(void **state)
{
    (void)state;
    fixture fx;
    vr_runner *r = open_runner(&fx, BOOT_RACE, NULL, 0, NULL, 0);
    vz_layout l;
    const vz_frame *f = vr_frame(r);
    layout_1600(&l, f);
    static const struct {
        SDL_Keycode k;
        Uint16 mod;
        vz_cmd_kind want;
    } table[] = {
        {SDLK_SPACE, 0, VZ_CMD_PLAY_PAUSE},  {SDLK_RIGHT, 0, VZ_CMD_STEP},
        {SDLK_PERIOD, 0, VZ_CMD_STEP},       {SDLK_LEFT, 0, VZ_CMD_BACK},
        {SDLK_COMMA, 0, VZ_CMD_BACK},        {SDLK_n, 0, VZ_CMD_NEXT_SAY},
        {SDLK_e, 0, VZ_CMD_NEXT_EXPECT},     {SDLK_t, 0, VZ_CMD_ENTRY_BEGIN},
        {SDLK_PLUS, 0, VZ_CMD_SPEED_UP},     {SDLK_MINUS, 0, VZ_CMD_SPEED_DOWN},
        {SDLK_HOME, 0, VZ_CMD_RESTART},      {SDLK_r, 0, VZ_CMD_RESTART},
        {SDLK_END, 0, VZ_CMD_TO_END},        {SDLK_f, 0, VZ_CMD_FILTER_MODEL},
        {SDLK_k, 0, VZ_CMD_FILTER_KIND},     {SDLK_TAB, 0, VZ_CMD_SELECT_NEXT},
        {SDLK_F1, 0, VZ_CMD_HELP},           {SDLK_SLASH, KMOD_LSHIFT, VZ_CMD_HELP},
        {SDLK_q, 0, VZ_CMD_QUIT},            {SDLK_ESCAPE, 0, VZ_CMD_QUIT},
        {SDLK_PAGEUP, KMOD_LSHIFT, VZ_CMD_LOG_SCROLL}, {SDLK_x, 0, VZ_CMD_NONE},
        {SDLK_PAGEDOWN, 0, VZ_CMD_INSPECTOR_SCROLL}, {SDLK_p, 0, VZ_CMD_PRESENT},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        SDL_Event e = key(table[i].k, table[i].mod);
        vz_cmd c = map(&e, f, &l);
        if (c.kind != table[i].want)
            fail_msg("key %s: got '%s', want '%s'", SDL_GetKeyName(table[i].k),
                     vz_cmd_name(c.kind), vz_cmd_name(table[i].want));
    }
    /* ... and the runner does what they say. */
    SDL_Event right = key(SDLK_RIGHT, 0), left = key(SDLK_LEFT, 0), end = key(SDLK_END, 0),
              n = key(SDLK_n, 0);
    vz_cmd c = map(&right, f, &l);
    assert_int_equal(vr_command(r, &c), 0);
    assert_int_equal(vr_position(r), 1);
    c = map(&right, f, &l);
    vr_command(r, &c);
    assert_int_equal(vr_position(r), 2);
    c = map(&left, f, &l);
    vr_command(r, &c);
    assert_int_equal(vr_position(r), 1);
    c = map(&end, f, &l);
    vr_command(r, &c);
    assert_int_equal(vr_position(r), vr_total(r));
    /* N from the start lands on a narration: the frame shows its text. */
    SDL_Event home = key(SDLK_HOME, 0);
    c = map(&home, f, &l);
    vr_command(r, &c);
    c = map(&n, f, &l);
    vr_command(r, &c);
    f = vr_frame(r);
    assert_true(vr_position(r) >= 1);
    assert_true(f->n_said >= 1);
    assert_non_null(strstr(f->said[0], "hypervisor"));
    /* Esc closes the help before it quits. */
    SDL_Event f1 = key(SDLK_F1, 0), esc = key(SDLK_ESCAPE, 0);
    c = map(&f1, f, &l);
    vr_command(r, &c);
    f = vr_frame(r);
    assert_int_equal(f->help, 1);
    assert_int_equal(map(&esc, f, &l).kind, VZ_CMD_HELP);
    close_runner(&fx);
}

static void test_keys_do_not_act_behind_the_help_overlay(void **state)
{
    (void)state;
    fixture fx;
    vr_runner *r = open_runner(&fx, BOOT_RACE, NULL, 0, NULL, 0);
    vz_layout l;
    vz_cmd c = {.kind = VZ_CMD_HELP};
    vr_command(r, &c);
    const vz_frame *f = vr_frame(r);
    layout_1600(&l, f);
    assert_int_equal(f->help, 1);
    /* Every key that moves, filters or selects does nothing now ... */
    static const SDL_Keycode moving[] = {SDLK_SPACE, SDLK_RIGHT, SDLK_LEFT, SDLK_n, SDLK_e,
                                         SDLK_t,     SDLK_END,   SDLK_r,    SDLK_f, SDLK_k,
                                         SDLK_TAB,   SDLK_PAGEUP, SDLK_PLUS};
    for (size_t i = 0; i < sizeof moving / sizeof moving[0]; i++) {
        SDL_Event e = key(moving[i], 0);
        vz_cmd got = map(&e, f, &l);
        if (got.kind != VZ_CMD_NONE)
            fail_msg("key %s acts behind the help: '%s'", SDL_GetKeyName(moving[i]),
                     vz_cmd_name(got.kind));
    }
    SDL_Event wheel;
    memset(&wheel, 0, sizeof wheel);
    wheel.type = SDL_MOUSEWHEEL;
    wheel.wheel.y = 1;
    assert_int_equal(map(&wheel, f, &l).kind, VZ_CMD_NONE);
    assert_int_equal(vr_position(r), 0);
    /* ... the keys that close it do, and so does a click; Q still quits. */
    SDL_Event esc = key(SDLK_ESCAPE, 0), q = key(SDLK_q, 0), h = key(SDLK_h, 0);
    SDL_Event cl = click(l.timeline_bar.x + 5, l.timeline_bar.y + 5);
    assert_int_equal(map(&esc, f, &l).kind, VZ_CMD_HELP);
    assert_int_equal(map(&h, f, &l).kind, VZ_CMD_HELP);
    assert_int_equal(map(&cl, f, &l).kind, VZ_CMD_HELP);
    assert_int_equal(map(&q, f, &l).kind, VZ_CMD_QUIT);
    c = map(&esc, f, &l);
    vr_command(r, &c);
    f = vr_frame(r);
    assert_int_equal(f->help, 0);
    /* With the help closed, Esc quits. */
    assert_int_equal(map(&esc, f, &l).kind, VZ_CMD_QUIT);
    close_runner(&fx);
}

static void test_a_paused_still_frame_asks_for_no_redraw(void **state)
{
    (void)state;
    fixture fx;
    vr_runner *r = open_runner(&fx, BOOT_RACE, NULL, 0, NULL, 0);
    assert_int_equal(vr_frame(r)->animating, 0);
    vz_cmd c = {.kind = VZ_CMD_STEP};
    vr_command(r, &c);
    assert_int_equal(vr_frame(r)->animating, 1); /* the event's dot is on its way */
    vr_tick(r, 5.0);
    assert_int_equal(vr_frame(r)->animating, 0); /* arrived: nothing moves */
    c.kind = VZ_CMD_PLAY_PAUSE;
    vr_command(r, &c);
    assert_int_equal(vr_frame(r)->animating, 1);
    vr_command(r, &c);
    vr_tick(r, 5.0);
    assert_int_equal(vr_frame(r)->animating, 0);
    close_runner(&fx);
}

/* With no display at all, `hvsim view` says to use --headless and exits 2
 * at once, before running the scenario (no window that nobody sees, no
 * spinning). */
static void test_hvsim_view_with_no_display_exits_2_pointing_at_headless(void **state)
{
    (void)state;
    const char *keep = getenv("SDL_VIDEODRIVER");
    char saved[64] = "";
    if (keep) snprintf(saved, sizeof saved, "%s", keep);
    const char *disp = getenv("DISPLAY");
    char saved_disp[256] = "";
    if (disp) snprintf(saved_disp, sizeof saved_disp, "%s", disp);
    unsetenv("SDL_VIDEODRIVER");
    unsetenv("DISPLAY");
    unsetenv("WAYLAND_DISPLAY");
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    hv_result res;
    assert_int_equal(hv_hvsim(&res, "view", BOOT_RACE, NULL), 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (saved[0]) setenv("SDL_VIDEODRIVER", saved, 1);
    if (saved_disp[0]) setenv("DISPLAY", saved_disp, 1);
    if (res.status != 2) fail_msg("status %d, stderr: %s", res.status, res.err);
    assert_non_null(strstr(res.err, "error:"));
    assert_non_null(strstr(res.err, "--headless"));
    assert_true((t1.tv_sec - t0.tv_sec) < 5);
    assert_int_equal(res.out_len, 0);
    hv_result_free(&res);
}

static void test_typing_a_time_runs_until_that_time(void **state)
{
    (void)state;
    fixture fx;
    vr_runner *r = open_runner(&fx, BOOT_RACE, NULL, 0, NULL, 0);
    vz_layout l;
    const vz_frame *f = vr_frame(r);
    layout_1600(&l, f);
    SDL_Event t = key(SDLK_t, 0);
    vz_cmd c = map(&t, f, &l);
    vr_command(r, &c);
    f = vr_frame(r);
    assert_int_equal(f->entry_active, 1);
    /* While typing, letters are text, not commands. */
    SDL_Event n = key(SDLK_n, 0);
    assert_int_equal(map(&n, f, &l).kind, VZ_CMD_NONE);
    SDL_Event txt;
    memset(&txt, 0, sizeof txt);
    txt.type = SDL_TEXTINPUT;
    snprintf(txt.text.text, sizeof txt.text.text, "3s");
    c = map(&txt, f, &l);
    assert_int_equal(c.kind, VZ_CMD_ENTRY_TEXT);
    vr_command(r, &c);
    f = vr_frame(r);
    SDL_Event ret = key(SDLK_RETURN, 0);
    c = map(&ret, f, &l);
    assert_int_equal(c.kind, VZ_CMD_RUN_TO_TIME);
    assert_string_equal(c.text, "3s");
    vr_command(r, &c);
    f = vr_frame(r);
    assert_int_equal(f->entry_active, 0);
    assert_int_equal(f->view_ns, 3000000000LL);
    /* Every event at or before 3 s has run, none after. */
    assert_true(sim_engine_now(vr_engine(r, 0)) <= 3000000000LL);
    const sim_event *next = sim_engine_peek((sim_engine *)vr_engine(r, 0));
    assert_true(next == NULL || next->time_ns > 3000000000LL);
    close_runner(&fx);
}

static void test_clicks_jump_on_the_timeline_and_the_log_and_select_boxes(void **state)
{
    (void)state;
    fixture fx;
    vr_runner *r = open_runner(&fx, BOOT_RACE, NULL, 0, NULL, 0);
    vz_layout l;
    const vz_frame *f = vr_frame(r);
    layout_1600(&l, f);
    /* The middle of the timeline bar is half the run's time. */
    SDL_Event e = click(l.timeline_bar.x + l.timeline_bar.w / 2, l.timeline_bar.y + 5);
    vz_cmd c = map(&e, f, &l);
    assert_int_equal(c.kind, VZ_CMD_JUMP_TIME);
    int64_t half = f->end_ns / 2;
    assert_true(c.arg > half - f->end_ns / 50 && c.arg < half + f->end_ns / 50);
    vr_command(r, &c);
    assert_true(sim_engine_now(vr_engine(r, 0)) <= c.arg);
    assert_true(vr_position(r) > 0 && vr_position(r) < vr_total(r));
    /* A log line jumps to its event. */
    f = vr_frame(r);
    layout_1600(&l, f);
    assert_true(l.n_log_rows > 3 && l.log_row_index[0] != 0);
    uint64_t target = l.log_row_index[0];
    e = click(l.log_row[0].x + 30, l.log_row[0].y + 3);
    c = map(&e, f, &l);
    assert_int_equal(c.kind, VZ_CMD_JUMP_EVENT);
    assert_int_equal((uint64_t)c.arg, target);
    vr_command(r, &c);
    assert_int_equal(vr_position(r), target);
    /* A box selects its model for the inspector. */
    f = vr_frame(r);
    layout_1600(&l, f);
    int uvm = -1;
    for (int i = 0; i < f->panes[0].n_models; i++)
        if (strcmp(f->panes[0].models[i].name, "uvm") == 0) uvm = i;
    assert_true(uvm >= 0 && l.has_box[0][uvm]);
    e = click(l.box[0][uvm].x + 10, l.box[0][uvm].y + 10);
    c = map(&e, f, &l);
    assert_int_equal(c.kind, VZ_CMD_SELECT);
    assert_int_equal(c.arg, uvm);
    vr_command(r, &c);
    f = vr_frame(r);
    assert_int_equal(f->selected_model, uvm);
    assert_int_equal(f->select_follows, 0);
    /* The filter buttons cycle the log's filters; the log obeys. */
    e = click(l.filter_kind_btn.x + 5, l.filter_kind_btn.y + 5);
    c = map(&e, f, &l);
    assert_int_equal(c.kind, VZ_CMD_FILTER_KIND);
    vr_command(r, &c); /* narration only */
    f = vr_frame(r);
    assert_int_equal(f->filter_kind, VZ_FILTER_NARRATION);
    assert_true(f->n_log > 0);
    for (int i = 0; i < f->n_log; i++) assert_int_equal(f->log[i].cls, VZ_EV_SAY);
    close_runner(&fx);
}

/* The parts of a frame that come from the simulation (not the animation). */
static void assert_same_snapshot(const vz_frame *a, const vz_frame *b)
{
    assert_int_equal(a->position, b->position);
    assert_int_equal(a->n_panes, b->n_panes);
    for (int p = 0; p < a->n_panes; p++) {
        assert_int_equal(a->panes[p].fingerprint, b->panes[p].fingerprint);
        assert_int_equal(a->panes[p].now_ns, b->panes[p].now_ns);
        assert_int_equal(a->panes[p].n_models, b->panes[p].n_models);
        for (int m = 0; m < a->panes[p].n_models; m++)
            if (memcmp(&a->panes[p].models[m], &b->panes[p].models[m], sizeof a->panes[p].models[m]))
                fail_msg("model %s differs after stepping back", a->panes[p].models[m].name);
    }
    assert_int_equal(a->n_said, b->n_said);
    assert_memory_equal(a->said, b->said, sizeof a->said);
    assert_int_equal(a->n_log, b->n_log);
    assert_memory_equal(a->log, b->log, sizeof a->log[0] * (size_t)a->n_log);
}

static void test_stepping_forward_n_then_back_n_restores_the_identical_snapshot(void **state)
{
    (void)state;
    const char *const paths[] = {BOOT_RACE, IDLE};
    for (size_t k = 0; k < 2; k++) {
        fixture fx;
        /* K = 4: the steps back cross several checkpoints. */
        vr_runner *r = open_runner(&fx, paths[k], NULL, 0, NULL, 4);
        uint64_t n = 17, start = vr_total(r) / 3;
        vz_frame *before = malloc(sizeof *before);
        assert_non_null(before);
        vr_goto(r, start);
        memcpy(before, vr_frame(r), sizeof *before);
        for (uint64_t i = 0; i < n; i++) {
            vz_cmd c = {.kind = VZ_CMD_STEP};
            vr_command(r, &c);
        }
        assert_int_equal(vr_position(r), start + n);
        assert_true(vr_fingerprint(r, 0) != before->panes[0].fingerprint);
        for (uint64_t i = 0; i < n; i++) {
            vz_cmd c = {.kind = VZ_CMD_BACK};
            vr_command(r, &c);
            vr_stats st = vr_get_stats(r);
            assert_true(st.last_replayed <= st.every);
        }
        assert_same_snapshot(before, vr_frame(r));
        free(before);
        close_runner(&fx);
    }
}

static void test_headless_pngs_are_written_and_are_not_blank(void **state)
{
    (void)state;
    fixture fx;
    vr_runner *r = open_runner(&fx, BOOT_RACE, NULL, 0, NULL, 0);
    char err[512] = "";
    vz_headless *hl = vz_headless_open(1280, 720, err, sizeof err);
    if (!hl) fail_msg("%s", err);
    vz_headless_clear(hl);
    assert_int_equal(vz_headless_ink(hl), 0);
    vr_goto_time(r, 3000000000LL);
    vz_headless_draw(hl, vr_frame(r));
    long ink = vz_headless_ink(hl);
    assert_true(ink > 1280L * 720L / 5); /* boxes, bars, text: well over a fifth */
    char *dir = hv_tmpdir();
    assert_non_null(dir);
    char path[4096];
    snprintf(path, sizeof path, "%s/at-3s.png", dir);
    assert_int_equal(vz_headless_save(hl, path, err, sizeof err), 0);
    size_t len = 0;
    char *png = hv_read_file(path, &len);
    assert_non_null(png);
    assert_true(len > 20000);
    assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
    free(png);
    SDL_Surface *back = IMG_Load(path);
    assert_non_null(back);
    assert_int_equal(back->w, 1280);
    assert_int_equal(back->h, 720);
    SDL_FreeSurface(back);
    /* Saving where nothing can be written fails and leaves nothing. */
    snprintf(path, sizeof path, "%s/no-such-dir/x.png", dir);
    assert_int_equal(vz_headless_save(hl, path, err, sizeof err), -1);
    assert_false(hv_exists(path));
    vz_headless_close(hl);
    hv_rmdir(dir);
    free(dir);
    close_runner(&fx);
}

static void check_fingerprint_matches_cli(const char *path, const char *seed_text)
{
    hv_result res;
    const char *until = stop_for(path) >= 0 ? BOOT_UNTIL : "1h";
    if (seed_text)
        assert_int_equal(hv_hvsim(&res, "run", path, "--until", until, "--seed", seed_text, NULL), 0);
    else assert_int_equal(hv_hvsim(&res, "run", path, "--until", until, NULL), 0);
    char cli_hex[17];
    assert_int_equal(hv_fingerprint(res.out, cli_hex), 0);
    hv_result_free(&res);
    fixture fx;
    uint64_t seed = seed_text ? strtoull(seed_text, NULL, 10) : 0;
    vr_runner *r = open_runner(&fx, path, NULL, 0, seed_text ? &seed : NULL, 0);
    /* Walk the run the way a viewer user does: steps, backs, a jump. */
    for (int i = 0; i < 5; i++) {
        vz_cmd c = {.kind = VZ_CMD_STEP};
        vr_command(r, &c);
    }
    vz_cmd back = {.kind = VZ_CMD_BACK};
    vr_command(r, &back);
    vr_goto(r, vr_total(r));
    char hex[17];
    snprintf(hex, sizeof hex, "%016" PRIx64, vr_fingerprint(r, 0));
    assert_string_equal(hex, cli_hex);
    snprintf(hex, sizeof hex, "%016" PRIx64, vr_final_fingerprint(r, 0));
    assert_string_equal(hex, cli_hex);
    close_runner(&fx);
}

static void test_the_viewer_fingerprint_equals_the_cli_fingerprint(void **state)
{
    (void)state;
    check_fingerprint_matches_cli(BOOT_RACE, NULL);
    check_fingerprint_matches_cli(BOOT_RACE, "7");
    check_fingerprint_matches_cli(IDLE, NULL);
}

static void test_hvsim_view_headless_writes_a_png_and_prints_the_run_fingerprint(void **state)
{
    (void)state;
    char *dir = hv_tmpdir();
    assert_non_null(dir);
    char out[4096];
    snprintf(out, sizeof out, "%s/boot.png", dir);
    hv_result run, view;
    assert_int_equal(hv_hvsim(&run, "run", BOOT_RACE, "--until", BOOT_UNTIL, "--seed", "3", NULL), 0);
    assert_int_equal(hv_hvsim(&view, "view", BOOT_RACE, "--until", BOOT_UNTIL, "--seed", "3",
                              "--headless", "--png-at", "3s", out, NULL),
                     0);
    if (view.status != 0) fail_msg("hvsim view: status %d: %s", view.status, view.err);
    char a[17], b[17];
    assert_int_equal(hv_fingerprint(run.out, a), 0);
    assert_int_equal(hv_fingerprint(view.out, b), 0);
    assert_string_equal(a, b);
    assert_true(hv_exists(out));
    hv_result_free(&run);
    hv_result_free(&view);
    /* Side by side: both panes' fingerprints. */
    assert_int_equal(hv_hvsim(&view, "view", BOOT_RACE, "--until", BOOT_UNTIL, "--vs",
                              "--set uvm.kernel_boot=3s", "--headless", "--png-at", "3s", out, NULL),
                     0);
    assert_non_null(strstr(view.out, "fingerprint: "));
    assert_non_null(strstr(view.out, "fingerprint (--vs \"--set uvm.kernel_boot=3s\"): "));
    hv_result_free(&view);
    /* A bad time: exit 2, an error, no file. */
    snprintf(out, sizeof out, "%s/bad.png", dir);
    assert_int_equal(hv_hvsim(&view, "view", BOOT_RACE, "--until", BOOT_UNTIL, "--headless",
                              "--png-at", "3 parsecs", out, NULL),
                     0);
    assert_int_equal(view.status, 2);
    assert_non_null(strstr(view.err, "error:"));
    assert_false(hv_exists(out));
    hv_result_free(&view);
    hv_rmdir(dir);
    free(dir);
}

static void test_hvsim_view_frames_are_fixed_steps_of_simulated_time_named_by_time(void **state)
{
    (void)state;
    char *dir = hv_tmpdir();
    assert_non_null(dir);
    char frames[1024];
    snprintf(frames, sizeof frames, "%s/frames", dir);
    hv_result run, view;
    assert_int_equal(hv_hvsim(&run, "run", IDLE, "--until", "12s", NULL), 0);
    /* 4 frames a second of video, 2 simulated s each: 0, 0.5, 1, ... s */
    assert_int_equal(hv_hvsim(&view, "view", IDLE, "--until", "12s", "--headless", "--frames",
                              frames, "--fps", "4", "--speed", "2", "--size", "800x450", NULL),
                     0);
    /* --until 12s leaves later expectations unchecked: both exit 1 alike. */
    if (view.status != run.status)
        fail_msg("hvsim view --frames: status %d (run: %d): %s", view.status, run.status, view.err);
    int n = hv_count_entries(frames, "frame-");
    assert_true(n >= 20 && n <= 25); /* the run's last event is at or before 12 s */
    assert_int_equal(hv_count_entries(frames, ".tmp"), 0);
    char first[1200], fourth[1200];
    snprintf(first, sizeof first, "%s/frame-000000-at-0000000.000s.png", frames);
    snprintf(fourth, sizeof fourth, "%s/frame-000003-at-0000001.500s.png", frames);
    assert_true(hv_exists(first));
    assert_true(hv_exists(fourth));
    hv_result_free(&run);
    hv_result_free(&view);
    /* Without --headless, --frames is a usage error; so is a bad --fps. */
    assert_int_equal(hv_hvsim(&view, "view", IDLE, "--frames", frames, NULL), 0);
    assert_int_equal(view.status, 2);
    hv_result_free(&view);
    assert_int_equal(hv_hvsim(&view, "view", IDLE, "--headless", "--frames", frames, "--fps", "0",
                              NULL),
                     0);
    assert_int_equal(view.status, 2);
    assert_non_null(strstr(view.err, "--fps"));
    hv_result_free(&view);
    hv_rmdir(frames);
    hv_rmdir(dir);
    free(dir);
}

/* N from the start of boot-race lands after every event of 0 s: all four
 * things said at 0 s are shown, and what they announce is in the picture
 * (the classic VM has reserved its whole 4 GiB). */
static void test_next_narration_lands_where_the_narration_is_true(void **state)
{
    (void)state;
    fixture fx;
    vr_runner *r = open_runner(&fx, BOOT_RACE, NULL, 0, NULL, 0);
    vz_cmd n = {.kind = VZ_CMD_NEXT_SAY};
    vr_command(r, &n);
    const vz_frame *f = vr_frame(r);
    assert_true(f->n_said >= 2);
    assert_int_equal(f->narration_ns, 0);
    assert_int_equal(f->view_ns, 0);
    /* every event at 0 s has run, none after */
    const sim_event *next = sim_engine_peek((sim_engine *)vr_engine(r, 0));
    assert_true(next == NULL || next->time_ns > 0);
    int t2 = -1;
    for (int i = 0; i < f->panes[0].n_models; i++)
        if (strcmp(f->panes[0].models[i].name, "t2vm") == 0) t2 = i;
    assert_true(t2 >= 0);
    const vz_model *m = &f->panes[0].models[t2];
    int reserved = -1;
    for (int i = 0; i < m->n_metrics; i++)
        if (strcmp(m->metrics[i].name, "reserved_bytes") == 0) reserved = i;
    assert_true(reserved >= 0);
    assert_int_equal(m->metrics[reserved].i, 4LL << 30);
    close_runner(&fx);
}

/* Renders f at w x h and fails naming the label if a key label (a title, a
 * state word, a badge, a value, the narration) had to be cut. */
static void assert_nothing_cut(const vz_frame *f, int w, int h, const char *what, int64_t t_ns)
{
    char err[256] = "", cut[160] = "";
    vz_headless *hl = vz_headless_open(w, h, err, sizeof err);
    if (!hl) fail_msg("%s", err);
    assert_int_equal(vz_headless_draw(hl, f), 0);
    int cuts = vz_headless_cuts(hl, cut, sizeof cut);
    vz_headless_close(hl);
    if (cuts)
        fail_msg("%s at %dx%d%s, t = %.3f s: %d key label(s) cut, the last: \"%s\"", what, w, h,
                 f->present ? " (presentation)" : "", (double)t_ns / 1e9, cuts, cut);
}

/* Every canned scenario, at every narration (where N lands) and at its
 * end, in the window's look and in presentation mode, at the smallest
 * window and the usual projector sizes: no key label is cut. */
static void test_no_key_label_is_cut_in_any_canned_scenario_at_projector_sizes(void **state)
{
    (void)state;
    static const int sizes[][2] = {{1024, 768}, {1280, 720}, {1920, 1080}, {1024, 720}};
    hv_fixture *list = calloc(64, sizeof *list);
    assert_non_null(list);
    int n = hv_list_fixtures(HVSIM_SOURCE_DIR "/scenarios", "", ".hvs", list, 64);
    assert_true(n >= 10);
    for (int k = 0; k < n; k++) {
        const char *path = list[k].path, *name = list[k].file;
        scn_scenario *scn = NULL;
        assert_int_equal(cli_load_scenario(path, NULL, 0, &scn), 0);
        vr_options o;
        memset(&o, 0, sizeof o);
        o.scn[0] = scn;
        o.n_panes = 1;
        o.path = path;
        o.stop_ns = 4 * 3600 * 1000000000LL; /* scenarios without `end` */
        sim_diag_list d;
        sim_diag_list_init(&d);
        vr_runner *r = NULL;
        assert_int_equal(vr_open(&o, &r, &d), 0);
        sim_diag_list_free(&d);
        vz_cmd next = {.kind = VZ_CMD_NEXT_SAY}, present = {.kind = VZ_CMD_PRESENT};
        for (int stop = 0; stop < 64; stop++) {
            uint64_t before = vr_position(r);
            vr_command(r, &next);
            if (vr_position(r) == before) vr_goto(r, vr_total(r));
            const vz_frame *f = vr_frame(r);
            for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
                assert_nothing_cut(f, sizes[s][0], sizes[s][1], name, f->view_ns);
            vr_command(r, &present);
            f = vr_frame(r);
            for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
                assert_nothing_cut(f, sizes[s][0], sizes[s][1], name, f->view_ns);
            vr_command(r, &present);
            if (vr_position(r) == vr_total(r)) break;
        }
        vr_free(r);
        scn_free(scn);
    }
    free(list);
}

static void test_side_by_side_runs_both_panes_with_their_own_clocks(void **state)
{
    (void)state;
    fixture fx;
    const char *const vs[] = {"uvm.kernel_boot=3s"};
    vr_runner *r = open_runner(&fx, BOOT_RACE, vs, 1, NULL, 0);
    const vz_frame *f = vr_frame(r);
    assert_int_equal(f->n_panes, 2);
    uint64_t t0 = f->panes[0].total_events, t1 = f->panes[1].total_events;
    assert_int_equal(vr_total(r), t0 + t1);
    vr_goto_time(r, 2500000000LL);
    f = vr_frame(r);
    /* Both advanced, each on its own clock; the slow kernel boot is not
     * done in pane B when pane A's prompt is up. */
    assert_true(f->panes[0].events > 0 && f->panes[1].events > 0);
    int uvm = -1;
    for (int i = 0; i < f->panes[0].n_models; i++)
        if (strcmp(f->panes[0].models[i].name, "uvm") == 0) uvm = i;
    assert_true(uvm >= 0);
    const vz_model *a = &f->panes[0].models[uvm], *b = &f->panes[1].models[uvm];
    assert_string_not_equal(a->metrics[0].text, b->metrics[0].text);
    vr_goto(r, vr_total(r));
    assert_true(vr_fingerprint(r, 0) != vr_fingerprint(r, 1));
    close_runner(&fx);
}
#endif

int main(void)
{
#ifdef HVSIM_HAVE_VIEWER
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_model_view_names_its_own_metrics_and_kinds),
        cmocka_unit_test(test_the_syscall_lanes_are_the_paths_stages),
        cmocka_unit_test(test_keys_map_to_the_intended_runner_commands),
        cmocka_unit_test(test_keys_do_not_act_behind_the_help_overlay),
        cmocka_unit_test(test_a_paused_still_frame_asks_for_no_redraw),
        cmocka_unit_test(test_hvsim_view_with_no_display_exits_2_pointing_at_headless),
        cmocka_unit_test(test_typing_a_time_runs_until_that_time),
        cmocka_unit_test(test_clicks_jump_on_the_timeline_and_the_log_and_select_boxes),
        cmocka_unit_test(test_stepping_forward_n_then_back_n_restores_the_identical_snapshot),
        cmocka_unit_test(test_headless_pngs_are_written_and_are_not_blank),
        cmocka_unit_test(test_the_viewer_fingerprint_equals_the_cli_fingerprint),
        cmocka_unit_test(test_hvsim_view_headless_writes_a_png_and_prints_the_run_fingerprint),
        cmocka_unit_test(test_hvsim_view_frames_are_fixed_steps_of_simulated_time_named_by_time),
        cmocka_unit_test(test_next_narration_lands_where_the_narration_is_true),
        cmocka_unit_test(test_side_by_side_runs_both_panes_with_their_own_clocks),
        cmocka_unit_test(test_no_key_label_is_cut_in_any_canned_scenario_at_projector_sizes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
#else
    /* Built without the viewer: `hvsim view` must say so and exit 2. */
    hv_result res;
    if (hv_hvsim(&res, "view", HVSIM_SOURCE_DIR "/scenarios/boot-race.hvs", NULL) != 0) return 1;
    int ok = res.status == 2 && strstr(res.err, "without the viewer") != NULL;
    hv_result_free(&res);
    printf("%s: hvsim view without the viewer exits 2 with a message\n", ok ? "ok" : "FAIL");
    return ok ? 0 : 1;
#endif
}
