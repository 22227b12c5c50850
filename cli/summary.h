/* summary.h: the readable end-of-run report printed by `hvsim run`: the
 * story of the run, then the evidence.
 *
 *   scenario:         scenarios/boot-race.hvs (seed 1)
 *   title:            Boot race: classic VM vs WSL2 utility VM vs WSL1
 *   simulated time:   25 s
 *   events processed: 55
 *
 *   story:
 *        0 s  The Type-1 hypervisor has run below Windows since the host ...
 *        1 s  WSL1 already shows a prompt; the utility VM is still booting ...
 *
 *   side by side:
 *                       t2vm          uvm           wsl1
 *     state             running       running       running
 *     prompt_latency    18.9 s        1.65 s        438 ms
 *
 *   metrics at end (those that changed or are named; 97: --all-metrics):
 *     host  vm_reserved 4.43 GiB · free 21.6 GiB
 *     uvm   distro_state running · last_boot 1.22 s
 *
 *   expectations (checked at):
 *     PASS     1 s  wsl1.state == running
 *     FAIL    25 s  t2vm.prompt_latency < 5s  (observed 18.9 s)  [boot-race.hvs:22]
 *   15 passed, 1 failed
 *
 *   fingerprint: 0123456789abcdef
 *
 * Metrics: without --all-metrics only those that differ from their value
 * before the first event, or that an expectation or a narration line names
 * (`uvm.host_bytes`), are listed; a metric shown in the side-by-side table
 * is not listed again.  Times are in words ("1 min 22.2 s", "1 h 39 min");
 * a value that never happened (SIM_NEVER) is "-".  Narration is wrapped to
 * the width given.  The fingerprint line is always last, lowercase %016llx
 * of sim_engine_fingerprint: tests and the viewer compare it. */
#ifndef HVSIM_CLI_SUMMARY_H
#define HVSIM_CLI_SUMMARY_H

#include <stdio.h>

#include "run_result.h"

typedef struct cli_summary_opts {
    int all_metrics;   /* 1: every metric of every model */
    int width;         /* columns to wrap narration at (cli_term_width) */
    int story;         /* 1: print the story (0 when --log has printed it already) */
} cli_summary_opts;

void cli_summary_print(FILE *f, const cli_run_result *r, const cli_summary_opts *opt);

#endif
