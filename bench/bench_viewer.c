/* bench_viewer.c: what the viewer costs.
 *
 * 1. Drawing: a frame of boot-race at 3 s (every panel, the diagram, the
 *    log) rendered headless at 1600x900 against a blank frame (clear and
 *    present) in the same run; also the runner's frame build alone.
 * 2. Step back: a long run (a scenario made here: a 400 s build in the
 *    utility VM, its memory growing in 1 ms slices: about 1.2 million
 *    events), opened by the runner with its default checkpoints (every
 *    256 events, 256 MiB cap, thinned).  Time of one step back near event 1,000 and near event
 *    1,000,000 (the mean over landing points spread over one checkpoint
 *    interval after each, so both see every offset from a checkpoint), and
 *    their ratio, which should stay near 1: a step back costs one restore
 *    plus at most K replayed events wherever it lands.  The snapshot after
 *    the step back is checked against the one built before the step.
 *
 * Wall-clock time is read here, in a benchmark, never in the simulator.
 * Usage: bench_viewer [REPEATS]   (default 200) */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common.h"
#include "registry.h"
#include "view_runner.h"

#ifdef HVSIM_HAVE_VIEWER
#include <SDL.h>

#include "app.h"
#endif

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static scn_scenario *load_text(const char *name, const char *text)
{
    scn_options o;
    cli_scenario_options(&o);
    sim_diag_list d;
    sim_diag_list_init(&d);
    scn_scenario *s = NULL;
    if (scn_load_text(name, text, strlen(text), &o, &s, &d) != 0) {
        cli_print_diags(&d);
        s = NULL;
    }
    sim_diag_list_free(&d);
    return s;
}

static vr_runner *open_one(scn_scenario *s, int64_t stop_ns, uint64_t max_events, double *open_s)
{
    vr_options o;
    memset(&o, 0, sizeof o);
    o.max_events = max_events;
    o.scn[0] = s;
    o.n_panes = 1;
    o.stop_ns = stop_ns;
    sim_diag_list d;
    sim_diag_list_init(&d);
    vr_runner *r = NULL;
    double t0 = now_s();
    int rc = vr_open(&o, &r, &d);
    if (open_s) *open_s = now_s() - t0;
    cli_print_diags(&d);
    sim_diag_list_free(&d);
    return rc == 0 ? r : NULL;
}

#ifdef HVSIM_HAVE_VIEWER
static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return v[n / 2];
}

static int bench_render(int repeats)
{
    scn_scenario *s = NULL;
    if (cli_load_scenario(HVSIM_SOURCE_DIR "/scenarios/boot-race.hvs", NULL, 0, &s) != 0) return 1;
    vr_runner *r = open_one(s, 30 * SIM_S, 0, NULL);
    char err[512];
    vz_headless *hl = r ? vz_headless_open(1600, 900, err, sizeof err) : NULL;
    if (!hl) {
        fprintf(stderr, "bench_viewer: cannot render: %s\n", r ? err : "no runner");
        vr_free(r);
        scn_free(s);
        return 1;
    }
    vr_goto_time(r, 3 * SIM_S);
    double *full = malloc(sizeof(double) * (size_t)repeats);
    double *blank = malloc(sizeof(double) * (size_t)repeats);
    double *build = malloc(sizeof(double) * (size_t)repeats);
    for (int i = 0; i < repeats; i++) {
        double t0 = now_s();
        vz_headless_clear(hl);
        double t1 = now_s();
        const vz_frame *f = vr_frame(r);
        double t2 = now_s();
        vz_headless_draw(hl, f);
        double t3 = now_s();
        blank[i] = t1 - t0;
        build[i] = t2 - t1;
        full[i] = t3 - t1;
    }
    double b = median(blank, repeats), fb = median(build, repeats), ff = median(full, repeats);
    printf("render (boot-race at 3 s, 1600x900, software renderer, median of %d)\n", repeats);
    printf("  blank frame (clear + present)  %8.3f ms\n", b * 1e3);
    printf("  frame build (runner)           %8.3f ms\n", fb * 1e3);
    printf("  full frame (build + draw)      %8.3f ms   = %.1f x blank\n", ff * 1e3, ff / b);
    free(full);
    free(blank);
    free(build);
    vz_headless_close(hl);
    vr_free(r);
    scn_free(s);
    return 0;
}
#endif

/* A long run with few pending events: a build in the utility VM whose
 * memory grows in 1 ms slices for 400 s (each slice a few events), about
 * 1.2 million events.  (A run whose actions are all scheduled up front, e.g.
 * by a long `every`, carries a large queue in every checkpoint instead; see
 * docs/benchmarks.md.) */
#define LONG_RUN_EVENTS 0 /* no cap beyond the runner's default */
static const char long_run[] =
    "title \"bench: a long run\"\n"
    "set mem.build_slice = 1ms\n"
    "at 0s uvm.start\n"
    "at 3s mem.build name=long anon=4GiB cache=1GiB duration=400s\n";

/* Mean time of a step back landing on events at .. at + K - 1 (repeats
 * of them, spread evenly), so every offset from a checkpoint counts once:
 * the two points compare like with like.  *same: the snapshot after each
 * step back equals the one built before the step forward. */
static double time_back(vr_runner *r, uint64_t at, int repeats, int *same)
{
    uint64_t every = vr_get_stats(r).every;
    vz_frame *before = malloc(sizeof *before);
    double sum = 0;
    *same = 1;
    for (int i = 0; i < repeats; i++) {
        uint64_t pos = at + (uint64_t)i * every / (uint64_t)repeats;
        vr_goto(r, pos);
        memcpy(before, vr_frame(r), sizeof *before);
        vz_cmd step = {.kind = VZ_CMD_STEP}, back = {.kind = VZ_CMD_BACK};
        vr_command(r, &step);
        double t0 = now_s();
        vr_command(r, &back);
        sum += now_s() - t0;
        const vz_frame *after = vr_frame(r);
        if (before->panes[0].fingerprint != after->panes[0].fingerprint ||
            memcmp(before->panes[0].models, after->panes[0].models,
                   sizeof before->panes[0].models[0] * (size_t)before->panes[0].n_models) != 0)
            *same = 0;
    }
    free(before);
    return sum / repeats;
}

static int bench_back(int repeats)
{
    scn_scenario *s = load_text("bench-long-run.hvs", long_run);
    if (!s) return 1;
    double open_s = 0;
    vr_runner *r = open_one(s, -1, LONG_RUN_EVENTS, &open_s);
    if (!r) {
        scn_free(s);
        return 1;
    }
    uint64_t total = vr_total(r);
    vr_stats st = vr_get_stats(r);
    printf("\nstep back (a long run: %" PRIu64 " events, pre-scan and index %.2f s)\n", total,
           open_s);
    printf("  checkpoints kept %zu, every %" PRIu64 " events, %.1f MiB\n", st.checkpoints,
           st.every, st.checkpoint_bytes / 1048576.0);
    if (total < 1000001) {
        printf("  the run is too short for the event-1,000,000 point\n");
        vr_free(r);
        scn_free(s);
        return 1;
    }
    int same1 = 0, same2 = 0, s3 = 0, s4 = 0;
    /* A warm-up pass over both points first (caches, CPU clock), then the
     * measured one. */
    time_back(r, 1000, repeats, &s3);
    time_back(r, 1000000, repeats, &s4);
    double a = time_back(r, 1000, repeats, &same1);
    double b = time_back(r, 1000000, repeats, &same2);
    same1 &= s3;
    same2 &= s4;
    printf("  step back near event 1,000       %8.1f us mean of %d  (snapshots identical: %s)\n",
           a * 1e6, repeats, same1 ? "yes" : "NO");
    printf("  step back near event 1,000,000   %8.1f us mean of %d  (snapshots identical: %s)\n",
           b * 1e6, repeats, same2 ? "yes" : "NO");
    printf("  ratio (1,000,000 / 1,000)      %8.2f\n", b / a);
    vr_free(r);
    scn_free(s);
    return same1 && same2 ? 0 : 1;
}

int main(int argc, char **argv)
{
    int repeats = argc > 1 ? atoi(argv[1]) : 200;
    if (repeats < 5) repeats = 5;
    int rc = 0;
#ifdef HVSIM_HAVE_VIEWER
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    rc |= bench_render(repeats < 100 ? repeats : 100);
#else
    printf("render: built without the viewer; skipped\n");
#endif
    rc |= bench_back(repeats);
    return rc;
}
