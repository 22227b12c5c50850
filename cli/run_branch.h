/* run_branch.h: `hvsim run FILE --branch-at T --set K=V...` -- one run
 * forked at T into two: as written, and with the changes applied at T.
 *
 * The scenario runs once up to T (every event before T), the engine's
 * state is checkpointed (sim/engine.h), and a second engine built the
 * same way is restored from the checkpoint; the changes (MODEL.PARAM=V,
 * checked like --set) are written into the second one only; both run to
 * the same stop (--until or `end`) as `hvsim run` would.  The first branch
 * is therefore exactly the plain run: its fingerprint equals `hvsim run`'s.
 *
 * A parameter flagged in its table as read at a machine's start
 * (SIM_PARAM_AT_START) is changed all the same and the output says the
 * change shows from the next start; one read only when the run begins
 * (SIM_PARAM_AT_INIT) cannot change at T: that is bad usage (exit 2).  A
 * scenario `param` is text substituted while the scenario loads, so it
 * cannot change at T either.
 *
 * Output: both summaries side by side -- simulated time, events,
 * expectations, the metrics that differ (marked *; every metric with
 * all_metrics), the expectations whose outcome differs -- then both
 * fingerprints.  Exit status: 0 both branches met every expectation, 1 one
 * did not, 2 bad usage or input. */
#ifndef HVSIM_CLI_RUN_BRANCH_H
#define HVSIM_CLI_RUN_BRANCH_H

#include <stddef.h>
#include <stdint.h>

typedef struct cli_branch_opts {
    const char *path;
    const char *wslconfig;        /* or NULL */
    const uint64_t *seed;         /* or NULL: the scenario's */
    int64_t until_ns;             /* -1: none */
    int64_t at_ns;                /* the branch point */
    const char *const *changes;   /* MODEL.PARAM=VALUE, applied at at_ns in branch 2 */
    size_t n_changes;
    int all_metrics;
} cli_branch_opts;

int cli_run_branch(const cli_branch_opts *o);

#endif
