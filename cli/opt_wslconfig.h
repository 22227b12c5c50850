/* opt_wslconfig.h: the command-line option `--wslconfig FILE` of run/check.
 *
 * The file is read as a real .wslconfig (wsl/wslconfig.h) against the model
 * registry; each of its keys becomes a typed override (scn_override)
 * applied before the user's own --set entries, so the order of precedence is:
 * the scenario's settings, then the .wslconfig, then --set.  Warnings
 * (unknown keys...) are printed and the run goes on; an error prints
 * file:line:col and the command exits with status 2. */
#ifndef HVSIM_CLI_OPT_WSLCONFIG_H
#define HVSIM_CLI_OPT_WSLCONFIG_H

#include <stddef.h>

#include "scenario.h"

/* cli_load_scenario with a .wslconfig first (wslconfig_path NULL: none).
 * Diagnostics are printed.  0 or -1. */
int cli_load_scenario_wslconfig(const char *path, const char *wslconfig_path,
                                const char *const *sets, size_t n_sets, scn_scenario **out);

#endif
