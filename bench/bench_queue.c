/* bench_queue.c: the kernel's event loop against a bare binary heap, on the
 * classic "hold" workload: pop the earliest event, schedule one at now + a
 * random delay, so the number of pending events stays constant.
 *
 * Kernel: a sim_engine with one tiny model whose handler reschedules itself
 * through sim_schedule with a delay drawn from its own rng stream; no
 * observer is set, so nothing but the fingerprint is kept per event.
 * Baseline: a plain array heap of (time, seq) keys, written here, drawing
 * delays from the same kind of rng stream.  Both run in the same process,
 * at 10, 1,000 and 100,000 pending events; the figure to watch is the
 * ratio kernel / bare (target >= 0.7), which hides the machine's speed.
 *
 * Memory: peak RSS (getrusage ru_maxrss) of child processes that run 0,
 * 100,000, 1,000,000 and 10,000,000 events, all with 1,000 pending: equal
 * peaks show that memory follows the pending events, not the number
 * processed (the kernel keeps no per-event record).
 *
 * Wall-clock time is read here, in a benchmark, never in the simulator.
 * Usage: bench_queue [EVENTS_PER_POINT]   (default 2,000,000) */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "engine.h"
#include "rng.h"

enum { REPEATS = 3 };
static const int64_t MEAN_DELAY_NS = 1000 * SIM_US;

/* --- the hold model ------------------------------------------------------ */

typedef struct hold_state {
    int64_t pending;        /* events kept in flight (count) */
    int64_t mean_delay_ns;  /* delays are uniform in [1, 2 * mean] ns */
} hold_state;

static const sim_param_def hold_params[] = {
    {.name = "pending", .type = SIM_T_COUNT, .unit = "", .def = {.i = 1000}, .min = {.i = 1},
     .max = {.i = 10000000}, .offset = offsetof(hold_state, pending),
     .doc = "events kept in flight", .source = "benchmark setting"},
    {.name = "mean_delay", .type = SIM_T_DURATION, .unit = "ns", .def = {.i = 1000 * SIM_US},
     .min = {.i = 1}, .max = {.i = SIM_H}, .offset = offsetof(hold_state, mean_delay_ns),
     .doc = "mean scheduling delay", .source = "benchmark setting"},
};
static const char *const hold_kinds[] = {"tick"};

static void hold_reschedule(hold_state *s, sim_ctx *ctx)
{
    int64_t delay_ns = sim_rng_range(sim_rng_of(ctx), 1, 2 * s->mean_delay_ns);
    sim_schedule(ctx, delay_ns, sim_self(ctx), 0, NULL);
}

static void hold_init(void *state, sim_ctx *ctx)
{
    hold_state *s = state;
    for (int64_t i = 0; i < s->pending; i++) hold_reschedule(s, ctx);
}

static void hold_handle(void *state, sim_ctx *ctx, const sim_event *ev)
{
    (void)ev;
    hold_reschedule(state, ctx);
}

static const sim_model_ops hold_ops = {
    .version = SIM_MODEL_ABI_VERSION,
    .name = "hold",
    .doc = "benchmark: keeps a constant number of events in flight",
    .state_size = sizeof(hold_state),
    .params = hold_params,
    .n_params = SIM_COUNTOF(hold_params),
    .event_kinds = hold_kinds,
    .n_event_kinds = SIM_COUNTOF(hold_kinds),
    .init = hold_init,
    .handle_event = hold_handle,
};

static sim_engine *hold_engine(int64_t pending)
{
    sim_engine *eng = sim_engine_new(42);
    if (!eng) return NULL;
    int id = sim_engine_add_model(eng, &hold_ops, 0);
    if (id < 0) {
        sim_engine_free(eng);
        return NULL;
    }
    sim_value v = {.i = pending};
    sim_engine_set_param(eng, id, 0, v);
    v.i = MEAN_DELAY_NS;
    sim_engine_set_param(eng, id, 1, v);
    if (sim_engine_start(eng) != 0) {
        sim_engine_free(eng);
        return NULL;
    }
    return eng;
}

/* --- the bare heap ------------------------------------------------------- */

typedef struct bare_key {
    int64_t time_ns;
    uint64_t seq;
} bare_key;

typedef struct bare_heap {
    bare_key *a;
    size_t len;
    uint64_t next_seq;
} bare_heap;

static int key_before(const bare_key *x, const bare_key *y)
{
    return x->time_ns != y->time_ns ? x->time_ns < y->time_ns : x->seq < y->seq;
}

static void bare_push(bare_heap *h, int64_t time_ns)
{
    size_t i = h->len++;
    bare_key k = {time_ns, ++h->next_seq};
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (!key_before(&k, &h->a[parent])) break;
        h->a[i] = h->a[parent];
        i = parent;
    }
    h->a[i] = k;
}

static bare_key bare_pop(bare_heap *h)
{
    bare_key top = h->a[0], last = h->a[--h->len];
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= h->len) break;
        if (c + 1 < h->len && key_before(&h->a[c + 1], &h->a[c])) c++;
        if (!key_before(&h->a[c], &last)) break;
        h->a[i] = h->a[c];
        i = c;
    }
    if (h->len > 0) h->a[i] = last;
    return top;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Runs n hold steps on a bare heap with `pending` keys; returns seconds. */
static double bare_run(size_t pending, uint64_t n, int64_t *checksum)
{
    bare_heap h = {malloc(pending * sizeof(bare_key)), 0, 0};
    sim_rng rng;
    if (!h.a) return -1;
    sim_rng_seed(&rng, 42, "hold");
    for (size_t i = 0; i < pending; i++) bare_push(&h, sim_rng_range(&rng, 1, 2 * MEAN_DELAY_NS));
    double t0 = now_s();
    for (uint64_t i = 0; i < n; i++) {
        bare_key k = bare_pop(&h);
        bare_push(&h, k.time_ns + sim_rng_range(&rng, 1, 2 * MEAN_DELAY_NS));
    }
    double dt = now_s() - t0;
    *checksum += h.a[0].time_ns; /* keeps the loop from being optimised away */
    free(h.a);
    return dt;
}

/* Runs n kernel events with `pending` in flight; returns seconds. */
static double kernel_run(int64_t pending, uint64_t n, int64_t *checksum)
{
    sim_engine *eng = hold_engine(pending);
    if (!eng) return -1;
    double t0 = now_s();
    uint64_t done = sim_engine_run_until_event(eng, n);
    double dt = now_s() - t0;
    *checksum += sim_engine_now(eng);
    if (done != n || sim_engine_pending(eng) != (size_t)pending) dt = -1;
    sim_engine_free(eng);
    return dt;
}

static double best_of(double a, double b) { return (a < 0 || (b >= 0 && b < a)) ? b : a; }

static int throughput(uint64_t n)
{
    static const int64_t sizes[] = {10, 1000, 100000};
    int64_t checksum = 0;
    printf("hold model, %" PRIu64 " events per point, best of %d runs\n\n", n, REPEATS);
    printf("%10s  %16s  %16s  %8s\n", "pending", "kernel ev/s", "bare heap ev/s",
           "ratio");
    for (size_t s = 0; s < SIM_COUNTOF(sizes); s++) {
        double tk = -1, tb = -1;
        for (int r = 0; r < REPEATS; r++) {
            tk = best_of(tk, kernel_run(sizes[s], n, &checksum));
            tb = best_of(tb, bare_run((size_t)sizes[s], n, &checksum));
        }
        if (tk <= 0 || tb <= 0) {
            fprintf(stderr, "bench_queue: a run failed at %" PRId64 " pending\n", sizes[s]);
            return -1;
        }
        double ek = (double)n / tk, eb = (double)n / tb;
        printf("%10" PRId64 "  %16.0f  %16.0f  %8.2f\n", sizes[s], ek, eb, ek / eb);
    }
    printf("(checksum %" PRId64 ")\n", checksum);
    return 0;
}

/* Peak RSS in KiB of a child that runs n kernel events with `pending`
 * in flight, or -1. */
static long child_peak_kib(int64_t pending, uint64_t n)
{
    int fd[2];
    if (pipe(fd) != 0) return -1;
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        int64_t checksum = 0;
        long kib = -1;
        close(fd[0]);
        if (kernel_run(pending, n, &checksum) >= 0) {
            struct rusage ru;
            getrusage(RUSAGE_SELF, &ru);
            kib = ru.ru_maxrss; /* KiB on Linux */
        }
        ssize_t w = write(fd[1], &kib, sizeof kib);
        _exit(w == (ssize_t)sizeof kib ? 0 : 1);
    }
    close(fd[1]);
    long kib = -1;
    if (read(fd[0], &kib, sizeof kib) != (ssize_t)sizeof kib) kib = -1;
    close(fd[0]);
    int st;
    waitpid(pid, &st, 0);
    return kib;
}

static int memory(void)
{
    static const uint64_t counts[] = {0, 100000, 1000000, 10000000};
    printf("\npeak memory (ru_maxrss of a child process), 1000 pending:\n");
    for (size_t i = 0; i < SIM_COUNTOF(counts); i++) {
        long kib = child_peak_kib(1000, counts[i]);
        if (kib < 0) {
            fprintf(stderr, "bench_queue: memory run failed\n");
            return -1;
        }
        printf("%12" PRIu64 " events: %8ld KiB\n", counts[i], kib);
    }
    return 0;
}

int main(int argc, char **argv)
{
    uint64_t n = 2000000;
    if (argc > 1) {
        char *end = NULL;
        n = strtoull(argv[1], &end, 10);
        if (!end || *end || n == 0) {
            fprintf(stderr, "usage: bench_queue [EVENTS_PER_POINT]\n");
            return 2;
        }
    }
    printf("hvsim bench_queue\n");
    /* memory first, in children forked while this process is still small */
    if (memory() != 0) return 1;
    printf("\n");
    return throughput(n) == 0 ? 0 : 1;
}
