/* cmd_view.c: `hvsim view SCENARIO` -- the SDL2 viewer, in a window or
 * headless.
 *
 *   hvsim view FILE.hvs [--seed N] [--set K=V]... [--until T]
 *                       [--vs "--set K=V ..."] [--size WxH]
 *                       [--headless (--png-at TIME OUT.png | --frames DIR)]
 *
 * Loads the scenario (and, with --vs, the same scenario again with the
 * extra --set values for the second pane), opens a runner (view_runner.h)
 * and hands it to the window loop or renders PNGs with no display.  With
 * --frames, one PNG per step of simulated time (--fps, --speed), named
 * with its time (at most VIEW_MAX_FRAMES).  At the end it prints the run's
 * fingerprint, the one `hvsim run` prints for the same scenario, seed and
 * settings (and, side by side, the second pane's).
 * Built without the viewer, it checks its options, says so and exits 2.
 * Exit status as `hvsim run`: 0, 1 (an expectation of the run failed: only
 * headless), 2 bad usage or input (nothing written). */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "args.h"
#include "commands.h"
#include "common.h"
#include "view_runner.h"

#ifdef HVSIM_HAVE_VIEWER
#include "app.h"
#endif

#define VIEW_MAX_FRAMES 20000
#define VIEW_MAX_SETS 64

enum { OPT_SEED, OPT_SET, OPT_UNTIL, OPT_VS, OPT_SIZE, OPT_HEADLESS, OPT_PNG_AT, OPT_FRAMES,
       OPT_PRESENT, OPT_CONTROLS, OPT_FPS, OPT_SPEED };

static const cli_optdef view_optdefs[] = {
    [OPT_SEED] = {"--seed", "N", "random seed (0 .. 2^63-1) instead of the scenario's"},
    [OPT_SET] = {"--set", "K=V", "override a `param` or a MODEL.PARAM (repeatable)"},
    [OPT_UNTIL] = {"--until", "T", "stop the run at simulated time T"},
    [OPT_VS] = {"--vs", "\"--set K=V ...\"", "side by side: a second pane with these settings"},
    [OPT_SIZE] = {"--size", "WxH", "window or image size in pixels (default 1600x900)"},
    [OPT_HEADLESS] = {"--headless", NULL, "no window: write PNGs (with --png-at or --frames)"},
    [OPT_PNG_AT] = {"--png-at", "TIME OUT.png", "headless: the picture at TIME into OUT.png"},
    [OPT_FRAMES] = {"--frames", "DIR", "headless: PNGs at fixed steps of simulated time into DIR"},
    [OPT_PRESENT] = {"--present", NULL, "window: start in presentation mode (larger text, no key hints)"},
    [OPT_CONTROLS] = {"--controls", NULL, "headless: draw the key hints too (slides are in presentation mode)"},
    [OPT_FPS] = {"--fps", "N", "--frames: pictures per second of video (default 30)"},
    [OPT_SPEED] = {"--speed", "X", "--frames: simulated seconds per second of video (default 1)"},
};

typedef struct view_opts {
    int has_seed;
    uint64_t seed;
    int64_t until_ns;
    const char *sets[VIEW_MAX_SETS];
    size_t n_sets;
    const char *vs;
    int w, h;
    int headless;
    const char *png_at;
    const char *frames;
    int present, controls;
    int fps;
    double speed;
} view_opts;

static int add_set(view_opts *o, const char *value)
{
    if (!strchr(value, '=') || value[0] == '=') {
        cli_error("bad value for --set: '%s' is not NAME=VALUE", value);
        return -1;
    }
    if (o->n_sets == VIEW_MAX_SETS) {
        cli_error("too many --set options (at most %d)", VIEW_MAX_SETS);
        return -1;
    }
    o->sets[o->n_sets++] = value;
    return 0;
}

static int on_option(void *user, int idx, const char *value)
{
    view_opts *o = user;
    switch (idx) {
    case OPT_SEED: o->has_seed = 1; return cli_parse_seed(value, &o->seed);
    case OPT_SET: return add_set(o, value);
    case OPT_UNTIL: return cli_parse_duration("--until", value, &o->until_ns);
    case OPT_VS: o->vs = value; return 0;
    case OPT_SIZE: return cli_parse_size(value, &o->w, &o->h);
    case OPT_HEADLESS: o->headless = 1; return 0;
    case OPT_PNG_AT: o->png_at = value; return 0;
    case OPT_FRAMES: o->frames = value; return 0;
    case OPT_PRESENT: o->present = 1; return 0;
    case OPT_CONTROLS: o->controls = 1; return 0;
    case OPT_FPS:
        if (sscanf(value, "%d", &o->fps) != 1 || o->fps < 1 || o->fps > 240) {
            cli_error("bad value for --fps: '%s' (expected 1 .. 240)", value);
            return -1;
        }
        return 0;
    case OPT_SPEED: {
        char *end = NULL;
        o->speed = strtod(value, &end);
        if (!end || *end || !(o->speed >= 0.001 && o->speed <= 1e6)) {
            cli_error("bad value for --speed: '%s' (expected 0.001 .. 1000000, e.g. 60 for a "
                      "minute of simulated time per second)", value);
            return -1;
        }
        return 0;
    }
    default: return -1;
    }
}

static const char view_usage[] = "hvsim view FILE.hvs [options]";
static const char view_about[] =
    "Shows a scenario in a window: the machine's diagram, each event on its way, the\n"
    "narration, a timeline and an event log.  Step forward and back, play, jump.\n"
    "Press ? in the window for every key.  With --headless, writes PNGs instead.\n"
    "With --vs, a second pane runs the same scenario with other settings, side by side.";

static int check_modes(const view_opts *o, size_t n_pos)
{
    if (n_pos == 0) {
        cli_error("view: no scenario file given (try 'hvsim view --help')");
        return -1;
    }
    if (o->png_at && n_pos != 2) {
        cli_error("--png-at needs a time and an output file: --png-at 12s out.png");
        return -1;
    }
    if (!o->png_at && n_pos != 1) {
        cli_error("view takes one scenario file (got %zu arguments)", n_pos);
        return -1;
    }
    if ((o->png_at || o->frames) && !o->headless) {
        cli_error("--png-at and --frames need --headless");
        return -1;
    }
    if (o->headless && !o->png_at && !o->frames) {
        cli_error("--headless needs --png-at TIME OUT.png or --frames DIR");
        return -1;
    }
    return 0;
}

#ifndef HVSIM_HAVE_VIEWER
/* Built without the viewer: the options are still checked (and --help
 * answered), then the command says why it cannot go on. */
static int view_main(const char *path, const char *png_out, const view_opts *o)
{
    (void)path;
    (void)png_out;
    (void)o;
    cli_error("this hvsim was built without the viewer (SDL2, SDL2_ttf and SDL2_image were not "
              "found; install them and configure with -DHVSIM_VIEWER=ON)");
    return CLI_EXIT_USAGE;
}
#else
/* Splits --vs "--set a=1 --set b=2" (also "--set=a=1" and bare "a=1")
 * into set values pointing into buf.  0 or -1 (reported). */
static int split_vs(char *buf, const char **sets, size_t *n, size_t cap)
{
    int want_value = 0;
    for (char *tok = strtok(buf, " \t"); tok; tok = strtok(NULL, " \t")) {
        if (strcmp(tok, "--set") == 0) {
            want_value = 1;
            continue;
        }
        if (strncmp(tok, "--set=", 6) == 0) tok += 6;
        else if (tok[0] == '-') {
            cli_error("--vs takes --set K=V options only, not '%s'", tok);
            return -1;
        }
        want_value = 0;
        if (!strchr(tok, '=') || *n == cap) {
            cli_error("bad value in --vs: '%s' is not NAME=VALUE", tok);
            return -1;
        }
        sets[(*n)++] = tok;
    }
    if (want_value) {
        cli_error("--vs: '--set' needs a NAME=VALUE after it");
        return -1;
    }
    return 0;
}

static int render_png(vr_runner *r, const view_opts *o, const char *out, int64_t at_ns)
{
    char err[512];
    vz_headless *hl = vz_headless_open(o->w, o->h, err, sizeof err);
    if (!hl) {
        cli_error("%s", err);
        return -1;
    }
    vr_goto_time(r, at_ns);
    vz_headless_draw(hl, vr_frame(r));
    int rc = vz_headless_save(hl, out, err, sizeof err);
    if (rc != 0) cli_error("%s", err);
    vz_headless_close(hl);
    return rc;
}

/* Video frames: frame k shows simulated time k * speed / fps, named with
 * its number and that time, so a video made from them keeps time (an idle
 * hour is an hour of frames at --speed 1, a minute at --speed 60). */
static int render_frames(vr_runner *r, const view_opts *o)
{
    int64_t end = vr_frame(r)->end_ns;
    double step_ns = o->speed * 1e9 / o->fps;
    uint64_t count = (uint64_t)((double)end / step_ns) + 1;
    if (count > VIEW_MAX_FRAMES) {
        cli_error("--frames: %" PRIu64 " frames at --fps %d --speed %g for a %.1f s run, more "
                  "than %d; raise --speed (e.g. --speed %g) or shorten the run with --until",
                  count, o->fps, o->speed, (double)end / 1e9, VIEW_MAX_FRAMES,
                  o->speed * (double)count / VIEW_MAX_FRAMES * 1.01);
        return -1;
    }
    if (mkdir(o->frames, 0777) != 0 && errno != EEXIST) {
        cli_error("cannot make directory '%s': %s", o->frames, strerror(errno));
        return -1;
    }
    char err[512];
    vz_headless *hl = vz_headless_open(o->w, o->h, err, sizeof err);
    if (!hl) {
        cli_error("%s", err);
        return -1;
    }
    int rc = 0;
    vr_goto(r, 0);
    for (uint64_t k = 0; k < count && rc == 0; k++) {
        int64_t t = (int64_t)llround((double)k * step_ns);
        vr_play_to(r, t, 1.0 / o->fps);
        char path[4096];
        snprintf(path, sizeof path, "%s/frame-%06" PRIu64 "-at-%07" PRId64 ".%03ds.png", o->frames,
                 k, t / 1000000000, (int)(t / 1000000 % 1000));
        rc = vz_headless_draw(hl, vr_frame(r));
        if (rc == 0) rc = vz_headless_save(hl, path, err, sizeof err);
        if (rc != 0) cli_error("%s", err);
    }
    vz_headless_close(hl);
    if (rc == 0)
        printf("wrote %" PRIu64 " frames (%d per second of video, %g simulated s each second) "
               "to %s\n", count, o->fps, o->speed, o->frames);
    return rc;
}

static int load_panes(const char *path, const view_opts *o, char *vs_buf, scn_scenario *scn[2],
                      int *n_panes)
{
    *n_panes = 1;
    if (cli_load_scenario(path, o->sets, o->n_sets, &scn[0]) != 0) return -1;
    if (!o->vs) return 0;
    const char *sets[VIEW_MAX_SETS * 2];
    size_t n = 0;
    for (size_t i = 0; i < o->n_sets; i++) sets[n++] = o->sets[i];
    if (split_vs(vs_buf, sets, &n, SIM_COUNTOF(sets)) != 0) return -1;
    if (cli_load_scenario(path, sets, n, &scn[1]) != 0) return -1;
    *n_panes = 2;
    return 0;
}

static int view_main(const char *path, const char *png_out, const view_opts *o)
{
    int64_t at_ns = 0;
    if (o->png_at && cli_parse_duration("--png-at", o->png_at, &at_ns) != 0) return CLI_EXIT_USAGE;
    char err[512];
    if (!o->headless && vz_app_check_display(err, sizeof err) != 0) {
        cli_error("%s", err);
        return CLI_EXIT_USAGE;
    }
    scn_scenario *scn[2] = {NULL, NULL};
    char vs_buf[1024];
    snprintf(vs_buf, sizeof vs_buf, "%s", o->vs ? o->vs : "");
    int n_panes = 1, status = CLI_EXIT_USAGE;
    vr_runner *r = NULL;
    if (load_panes(path, o, vs_buf, scn, &n_panes) != 0) goto out;
    vr_options opt;
    memset(&opt, 0, sizeof opt);
    opt.scn[0] = scn[0];
    opt.scn[1] = scn[1];
    opt.n_panes = n_panes;
    opt.label[0] = "as written";
    opt.label[1] = o->vs;
    opt.path = path;
    opt.seed = o->has_seed ? &o->seed : NULL;
    opt.stop_ns = o->until_ns;
    /* slides and video frames are for a room: presentation mode unless asked */
    opt.present = o->headless ? !o->controls : o->present;
    sim_diag_list diags;
    sim_diag_list_init(&diags);
    int rc = vr_open(&opt, &r, &diags);
    cli_print_diags(&diags);
    sim_diag_list_free(&diags);
    if (rc != 0) goto out;
    if (o->headless) {
        if (o->png_at) rc = render_png(r, o, png_out, at_ns);
        else rc = render_frames(r, o);
        if (rc == 0) status = vr_final_failed(r, 0) ? CLI_EXIT_EXPECT : CLI_EXIT_OK;
    } else {
        vz_host host = vr_host(r);
        if (vz_app_run(&host, o->w, o->h, err, sizeof err) != 0) cli_error("%s", err);
        else status = CLI_EXIT_OK;
    }
    /* The run's fingerprint, as `hvsim run` prints it for the same scenario,
     * seed and settings (the viewer is read-only). */
    if (status != CLI_EXIT_USAGE) {
        printf("fingerprint: %016" PRIx64 "\n", vr_final_fingerprint(r, 0));
        if (n_panes == 2)
            printf("fingerprint (--vs \"%s\"): %016" PRIx64 "\n", o->vs, vr_final_fingerprint(r, 1));
    }
out:
    vr_free(r);
    scn_free(scn[0]);
    scn_free(scn[1]);
    return status;
}

#endif

static int ends_with(const char *s, const char *tail)
{
    size_t a = strlen(s), b = strlen(tail);
    return a >= b && strcmp(s + a - b, tail) == 0;
}

int cli_cmd_view(int argc, char **argv)
{
    view_opts o;
    memset(&o, 0, sizeof o);
    o.until_ns = -1;
    o.w = 1600; /* pixels: a projector's 16:9 */
    o.fps = 30;
    o.speed = 1.0;
    o.h = 900;
    const char **pos = calloc((size_t)argc + 1, sizeof *pos);
    if (!pos) {
        cli_error("out of memory");
        return CLI_EXIT_USAGE;
    }
    size_t n_pos = 0;
    int status;
    int rc = cli_args_parse(argc, argv, 2, view_optdefs, SIM_COUNTOF(view_optdefs), on_option, &o,
                            pos, &n_pos);
    if (rc == CLI_ARGS_HELP) {
        cli_args_help(stdout, view_usage, view_about, view_optdefs, SIM_COUNTOF(view_optdefs));
        status = CLI_EXIT_OK;
    } else if (rc != CLI_ARGS_OK || check_modes(&o, n_pos) != 0) {
        status = CLI_EXIT_USAGE;
    } else {
        /* --png-at TIME OUT.png: OUT.png is a positional; accept it on either
         * side of the scenario. */
        if (n_pos == 2 && ends_with(pos[0], ".png") && !ends_with(pos[1], ".png")) {
            const char *t = pos[0];
            pos[0] = pos[1];
            pos[1] = t;
        }
        status = view_main(pos[0], o.png_at ? pos[1] : NULL, &o);
    }
    free(pos);
    return status;
}
