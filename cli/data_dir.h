/* data_dir.h: where hvsim finds its canned scenarios and workload profiles,
 * so `hvsim run boot-race` works from any directory, from the build tree
 * and from an installed prefix.
 *
 * Data roots, in order:
 *   1. $HVSIM_DATA_DIR, if set (a directory holding scenarios/);
 *   2. <dir of the hvsim executable>/../share/hvsim -- an installed hvsim
 *      (`cmake --install build --prefix P` puts the data in P/share/hvsim);
 *   3. the source tree hvsim was built from (HVSIM_SOURCE_DIR).
 * Only roots that exist count.  A root holds scenarios/NAME.hvs and
 * scenarios/profiles/NAME.wl.
 *
 * cli_data_export makes the first root known to the libraries below the
 * CLI (import/'s profile lookup reads $HVSIM_DATA_DIR) by setting the
 * variable when the user has not. */
#ifndef HVSIM_CLI_DATA_DIR_H
#define HVSIM_CLI_DATA_DIR_H

#include <stddef.h>

/* Writes data root i (0-based, in the order above, existing ones only) to
 * out.  0, or -1 when there is no such root. */
int cli_data_root(int i, char *out, size_t cap);

/* Resolves a scenario argument: an existing file as given; else, against
 * each root, ROOT/ARG, ROOT/scenarios/ARG and ROOT/scenarios/ARG.hvs (so
 * "boot-race", "boot-race.hvs" and "scenarios/boot-race.hvs" all work from
 * any directory).  0 with the path in out, or -1 (out holds arg). */
int cli_find_scenario(const char *arg, char *out, size_t cap);

/* The scenarios directory to list: ./scenarios if it exists, else the
 * first root's scenarios/.  0, or -1 when there is none. */
int cli_scenarios_dir(char *out, size_t cap);

/* Sets HVSIM_DATA_DIR to the first root unless it is set already. */
void cli_data_export(void);

#endif
