/* scenario_wslconfig.h: the scenario statement `wslconfig file "path"`.
 *
 * Reads a real .wslconfig (wslconfig.h) and records each of its keys as a
 * setting, exactly as if the scenario had written `wslconfig KEY=VALUE` at
 * that line: later statements and --set still override it.  The path is
 * resolved against the directory of the scenario file that names it.  The
 * file's own diagnostics keep the file's location (my.wslconfig:3:8); a
 * file that cannot be read is an error at the statement's path token.
 * Called by the scenario parser (scenario_parse.c); not a public API. */
#ifndef HVSIM_SIM_SCENARIO_WSLCONFIG_H
#define HVSIM_SIM_SCENARIO_WSLCONFIG_H

#include "scenario_int.h"

/* path_tok is the statement's path token, path its decoded text.  0, or -1
 * after reporting. */
int scn_wslconfig_file(scn_parser *ps, const sim_token *path_tok, const char *path);

#endif
