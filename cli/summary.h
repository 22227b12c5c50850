/* summary.h: the readable end-of-run report printed by `hvsim run`:
 *
 *   scenario:         scenarios/boot-race.hvs
 *   title:            Three machines race to a shell prompt
 *   seed:             7
 *   simulated time:   75.000 s
 *   events processed: 48
 *
 *   metrics at end:
 *     uvm.prompt_latency        1.93 s
 *     ...
 *
 *   expectations:
 *     PASS  uvm.prompt_latency < 2s                  scenarios/boot-race.hvs:21
 *     FAIL  t2vm.prompt_latency < 5s  (observed 31.2 s)  scenarios/boot-race.hvs:22
 *   1 passed, 1 failed
 *
 *   fingerprint: 0123456789abcdef
 *
 * The fingerprint line is always last, lowercase %016llx of
 * sim_engine_fingerprint: tests and the viewer compare it. */
#ifndef HVSIM_CLI_SUMMARY_H
#define HVSIM_CLI_SUMMARY_H

#include <stdio.h>

#include "engine.h"
#include "scenario.h"

/* Call after sim_director_finish. */
void cli_summary_print(FILE *f, const char *path, const scn_scenario *s, const sim_engine *eng,
                       int director);

#endif
