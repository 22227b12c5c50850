/* bench_compare.c: `hvsim compare TRACE` at scale -- import of a
 * 1,000,000-line strace trace plus pricing on the three paths, against a
 * bare loop that only reads the same file's lines with getline, measured in
 * the same run on the same (page-cached) file.  Target: within 4x.
 *
 * The trace is built by repeating real traces whole, until it has at
 * least 1,000,000 lines, so every <unfinished ...> finds its <... resumed>.
 * The traces: the files named on the command line; else ones the bench
 * records itself when strace is installed (`strace -f -tt -T -y` of tar,
 * ls and a shell pipeline over system files); else the real excerpts in
 * tests/data/strace.  A trace is used only if two copies of it in a row
 * import cleanly (a file cut in the middle of a call is not).  Each
 * measurement is the best of 3 runs.  Usage: bench_compare [TRACE...] */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "strace.h"
#include "syscall_cost.h"
#include "workload.h"

#ifndef HVSIM_SOURCE_DIR
#define HVSIM_SOURCE_DIR "."
#endif

#define TARGET_LINES 1000000L
#define RUNS 3
#define MAX_INPUTS 64

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *len, long *lines)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 2);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    if (n > 0 && buf[n - 1] != '\n') buf[n++] = '\n';
    *len = (size_t)n;
    *lines = 0;
    for (long i = 0; i < n; i++) *lines += buf[i] == '\n';
    return buf;
}

static int is_trace_name(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return n > 4 && strcmp(e->d_name + n - 4, ".txt") == 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

/* Lists the default inputs: the real traces of the test data. */
static int default_inputs(char **paths, int cap)
{
    const char *dir = HVSIM_SOURCE_DIR "/tests/data/strace";
    struct dirent **names = NULL;
    int n = scandir(dir, &names, is_trace_name, by_name);
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (k < cap) {
            size_t len = strlen(dir) + strlen(names[i]->d_name) + 2;
            paths[k] = malloc(len);
            snprintf(paths[k], len, "%s/%s", dir, names[i]->d_name);
            k++;
        }
        free(names[i]);
    }
    free(names);
    return k;
}

/* Records a few real traces with strace into /tmp; returns how many. */
static int record_inputs(char **paths, int cap)
{
    static const char *const cmds[] = {
        "tar cf /dev/null -C /usr/include linux",
        "ls -laR /usr/share/doc > /dev/null",
        "sh -c 'cat /etc/passwd /etc/group | sort | wc -l > /dev/null'",
    };
    if (system("strace -V > /dev/null 2>&1") != 0) return 0;
    int k = 0;
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0] && k < cap; i++) {
        char path[64], cmd[512];
        snprintf(path, sizeof path, "/tmp/hvsim-bench-rec-%d-%zu.txt", (int)getpid(), i);
        snprintf(cmd, sizeof cmd, "strace -f -tt -T -y -o %s %s 2>/dev/null", path, cmds[i]);
        if (system(cmd) == 0) paths[k++] = strdup(path);
    }
    return k;
}

/* The bare loop: every line read, its length summed so nothing is skipped. */
static long bare_read(const char *path, size_t *sum)
{
    FILE *f = fopen(path, "rb");
    char *line = NULL;
    size_t cap = 0;
    long n = 0;
    ssize_t got;
    *sum = 0;
    while ((got = getline(&line, &cap, f)) >= 0) {
        *sum += (size_t)got;
        n++;
    }
    free(line);
    fclose(f);
    return n;
}

int main(int argc, char **argv)
{
    char *inputs[MAX_INPUTS];
    int n_in = 0;
    for (int i = 1; i < argc && n_in < MAX_INPUTS; i++) inputs[n_in++] = strdup(argv[i]);
    int recorded = 0;
    if (n_in == 0) n_in = recorded = record_inputs(inputs, MAX_INPUTS);
    if (n_in == 0) n_in = default_inputs(inputs, MAX_INPUTS);
    if (n_in == 0) {
        fprintf(stderr, "bench_compare: no traces (give some, or see tests/data/strace)\n");
        return 2;
    }
    /* Accept only traces that import cleanly on their own. */
    char *bufs[MAX_INPUTS];
    size_t lens[MAX_INPUTS];
    long lines_in[MAX_INPUTS], per_round = 0;
    int used = 0;
    for (int i = 0; i < n_in; i++) {
        char *b = slurp(inputs[i], &lens[used], &lines_in[used]);
        int ok = 0;
        if (b) {
            char *two = malloc(2 * lens[used]);
            memcpy(two, b, lens[used]);
            memcpy(two + lens[used], b, lens[used]);
            hv_workload w;
            sim_diag_list d;
            sim_diag_list_init(&d);
            ok = hv_strace_import_buffer(inputs[i], two, 2 * lens[used], 0, &w, NULL, &d) == 0;
            sim_diag_list_free(&d);
            free(two);
        }
        printf("input %-50s %7ld lines %s\n", inputs[i], b ? lines_in[used] : 0L,
               ok ? "" : "(skipped: two copies in a row do not import)");
        if (recorded) unlink(inputs[i]);
        if (!ok) {
            free(b);
            continue;
        }
        bufs[used] = b;
        per_round += lines_in[used++];
    }
    if (!used || per_round == 0) return 2;
    char tmpl[] = "/tmp/hvsim-bench-compare-XXXXXX";
    int fd = mkstemp(tmpl);
    FILE *out = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!out) {
        perror("bench_compare: temporary file");
        return 2;
    }
    long total_lines = 0;
    while (total_lines < TARGET_LINES)
        for (int i = 0; i < used; i++) {
            fwrite(bufs[i], 1, lens[i], out);
            total_lines += lines_in[i];
        }
    fclose(out);
    size_t sum;
    bare_read(tmpl, &sum); /* warm the page cache */

    double best_bare = 1e30, best_imp = 1e30;
    long lines = 0;
    int64_t calls = 0, totals[3] = {0, 0, 0};
    for (int r = 0; r < RUNS; r++) {
        double t0 = now_s();
        lines = bare_read(tmpl, &sum);
        double t1 = now_s();
        hv_workload w;
        sim_diag_list d;
        sim_diag_list_init(&d);
        hv_strace_stats stats;
        if (hv_strace_import_file(tmpl, 0, &w, &stats, &d) != 0) {
            fprintf(stderr, "bench_compare: import failed: %s:%d: %s\n",
                    d.len ? d.items[0].file : "?", d.len ? d.items[0].line : 0,
                    d.len ? d.items[0].msg : "?");
            unlink(tmpl);
            return 1;
        }
        sim_diag_list_free(&d);
        hv_cost_table t;
        hv_cost_defaults(&t);
        for (int p = 0; p < 3; p++) {
            hv_price pr;
            hv_cost_price_workload(&t, &w, (hv_path)p, 0, &pr);
            totals[p] = pr.total_ns;
        }
        double t2 = now_s();
        calls = hv_workload_total(&w);
        if (t1 - t0 < best_bare) best_bare = t1 - t0;
        if (t2 - t1 < best_imp) best_imp = t2 - t1;
    }
    unlink(tmpl);
    printf("\ntrace: %ld lines (%d real traces repeated), %lld system calls, %zu bytes\n", lines,
           used, (long long)calls, sum);
    printf("bare getline loop:      %8.3f s  %12.0f lines/s\n", best_bare,
           (double)lines / best_bare);
    printf("import + compare:       %8.3f s  %12.0f lines/s  %12.0f syscalls/s\n", best_imp,
           (double)lines / best_imp, (double)calls / best_imp);
    printf("ratio (import / bare):  %8.2f   (target <= 4)\n", best_imp / best_bare);
    printf("priced: native %.3f s, wsl2 %.3f s, wsl1 %.3f s\n", (double)totals[0] / 1e9,
           (double)totals[1] / 1e9, (double)totals[2] / 1e9);
    for (int i = 0; i < used; i++) free(bufs[i]);
    for (int i = 0; i < n_in; i++) free(inputs[i]);
    return best_imp / best_bare <= 4.0 ? 0 : 1;
}
