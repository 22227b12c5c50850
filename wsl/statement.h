/* statement.h: the scenario statement `wslconfig`, added to the scenario
 * language from outside it (scn/scenario_ext.h):
 *
 *   wslconfig KEY=VALUE ...     .wslconfig keys (keys.h), values written in
 *                               the scenario's own syntax (8GiB, 60s)
 *   wslconfig file "path"       a real .wslconfig (wslconfig.h), the path
 *                               relative to the scenario file naming it
 *
 * Either records the keys' parameters as settings at that line, exactly as
 * `set` would: later statements and --set still override them.  A file's
 * own diagnostics keep the file's location (my.wslconfig:3:8) followed by
 * a note at the statement; a file that cannot be read is an error at the
 * statement's path. */
#ifndef HVSIM_WSL_STATEMENT_H
#define HVSIM_WSL_STATEMENT_H

#include <stddef.h>

#include "scenario_ext.h"

/* The keyword table to put in scn_options.keywords (static; n entries). */
const scn_keyword *wsl_keywords(size_t *n);

#endif
