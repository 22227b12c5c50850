/* run_loop.c: the run loop of `hvsim run` and its branches (see
 * run_loop.h). */
#include "run_loop.h"

#include <inttypes.h>
#include <stdio.h>
#include <unistd.h>

#include "commands.h"
#include "common.h"

static void show_progress(const sim_engine *eng)
{
    char when[32];
    fprintf(stderr, "\rhvsim: %" PRIu64 " events, %s simulated   ",
            sim_engine_events_processed(eng), cli_format_time(sim_engine_now(eng), when, sizeof when));
}

int cli_run_loop(sim_engine *eng, int64_t limit_ns, cli_csv *csv, int *stopped)
{
    *stopped = 0;
    int tty = isatty(STDERR_FILENO);
    for (;;) {
        const sim_event *next = sim_engine_peek(eng);
        if (!next) break;
        if (limit_ns >= 0 && next->time_ns > limit_ns) {
            *stopped = 1;
            break;
        }
        if (csv && next->time_ns > sim_engine_now(eng)) cli_csv_sample(csv, eng);
        if (sim_engine_events_processed(eng) >= CLI_MAX_EVENTS) {
            if (tty) fputc('\n', stderr);
            char when[32];
            cli_error("the run was stopped after %llu events, the most one run may dispatch "
                      "(the safety cap), at %s s of simulated time with %zu events still "
                      "pending: give the scenario less work, an `end` time, or use --until",
                      CLI_MAX_EVENTS,
                      cli_format_seconds(sim_engine_now(eng), 3, when, sizeof when),
                      sim_engine_pending(eng));
            return -1;
        }
        sim_engine_step(eng);
        if (tty && (sim_engine_events_processed(eng) & 0xFFFFF) == 0) show_progress(eng);
    }
    if (tty && sim_engine_events_processed(eng) > 0xFFFFF) fputc('\n', stderr);
    if (sim_engine_status(eng) != SIM_OK) { /* a failed schedule ended the run */
        cli_error("the run stopped: %s", sim_engine_error(eng));
        return -1;
    }
    if (limit_ns > sim_engine_now(eng)) sim_engine_run_until_time(eng, limit_ns);
    if (csv) cli_csv_sample(csv, eng);
    return 0;
}

int64_t cli_stop_time(int64_t until_ns, const scn_scenario *s)
{
    int64_t end = scn_end_ns(s);
    if (end < 0) return until_ns;
    if (until_ns < 0) return end;
    return until_ns < end ? until_ns : end;
}
