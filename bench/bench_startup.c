/* bench_startup.c: what starting hvsim costs, and how a sweep scales.
 *
 * 1. Start-up: the wall time of posix_spawn + wait for
 *      /bin/true                         (a bare process start: the baseline)
 *      hvsim --version                   (hvsim's own start-up)
 *      hvsim run scenarios/boot-race.hvs (start-up plus a 55-event run)
 *      hvsim-view view --help            (a process that loads SDL2, as
 *                                         hvsim did before it was split)
 *    each the median of REPEATS spawns, with stdout to /dev/null, printed
 *    in ms and as a ratio to /bin/true.
 * 2. Sweep throughput: `hvsim sweep boot-race.hvs --repeat RUNS` at -j 1
 *    and -j 2 (best of 3 each), in runs per second, against one `hvsim run`
 *    process per run (the rate part 1 measured); the parallel efficiency
 *    is (runs/s at -j 2) / (2 x runs/s at -j 1).
 *
 * Wall-clock time is read here, in a benchmark, never in the simulator.
 * Usage: bench_startup [REPEATS [RUNS]]   (defaults 200 and 2000) */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Spawns argv with stdout and stderr to /dev/null and waits.  Wall time
 * in s, or -1 if it could not start or did not exit with `want`. */
static double spawn_once(char *const argv[], int want)
{
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    double t0 = now_s();
    int rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) return -1;
    int st = 0;
    if (waitpid(pid, &st, 0) != pid) return -1;
    double t = now_s() - t0;
    return WIFEXITED(st) && WEXITSTATUS(st) == want ? t : -1;
}

/* Median wall time of `repeats` spawns; -1 on any failure (reported). */
static double median_spawn(char *const argv[], int want, int repeats)
{
    double *v = malloc(sizeof *v * (size_t)repeats);
    if (!v) return -1;
    for (int i = 0; i < repeats; i++) {
        v[i] = spawn_once(argv, want);
        if (v[i] < 0) {
            fprintf(stderr, "bench_startup: '%s %s' failed\n", argv[0], argv[1] ? argv[1] : "");
            free(v);
            return -1;
        }
    }
    qsort(v, (size_t)repeats, sizeof *v, cmp_double);
    double m = v[repeats / 2];
    free(v);
    return m;
}

/* Best of 3 wall times of a sweep of `runs` runs at -j jobs.  -1 on failure. */
static double sweep_time(const char *runs, const char *jobs)
{
    char csv[64];
    snprintf(csv, sizeof csv, "/tmp/bench-startup-%d.csv", (int)getpid());
    char *argv[] = {HVSIM_BIN, "sweep", HVSIM_SOURCE_DIR "/scenarios/boot-race.hvs", "--repeat",
                    (char *)runs, "-j", (char *)jobs, "--csv", csv, NULL};
    double best = -1;
    for (int i = 0; i < 3; i++) {
        double t = spawn_once(argv, 0);
        if (t < 0) {
            fprintf(stderr, "bench_startup: the sweep at -j %s failed\n", jobs);
            return -1;
        }
        if (best < 0 || t < best) best = t;
    }
    unlink(csv);
    return best;
}

int main(int argc, char **argv)
{
    int repeats = argc > 1 ? atoi(argv[1]) : 200;
    if (repeats < 1) repeats = 1;
    const char *runs = argc > 2 ? argv[2] : "2000";
    double n_runs = atof(runs);
    char view_bin[4096];
    snprintf(view_bin, sizeof view_bin, "%s", HVSIM_BIN);
    char *slash = strrchr(view_bin, '/');
    snprintf(slash + 1, sizeof view_bin - (size_t)(slash + 1 - view_bin), "hvsim-view");

    char *bare[] = {"/bin/true", NULL};
    char *version[] = {HVSIM_BIN, "--version", NULL};
    char *run[] = {HVSIM_BIN, "run", HVSIM_SOURCE_DIR "/scenarios/boot-race.hvs", NULL};
    char *viewer[] = {view_bin, "view", "--help", NULL};
    struct { const char *label; char **argv; } rows[] = {
        {"/bin/true (baseline)", bare},
        {"hvsim --version", version},
        {"hvsim run boot-race.hvs", run},
        {"hvsim-view view --help (SDL2)", viewer},
    };
    printf("hvsim bench_startup: process start-up, median of %d spawns\n\n", repeats);
    printf("  %-32s %10s %8s\n", "command", "ms", "ratio");
    double base = -1, per_run = -1;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        double t = median_spawn(rows[i].argv, 0, repeats);
        if (t < 0) return 1;
        if (i == 0) base = t;
        if (rows[i].argv == run) per_run = t;
        printf("  %-32s %10.3f %8.2f\n", rows[i].label, t * 1e3, t / base);
    }
    double j1 = sweep_time(runs, "1"), j2 = sweep_time(runs, "2");
    if (j1 < 0 || j2 < 0) return 1;
    printf("\nsweep of boot-race.hvs, %s runs, best of 3\n\n", runs);
    printf("  %-32s %10s %8s\n", "", "runs/s", "ratio");
    printf("  %-32s %10.0f %8.2f\n", "one hvsim run process per run", 1 / per_run, 1.0);
    printf("  %-32s %10.0f %8.2f\n", "hvsim sweep -j 1", n_runs / j1, n_runs / j1 * per_run);
    printf("  %-32s %10.0f %8.2f\n", "hvsim sweep -j 2", n_runs / j2, n_runs / j2 * per_run);
    printf("\n  parallel efficiency at -j 2: %.2f\n", j1 / j2 / 2);
    return 0;
}
