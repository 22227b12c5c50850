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
 *
 * Wall-clock time is read here, in a benchmark, never in the simulator.
 * Usage: bench_startup [REPEATS]   (default 200) */
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

int main(int argc, char **argv)
{
    int repeats = argc > 1 ? atoi(argv[1]) : 200;
    if (repeats < 1) repeats = 1;
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
    double base = -1;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        double t = median_spawn(rows[i].argv, 0, repeats);
        if (t < 0) return 1;
        if (i == 0) base = t;
        printf("  %-32s %10.3f %8.2f\n", rows[i].label, t * 1e3, t / base);
    }
    return 0;
}
